// The synthetic-ledger generator: deterministic, valid, and the promised mix.
#include "ledger_generator.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "purring/engine.h"

namespace purring::tools {
namespace {

LedgerOptions Options(int invoices, uint64_t seed) {
  LedgerOptions options;
  options.invoices = invoices;
  options.seed = seed;
  return options;
}

TEST(LedgerGenerator, SameSeedSameBytes) {
  const std::string a =
      GenerateLedger(Options(500, 7)).SerializeAsString();
  const std::string b =
      GenerateLedger(Options(500, 7)).SerializeAsString();
  EXPECT_EQ(a, b);
  EXPECT_NE(a, GenerateLedger(Options(500, 8)).SerializeAsString());
}

TEST(LedgerGenerator, SizesFollowTheOptions) {
  const v1::EvaluateRequest ledger = GenerateLedger(Options(1000, 1));
  EXPECT_EQ(ledger.invoices_size(), 1000);
  EXPECT_EQ(ledger.customers_size(), 200);
  EXPECT_EQ(GenerateLedger(Options(0, 1)).customers_size(), 1);
}

TEST(LedgerGenerator, PassesTheEnginesValidation) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    const absl::Status status =
        ValidateRequest(GenerateLedger(Options(2000, seed)));
    EXPECT_TRUE(status.ok()) << "seed " << seed << ": " << status;
  }
}

TEST(LedgerGenerator, ItsHistoriesChargeNothingTheEngineWouldCut) {
  // Each notice's fee and interest is what the engine would have charged
  // (history.proto Notice): no recorded charge is cut, and the interest the
  // notices sent by any day recorded is no more than the engine claims that
  // day, also on the day of a notice.
  for (uint64_t seed : {1u, 7u, 9u}) {
    v1::EvaluateRequest request = GenerateLedger(Options(4000, seed));
    for (const char* as_of : {"", "2026-01-04", "2026-05-16", "2026-09-30"}) {
      if (*as_of != '\0') {
        absl::Time t;
        std::string error;
        ASSERT_TRUE(absl::ParseTime(
            absl::RFC3339_full, absl::StrCat(as_of, "T10:00:00Z"), &t, &error));
        request.mutable_as_of()->set_seconds(absl::ToUnixSeconds(t));
      }
      const absl::StatusOr<v1::EvaluateResponse> response = Evaluate(request);
      ASSERT_TRUE(response.ok()) << response.status();
      for (const v1::Warning& warning : response->warnings()) {
        EXPECT_EQ(warning.code().rfind("RECORDED_", 0), std::string::npos)
            << "seed " << seed << " " << as_of << ": " << warning.message();
      }
      for (const v1::InvoiceResult& result : response->results()) {
        int64_t recorded = 0;
        for (const v1::Notice& notice : result.history()) {
          if (notice.sent_date() <= response->as_of_date()) {
            recorded += notice.interest();
          }
        }
        EXPECT_LE(recorded, result.balance().interest_claimed())
            << "seed " << seed << " " << as_of << ": invoice "
            << result.invoice_number();
      }
    }
  }
}

TEST(LedgerGenerator, AboutAThirdIsOverdueAndOpen) {
  const v1::EvaluateRequest ledger = GenerateLedger(Options(10000, 3));
  int open_overdue = 0, with_history = 0, partly_paid = 0, cases = 0;
  for (const v1::Invoice& inv : ledger.invoices()) {
    int64_t paid = 0;
    for (const v1::Payment& p : inv.payments()) paid += p.amount();
    const bool overdue = inv.due_date() < "2026-11-28";
    if (overdue && paid < inv.amount()) ++open_overdue;
    if (overdue && paid > 0 && paid < inv.amount()) ++partly_paid;
  }
  for (const v1::Notice& n : ledger.history().notices()) {
    (void)n;
    ++with_history;
  }
  cases = ledger.history().collection_cases_size();
  EXPECT_GT(open_overdue, 3000);
  EXPECT_LT(open_overdue, 4000);
  EXPECT_GT(partly_paid, 300);
  EXPECT_GT(with_history, 2000);
  EXPECT_GT(cases, 150);
}

TEST(LedgerGenerator, DueDatesSpreadOverThreeYears) {
  const v1::EvaluateRequest ledger = GenerateLedger(Options(3000, 5));
  int by_year[3] = {0, 0, 0};
  for (const v1::Invoice& inv : ledger.invoices()) {
    const int year = std::stoi(inv.due_date().substr(0, 4));
    ASSERT_GE(year, 2023) << inv.number();
    ASSERT_LE(year, 2027) << inv.number();
    if (year >= 2024 && year <= 2026) ++by_year[year - 2024];
  }
  for (int count : by_year) EXPECT_GT(count, 300);
}

}  // namespace
}  // namespace purring::tools
