// Property tests over generated claims and histories, fixed seeds:
// interest never decreases with days or amount and equals an independent
// day-by-day sum (law.md § 1.3); fees never exceed the statutory maximum
// (law.md § 3.1); postings always reconcile with the balances (issue 4
// item 7); the balance identity always holds (issue 4 item 6).
#include <cstdint>
#include <random>
#include <vector>

#include "absl/numeric/int128.h"
#include "gtest/gtest.h"
#include "money/claim.h"
#include "money/fee_rules.h"
#include "money/postings.h"
#include "money/rate_book.h"

namespace purring::internal {
namespace {

const RateBook& Book() {
  static const RateBook* const book = new RateBook(RateBook::Builtin());
  return *book;
}

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  int64_t Int(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(rng_() % static_cast<uint64_t>(hi - lo + 1));
  }
  absl::CivilDay Day(absl::CivilDay lo, absl::CivilDay hi) {
    return lo + Int(0, hi - lo);
  }
  bool Chance(int percent) { return Int(1, 100) <= percent; }

 private:
  std::mt19937_64 rng_;
};

const absl::CivilDay kFirst(2014, 1, 1);
const absl::CivilDay kLast(2026, 12, 31);

int64_t Accrued(absl::CivilDay due, int64_t principal, absl::CivilDay as_of,
                v1::DayCount day_count = v1::DAY_COUNT_ACTUAL_ACTUAL) {
  ClaimEvents events;
  events.adjusted_due = due;
  events.original = principal;
  auto state = EvaluateClaim(events, as_of, Book(), day_count);
  EXPECT_TRUE(state.ok()) << state.status();
  return state.ok() ? state->interest.accrued() : -1;
}

TEST(InterestPropertyTest, NeverDecreasesWithDaysOrAmount) {
  Gen gen(20261128);
  for (int i = 0; i < 300; ++i) {
    const absl::CivilDay due = gen.Day(kFirst, kLast - 30);
    const int64_t principal = gen.Int(1, 1000000000);
    const absl::CivilDay as_of = gen.Day(due, kLast);
    const absl::CivilDay later = gen.Day(as_of, kLast);
    const int64_t base = Accrued(due, principal, as_of);
    EXPECT_LE(base, Accrued(due, principal, later)) << i;
    EXPECT_LE(base, Accrued(due, principal + gen.Int(0, 1000000), as_of)) << i;
    EXPECT_GE(base, 0);
  }
}

TEST(InterestPropertyTest, EqualsIndependentDayByDaySum) {
  // Each day: principal × rate / (10000 × days in that calendar year); the
  // 365-day and 366-day sums kept apart and combined once at the end.
  Gen gen(7);
  for (int i = 0; i < 100; ++i) {
    const absl::CivilDay due = gen.Day(kFirst, kLast - 30);
    const int64_t principal = gen.Int(1, 100000000);
    const absl::CivilDay as_of = gen.Day(due, std::min(kLast, due + 800));
    absl::int128 n365 = 0, n366 = 0;
    for (absl::CivilDay d = due + 1; d <= as_of; ++d) {
      const int y = static_cast<int>(d.year());
      const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
      (leap ? n366 : n365) += absl::int128(principal) * Book().InterestRate(d);
    }
    const absl::int128 num = n365 * 366 + n366 * 365;
    const absl::int128 den = absl::int128(10000) * 365 * 366;
    const int64_t expected = static_cast<int64_t>((2 * num + den) / (2 * den));
    EXPECT_EQ(Accrued(due, principal, as_of), expected) << i;
  }
}

TEST(FeePropertyTest, FeesNeverExceedTheStatutoryMaximum) {
  Gen gen(42);
  const v1::FeeStrictness kStrictness[] = {
      v1::FEE_STRICTNESS_MILD, v1::FEE_STRICTNESS_MEDIUM,
      v1::FEE_STRICTNESS_STRENG, v1::FEE_STRICTNESS_OFF};
  // How often the bounds below were met with a fee, and with two standing:
  // a rule that never charged would pass them all.
  int fees_charged = 0, two_standing = 0;
  for (int i = 0; i < 500; ++i) {
    const absl::CivilDay due = gen.Day(kFirst, kLast - 200);
    const v1::FeeStrictness strictness = kStrictness[gen.Int(0, 3)];
    std::vector<NoticeCharge> history;
    absl::CivilDay send = due + gen.Int(0, 20);
    const int notices = static_cast<int>(gen.Int(1, 6));
    for (int k = 0; k < notices && send <= kLast; ++k) {
      FeeInput in;
      in.step = static_cast<v1::StepKind>(gen.Int(1, 3));
      in.send_date = send;
      in.adjusted_due = due;
      in.prior = history;
      in.strictness = strictness;
      in.rates = &Book();
      const FeeDecision decision = DecideNoticeFee(in);
      fees_charged += decision.fee > 0;
      EXPECT_GE(decision.fee, 0);
      EXPECT_LE(decision.fee, Book().MaxReminderFee(due, send)) << i;
      if (send < due + 14 || in.step == v1::STEP_KIND_REMINDER) {
        EXPECT_EQ(decision.fee, 0) << i;
      }
      NoticeCharge charge;
      charge.step = in.step;
      charge.sent = send;
      charge.deadline = send + gen.Int(10, 30);
      charge.fee = decision.fee;
      if (decision.fee > 0 && gen.Chance(15)) charge.waived = send + 3;
      history.push_back(charge);
      send = send + gen.Int(1, 30);
    }
    // At most two fee-bearing notices that stand (§ 1-3), the second only
    // after the first's deadline of at least 14 days.
    std::vector<const NoticeCharge*> standing;
    for (const NoticeCharge& n : history) {
      if (n.fee > 0 && !n.waived) standing.push_back(&n);
    }
    EXPECT_LE(standing.size(), 2u) << i;
    if (standing.size() == 2) {
      ++two_standing;
      EXPECT_GE(standing[0]->deadline - standing[0]->sent, 14) << i;
      EXPECT_GT(standing[1]->sent, standing[0]->deadline) << i;
    }
  }
  EXPECT_GT(fees_charged, 100);
  EXPECT_GT(two_standing, 10);
}

TEST(PostingPropertyTest, PostingsReconcileWithBalances) {
  Gen gen(99);
  for (int i = 0; i < 200; ++i) {
    ClaimEvents events;
    events.adjusted_due = gen.Day(kFirst, kLast - 200);
    events.original = gen.Int(100, 50000000);
    const bool business = gen.Chance(40);
    const v1::FeeStrictness strictness =
        static_cast<v1::FeeStrictness>(gen.Int(1, 4));
    google::protobuf::RepeatedPtrField<v1::LedgerPosting> postings;
    absl::CivilDay send = events.adjusted_due + gen.Int(1, 20);
    absl::CivilDay last_send = events.adjusted_due;
    int64_t interest_charged = 0;
    const v1::StepKind steps[] = {v1::STEP_KIND_REMINDER, v1::STEP_KIND_DUNNING,
                                  v1::STEP_KIND_COLLECTION_WARNING};
    for (v1::StepKind step : steps) {
      if (send > kLast) break;
      if (gen.Chance(50)) {  // a payment before this notice
        const absl::CivilDay paid_on = gen.Day(last_send, send);
        events.payments.push_back(
            {paid_on, gen.Int(1, events.original / 2 + 1),
             gen.Chance(30) ? v1::ALLOCATION_PRINCIPAL_FIRST
                            : v1::ALLOCATION_UNSPECIFIED});
      }
      FeeInput in;
      in.step = step;
      in.send_date = send;
      in.adjusted_due = events.adjusted_due;
      in.prior = events.notices;
      in.strictness = strictness;
      in.business_debtor = business;
      in.claim_compensation = business;
      in.rates = &Book();
      const FeeDecision decision = DecideNoticeFee(in);
      NoticeCharge notice;
      notice.step = step;
      notice.sent = send;
      notice.deadline = send + 14;
      notice.fee = decision.fee;
      notice.compensation = decision.compensation;
      if (!events.interest_claimed_from && StepClaimsInterest(strictness, step)) {
        events.interest_claimed_from = send;
      }
      events.notices.push_back(notice);
      auto state = EvaluateClaim(events, send, Book(), v1::DAY_COUNT_ACTUAL_ACTUAL);
      ASSERT_TRUE(state.ok()) << state.status();
      // Notice.interest: claimed to the send date less earlier notices'.
      const int64_t interest = state->interest.claimed() - interest_charged;
      ASSERT_GE(interest, 0) << i;
      interest_charged += interest;
      events.notices.back().interest = interest;
      v1::ProposedAction action;
      action.set_id("inv/step/date");
      action.set_kind(v1::ACTION_KIND_SEND_NOTICE);
      action.set_fee(notice.fee);
      action.set_compensation(notice.compensation);
      action.set_interest(interest);
      AppendPostings(action, v1::AccountingSettings(), &postings);

      int64_t fees = 0, compensation = 0, posted_interest = 0;
      for (const v1::LedgerPosting& p : postings) {
        EXPECT_GT(p.amount(), 0);
        if (p.kind() == v1::POSTING_KIND_FEE) fees += p.amount();
        if (p.kind() == v1::POSTING_KIND_COMPENSATION) compensation += p.amount();
        if (p.kind() == v1::POSTING_KIND_INTEREST) posted_interest += p.amount();
      }
      const v1::Balance& b = state->balance;
      EXPECT_EQ(fees, b.fees_charged()) << i;
      EXPECT_EQ(compensation, b.compensation_charged()) << i;
      EXPECT_EQ(posted_interest, b.interest_claimed()) << i;
      EXPECT_EQ(b.total() - b.overpaid(),
                b.original() + b.fees_charged() + b.compensation_charged() +
                    b.interest_claimed() - b.paid() - b.credited())
          << i;
      EXPECT_GE(b.fees_outstanding(), 0);
      EXPECT_GE(b.interest_outstanding(), 0);
      last_send = send;
      send = send + gen.Int(15, 40);
    }
  }
}

}  // namespace
}  // namespace purring::internal
