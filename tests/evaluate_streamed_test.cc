// The streamed reading (EvaluateStreamed, EvaluateBytes's fast way) is taken
// for requests laid out as protobuf writes them, at any thread count, and
// gives the tree's bytes; irregular layouts and refusals are declined, so
// that the tree's reading answers them (tests/evaluate_bytes_*_test.cc
// check that EvaluateBytes's answers are the tree's either way).
#include <sys/resource.h>

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "evaluate_streamed.h"
#include "generated_ledgers.h"
#include "gtest/gtest.h"
#include "purring/engine.h"
#include "purring/limits.h"

namespace purring {
namespace {

using generated::Ledger;
using generated::Shuffle;

std::string TreeBytes(const v1::EvaluateRequest& request) {
  absl::StatusOr<SerializedResponse> response = EvaluateSerialized(request);
  EXPECT_TRUE(response.ok()) << response.status();
  return response.ok() ? std::string(response->data.get(), response->size)
                       : "";
}

// Streamed, and the tree's bytes.
void ExpectStreamed(const v1::EvaluateRequest& request,
                    const std::string& label) {
  SCOPED_TRACE(label);
  absl::StatusOr<SerializedResponse> streamed =
      internal::EvaluateStreamed(request.SerializeAsString());
  ASSERT_TRUE(streamed.ok()) << streamed.status();
  EXPECT_EQ(streamed->data.get()[streamed->size], '\0');
  EXPECT_EQ(std::string(streamed->data.get(), streamed->size),
            TreeBytes(request));
}

TEST(EvaluateStreamed, TakenForGeneratedLedgersAtAnyThreadCount) {
  for (int invoices : {1, 300, 3 * 4096 + 100}) {
    v1::EvaluateRequest request = Ledger(invoices, 11);
    for (int threads : {1, 2, 3}) {
      request.mutable_options()->set_threads(threads);
      ExpectStreamed(request, absl::StrCat(invoices, " invoices, threads ",
                                           threads));
    }
  }
}

TEST(EvaluateStreamed, TakenWithTheInvoicesShuffledAndTheHistoryOmitted) {
  v1::EvaluateRequest request = Ledger(2 * 4096 + 50, 12);
  Shuffle(&request, 12);
  request.mutable_options()->set_threads(2);
  request.mutable_options()->set_omit_history_in_results(true);
  ExpectStreamed(request, "shuffled, 2 threads, history omitted");
}

// The generator numbers invoices upwards, so its ledgers take the
// no-map lookups (validate_split.cc, InvoiceFinder); with the history
// reversed, every lookup is a binary search rather than the next invoice.
TEST(EvaluateStreamed, TakenWithTheHistoryInReverseOrder) {
  v1::EvaluateRequest request = Ledger(4096 + 30, 15);
  ASSERT_GT(request.history().notices_size(), 100);
  auto* notices = request.mutable_history()->mutable_notices();
  std::reverse(notices->begin(), notices->end());
  auto* cases = request.mutable_history()->mutable_collection_cases();
  std::reverse(cases->begin(), cases->end());
  ExpectStreamed(request, "history reversed");
}

TEST(EvaluateStreamed, DeclinesAnUnknownInvoiceAmongAscendingNumbers) {
  v1::EvaluateRequest request = Ledger(300, 16);
  // A number between two the invoices have: the binary search's miss.
  const std::string gone = request.invoices(10).number();
  request.mutable_invoices()->DeleteSubrange(10, 1);
  request.mutable_history()->mutable_notices(0)->set_invoice_number(gone);
  EXPECT_FALSE(internal::EvaluateStreamed(request.SerializeAsString()).ok());
}

TEST(EvaluateStreamed, DeclinesAnInvoiceWhoseNumberIsNotItsFirstField) {
  v1::EvaluateRequest request = Ledger(20, 13);
  // The customer's id first, then the rest: valid protobuf, not the layout
  // protobuf writes.
  v1::Invoice invoice = request.invoices(0);
  std::string reordered;
  {
    v1::Invoice customer_only;
    customer_only.set_customer_id(invoice.customer_id());
    v1::Invoice rest = invoice;
    rest.clear_customer_id();
    reordered = customer_only.SerializeAsString() + rest.SerializeAsString();
  }
  request.mutable_invoices()->DeleteSubrange(0, 1);
  std::string bytes = request.SerializeAsString();
  // EvaluateRequest.invoices = 5, length-delimited.
  std::string field = std::string(1, static_cast<char>((5 << 3) | 2));
  field += static_cast<char>(reordered.size());  // under 128 bytes
  ASSERT_LT(reordered.size(), 128u);
  bytes += field + reordered;
  EXPECT_FALSE(internal::EvaluateStreamed(bytes).ok());
  // EvaluateBytes still evaluates it, through the tree.
  absl::StatusOr<SerializedResponse> response = EvaluateBytes(bytes);
  EXPECT_TRUE(response.ok()) << response.status();
}

TEST(EvaluateStreamed, DeclinesRefusedRequests) {
  v1::EvaluateRequest request = Ledger(20, 14);
  request.mutable_invoices(3)->set_due_date("2026-02-30");
  EXPECT_FALSE(internal::EvaluateStreamed(request.SerializeAsString()).ok());
  request = Ledger(20, 14);
  request.mutable_history()->add_notices()->set_invoice_number("no such");
  EXPECT_FALSE(internal::EvaluateStreamed(request.SerializeAsString()).ok());
  request = Ledger(20, 14);
  *request.add_invoices() = request.invoices(0);  // a duplicate number
  EXPECT_FALSE(internal::EvaluateStreamed(request.SerializeAsString()).ok());
}

TEST(EvaluateStreamed, CountsTheRecordsBeforeParsingAny) {
  // kMaxCustomers + 1 empty customers: 20 MB of request that, parsed, would
  // take over a gigabyte. Refused from the wire counts (purring/limits.h)
  // before a single customer becomes a message.
  const std::string one_customer("\x22\x00", 2);  // field 4, length 0
  std::string bytes;
  bytes.reserve(one_customer.size() * (kMaxCustomers + 1));
  for (int i = 0; i <= kMaxCustomers; ++i) bytes += one_customer;
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  absl::StatusOr<SerializedResponse> streamed =
      internal::EvaluateStreamed(bytes);
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  ASSERT_FALSE(streamed.ok());
  EXPECT_EQ(streamed.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(streamed.status().message(),
            absl::StrCat("request has ", kMaxCustomers + 1,
                         " customers; the limit is ", kMaxCustomers));
  // ru_maxrss is in KiB: the peak grew by less than 100 MB (the messages
  // would have taken more than 1 GB).
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 100 * 1024);
}

}  // namespace
}  // namespace purring
