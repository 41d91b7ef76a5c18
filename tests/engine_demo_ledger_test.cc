// The demo ledger as the independent host evaluates it (issue 3 "How it will
// be checked"): every invoice exactly once, the same bytes twice, letters,
// deadlines and the missing-address list present.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "purring/engine.h"

namespace purring {
namespace {

v1::EvaluateRequest LoadDemo() {
  const char* root = std::getenv("PURRING_SOURCE_DIR");
  const std::string path =
      std::string(root == nullptr ? "." : root) + "/examples/demo_ledger.json";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  v1::EvaluateRequest request;
  const auto status = google::protobuf::util::JsonStringToMessage(text.str(), &request);
  EXPECT_TRUE(status.ok()) << path << ": " << status.ToString();
  return request;
}

TEST(EngineDemoLedgerTest, EveryInvoiceOnceSameBytesLettersAndMissingAddresses) {
  const v1::EvaluateRequest request = LoadDemo();
  ASSERT_GT(request.invoices_size(), 0);
  absl::StatusOr<v1::EvaluateResponse> first = Evaluate(request);
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<v1::EvaluateResponse> second = Evaluate(request);
  ASSERT_TRUE(second.ok()) << second.status();
  std::string a, b;
  ASSERT_TRUE(first->SerializeToString(&a));
  ASSERT_TRUE(second->SerializeToString(&b));
  EXPECT_EQ(a, b);

  absl::flat_hash_map<std::string, int> seen;
  for (const auto& r : first->results()) {
    ++seen[r.invoice_number()];
    EXPECT_NE(r.status(), v1::INVOICE_STATUS_UNSPECIFIED) << r.invoice_number();
  }
  ASSERT_EQ(first->results_size(), request.invoices_size());
  for (const auto& inv : request.invoices()) {
    EXPECT_EQ(seen[inv.number()], 1) << inv.number();
  }
  EXPECT_GT(first->letters_size(), 0);
  for (const auto& letter : first->letters()) EXPECT_FALSE(letter.deadline().empty());
  EXPECT_GT(first->customers_missing_address_size(), 0);
}

}  // namespace
}  // namespace purring
