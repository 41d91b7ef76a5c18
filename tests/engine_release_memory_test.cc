// The blocks an evaluation keeps for the next one (src/block_pool.h): a
// large ledger leaves its blocks kept, the next evaluation writes into them
// (they are not cleared) and still gives the same bytes, and ReleaseMemory
// gives them all back.
#include <string>

#include "block_pool.h"
#include "generated_ledgers.h"
#include "gtest/gtest.h"
#include "purring/engine.h"

namespace purring {
namespace {

// Large enough for working tables and a response of several blocks' size
// (the pool's, from 4 MiB: src/malloc_buffer.cc, src/large_allocator.h).
constexpr int kLargeLedgerInvoices = 40000;

std::string ResponseBytes(const std::string& request) {
  absl::StatusOr<SerializedResponse> response = EvaluateBytes(request);
  EXPECT_TRUE(response.ok()) << response.status();
  if (!response.ok()) return "";
  return std::string(response->data.get(), response->size);
}

TEST(ReleaseMemory, ALargeEvaluationsBlocksAreKeptReusedAndReleased) {
  ReleaseMemory();
  const std::string first =
      generated::Ledger(kLargeLedgerInvoices, 1).SerializeAsString();
  const std::string second =
      generated::Ledger(kLargeLedgerInvoices, 2).SerializeAsString();

  const std::string first_response = ResponseBytes(first);
  ASSERT_GT(first_response.size(), internal::kPooledBlockBytes);
  const size_t kept = internal::KeptBytes();
  // At least the response's block, freed when `response` went.
  EXPECT_GE(kept, internal::BlockClassBytes(first_response.size()));
  EXPECT_LE(kept, internal::kKeptBytesLimit);

  // Another ledger written over the kept blocks, then the first again: the
  // bytes left in them change nothing.
  const std::string second_response = ResponseBytes(second);
  EXPECT_NE(second_response, first_response);
  EXPECT_EQ(ResponseBytes(first), first_response);

  const size_t kept_now = internal::KeptBytes();
  EXPECT_GT(kept_now, 0u);
  EXPECT_EQ(ReleaseMemory(), kept_now);
  EXPECT_EQ(internal::KeptBytes(), 0u);
  EXPECT_EQ(ReleaseMemory(), 0u);
}

TEST(ReleaseMemory, ASmallEvaluationKeepsNothing) {
  ReleaseMemory();
  const std::string request = generated::Ledger(200, 3).SerializeAsString();
  EXPECT_FALSE(ResponseBytes(request).empty());
  EXPECT_EQ(internal::KeptBytes(), 0u);
  EXPECT_EQ(ReleaseMemory(), 0u);
}

}  // namespace
}  // namespace purring
