// An invoice older than the rate tables (which begin 2014-01-01, law.md
// § 1.2) is evaluated, not refused: days before the tables bear no computed
// interest and the claim says so, so one old invoice never refuses a ledger.
#include "gtest/gtest.h"
#include "money/claim.h"
#include "money/rate_book.h"

namespace purring::internal {
namespace {

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

const RateBook& Book() {
  static const RateBook* const book = new RateBook(RateBook::Builtin());
  return *book;
}

TEST(OldInvoiceTest, InterestRunsFromTheFirstTableDay) {
  // 1 000 kr, adjusted due 2013-12-20, as of 2014-01-31. Only 2014-01-01 ..
  // 01-31 is rated: 31 days at 9.50 % (law.md § 1.2, 2014 H1):
  //   100 000 × 0.095 × 31 / 365 = 294 500 / 365 = 806.85 → 807 øre.
  ClaimEvents events;
  events.adjusted_due = D(2013, 12, 20);
  events.original = 100000;
  absl::StatusOr<ClaimState> state =
      EvaluateClaim(events, D(2014, 1, 31), Book(), v1::DAY_COUNT_ACTUAL_ACTUAL);
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->interest.accrued(), 807);
  EXPECT_TRUE(state->unrated_interest_days);
  EXPECT_EQ(state->balance.principal_outstanding(), 100000);
}

TEST(OldInvoiceTest, PaidBeforeTheTablesIsSettledWithAWarningFlag) {
  // Due 2013-06-01, paid in full 2013-07-01: no rated day bears principal,
  // so no interest is computed; the flag tells the caller that 30 unrated
  // days carried principal.
  ClaimEvents events;
  events.adjusted_due = D(2013, 6, 3);
  events.original = 50000;
  events.payments.push_back({D(2013, 7, 1), 50000, v1::ALLOCATION_UNSPECIFIED});
  absl::StatusOr<ClaimState> state =
      EvaluateClaim(events, D(2026, 11, 28), Book(), v1::DAY_COUNT_ACTUAL_ACTUAL);
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->interest.accrued(), 0);
  EXPECT_TRUE(state->settled);
  EXPECT_TRUE(state->unrated_interest_days);
}

TEST(OldInvoiceTest, InvoiceWithinTheTablesHasNoFlag) {
  ClaimEvents events;
  events.adjusted_due = D(2014, 1, 2);
  events.original = 50000;
  absl::StatusOr<ClaimState> state =
      EvaluateClaim(events, D(2014, 2, 1), Book(), v1::DAY_COUNT_ACTUAL_ACTUAL);
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_FALSE(state->unrated_interest_days);
}

}  // namespace
}  // namespace purring::internal
