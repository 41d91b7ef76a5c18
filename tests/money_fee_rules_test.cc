// Fees by profile strictness, bounded by the law (law.md § 3.1,
// inkassoforskriften §§ 1-2, 1-3) and B2B compensation (law.md § 6,
// forsinkelsesrenteloven § 3a).
#include "money/fee_rules.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace purring::internal {
namespace {

using ::testing::HasSubstr;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

const RateBook& Book() {
  static const RateBook* const book = new RateBook(RateBook::Builtin());
  return *book;
}

FeeInput Input(v1::StepKind step, absl::CivilDay send, absl::CivilDay due,
               const std::vector<NoticeCharge>& prior,
               v1::FeeStrictness strictness = v1::FEE_STRICTNESS_STRENG) {
  FeeInput in;
  in.step = step;
  in.send_date = send;
  in.adjusted_due = due;
  in.prior = prior;
  in.strictness = strictness;
  in.rates = &Book();
  return in;
}

NoticeCharge Sent(v1::StepKind step, absl::CivilDay sent, int64_t fee,
                  int deadline_days = 14) {
  NoticeCharge notice;
  notice.step = step;
  notice.sent = sent;
  notice.deadline = sent + deadline_days;
  notice.fee = fee;
  return notice;
}

constexpr v1::StepKind kReminder = v1::STEP_KIND_REMINDER;
constexpr v1::StepKind kDunning = v1::STEP_KIND_DUNNING;
constexpr v1::StepKind kWarning = v1::STEP_KIND_COLLECTION_WARNING;

TEST(FeeProfileTest, StrictnessDecidesWhichStepsWantAFee) {
  // Issue 4 item 3; a påminnelse never carries a fee (types.proto StepKind).
  EXPECT_FALSE(ProfileChargesFee(v1::FEE_STRICTNESS_MILD, kReminder));
  EXPECT_FALSE(ProfileChargesFee(v1::FEE_STRICTNESS_MILD, kDunning));
  EXPECT_TRUE(ProfileChargesFee(v1::FEE_STRICTNESS_MILD, kWarning));
  EXPECT_FALSE(ProfileChargesFee(v1::FEE_STRICTNESS_MEDIUM, kReminder));
  EXPECT_TRUE(ProfileChargesFee(v1::FEE_STRICTNESS_MEDIUM, kDunning));
  EXPECT_TRUE(ProfileChargesFee(v1::FEE_STRICTNESS_MEDIUM, kWarning));
  EXPECT_FALSE(ProfileChargesFee(v1::FEE_STRICTNESS_STRENG, kReminder));
  EXPECT_TRUE(ProfileChargesFee(v1::FEE_STRICTNESS_STRENG, kDunning));
  EXPECT_TRUE(ProfileChargesFee(v1::FEE_STRICTNESS_STRENG, kWarning));
  EXPECT_FALSE(ProfileChargesFee(v1::FEE_STRICTNESS_OFF, kWarning));
  // Unspecified means medium (settings.proto).
  EXPECT_TRUE(ProfileChargesFee(v1::FEE_STRICTNESS_UNSPECIFIED, kDunning));
}

TEST(FeeProfileTest, StrictnessDecidesWhenInterestIsClaimed) {
  EXPECT_FALSE(StepClaimsInterest(v1::FEE_STRICTNESS_MILD, kDunning));
  EXPECT_TRUE(StepClaimsInterest(v1::FEE_STRICTNESS_MILD, kWarning));
  EXPECT_FALSE(StepClaimsInterest(v1::FEE_STRICTNESS_MEDIUM, kReminder));
  EXPECT_TRUE(StepClaimsInterest(v1::FEE_STRICTNESS_MEDIUM, kDunning));
  EXPECT_TRUE(StepClaimsInterest(v1::FEE_STRICTNESS_STRENG, kReminder));
  EXPECT_FALSE(StepClaimsInterest(v1::FEE_STRICTNESS_OFF, kWarning));
}

TEST(FeeLawTest, NoFeeOnANoticeSentLessThan14DaysAfterDue) {
  // law.md § 3.1, inkassoforskriften § 1-2 (1), (2). Due Saturday
  // 2026-03-07 → adjusted Monday 2026-03-09; first fee day 03-23.
  EXPECT_EQ(FirstFeeDay(D(2026, 3, 9)), D(2026, 3, 23));
  FeeDecision early = DecideNoticeFee(Input(kDunning, D(2026, 3, 22), D(2026, 3, 9), {}));
  EXPECT_EQ(early.fee, 0);
  EXPECT_THAT(early.note, HasSubstr("§ 1-2"));
  EXPECT_THAT(early.note, HasSubstr("2026-03-23"));
  FeeDecision on_day = DecideNoticeFee(Input(kDunning, D(2026, 3, 23), D(2026, 3, 9), {}));
  EXPECT_EQ(on_day.fee, 3750);  // 1/20 × 750 kr = 37.50 kr
  EXPECT_TRUE(on_day.note.empty());
}

TEST(FeeLawTest, EasterWeekDueDateMovesTheFirstFeeDay) {
  // Due 2026-04-02 (Maundy Thursday) → adjusted 2026-04-07; + 14 = 04-21.
  EXPECT_EQ(DecideNoticeFee(Input(kWarning, D(2026, 4, 20), D(2026, 4, 7), {})).fee, 0);
  EXPECT_EQ(DecideNoticeFee(Input(kWarning, D(2026, 4, 21), D(2026, 4, 7), {})).fee, 3750);
}

TEST(FeeLawTest, ReminderNeverCarriesAFeeEvenUnderStreng) {
  // types.proto: a påminnelse never carries a fee.
  FeeDecision d = DecideNoticeFee(Input(kReminder, D(2026, 6, 1), D(2026, 1, 1), {}));
  EXPECT_EQ(d.fee, 0);
  EXPECT_EQ(d.compensation, 0);
}

TEST(FeeLawTest, ProfileWithoutFeeGivesNoFeeAndNoNote) {
  FeeDecision d = DecideNoticeFee(
      Input(kDunning, D(2026, 6, 1), D(2026, 1, 1), {}, v1::FEE_STRICTNESS_MILD));
  EXPECT_EQ(d.fee, 0);
  EXPECT_TRUE(d.note.empty());
  EXPECT_EQ(DecideNoticeFee(Input(kWarning, D(2026, 6, 1), D(2026, 1, 1), {},
                                  v1::FEE_STRICTNESS_MILD)).fee,
            3750);
}

TEST(FeeLawTest, FractionSwitchOn2020_10_01) {
  // law.md § 3.2 transition note: 1/10 × 700 = 70 kr for a claim due
  // 2020-09-30; 1/20 × 700 = 35 kr for one due 2020-10-01; both dunned
  // 2020-10-20.
  EXPECT_EQ(DecideNoticeFee(Input(kDunning, D(2020, 10, 20), D(2020, 9, 30), {})).fee, 7000);
  EXPECT_EQ(DecideNoticeFee(Input(kDunning, D(2020, 10, 20), D(2020, 10, 1), {})).fee, 3500);
}

TEST(FeeLawTest, Inkassosats2026OnTheSendDate) {
  // law.md § 3.2: 750 kr in 2026, by the send date (§ 1-2 last paragraph).
  // Claim due 2025-12-15: dunned 2025-12-30 → 700/20 = 35 kr; dunned
  // 2026-01-05 → 750/20 = 37.50 kr.
  EXPECT_EQ(DecideNoticeFee(Input(kDunning, D(2025, 12, 30), D(2025, 12, 15), {})).fee, 3500);
  EXPECT_EQ(DecideNoticeFee(Input(kDunning, D(2026, 1, 5), D(2025, 12, 15), {})).fee, 3750);
}

TEST(FeeLawTest, TwoFeeCapAndSecondOnlyAfterFirstDeadline) {
  // law.md § 3.1, inkassoforskriften § 1-3. Adjusted due 2026-01-10; dunning
  // with fee on 01-24 (due + 14), deadline 02-07.
  const absl::CivilDay due = D(2026, 1, 10);
  std::vector<NoticeCharge> prior = {Sent(kDunning, D(2026, 1, 24), 3750)};
  // On the deadline itself: not yet passed → no fee.
  FeeDecision on_deadline = DecideNoticeFee(Input(kWarning, D(2026, 2, 7), due, prior));
  EXPECT_EQ(on_deadline.fee, 0);
  EXPECT_THAT(on_deadline.note, HasSubstr("2026-02-07"));
  // The day after: the second fee.
  EXPECT_EQ(DecideNoticeFee(Input(kWarning, D(2026, 2, 8), due, prior)).fee, 3750);
  // A third fee-bearing notice: never.
  prior.push_back(Sent(kWarning, D(2026, 2, 8), 3750));
  FeeDecision third = DecideNoticeFee(Input(kWarning, D(2026, 4, 1), due, prior));
  EXPECT_EQ(third.fee, 0);
  EXPECT_THAT(third.note, HasSubstr("two fee-bearing notices"));
}

TEST(FeeLawTest, FreeNoticesDoNotCountTowardsTheCap) {
  // A reminder without a fee is not a fee-bearing notice (§ 1-3).
  const absl::CivilDay due = D(2026, 1, 10);
  std::vector<NoticeCharge> prior = {Sent(kReminder, D(2026, 1, 12), 0),
                                     Sent(kDunning, D(2026, 1, 26), 3750)};
  EXPECT_EQ(DecideNoticeFee(Input(kWarning, D(2026, 2, 10), due, prior)).fee, 3750);
}

TEST(FeeLawTest, FirstDeadlineShorterThan14DaysBlocksTheSecondFee) {
  // inkassoforskriften § 1-3: the first notice's deadline must be >= 14 days.
  const absl::CivilDay due = D(2026, 1, 10);
  std::vector<NoticeCharge> prior = {Sent(kDunning, D(2026, 1, 24), 3750, 13)};
  FeeDecision d = DecideNoticeFee(Input(kWarning, D(2026, 3, 1), due, prior));
  EXPECT_EQ(d.fee, 0);
  EXPECT_THAT(d.note, HasSubstr("shorter than 14 days"));
}

TEST(FeeLawTest, WaivedFeeDoesNotCountTowardsTheCap) {
  // history.proto Notice.fee_waived_date: a waived fee does not count
  // towards the two-fee limit. Two fee notices, the first waived: a third
  // notice after the second's deadline may carry a fee.
  const absl::CivilDay due = D(2026, 1, 10);
  NoticeCharge waived = Sent(kDunning, D(2026, 1, 24), 3750);
  waived.waived = D(2026, 1, 30);
  std::vector<NoticeCharge> prior = {waived, Sent(kDunning, D(2026, 2, 8), 3750)};
  EXPECT_EQ(DecideNoticeFee(Input(kWarning, D(2026, 2, 22), due, prior)).fee, 0);
  EXPECT_EQ(DecideNoticeFee(Input(kWarning, D(2026, 2, 23), due, prior)).fee, 3750);
}

TEST(FeeLawTest, HostCapRowLimitsTheFee) {
  // rates.proto ReminderFeeCap: 38 kr published amount replaces 37.50.
  v1::RateTables tables;
  auto* cap = tables.add_reminder_fee_caps();
  cap->set_valid_from("2026-01-01");
  cap->set_amount(3800);
  auto book = RateBook::Build(tables, D(2026, 6, 1), nullptr);
  ASSERT_TRUE(book.ok());
  FeeInput in = Input(kDunning, D(2026, 3, 1), D(2026, 1, 10), {});
  in.rates = &*book;
  EXPECT_EQ(DecideNoticeFee(in).fee, 3800);
}

// Recorded history (from another system) is claimed only as far as the law
// allows (F11; inkassoforskriften §§ 1-2, 1-3).
int64_t Claimable(const NoticeCharge& notice, absl::CivilDay due,
                  const std::vector<NoticeCharge>& prior, std::string* why) {
  return ClaimableRecordedFee(notice, due, prior, Book(), why);
}

TEST(RecordedFeeTest, LawfulFeesAreClaimedAsRecorded) {
  const absl::CivilDay due = D(2026, 9, 1);
  std::string why;
  // § 1-2: 1/20 x 750 kr on a notice sent 14 days after the due date.
  EXPECT_EQ(Claimable(Sent(kDunning, due + 14, 3750), due, {}, &why), 3750);
  // Less than the maximum is the creditor's choice.
  EXPECT_EQ(Claimable(Sent(kDunning, due + 14, 2000), due, {}, &why), 2000);
  EXPECT_EQ(why, "");
}

TEST(RecordedFeeTest, UnlawfulFeesAreCut) {
  const absl::CivilDay due = D(2026, 9, 1);
  std::string why;
  // A påminnelse never carries a fee (product.md glossary).
  EXPECT_EQ(Claimable(Sent(kReminder, due + 20, 3750), due, {}, &why), 0);
  EXPECT_THAT(why, HasSubstr("påminnelse"));
  // § 1-2 (1): sent 13 days after the due date.
  EXPECT_EQ(Claimable(Sent(kDunning, due + 13, 3750), due, {}, &why), 0);
  EXPECT_THAT(why, HasSubstr("§ 1-2"));
  // § 1-2: 70 kr in 2026 is above the 37.50 kr maximum (law.md § 3.2).
  EXPECT_EQ(Claimable(Sent(kDunning, due + 14, 7000), due, {}, &why), 3750);
  EXPECT_THAT(why, HasSubstr("3750"));
  // § 1-3: a third fee-bearing notice.
  const std::vector<NoticeCharge> two = {Sent(kDunning, due + 14, 3750),
                                         Sent(kDunning, due + 50, 3750)};
  EXPECT_EQ(Claimable(Sent(kWarning, due + 80, 3750), due, two, &why), 0);
  EXPECT_THAT(why, HasSubstr("two fee-bearing"));
  // § 1-3: the second fee before the first notice's deadline has passed.
  const std::vector<NoticeCharge> one = {Sent(kDunning, due + 14, 3750)};
  EXPECT_EQ(Claimable(Sent(kWarning, due + 28, 3750), due, one, &why), 0);
  EXPECT_EQ(Claimable(Sent(kWarning, due + 29, 3750), due, one, &why), 3750);
}

TEST(RecordedFeeTest, AWarningWithAShortDeadlineEarnsNoFee) {
  // § 1-2 (2) prices an inkassovarsel under inkassoloven § 9, whose deadline
  // is at least 14 days (law.md §§ 3.1, 4.1); § 1-2 (1) asks no deadline of
  // a purring itself (a short one only blocks the second fee, § 1-3).
  const absl::CivilDay due = D(2026, 9, 1);
  std::string why;
  EXPECT_EQ(Claimable(Sent(kWarning, due + 20, 3750, 13), due, {}, &why), 0);
  EXPECT_THAT(why, HasSubstr("§ 1-2 (2)"));
  EXPECT_EQ(Claimable(Sent(kWarning, due + 20, 3750, 14), due, {}, &why),
            3750);
  EXPECT_EQ(Claimable(Sent(kDunning, due + 20, 3750, 10), due, {}, &why),
            3750);
}

TEST(RecordedFeeTest, AWarningEmailedBefore2017EarnsNoFee) {
  // law.md § 4.1: electronic sending only since 2017-04-01 (inkassoloven
  // § 3a); before, an e-mailed inkassovarsel was none under § 9, so
  // § 1-2 (2) prices it at nothing. Sent on paper, or from that day, it
  // bears 1/10 × 700 kr (a claim due before 2020-10-01, law.md § 3.2).
  const absl::CivilDay due = D(2017, 3, 1);
  NoticeCharge warning = Sent(kWarning, D(2017, 3, 31), 7000);
  std::string why;
  EXPECT_EQ(Claimable(warning, due, {}, &why), 7000);  // channel unknown
  warning.channel = v1::CHANNEL_POST;
  EXPECT_EQ(Claimable(warning, due, {}, &why), 7000);
  warning.channel = v1::CHANNEL_EMAIL;
  EXPECT_EQ(Claimable(warning, due, {}, &why), 0);
  EXPECT_THAT(why, HasSubstr("e-mailed before 2017-04-01"));
  EXPECT_FALSE(HasSection9Form(warning));
  warning.sent = D(2017, 4, 1);
  warning.deadline = warning.sent + 14;
  EXPECT_EQ(Claimable(warning, due, {}, &why), 7000);
  EXPECT_TRUE(HasSection9Form(warning));
}

TEST(RecordedFeeTest, NoSecondFeeAfterAFeeBearingInkassovarsel) {
  // law.md § 3.1, inkassoforskriften § 1-3: fees for purring + purring or
  // purring + a *later* inkassovarsel; never two inkassovarsel fees, nor a
  // purring fee after an inkassovarsel fee. Both after the first deadline.
  const absl::CivilDay due = D(2026, 1, 15);
  const std::vector<NoticeCharge> warning = {Sent(kWarning, due + 17, 3750)};
  std::string why;
  EXPECT_EQ(Claimable(Sent(kWarning, due + 54, 3750), due, warning, &why), 0);
  EXPECT_THAT(why, HasSubstr("may only follow a purring"));
  why.clear();
  EXPECT_EQ(Claimable(Sent(kDunning, due + 54, 3750), due, warning, &why), 0);
  EXPECT_THAT(why, HasSubstr("inkassovarsel sent 2026-02-01"));
  // The engine's own proposal is bound the same way.
  FeeDecision proposed =
      DecideNoticeFee(Input(kWarning, due + 54, due, warning));
  EXPECT_EQ(proposed.fee, 0);
  EXPECT_THAT(proposed.note, HasSubstr("§ 1-3"));
  // A free inkassovarsel is no fee-bearing notice: a purring fee may follow.
  const std::vector<NoticeCharge> free_warning = {Sent(kWarning, due + 17, 0)};
  EXPECT_EQ(Claimable(Sent(kDunning, due + 54, 3750), due, free_warning, &why),
            3750);
}

TEST(RecordedFeeTest, WaivedFeesAreLeftAlone) {
  // A waived fee is not claimed at all (history.proto), so nothing is cut.
  const absl::CivilDay due = D(2026, 9, 1);
  NoticeCharge waived = Sent(kReminder, due + 2, 3750);
  waived.waived = due + 30;
  std::string why;
  EXPECT_EQ(Claimable(waived, due, {}, &why), 3750);
  EXPECT_EQ(why, "");
}

TEST(RecordedFeeTest, AFeeWaivedLaterStillCountsForTheNoticesBeforeItsWaiver) {
  // README "Fee strictness": a waived fee does not count towards the
  // two-fee limit from its waiver on. A collection warning sent inside the
  // first fee's deadline earns no second fee (inkassoforskriften § 1-3),
  // and a waiver after it does not make that fee lawful; one on its send
  // day does.
  const absl::CivilDay due = D(2026, 1, 15);
  NoticeCharge first = Sent(kDunning, D(2026, 3, 2), 3750);  // deadline 03-16
  first.waived = D(2026, 4, 20);
  std::string why;
  EXPECT_EQ(Claimable(Sent(kWarning, D(2026, 3, 10), 3750), due, {first}, &why),
            0);
  EXPECT_THAT(why, HasSubstr("a second fee only after"));
  first.waived = D(2026, 3, 10);
  why.clear();
  EXPECT_EQ(Claimable(Sent(kWarning, D(2026, 3, 10), 3750), due, {first}, &why),
            3750);
}

TEST(CompensationTest, B2BCompensationWithTheFirstNoticeEvenAReminder) {
  // law.md § 6: standardkompensasjon is due without any reminder; the
  // engine claims it with the first notice. Due 2026-02-02 (H1 2026: 460 kr).
  FeeInput in = Input(kReminder, D(2026, 2, 3), D(2026, 2, 2), {},
                      v1::FEE_STRICTNESS_MEDIUM);
  in.business_debtor = true;
  in.claim_compensation = true;
  FeeDecision d = DecideNoticeFee(in);
  EXPECT_EQ(d.fee, 0);
  EXPECT_EQ(d.compensation, 46000);
  // Not for consumers (law.md § 2), nor without the profile option.
  in.business_debtor = false;
  EXPECT_EQ(DecideNoticeFee(in).compensation, 0);
  in.business_debtor = true;
  in.claim_compensation = false;
  EXPECT_EQ(DecideNoticeFee(in).compensation, 0);
}

TEST(CompensationTest, FeesAreDeductedFromTheCompensation) {
  // law.md § 6: fees + compensation = max(compensation, Σ fees), fee first.
  // First dunning on 2026-02-16 (due 2026-02-02 + 14): fee 37.50,
  // compensation 460 − 37.50 = 422.50. The warning after the deadline:
  // max(460, 75) − 460 = 0 more.
  const absl::CivilDay due = D(2026, 2, 2);
  FeeInput first = Input(kDunning, D(2026, 2, 16), due, {}, v1::FEE_STRICTNESS_MEDIUM);
  first.business_debtor = first.claim_compensation = true;
  FeeDecision d1 = DecideNoticeFee(first);
  EXPECT_EQ(d1.fee, 3750);
  EXPECT_EQ(d1.compensation, 42250);
  NoticeCharge sent = Sent(kDunning, D(2026, 2, 16), d1.fee);
  sent.compensation = d1.compensation;
  std::vector<NoticeCharge> prior = {sent};
  FeeInput second = Input(kWarning, D(2026, 3, 3), due, prior, v1::FEE_STRICTNESS_MEDIUM);
  second.business_debtor = second.claim_compensation = true;
  FeeDecision d2 = DecideNoticeFee(second);
  EXPECT_EQ(d2.fee, 0);
  EXPECT_EQ(d2.compensation, 0);
  EXPECT_THAT(d2.note, HasSubstr("§ 3a"));
}

TEST(CompensationTest, FeesAboveASmallCompensationAreChargedAndClaimed) {
  // With a host compensation row of 50 kr: first notice 37.50 fee + 12.50
  // compensation (total 50); second: max(50, 75) − 50 = 25 kr, all fee.
  v1::RateTables tables;
  auto* row = tables.add_standard_compensations();
  row->set_valid_from("2026-01-01");
  row->set_amount(5000);
  auto book = RateBook::Build(tables, D(2026, 6, 1), nullptr);
  ASSERT_TRUE(book.ok());
  const absl::CivilDay due = D(2026, 2, 2);
  FeeInput first = Input(kDunning, D(2026, 2, 16), due, {}, v1::FEE_STRICTNESS_MEDIUM);
  first.business_debtor = first.claim_compensation = true;
  first.rates = &*book;
  FeeDecision d1 = DecideNoticeFee(first);
  EXPECT_EQ(d1.fee, 3750);
  EXPECT_EQ(d1.compensation, 1250);
  NoticeCharge sent = Sent(kDunning, D(2026, 2, 16), d1.fee);
  sent.compensation = d1.compensation;
  std::vector<NoticeCharge> prior = {sent};
  FeeInput second = Input(kWarning, D(2026, 3, 3), due, prior, v1::FEE_STRICTNESS_MEDIUM);
  second.business_debtor = second.claim_compensation = true;
  second.rates = &*book;
  FeeDecision d2 = DecideNoticeFee(second);
  EXPECT_EQ(d2.fee, 2500);
  EXPECT_EQ(d2.compensation, 0);
  // Recorded as proposed, the 25 kr is claimed whole: the warning bore a
  // 37.50 fee, 12.50 of it deducted. Recorded at 37.50, it is cut to 25.
  NoticeCharge warning = Sent(kWarning, D(2026, 3, 3), d2.fee);
  RecordedCharges as_proposed = ClaimableRecordedCharges(
      warning, /*business_debtor=*/true, due, prior, *book);
  EXPECT_EQ(as_proposed.fee, 2500);
  EXPECT_EQ(as_proposed.compensation, 0);
  EXPECT_EQ(as_proposed.fee_cut, "");
  warning.fee = 3750;
  RecordedCharges whole_fee = ClaimableRecordedCharges(
      warning, /*business_debtor=*/true, due, prior, *book);
  EXPECT_EQ(whole_fee.fee, 2500);
  EXPECT_THAT(whole_fee.fee_cut, HasSubstr("§ 3a"));
}

TEST(CompensationTest, AWaiverOfALaterCompensationKeepsTheFirstsDeduction) {
  // law.md § 6: fees and compensation together at most max(compensation,
  // Σ fees). A påminnelse claimed 430 kr of compensation; a later notice's
  // own (duplicate) compensation was waived. The first is still claimed, so
  // the next fee is deducted from it: max(460, 37.50) − 430 = 30 kr, not
  // 37.50 kr on top (found by an independent check: 467.50 kr claimed).
  const absl::CivilDay due = D(2026, 4, 6);  // H1 2026: 460 kr
  NoticeCharge reminder = Sent(kReminder, D(2026, 4, 14), 0);
  reminder.compensation = 43000;
  NoticeCharge waived = Sent(kWarning, D(2026, 5, 13), 0);
  waived.compensation = 43000;
  waived.waived = D(2026, 5, 18);
  const std::vector<NoticeCharge> prior = {reminder, waived};
  FeeInput next =
      Input(kWarning, D(2026, 6, 15), due, prior, v1::FEE_STRICTNESS_STRENG);
  next.business_debtor = next.claim_compensation = true;
  FeeDecision d = DecideNoticeFee(next);
  EXPECT_EQ(d.fee, 3000);
  EXPECT_EQ(d.compensation, 0);
  EXPECT_THAT(d.note, HasSubstr("§ 3a"));
  // The waived compensation is not claimed again: with 200 kr claimed and
  // 260 kr waived, the fee fits whole (200 + 37.50 <= 460) and nothing is
  // added to the compensation (README: "none after a waived one").
  NoticeCharge small = reminder;
  small.compensation = 20000;
  NoticeCharge waived_rest = waived;
  waived_rest.compensation = 26000;
  const std::vector<NoticeCharge> part_waived = {small, waived_rest};
  next.prior = part_waived;
  d = DecideNoticeFee(next);
  EXPECT_EQ(d.fee, 3750);
  EXPECT_EQ(d.compensation, 0);
  // With the only compensation waived, it is given up: the fee stands alone.
  reminder.waived = D(2026, 5, 18);
  const std::vector<NoticeCharge> all_waived = {reminder, waived};
  next.prior = all_waived;
  EXPECT_EQ(DecideNoticeFee(next).fee, 3750);
}

TEST(CompensationTest, AWaivedFeeGivesUpNoCompensation) {
  // law.md § 6 (README: "none after a waived one" is for a waived
  // compensation): a purring's fee waived before the next notice leaves
  // the business debtor's standard compensation to be claimed. Due
  // 2026-02-02 (H1 2026: 460 kr); the warning's fee is now the first
  // (§ 1-3) and is deducted from it: 37.50 kr + 422.50 kr.
  const absl::CivilDay due = D(2026, 2, 2);
  NoticeCharge purring = Sent(kDunning, D(2026, 2, 16), 3750);
  purring.waived = D(2026, 3, 1);
  const std::vector<NoticeCharge> prior = {purring};
  FeeInput next =
      Input(kWarning, D(2026, 3, 20), due, prior, v1::FEE_STRICTNESS_STRENG);
  next.business_debtor = next.claim_compensation = true;
  const FeeDecision d = DecideNoticeFee(next);
  EXPECT_EQ(d.fee, 3750);
  EXPECT_EQ(d.compensation, 46000 - 3750);
  // Recorded by the host at the whole 460 kr with no fee, it is claimed
  // whole.
  NoticeCharge warning = Sent(kWarning, D(2026, 3, 20), 0);
  warning.compensation = 46000;
  const RecordedCharges recorded = ClaimableRecordedCharges(
      warning, /*business_debtor=*/true, due, prior, Book());
  EXPECT_EQ(recorded.compensation, 46000);
  EXPECT_EQ(recorded.compensation_cut, "");
}

TEST(CompensationTest, OffProfileClaimsNothing) {
  FeeInput in = Input(kWarning, D(2026, 6, 1), D(2026, 2, 2), {}, v1::FEE_STRICTNESS_OFF);
  in.business_debtor = in.claim_compensation = true;
  FeeDecision d = DecideNoticeFee(in);
  EXPECT_EQ(d.fee, 0);
  EXPECT_EQ(d.compensation, 0);
}

}  // namespace
}  // namespace purring::internal
