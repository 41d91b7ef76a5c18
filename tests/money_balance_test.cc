// Payments, credit notes and the balance (law.md § 7; issue 4 item 6):
// costs → interest → principal by default, the debtor's instruction wins,
// balance = original + fees + interest − payments − credit notes, and an
// overpayment is reported.
#include <vector>

#include "gtest/gtest.h"
#include "money/claim.h"
#include "money/rate_book.h"
#include "notice_charges.h"

namespace purring::internal {
namespace {

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

const RateBook& Book() {
  static const RateBook* const book = new RateBook(RateBook::Builtin());
  return *book;
}

ClaimState Evaluate(const ClaimEvents& events, absl::CivilDay as_of) {
  auto state = EvaluateClaim(events, as_of, Book(), v1::DAY_COUNT_ACTUAL_ACTUAL);
  EXPECT_TRUE(state.ok()) << state.status();
  return state.ok() ? *state : ClaimState();
}

// What the allocations dated in `month` of 2026 covered of `part` (the
// monthly report's view: evaluate.proto MonthlyReport).
int64_t PaidIn(const ClaimState& state, int month,
               int64_t PaymentAllocation::*part) {
  int64_t sum = 0;
  for (const PaymentAllocation& a : state.allocations) {
    if (a.date.year() == 2026 && a.date.month() == month) sum += a.*part;
  }
  return sum;
}
int64_t CostsPaidIn(const ClaimState& state, int month) {
  return PaidIn(state, month, &PaymentAllocation::costs);
}
int64_t InterestPaidIn(const ClaimState& state, int month) {
  return PaidIn(state, month, &PaymentAllocation::interest);
}

TEST(BalanceTest, OverpaymentIsReportedNotHidden) {
  // 1 000 kr due 2026-03-02 (adjusted), paid 1 050 kr on the due date: no
  // interest day yet, no costs: 1 000 to principal, 50 kr overpaid.
  ClaimEvents events;
  events.adjusted_due = D(2026, 3, 2);
  events.original = 100000;
  events.payments.push_back({D(2026, 3, 2), 105000, v1::ALLOCATION_UNSPECIFIED});
  ClaimState state = Evaluate(events, D(2026, 3, 31));
  EXPECT_EQ(state.interest.accrued(), 0);
  EXPECT_EQ(state.balance.principal_paid(), 100000);
  EXPECT_EQ(state.balance.overpaid(), 5000);
  EXPECT_EQ(state.balance.total(), 0);
  EXPECT_EQ(state.allocations[0].overpaid, 5000);
  EXPECT_TRUE(state.settled);
}

// 1 000 kr due 2026-03-02 with a dunning notice sent 04-01 charging
// 37.50 kr (deadline 04-15), interest claimed from `claimed_from`.
ClaimEvents DunningOfApril1(absl::CivilDay claimed_from) {
  ClaimEvents events;
  events.adjusted_due = D(2026, 3, 2);
  events.original = 100000;
  events.notices = {DunningNotice(D(2026, 4, 1), 3750)};
  events.interest_claimed_from = claimed_from;
  return events;
}

// Whether `amount` paid on `day` met what that notice demanded, its letter
// having printed `recorded` øre of interest.
bool DemandMet(const ClaimEvents& events, absl::CivilDay day, int64_t amount,
               int64_t recorded) {
  ClaimEvents paid = events;
  paid.payments.push_back({day, amount, v1::ALLOCATION_UNSPECIFIED});
  ClaimState scratch;
  auto met = DemandPaidBy(paid, D(2026, 4, 1), D(2026, 4, 15), recorded, 0,
                          Book(), v1::DAY_COUNT_ACTUAL_ACTUAL, &scratch);
  EXPECT_TRUE(met.ok()) << met.status();
  return met.ok() && *met;
}

TEST(BalanceTest, ADemandPaidByItsDeadlineIsMetThoughInterestRanOn) {
  // inkassoloven § 9: the deadline "må ha løpt ut uten at beløpet er betalt";
  // inkassoforskriften § 1-3: a second fee only when the debtor exceeded the
  // first deadline (law.md §§ 3.1, 4.1). 1 000 kr due 2026-03-02, a dunning
  // notice on 04-01 with a 37.50 kr fee that claims interest, deadline 04-15.
  // Its demand is the balance on 04-01; paying exactly that on 04-10 leaves
  // the interest of 04-02..04-10 open, yet the demand was met.
  const ClaimEvents events = DunningOfApril1(D(2026, 4, 1));
  const int64_t demanded = Evaluate(events, D(2026, 4, 1)).balance.total();
  // 30 days at 12.00 % on 1 000 kr: 9.86 kr (law.md § 1.2, 2026 H1).
  EXPECT_EQ(demanded, 100000 + 3750 + 986);
  ClaimState scratch;
  int64_t recorded = 986;  // the interest the notice recorded, as printed
  auto paid_on = [&](absl::CivilDay day, int64_t amount) {
    return DemandMet(events, day, amount, recorded);
  };
  EXPECT_TRUE(paid_on(D(2026, 4, 10), demanded));
  EXPECT_GT(Evaluate([&] {
              ClaimEvents paid = events;
              paid.payments.push_back(
                  {D(2026, 4, 10), demanded, v1::ALLOCATION_UNSPECIFIED});
              return paid;
            }(),
                     D(2026, 4, 30))
                .balance.total(),
            0);  // the interest since is still owed
  EXPECT_TRUE(paid_on(D(2026, 4, 15), demanded));   // on the deadline
  EXPECT_FALSE(paid_on(D(2026, 4, 16), demanded));  // a day late
  EXPECT_FALSE(paid_on(D(2026, 4, 10), demanded - 1));
  // Paid on the notice's own day: before the letter, counted in its
  // balance, and what is left over is set off against its charges. All of
  // it left nothing to demand; the principal alone left the charges unpaid.
  EXPECT_TRUE(paid_on(D(2026, 4, 1), demanded));
  EXPECT_FALSE(paid_on(D(2026, 4, 1), 100000));
  // A credit note in the window counts as money too.
  ClaimEvents credited = events;
  credited.credits.push_back({D(2026, 4, 5), demanded});
  auto met = DemandPaidBy(credited, D(2026, 4, 1), D(2026, 4, 15), recorded, 0,
                          Book(), v1::DAY_COUNT_ACTUAL_ACTUAL, &scratch);
  ASSERT_TRUE(met.ok());
  EXPECT_TRUE(*met);

  // An automatic notice is made the day before it is sent: it recorded (and
  // printed) 29 days' interest, 9.53 kr, not the 30 days' to its sent day.
  // Paying what it printed meets it.
  recorded = 953;
  EXPECT_TRUE(paid_on(D(2026, 4, 10), demanded - 986 + 953));
  EXPECT_FALSE(paid_on(D(2026, 4, 10), demanded - 986 + 952));
  // Never more than the interest claimed by the sent day.
  recorded = 5000;
  EXPECT_FALSE(paid_on(D(2026, 4, 10), demanded - 1));
}

TEST(BalanceTest, MoneyByTheSentDayCountsTowardsTheLettersAmount) {
  // The same dunning notice, interest claimed since an earlier notice (from
  // 03-03), made the day before it was sent: it printed 29 days' interest,
  // 9.53 kr, so its amount was 100 000 + 3 750 + 953 øre. Money dated its
  // own day pays that day's interest too (986 claimed by 04-01), and money
  // the day before is set off against its fee: either way, paying what it
  // printed left nothing of its demand (README "Timing"), so its deadline
  // was not exceeded (inkassoloven § 9, inkassoforskriften § 1-3; law.md
  // §§ 3.1, 4.1). 29 days at 12.00 % on 1 000 kr (law.md § 1.2, 2026 H1):
  // 953.42 øre, rounded 953.
  const ClaimEvents events = DunningOfApril1(D(2026, 3, 3));
  constexpr int64_t kPrinted = 100000 + 3750 + 953;
  auto paid_on = [&](absl::CivilDay day, int64_t amount) {
    return DemandMet(events, day, amount, 953);
  };
  EXPECT_TRUE(paid_on(D(2026, 4, 1), kPrinted));
  EXPECT_FALSE(paid_on(D(2026, 4, 1), kPrinted - 1));
  EXPECT_TRUE(paid_on(D(2026, 3, 31), kPrinted));
  EXPECT_FALSE(paid_on(D(2026, 3, 31), 100000 + 953));  // not the fee
}

TEST(BalanceTest, WaivedFeeIsNotClaimed) {
  // history.proto: a waived fee (gebyr trukket) is not claimed. Two 37.50 kr
  // fees, the first waived: fees_charged 37.50 kr, the balance counts one.
  ClaimEvents events;
  events.adjusted_due = D(2026, 1, 10);
  events.original = 100000;
  NoticeCharge first = DunningNotice(D(2026, 1, 24), 3750);
  first.waived = D(2026, 2, 1);
  events.notices = {first, DunningNotice(D(2026, 2, 8), 3750)};
  ClaimState state = Evaluate(events, D(2026, 2, 8));
  EXPECT_EQ(state.balance.fees_charged(), 3750);
  EXPECT_EQ(state.balance.fees_outstanding(), 3750);
  EXPECT_EQ(state.balance.total(), 103750);  // no interest claimed yet
}

TEST(BalanceTest, UnclaimedInterestIsNotPaidByAllocation) {
  // Interface: payments cover claimed interest only. 1 000 kr due
  // 2026-01-10, 37.50 kr fee on 01-24 without claiming interest, 500 kr paid
  // 02-01: 37.50 costs, 462.50 principal.
  ClaimEvents events;
  events.adjusted_due = D(2026, 1, 10);
  events.original = 100000;
  events.notices = {DunningNotice(D(2026, 1, 24), 3750)};
  events.payments.push_back({D(2026, 2, 1), 50000, v1::ALLOCATION_UNSPECIFIED});
  ClaimState state = Evaluate(events, D(2026, 2, 1));
  EXPECT_EQ(state.allocations[0].costs, 3750);
  EXPECT_EQ(state.allocations[0].interest, 0);
  EXPECT_EQ(state.allocations[0].principal, 46250);
  EXPECT_GT(state.interest.accrued(), 0);
  EXPECT_EQ(state.interest.claimed(), 0);
  EXPECT_EQ(state.balance.total(), 53750);
}

TEST(BalanceTest, CostsChargedAfterThePaymentAreNotPaidByIt) {
  // A fee sent after a payment is not covered by the earlier payment.
  ClaimEvents events;
  events.adjusted_due = D(2026, 1, 10);
  events.original = 100000;
  events.payments.push_back({D(2026, 1, 12), 20000, v1::ALLOCATION_UNSPECIFIED});
  events.notices = {DunningNotice(D(2026, 1, 24), 3750)};
  ClaimState state = Evaluate(events, D(2026, 1, 31));
  EXPECT_EQ(state.allocations[0].costs, 0);
  EXPECT_EQ(state.allocations[0].principal, 20000);
  EXPECT_EQ(state.balance.fees_outstanding(), 3750);
  EXPECT_EQ(state.balance.principal_outstanding(), 80000);
}

TEST(BalanceTest, CreditNoteBeyondPrincipalIsOverpaid) {
  // A credit note larger than the principal left: the rest is owed back.
  ClaimEvents events;
  events.adjusted_due = D(2026, 1, 10);
  events.original = 100000;
  events.payments.push_back({D(2026, 1, 5), 60000, v1::ALLOCATION_UNSPECIFIED});
  events.credits.push_back({D(2026, 1, 6), 100000});
  ClaimState state = Evaluate(events, D(2026, 1, 31));
  EXPECT_EQ(state.balance.principal_outstanding(), 0);
  EXPECT_EQ(state.balance.overpaid(), 60000);
  EXPECT_EQ(state.balance.total(), 0);
}

TEST(BalanceTest, APaymentsSurplusSetOffAgainstALaterFeeCountsAsPaid) {
  // law.md § 7 set-off, and evaluate.proto Balance "What payments covered
  // of each part": 1 000 kr due 2026-09-01, 1 200 kr paid on 2026-08-20, a
  // 37.50 kr fee charged on 2026-10-05. The surplus covers the fee: the
  // parts add up to what was paid (1 000 + 37.50 + 162.50 = 1 200), and
  // the report reads the fee as paid on 2026-10-05, when both were there.
  ClaimEvents events;
  events.adjusted_due = D(2026, 9, 1);
  events.original = 100000;
  events.payments.push_back({D(2026, 8, 20), 120000, v1::ALLOCATION_UNSPECIFIED});
  events.notices = {DunningNotice(D(2026, 10, 5), 3750)};
  ClaimState state = Evaluate(events, D(2026, 11, 1));
  const v1::Balance& b = state.balance;
  EXPECT_EQ(b.principal_paid(), 100000);
  EXPECT_EQ(b.fees_paid(), 3750);
  EXPECT_EQ(b.overpaid(), 16250);
  EXPECT_EQ(b.total(), 0);
  EXPECT_EQ(b.fees_paid() + b.interest_paid() + b.principal_paid() + b.overpaid(),
            b.paid());
  ASSERT_EQ(state.allocations.size(), 2u);
  EXPECT_EQ(state.allocations[1].date, D(2026, 10, 5));
  EXPECT_EQ(state.allocations[1].costs, 3750);
  EXPECT_EQ(state.allocations[1].interest, 0);
}

TEST(BalanceTest, ACreditNotesSurplusSetOffCountsAsPaid) {
  // evaluate.proto Balance: fees_paid + interest_paid + principal_paid +
  // overpaid = paid + the credited part that found no principal. A credit
  // note beyond the principal covers a fee charged before it by set-off
  // (law.md § 7): the debtor's claim pays it, on the credit note's day.
  ClaimEvents events;
  events.adjusted_due = D(2026, 9, 1);
  events.original = 100000;
  events.credits.push_back({D(2026, 10, 10), 120000});
  events.notices = {DunningNotice(D(2026, 10, 5), 3750)};
  ClaimState state = Evaluate(events, D(2026, 11, 1));
  const v1::Balance& b = state.balance;
  EXPECT_EQ(b.fees_paid(), 3750);
  EXPECT_EQ(b.fees_outstanding(), 0);
  EXPECT_EQ(b.total(), 0);
  EXPECT_EQ(b.overpaid(), 20000 - 3750);
  EXPECT_EQ(
      b.fees_paid() + b.interest_paid() + b.principal_paid() + b.overpaid(),
      b.paid() + (b.credited() - b.original()));
  ASSERT_EQ(state.allocations.size(), 1u);
  EXPECT_EQ(state.allocations[0].date, D(2026, 10, 10));
  EXPECT_EQ(state.allocations[0].costs, 3750);
}

TEST(BalanceTest, ACreditNotesSurplusPaysTheClaimedInterestToo) {
  // 1 000 kr due 2026-02-02, 500 kr paid 02-03, a purring with a 37.50 kr
  // fee on 02-20 that starts the interest claim, then a 600 kr credit note
  // on 03-10: 100 kr beyond the principal left, set off against the fee and
  // the interest claimed (law.md § 7 order). Each part's outstanding is
  // what was charged less what was paid. The interest claimed: 02-03 on
  // 1 000 kr and 35 days (02-04..03-10) on 500 kr at 12.00 %, 32.88 +
  // 575.34 = 608.22 øre, rounded once (law.md §§ 1.2, 1.3); none after the
  // principal is gone.
  ClaimEvents events;
  events.adjusted_due = D(2026, 2, 2);
  events.original = 100000;
  events.payments.push_back({D(2026, 2, 3), 50000, v1::ALLOCATION_UNSPECIFIED});
  events.notices = {DunningNotice(D(2026, 2, 20), 3750)};
  events.interest_claimed_from = D(2026, 2, 20);
  events.credits.push_back({D(2026, 3, 10), 60000});
  ClaimState state = Evaluate(events, D(2026, 3, 31));
  const v1::Balance& b = state.balance;
  EXPECT_EQ(b.interest_claimed(), 608);
  EXPECT_EQ(b.fees_paid(), 3750);
  EXPECT_EQ(b.interest_paid(), 608);
  EXPECT_EQ(b.fees_outstanding(),
            b.fees_charged() + b.compensation_charged() - b.fees_paid());
  EXPECT_EQ(b.interest_outstanding(), b.interest_claimed() - b.interest_paid());
  EXPECT_EQ(b.overpaid(), 10000 - 3750 - 608);
  EXPECT_EQ(b.total(), 0);
}

TEST(BalanceTest, ASetOffKeepsItsMonthWhenALaterPaymentComes) {
  // evaluate.proto MonthlyReport: earlier months keep what was paid in
  // them. 1 000 kr, a 37.50 kr fee sent 2026-04-24 and 1 037.50 kr paid
  // the same day: the payment came before the letter, so it pays the
  // principal and its surplus then covers the fee, in April. A 5 kr payment
  // in May must not move that to May.
  ClaimEvents events;
  events.adjusted_due = D(2026, 3, 2);
  events.original = 100000;
  events.notices = {DunningNotice(D(2026, 4, 24), 3750)};
  events.payments.push_back(
      {D(2026, 4, 24), 103750, v1::ALLOCATION_UNSPECIFIED});
  const ClaimState before = Evaluate(events, D(2026, 5, 14));
  EXPECT_EQ(CostsPaidIn(before, 4), 3750);
  events.payments.push_back({D(2026, 5, 14), 500, v1::ALLOCATION_UNSPECIFIED});
  const ClaimState after = Evaluate(events, D(2026, 5, 14));
  EXPECT_EQ(CostsPaidIn(after, 4), 3750);
  EXPECT_EQ(CostsPaidIn(after, 5), 0);
  EXPECT_EQ(after.balance.fees_paid(), 3750);
  EXPECT_EQ(after.balance.overpaid(), 500);
}

TEST(BalanceTest, ASetOffKeepsItsMonthWhenALaterNoticeIsRecorded) {
  // evaluate.proto MonthlyReport: earlier months keep what was paid in
  // them. 1 000 kr, a 37.50 kr fee sent 2026-01-20 and 1 020 kr paid that
  // day: 20 kr beyond the principal covers 20 kr of the fee in January. A
  // collection warning recorded in February, with a fee of its own, must
  // not move that to February: each cost is covered in its own turn.
  ClaimEvents events;
  events.adjusted_due = D(2026, 1, 5);
  events.original = 100000;
  events.notices = {DunningNotice(D(2026, 1, 20), 3750)};
  events.payments.push_back(
      {D(2026, 1, 20), 102000, v1::ALLOCATION_UNSPECIFIED});
  EXPECT_EQ(CostsPaidIn(Evaluate(events, D(2026, 2, 18)), 1), 2000);
  events.notices.push_back(DunningNotice(D(2026, 2, 4), 3750));
  const ClaimState later = Evaluate(events, D(2026, 2, 18));
  EXPECT_EQ(CostsPaidIn(later, 1), 2000);
  EXPECT_EQ(CostsPaidIn(later, 2), 0);
  EXPECT_EQ(later.balance.fees_outstanding(), 2 * 3750 - 2000);
}

TEST(BalanceTest, AFeeACreditNoteCoveredIsGivenBackInTheWaiversMonth) {
  // history.proto fee_waived_date: a fee waived after it was paid is given
  // back in the waiver's month; the month it was paid in keeps it. The
  // fee, charged 01-20, is covered on 03-05 by a credit note beyond the
  // principal (paid 02-10) and waived on 04-10.
  ClaimEvents events;
  events.adjusted_due = D(2026, 1, 5);
  events.original = 100000;
  NoticeCharge notice = DunningNotice(D(2026, 1, 20), 3750);
  events.notices = {notice};
  events.payments.push_back(
      {D(2026, 2, 10), 100000, v1::ALLOCATION_PRINCIPAL_FIRST});
  events.credits.push_back({D(2026, 3, 5), 50000});
  const ClaimState march = Evaluate(events, D(2026, 3, 31));
  EXPECT_EQ(CostsPaidIn(march, 3), 3750);
  events.notices[0].waived = D(2026, 4, 10);
  const ClaimState april = Evaluate(events, D(2026, 4, 20));
  EXPECT_EQ(CostsPaidIn(april, 3), 3750);
  EXPECT_EQ(CostsPaidIn(april, 4), -3750);
  EXPECT_EQ(april.balance.fees_paid(), 0);
  EXPECT_EQ(april.balance.overpaid(), march.balance.overpaid() + 3750);
}

TEST(BalanceTest, ASetOffOfInterestKeepsItsMonthWhenALaterFeeComes) {
  // law.md § 7 order at the time of the set-off: 1 000 kr due 2026-01-09,
  // paid 01-15 and overpaid by 50 kr on 01-20; a purring on 02-02 charges
  // 37.50 kr and starts the interest claim: the 50 kr covers both in
  // February. An inkassovarsel fee on 03-02 must not take that interest's
  // share away from February: only what was left (10.53 kr) covers it.
  // The interest: 6 days (01-10..01-15) at 12.00 % on 1 000 kr, 197.26 øre
  // rounded half up (law.md §§ 1.2, 1.3).
  ClaimEvents events;
  events.adjusted_due = D(2026, 1, 9);
  events.original = 100000;
  events.payments = {{D(2026, 1, 15), 100000, v1::ALLOCATION_UNSPECIFIED},
                     {D(2026, 1, 20), 5000, v1::ALLOCATION_UNSPECIFIED}};
  events.notices = {DunningNotice(D(2026, 2, 2), 3750)};
  events.interest_claimed_from = D(2026, 2, 2);
  const ClaimState february = Evaluate(events, D(2026, 2, 15));
  const int64_t interest = InterestPaidIn(february, 2);
  EXPECT_EQ(interest, 197);
  EXPECT_EQ(CostsPaidIn(february, 2), 3750);
  events.notices.push_back(DunningNotice(D(2026, 3, 2), 3750));
  const ClaimState march = Evaluate(events, D(2026, 3, 15));
  EXPECT_EQ(CostsPaidIn(march, 2), 3750);
  EXPECT_EQ(InterestPaidIn(march, 2), interest);
  EXPECT_EQ(CostsPaidIn(march, 3), 1053);
  EXPECT_EQ(march.balance.interest_outstanding(), 0);
}

TEST(BalanceTest, AFeeMetByEarlierMoneyIsGivenBackInTheWaiversMonth) {
  // history.proto fee_waived_date: 1 100 kr paid 02-01 on a 1 000 kr
  // invoice, a 37.50 kr fee charged 02-02 (met by the 100 kr in credit in
  // February) and waived 03-05: February keeps it, March gives it back.
  ClaimEvents events;
  events.adjusted_due = D(2026, 1, 9);
  events.original = 100000;
  events.payments = {{D(2026, 2, 1), 110000, v1::ALLOCATION_UNSPECIFIED}};
  events.notices = {DunningNotice(D(2026, 2, 2), 3750)};
  EXPECT_EQ(CostsPaidIn(Evaluate(events, D(2026, 2, 25)), 2), 3750);
  events.notices[0].waived = D(2026, 3, 5);
  const ClaimState march = Evaluate(events, D(2026, 3, 20));
  EXPECT_EQ(CostsPaidIn(march, 2), 3750);
  EXPECT_EQ(CostsPaidIn(march, 3), -3750);
  EXPECT_EQ(march.balance.overpaid(), 10000);
}

TEST(BalanceTest, APaymentGoesToCostsInterestPrincipalUnlessDirected) {
  // law.md § 7: costs, then interest, then principal; a payment the debtor
  // directs to the principal (ALLOCATION_PRINCIPAL_FIRST, types.proto) goes
  // to the principal, then interest, then costs. 1 010 kr paid on 05-01
  // against 1 000 kr, the 37.50 kr fee and 60 days' interest (03-03 to
  // 05-01) at 12.00 %: 1 000 kr × 12 % × 60 / 365 = 19.73 kr.
  ClaimEvents events = DunningOfApril1(D(2026, 4, 1));
  events.payments.push_back(
      {D(2026, 5, 1), 101000, v1::ALLOCATION_UNSPECIFIED});
  const ClaimState by_law = Evaluate(events, D(2026, 5, 1));
  ASSERT_EQ(by_law.allocations.size(), 1u);
  EXPECT_EQ(by_law.allocations[0].costs, 3750);
  EXPECT_EQ(by_law.allocations[0].interest, 1973);
  EXPECT_EQ(by_law.allocations[0].principal, 101000 - 3750 - 1973);

  events.payments[0].allocation = v1::ALLOCATION_PRINCIPAL_FIRST;
  const ClaimState directed = Evaluate(events, D(2026, 5, 1));
  ASSERT_EQ(directed.allocations.size(), 1u);
  EXPECT_EQ(directed.allocations[0].principal, 100000);
  EXPECT_EQ(directed.allocations[0].interest, 1000);
  EXPECT_EQ(directed.allocations[0].costs, 0);
  EXPECT_EQ(directed.balance.fees_paid(), 0);
  EXPECT_EQ(directed.balance.interest_paid(), 1000);
}

TEST(BalanceTest, BalanceIdentityHolds) {
  // Issue 4 item 6: total − overpaid = original + fees + compensation +
  // interest − paid − credited.
  ClaimEvents events;
  events.adjusted_due = D(2025, 11, 3);
  events.original = 1234567;
  NoticeCharge n1 = DunningNotice(D(2025, 11, 17), 3500);
  n1.compensation = 43500;
  events.notices = {n1, DunningNotice(D(2026, 1, 5), 3750)};
  events.interest_claimed_from = D(2025, 11, 17);
  events.payments = {{D(2025, 12, 1), 100000, v1::ALLOCATION_UNSPECIFIED},
                     {D(2026, 2, 10), 300000, v1::ALLOCATION_PRINCIPAL_FIRST}};
  events.credits = {{D(2026, 1, 15), 200000}};
  ClaimState state = Evaluate(events, D(2026, 5, 1));
  const v1::Balance& b = state.balance;
  EXPECT_EQ(b.total() - b.overpaid(),
            b.original() + b.fees_charged() + b.compensation_charged() +
                b.interest_claimed() - b.paid() - b.credited());
  EXPECT_EQ(b.paid(), 400000);
  EXPECT_EQ(b.fees_charged(), 7250);
  EXPECT_EQ(b.compensation_charged(), 43500);
  EXPECT_EQ(b.fees_paid() + b.interest_paid() + b.principal_paid() + b.overpaid(),
            b.paid());
}

}  // namespace
}  // namespace purring::internal
