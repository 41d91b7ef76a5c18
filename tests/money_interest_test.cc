// Forsinkelsesrente golden cases, each worked by hand from law.md §§ 1.2,
// 1.3 (simple, actual/actual, from the day after the adjusted due date to and
// including the end day, split at 1 Jan / 1 Jul, rounded once half up).
//
// Arithmetic convention in the comments: interest in øre =
// principal × rate × days / days_in_year.
#include <vector>

#include "gtest/gtest.h"
#include "money/claim.h"
#include "money/rate_book.h"
#include "notice_charges.h"

namespace purring::internal {
namespace {

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

ClaimState Evaluate(const ClaimEvents& events, absl::CivilDay as_of,
                    v1::DayCount day_count = v1::DAY_COUNT_ACTUAL_ACTUAL) {
  static const RateBook* const book = new RateBook(RateBook::Builtin());
  absl::StatusOr<ClaimState> state =
      EvaluateClaim(events, as_of, *book, day_count);
  EXPECT_TRUE(state.ok()) << state.status();
  return state.ok() ? *state : ClaimState();
}

ClaimEvents Claim(absl::CivilDay adjusted_due, int64_t original) {
  ClaimEvents events;
  events.adjusted_due = adjusted_due;
  events.original = original;
  return events;
}

TEST(InterestGoldenTest, PeriodCrossingFirstJuly) {
  // law.md § 1.2: 2026 H1 12.00 %, 2026 H2 12.25 %; § 1.1 split at 1 July.
  // 10 000 kr, adjusted due 2026-06-15, as of 2026-07-15.
  //   2026-06-16..06-30: 15 days: 1 000 000 × 0.12   × 15 / 365
  //                      = 1 800 000 / 365 = 4 931.507 → 4 932
  //   2026-07-01..07-15: 15 days: 1 000 000 × 0.1225 × 15 / 365
  //                      = 1 837 500 / 365 = 5 034.247 → 5 034
  //   total exact 3 637 500 / 365 = 9 965.753 → 9 966 øre
  ClaimState state = Evaluate(Claim(D(2026, 6, 15), 1000000), D(2026, 7, 15));
  EXPECT_EQ(state.interest.accrued(), 9966);
  EXPECT_EQ(state.interest.from_date(), "2026-06-16");
  ASSERT_EQ(state.interest.periods_size(), 2);
  const v1::InterestPeriod& h1 = state.interest.periods(0);
  EXPECT_EQ(h1.from_date(), "2026-06-16");
  EXPECT_EQ(h1.to_date(), "2026-06-30");
  EXPECT_EQ(h1.days(), 15);
  EXPECT_EQ(h1.rate_basis_points(), 1200);
  EXPECT_EQ(h1.days_in_year(), 365);
  EXPECT_EQ(h1.principal(), 1000000);
  EXPECT_EQ(h1.amount(), 4932);
  const v1::InterestPeriod& h2 = state.interest.periods(1);
  EXPECT_EQ(h2.from_date(), "2026-07-01");
  EXPECT_EQ(h2.to_date(), "2026-07-15");
  EXPECT_EQ(h2.days(), 15);
  EXPECT_EQ(h2.rate_basis_points(), 1225);
  EXPECT_EQ(h2.amount(), 5034);
}

TEST(InterestGoldenTest, PeriodCrossingFirstJanuary) {
  // law.md § 1.2: 2025 H2 12.25 %, 2026 H1 12.00 %.
  // 5 000 kr, adjusted due 2025-12-10, as of 2026-01-20.
  //   2025-12-11..12-31: 21 days: 500 000 × 0.1225 × 21 / 365
  //                      = 1 286 250 / 365 = 3 523.973 → 3 524
  //   2026-01-01..01-20: 20 days: 500 000 × 0.12 × 20 / 365
  //                      = 1 200 000 / 365 = 3 287.671 → 3 288
  //   total exact 2 486 250 / 365 = 6 811.644 → 6 812 øre
  ClaimState state = Evaluate(Claim(D(2025, 12, 10), 500000), D(2026, 1, 20));
  EXPECT_EQ(state.interest.accrued(), 6812);
  ASSERT_EQ(state.interest.periods_size(), 2);
  EXPECT_EQ(state.interest.periods(0).days(), 21);
  EXPECT_EQ(state.interest.periods(0).amount(), 3524);
  EXPECT_EQ(state.interest.periods(1).days(), 20);
  EXPECT_EQ(state.interest.periods(1).amount(), 3288);
}

TEST(InterestGoldenTest, LeapYearDaysAreOne366th) {
  // law.md § 1.3 (Lovavdelingen 2006): 1/366 in leap years. 2024 H1 12.50 %.
  // 10 000 kr, adjusted due 2024-02-15, as of 2024-03-15:
  //   02-16..02-29 = 14 days, 03-01..03-15 = 15 days: 29 days.
  //   actual/actual: 1 000 000 × 0.125 × 29 / 366 = 3 625 000 / 366
  //                  = 9 904.372 → 9 904
  //   /365 option:   3 625 000 / 365 = 9 931.507 → 9 932
  ClaimEvents events = Claim(D(2024, 2, 15), 1000000);
  ClaimState actual = Evaluate(events, D(2024, 3, 15));
  EXPECT_EQ(actual.interest.accrued(), 9904);
  ASSERT_EQ(actual.interest.periods_size(), 1);
  EXPECT_EQ(actual.interest.periods(0).days(), 29);
  EXPECT_EQ(actual.interest.periods(0).days_in_year(), 366);
  ClaimState plain = Evaluate(events, D(2024, 3, 15), v1::DAY_COUNT_ACTUAL_365);
  EXPECT_EQ(plain.interest.accrued(), 9932);
  EXPECT_EQ(plain.interest.periods(0).days_in_year(), 365);
}

TEST(InterestGoldenTest, IntoLeapYearAcrossFirstJanuaryRoundsOnce) {
  // law.md §§ 1.2, 1.3: 2023 H2 11.75 % /365, 2024 H1 12.50 % /366.
  // 10 000 kr, adjusted due 2023-12-21, as of 2024-01-10.
  //   2023-12-22..31: 10 days: 1 000 000 × 0.1175 × 10 / 365
  //                   = 1 175 000 / 365 = 3 219.178 → 3 219
  //   2024-01-01..10: 10 days: 1 000 000 × 0.125 × 10 / 366
  //                   = 1 250 000 / 366 = 3 415.301 → 3 415
  //   total exact (1 175 000 × 366 + 1 250 000 × 365) / (365 × 366)
  //   = 886 300 000 / 133 590 = 6 634.479 → 6 634 øre
  ClaimState state = Evaluate(Claim(D(2023, 12, 21), 1000000), D(2024, 1, 10));
  EXPECT_EQ(state.interest.accrued(), 6634);
  ASSERT_EQ(state.interest.periods_size(), 2);
  EXPECT_EQ(state.interest.periods(0).amount(), 3219);
  EXPECT_EQ(state.interest.periods(1).amount(), 3415);
  EXPECT_EQ(state.interest.periods(1).days_in_year(), 366);
}

TEST(InterestGoldenTest, RoundedOnceNotPerPeriod) {
  // "interest rounds half up once per invoice" (issue 4): 10 kr over the
  // two 2026 half-years, 181 + 184 days:
  //   H1 2026: 1 000 × 0.12 × 181 / 365 = 21 720 / 365 = 59.507 → 60
  //   H2 2026: 1 000 × 0.1225 × 184 / 365 = 22 540 / 365 = 61.753 → 62
  //   total exact 44 260 / 365 = 121.260 → 121 (not 60 + 62 = 122)
  ClaimState state = Evaluate(Claim(D(2025, 12, 31), 1000), D(2026, 12, 31));
  EXPECT_EQ(state.interest.accrued(), 121);
  ASSERT_EQ(state.interest.periods_size(), 2);
  EXPECT_EQ(state.interest.periods(0).days(), 181);
  EXPECT_EQ(state.interest.periods(0).amount(), 60);
  EXPECT_EQ(state.interest.periods(1).days(), 184);
  EXPECT_EQ(state.interest.periods(1).amount(), 62);
}

TEST(InterestGoldenTest, DueOnSaturdayRunsFromTheMondayAfter) {
  // law.md § 1.3 (gjeldsbrevloven § 5): due Saturday 2026-03-07 → adjusted
  // Monday 2026-03-09 (the process helper's calendar moves it; this test
  // states the adjusted date). Interest days 03-10..03-31 = 22 days.
  //   200 000 × 0.12 × 22 / 365 = 528 000 / 365 = 1 446.575 → 1 447 øre
  //   (unadjusted, 24 days, it would be 576 000 / 365 → 1 578)
  ClaimState state = Evaluate(Claim(D(2026, 3, 9), 200000), D(2026, 3, 31));
  EXPECT_EQ(state.interest.from_date(), "2026-03-10");
  EXPECT_EQ(state.interest.accrued(), 1447);
  EXPECT_EQ(state.interest.periods(0).days(), 22);
}

TEST(InterestGoldenTest, DueInEasterWeekRunsFromTheDayAfterEasterMonday) {
  // law.md § 1.3: Easter 2026 is 5 April; due Maundy Thursday 2026-04-02 →
  // Good Friday 3, Saturday 4, Sunday 5, Easter Monday 6 → adjusted Tuesday
  // 2026-04-07. Interest days 04-08..04-30 = 23 days.
  //   1 000 000 × 0.12 × 23 / 365 = 2 760 000 / 365 = 7 561.644 → 7 562 øre
  ClaimState state = Evaluate(Claim(D(2026, 4, 7), 1000000), D(2026, 4, 30));
  EXPECT_EQ(state.interest.from_date(), "2026-04-08");
  EXPECT_EQ(state.interest.accrued(), 7562);
}

TEST(InterestGoldenTest, NoInterestOnOrBeforeTheAdjustedDueDate) {
  // law.md § 1.3: the first interest day is the day after the due date.
  ClaimState on_due = Evaluate(Claim(D(2026, 4, 7), 1000000), D(2026, 4, 7));
  EXPECT_EQ(on_due.interest.accrued(), 0);
  EXPECT_EQ(on_due.interest.periods_size(), 0);
  // One day: 1 000 000 × 0.12 / 365 = 328.767 → 329.
  ClaimState one = Evaluate(Claim(D(2026, 4, 7), 1000000), D(2026, 4, 8));
  EXPECT_EQ(one.interest.accrued(), 329);
}

TEST(InterestGoldenTest, PartialPaymentMidPeriodReducesPrincipalNextDay) {
  // law.md § 1.3 (the payment day bears interest) and § 7 (costs → interest
  // → principal). 10 000 kr, adjusted due 2026-02-10; a dunning notice on
  // 2026-02-24 charged 37.50 kr and started claiming interest; 4 000 kr paid
  // on 2026-03-10; as of 2026-03-31.
  //   Accrued to 03-10: 02-11..03-10 = 28 days:
  //     1 000 000 × 0.12 × 28 / 365 = 3 360 000 / 365 = 9 205.479 → 9 205
  //   Payment 400 000: costs 3 750, interest 9 205, principal 387 045;
  //     principal from 03-11: 612 955.
  //   03-11..03-31 = 21 days: 612 955 × 0.12 × 21 = 1 544 646.6 (/365)
  //   total exact (3 360 000 + 1 544 646.6) / 365 = 4 904 646.6 / 365
  //     = 13 437.388 → 13 437 øre
  //   Balance: 1 000 000 + 3 750 + 13 437 − 400 000 = 617 187
  //     = principal 612 955 + interest 13 437 − 9 205 = 4 232.
  ClaimEvents events = Claim(D(2026, 2, 10), 1000000);
  events.notices.push_back(DunningNotice(D(2026, 2, 24), 3750));
  events.interest_claimed_from = D(2026, 2, 24);
  events.payments.push_back({D(2026, 3, 10), 400000, v1::ALLOCATION_UNSPECIFIED});
  ClaimState state = Evaluate(events, D(2026, 3, 31));
  EXPECT_EQ(state.interest.accrued(), 13437);
  EXPECT_EQ(state.interest.claimed(), 13437);
  // The specification splits where the principal drops: each line is its
  // own principal × rate × days.
  //   02-11..03-10: 28 days on 1 000 000: 9 205.479 → 9 205
  //   03-11..03-31: 21 days on   612 955: 1 544 646.6 / 365 = 4 231.9 → 4 232
  ASSERT_EQ(state.interest.periods_size(), 2);
  EXPECT_EQ(state.interest.periods(0).from_date(), "2026-02-11");
  EXPECT_EQ(state.interest.periods(0).to_date(), "2026-03-10");
  EXPECT_EQ(state.interest.periods(0).days(), 28);
  EXPECT_EQ(state.interest.periods(0).principal(), 1000000);
  EXPECT_EQ(state.interest.periods(0).amount(), 9205);
  EXPECT_EQ(state.interest.periods(1).from_date(), "2026-03-11");
  EXPECT_EQ(state.interest.periods(1).to_date(), "2026-03-31");
  EXPECT_EQ(state.interest.periods(1).days(), 21);
  EXPECT_EQ(state.interest.periods(1).principal(), 612955);
  EXPECT_EQ(state.interest.periods(1).amount(), 4232);
  ASSERT_EQ(state.allocations.size(), 1u);
  EXPECT_EQ(state.allocations[0].costs, 3750);
  EXPECT_EQ(state.allocations[0].interest, 9205);
  EXPECT_EQ(state.allocations[0].principal, 387045);
  EXPECT_EQ(state.allocations[0].overpaid, 0);
  const v1::Balance& b = state.balance;
  EXPECT_EQ(b.principal_outstanding(), 612955);
  EXPECT_EQ(b.fees_outstanding(), 0);
  EXPECT_EQ(b.interest_outstanding(), 4232);
  EXPECT_EQ(b.total(), 617187);
}

TEST(InterestGoldenTest, PaymentOfCostsOnlyKeepsOneSpecificationLine) {
  // law.md § 7 (costs first): 37.50 kr paid on 2026-03-01 pays the fee
  // alone, the principal stays 10 000 kr, and the line is not split.
  //   02-11..03-31 = 49 days: 1 000 000 × 0.12 × 49 / 365 = 5 880 000 / 365
  //   = 16 109.589 → 16 110
  ClaimEvents events = Claim(D(2026, 2, 10), 1000000);
  events.notices.push_back(DunningNotice(D(2026, 2, 24), 3750));
  events.payments.push_back({D(2026, 3, 1), 3750, v1::ALLOCATION_UNSPECIFIED});
  ClaimState state = Evaluate(events, D(2026, 3, 31));
  EXPECT_EQ(state.allocations[0].costs, 3750);
  EXPECT_EQ(state.interest.accrued(), 16110);
  ASSERT_EQ(state.interest.periods_size(), 1);
  EXPECT_EQ(state.interest.periods(0).days(), 49);
  EXPECT_EQ(state.interest.periods(0).amount(), 16110);
}

TEST(InterestGoldenTest, SpecificationSplitsAtRateAndPrincipalChanges) {
  // law.md §§ 1.2, 1.3: 10 000 kr, adjusted due 2026-06-15, 6 000 kr
  // credited on 2026-06-20, as of 2026-07-10:
  //   06-16..06-20:  5 days on 1 000 000 at 12.00 %:   600 000 / 365 = 1 643.8 → 1 644
  //   06-21..06-30: 10 days on   400 000 at 12.00 %:   480 000 / 365 = 1 315.1 → 1 315
  //   07-01..07-10: 10 days on   400 000 at 12.25 %:   490 000 / 365 = 1 342.5 → 1 342
  //   total exact 1 570 000 / 365 = 4 301.4 → 4 301
  ClaimEvents events = Claim(D(2026, 6, 15), 1000000);
  events.credits.push_back({D(2026, 6, 20), 600000});
  ClaimState state = Evaluate(events, D(2026, 7, 10));
  EXPECT_EQ(state.interest.accrued(), 4301);
  ASSERT_EQ(state.interest.periods_size(), 3);
  const int64_t principals[] = {1000000, 400000, 400000};
  const int days[] = {5, 10, 10};
  const int rates[] = {1200, 1200, 1225};
  const int64_t amounts[] = {1644, 1315, 1342};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(state.interest.periods(i).principal(), principals[i]) << i;
    EXPECT_EQ(state.interest.periods(i).days(), days[i]) << i;
    EXPECT_EQ(state.interest.periods(i).rate_basis_points(), rates[i]) << i;
    EXPECT_EQ(state.interest.periods(i).amount(), amounts[i]) << i;
  }
  EXPECT_EQ(state.interest.periods(1).from_date(), "2026-06-21");
  EXPECT_EQ(state.interest.periods(1).to_date(), "2026-06-30");
}

TEST(InterestGoldenTest, PrincipalFirstInstructionLowersLaterInterest) {
  // law.md § 7: the debtor's instruction wins. Same case, 4 000 kr directed
  // to the principal: principal 600 000 from 03-11.
  //   (3 360 000 + 600 000 × 0.12 × 21) / 365 = (3 360 000 + 1 512 000) / 365
  //   = 4 872 000 / 365 = 13 347.945 → 13 348
  //   Balance: 1 000 000 + 3 750 + 13 348 − 400 000 = 617 098.
  ClaimEvents events = Claim(D(2026, 2, 10), 1000000);
  events.notices.push_back(DunningNotice(D(2026, 2, 24), 3750));
  events.interest_claimed_from = D(2026, 2, 24);
  events.payments.push_back(
      {D(2026, 3, 10), 400000, v1::ALLOCATION_PRINCIPAL_FIRST});
  ClaimState state = Evaluate(events, D(2026, 3, 31));
  EXPECT_EQ(state.interest.accrued(), 13348);
  EXPECT_EQ(state.allocations[0].principal, 400000);
  EXPECT_EQ(state.balance.principal_outstanding(), 600000);
  EXPECT_EQ(state.balance.fees_outstanding(), 3750);
  EXPECT_EQ(state.balance.interest_outstanding(), 13348);
  EXPECT_EQ(state.balance.total(), 617098);
}

TEST(InterestGoldenTest, InterestStopsOnTheDayThePrincipalIsPaid) {
  // law.md § 1.3: "til og med den dagen pengekravet blir innfridd"; no
  // interest on interest (Rt. 1994 s. 25). 10 000 kr, adjusted due
  // 2026-01-15, paid in full on 2026-01-25 directed to the principal, as of
  // 2026-03-31: 10 days: 1 000 000 × 0.12 × 10 / 365 = 1 200 000 / 365
  // = 3 287.671 → 3 288, and the period ends on the payment day.
  ClaimEvents events = Claim(D(2026, 1, 15), 1000000);
  events.payments.push_back(
      {D(2026, 1, 25), 1000000, v1::ALLOCATION_PRINCIPAL_FIRST});
  ClaimState state = Evaluate(events, D(2026, 3, 31));
  EXPECT_EQ(state.interest.accrued(), 3288);
  ASSERT_EQ(state.interest.periods_size(), 1);
  EXPECT_EQ(state.interest.periods(0).to_date(), "2026-01-25");
  EXPECT_EQ(state.interest.claimed(), 0);  // no notice claims it
  EXPECT_TRUE(state.settled);
}

TEST(InterestGoldenTest, CreditNoteReducesPrincipalFromTheNextDay) {
  // Credit notes reduce the principal directly (ledger.proto CreditNote).
  // 10 000 kr, adjusted due 2026-01-15, credit 5 000 kr on 2026-01-25, as of
  // 2026-02-04: 10 days on 1 000 000 + 10 days on 500 000:
  //   (1 000 000 + 500 000) × 0.12 × 10 / 365 = 1 800 000 / 365
  //   = 4 931.507 → 4 932
  ClaimEvents events = Claim(D(2026, 1, 15), 1000000);
  events.credits.push_back({D(2026, 1, 25), 500000});
  ClaimState state = Evaluate(events, D(2026, 2, 4));
  EXPECT_EQ(state.interest.accrued(), 4932);
  ASSERT_EQ(state.interest.periods_size(), 2);
  EXPECT_EQ(state.interest.periods(0).to_date(), "2026-01-25");
  EXPECT_EQ(state.interest.periods(0).principal(), 1000000);
  EXPECT_EQ(state.interest.periods(0).amount(), 3288);  // 1 200 000 / 365
  EXPECT_EQ(state.interest.periods(1).from_date(), "2026-01-26");
  EXPECT_EQ(state.interest.periods(1).principal(), 500000);
  EXPECT_EQ(state.interest.periods(1).amount(), 1644);  // 600 000 / 365
  EXPECT_EQ(state.balance.credited(), 500000);
  EXPECT_EQ(state.balance.principal_outstanding(), 500000);
}

TEST(InterestGoldenTest, DatesAfterTheRateBookAreErrors) {
  // Days before the rate book are evaluated from its first day and flagged
  // (money_old_invoice_test); days after it cannot be, unless the request
  // carries the last rate forward (law.md § 9 item 1).
  const RateBook book = RateBook::Builtin();
  auto after = EvaluateClaim(Claim(D(2026, 12, 1), 1000), D(2027, 2, 1), book,
                             v1::DAY_COUNT_ACTUAL_ACTUAL);
  EXPECT_EQ(after.status().code(), absl::StatusCode::kOutOfRange);
}

TEST(InterestGoldenTest, OverflowIsAnErrorNotAWrap) {
  const RateBook book = RateBook::Builtin();
  ClaimEvents events = Claim(D(2026, 1, 15), INT64_MAX);
  events.payments.push_back({D(2026, 1, 20), INT64_MAX, v1::ALLOCATION_UNSPECIFIED});
  events.payments.push_back({D(2026, 1, 21), 1, v1::ALLOCATION_UNSPECIFIED});
  auto state = EvaluateClaim(events, D(2026, 3, 1), book,
                             v1::DAY_COUNT_ACTUAL_ACTUAL);
  EXPECT_EQ(state.status().code(), absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace purring::internal
