// EvaluateSerialized (the C ABI's path, issue 6): results serialized as they
// are computed give exactly the bytes of the response tree, for any thread
// count and any order of the invoices; sharding keeps customers together.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine_test_ledger.h"
#include "generated_ledgers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "process/request_index.h"
#include "purring/engine.h"
#include "purring/parse.h"
#include "same_bytes.h"
#include "shard_plan.h"

namespace purring {
namespace {

// Large enough for several shards (a shard has at least 4 096 invoices).
constexpr int kShardedInvoices = 3 * 4096 + 100;

using generated::Ledger;

std::string TreeBytes(const v1::EvaluateRequest& request) {
  absl::StatusOr<v1::EvaluateResponse> response = Evaluate(request);
  EXPECT_TRUE(response.ok()) << response.status();
  return response.ok() ? response->SerializeAsString() : "";
}

std::string StreamedBytes(const v1::EvaluateRequest& request) {
  absl::StatusOr<SerializedResponse> response = EvaluateSerialized(request);
  EXPECT_TRUE(response.ok()) << response.status();
  if (!response.ok()) return "";
  EXPECT_EQ(response->data.get()[response->size], '\0');
  return std::string(response->data.get(), response->size);
}

// Ledger with its invoices shuffled (generated::Shuffle).
v1::EvaluateRequest Shuffled(v1::EvaluateRequest request, uint32_t seed) {
  generated::Shuffle(&request, seed);
  return request;
}

TEST(EvaluateSerialized, SmallLedgersGiveTheTreeBytes) {
  for (uint64_t seed : {1, 2, 3}) {
    const v1::EvaluateRequest request = Ledger(300 + 50 * seed, seed);
    const std::string tree = TreeBytes(request);
    ASSERT_FALSE(tree.empty());
    EXPECT_EQ(StreamedBytes(request), tree) << "seed " << seed;
  }
}

TEST(EvaluateSerialized, TheDemoLedgerGivesTheTreeBytes) {
  const char* root = std::getenv("PURRING_SOURCE_DIR");
  std::ifstream in(std::string(root == nullptr ? "." : root) +
                   "/examples/demo_ledger.json");
  std::stringstream json;
  json << in.rdbuf();
  v1::EvaluateRequest request;
  ASSERT_TRUE(ParseRequestJson(json.str(), &request).ok());
  EXPECT_EQ(StreamedBytes(request), TreeBytes(request));
}

TEST(EvaluateSerialized, WithoutHistoryGivesTheTreeBytes) {
  v1::EvaluateRequest request = Ledger(1000, 11);
  request.mutable_options()->set_omit_history_in_results(true);
  EXPECT_EQ(StreamedBytes(request), TreeBytes(request));
}

// A newer host's field (number 99, varint 5) in `message`.
void AddUnknownField(google::protobuf::Message* message) {
  message->GetReflection()->MutableUnknownFields(message)->AddVarint(99, 5);
}

// protobuf keeps fields it does not know and writes them back: in the
// letters' addresses (copied from the customers) and the results' histories
// (the notices). The bytes written by hand (record_wire.h) keep them too.
TEST(EvaluateSerialized, FieldsTheSchemaDoesNotKnowAreKeptAsInTheTree) {
  v1::EvaluateRequest request = Ledger(400, 5);
  for (v1::Customer& customer : *request.mutable_customers()) {
    if (customer.has_postal_address()) {
      AddUnknownField(customer.mutable_postal_address());
    }
  }
  for (v1::Notice& notice : *request.mutable_history()->mutable_notices()) {
    AddUnknownField(&notice);
  }
  const std::string tree = TreeBytes(request);
  v1::EvaluateResponse response;
  ASSERT_TRUE(response.ParseFromString(tree));
  const auto unknown = [](const google::protobuf::Message& message) {
    return !message.GetReflection()->GetUnknownFields(message).empty();
  };
  int letters_kept = 0, notices_kept = 0;
  for (const v1::ProposedLetter& letter : response.letters()) {
    letters_kept += unknown(letter.postal_address());
  }
  for (const v1::InvoiceResult& result : response.results()) {
    for (const v1::Notice& notice : result.history()) {
      notices_kept += unknown(notice);
    }
  }
  ASSERT_GT(letters_kept, 0);
  ASSERT_GT(notices_kept, 0);

  EXPECT_EQ(StreamedBytes(request), tree);
  absl::StatusOr<SerializedResponse> bytes =
      EvaluateBytes(request.SerializeAsString());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(std::string(bytes->data.get(), bytes->size), tree);
}

TEST(EvaluateSerialized, AnyThreadCountGivesTheSameBytes) {
  v1::EvaluateRequest request = Ledger(kShardedInvoices, 5);
  const std::string one_thread = TreeBytes(request);
  ASSERT_FALSE(one_thread.empty());
  for (int threads : {1, 2, 3, 8}) {
    request.mutable_options()->set_threads(threads);
    EXPECT_TRUE(testing::SameBytes(StreamedBytes(request), one_thread))
        << threads << " threads";
    EXPECT_TRUE(testing::SameBytes(TreeBytes(request), one_thread))
        << threads << " threads (tree)";
  }
}

TEST(EvaluateSerialized, CustomersSpreadOverTheRequestGiveTheSameBytes) {
  v1::EvaluateRequest request = Shuffled(Ledger(kShardedInvoices, 6), 42);
  const std::string one_thread = TreeBytes(request);
  ASSERT_FALSE(one_thread.empty());
  for (int threads : {2, 3}) {
    request.mutable_options()->set_threads(threads);
    EXPECT_TRUE(testing::SameBytes(StreamedBytes(request), one_thread))
        << threads << " threads";
  }
}

TEST(EvaluateSerialized, UpcomingInvoicesAreInRequestOrderOnAnyThreadCount) {
  // evaluate.proto NextDispatch.upcoming_invoice_numbers: "In request
  // order." Two customers' invoices alternate, so two shards each hold
  // every other one; all fall due for tomorrow's automatic dispatch.
  testing::TestLedger ledger;
  ledger.SetAsOf("2026-11-24T12:00:00Z");  // after 11:00: the next is 11-25
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  *ledger.settings().mutable_automation_enabled_at() =
      testing::Instant("2026-11-01T08:00:00Z");
  ledger.AddCustomer("C1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddCustomer("C2", v1::CUSTOMER_TYPE_PERSON);
  std::vector<std::string> numbers;
  for (int k = 0; k < 2 * 4096 + 8; ++k) {
    numbers.push_back(absl::StrCat(100000 + k));
    ledger.AddInvoice(numbers.back(), k % 2 == 0 ? "C1" : "C2", "2026-10-01",
                      "2026-11-24", 10000);
  }
  const std::string one_thread = TreeBytes(ledger.request());
  for (int threads : {1, 2}) {
    ledger.request().mutable_options()->set_threads(threads);
    const absl::StatusOr<v1::EvaluateResponse> response =
        Evaluate(ledger.request());
    ASSERT_TRUE(response.ok()) << response.status();
    EXPECT_EQ(response->next_dispatch().date(), "2026-11-25");
    EXPECT_TRUE(
        std::equal(numbers.begin(), numbers.end(),
                   response->next_dispatch().upcoming_invoice_numbers().begin(),
                   response->next_dispatch().upcoming_invoice_numbers().end()))
        << threads << " threads";
    EXPECT_TRUE(testing::SameBytes(StreamedBytes(ledger.request()), one_thread))
        << threads << " threads";
  }
}

TEST(EvaluateSerialized, RefusesWhatEvaluateRefuses) {
  v1::EvaluateRequest request = Ledger(50, 7);
  request.mutable_invoices(10)->set_due_date("2026-02-30");
  const absl::Status tree = Evaluate(request).status();
  const absl::Status streamed = EvaluateSerialized(request).status();
  EXPECT_EQ(tree.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(streamed, tree);
}

// Issue 6 § 3: split by customer, every invoice exactly once, in request
// order within a shard, and the shards about equal.
TEST(ShardPlan, KeepsEachCustomerInOneShard) {
  v1::EvaluateRequest request = Shuffled(Ledger(kShardedInvoices, 8), 7);
  request.mutable_options()->set_threads(3);
  ASSERT_TRUE(ValidateRequest(request).ok());
  const internal::RequestIndex index = internal::RequestIndex::Build(request);
  const internal::ShardPlan plan = internal::PlanShards(request, index);
  ASSERT_EQ(plan.shard_count(), 3);

  std::vector<int> shard_of_invoice(request.invoices_size(), -1);
  for (int s = 0; s < plan.shard_count(); ++s) {
    const std::vector<int>& invoices = plan.invoices[s];
    EXPECT_TRUE(std::is_sorted(invoices.begin(), invoices.end()));
    EXPECT_GT(invoices.size(), request.invoices_size() / 4) << "shard " << s;
    for (int i : invoices) {
      ASSERT_EQ(shard_of_invoice[i], -1) << "invoice " << i << " twice";
      shard_of_invoice[i] = s;
    }
  }
  std::map<std::string, std::set<int>> shards_of_customer;
  for (int i = 0; i < request.invoices_size(); ++i) {
    ASSERT_NE(shard_of_invoice[i], -1) << "invoice " << i << " in no shard";
    shards_of_customer[request.invoices(i).customer_id()].insert(
        shard_of_invoice[i]);
  }
  for (const auto& [customer, shards] : shards_of_customer) {
    EXPECT_EQ(shards.size(), 1u) << "customer " << customer;
  }
}

TEST(ShardPlan, SmallLedgersAndOneThreadTakeOneShard) {
  v1::EvaluateRequest request = Ledger(kShardedInvoices, 9);
  const internal::RequestIndex index = internal::RequestIndex::Build(request);
  EXPECT_EQ(internal::PlanShards(request, index).shard_count(), 1);
  request.mutable_options()->set_threads(64);
  // At most one shard per 4 096 invoices.
  EXPECT_EQ(internal::PlanShards(request, index).shard_count(), 3);
}

}  // namespace
}  // namespace purring
