// The step plan: which step comes next and when (product.md F6; law.md
// § 3.1 inkassoforskriften § 1-2, § 4.1 inkassoloven § 9; the seed's "til 14
// dager etter forfall på purring og inkassovarsel").
#include "process/step_plan.h"

#include <vector>

#include "gtest/gtest.h"
#include "process/profiles.h"

namespace purring::internal {
namespace {

using absl::CivilDay;

ResolvedProfile Profile(v1::StepSequence sequence, v1::FeeStrictness strictness,
                        int first_step_after_days = 0,
                        int days_after_deadline = 14) {
  v1::DunningSettings settings;
  v1::DunningProfile* p = settings.add_profiles();
  p->set_id("p");
  p->set_sequence(sequence);
  p->set_strictness(strictness);
  p->set_first_step_after_days(first_step_after_days);
  p->set_days_after_deadline(days_after_deadline);
  return *ProfileTable::Build(settings).Find("p");
}

NoticeCharge Sent(v1::StepKind step, CivilDay sent) {
  NoticeCharge n;
  n.step = step;
  n.sent = sent;
  n.deadline = sent + 14;
  return n;
}

const CivilDay kDue(2026, 2, 16);

TEST(StepPlanTest, FreeReminderFromTheDayAfterTheDueDate) {
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING,
                                    v1::FEE_STRICTNESS_MEDIUM);
  StepPlan plan = PlanNextStep(p, kDue, {}, kDue);
  EXPECT_EQ(plan.phase, StepPhase::kWaiting);
  EXPECT_EQ(plan.next_step, v1::STEP_KIND_REMINDER);
  EXPECT_EQ(plan.next_date, CivilDay(2026, 2, 17));
  plan = PlanNextStep(p, kDue, {}, CivilDay(2026, 2, 17));
  EXPECT_EQ(plan.phase, StepPhase::kReady);
  EXPECT_EQ(plan.last_notice, -1);
}

TEST(StepPlanTest, FeeBearingFirstStepWaitsFourteenDays) {
  // inkassoforskriften § 1-2: a fee only on a notice sent >= 14 days after
  // the due date; the first step waits for it rather than losing the fee.
  for (auto seq : {v1::STEP_SEQUENCE_DUNNING_WARNING, v1::STEP_SEQUENCE_WARNING_ONLY}) {
    const ResolvedProfile p = Profile(seq, v1::FEE_STRICTNESS_MEDIUM);
    const StepPlan plan = PlanNextStep(p, kDue, {}, CivilDay(2026, 3, 1));
    EXPECT_EQ(plan.phase, StepPhase::kWaiting);
    EXPECT_EQ(plan.next_date, CivilDay(2026, 3, 2));
  }
  // Fees off: nothing to wait for.
  const ResolvedProfile off =
      Profile(v1::STEP_SEQUENCE_WARNING_ONLY, v1::FEE_STRICTNESS_OFF);
  EXPECT_EQ(PlanNextStep(off, kDue, {}, CivilDay(2026, 2, 17)).phase,
            StepPhase::kReady);
  // An explicit first_step_after_days is taken as given.
  const ResolvedProfile three =
      Profile(v1::STEP_SEQUENCE_DUNNING_WARNING, v1::FEE_STRICTNESS_MEDIUM, 3);
  EXPECT_EQ(PlanNextStep(three, kDue, {}, kDue).next_date, CivilDay(2026, 2, 19));
}

TEST(StepPlanTest, DeadlinePlusGraceThenTheNextStep) {
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING,
                                    v1::FEE_STRICTNESS_MEDIUM);
  const std::vector<NoticeCharge> sent = {
      Sent(v1::STEP_KIND_REMINDER, CivilDay(2026, 2, 17))};  // deadline 03-03
  StepPlan plan = PlanNextStep(p, kDue, sent, CivilDay(2026, 3, 17));
  EXPECT_EQ(plan.phase, StepPhase::kDeadlineNotExpired);
  EXPECT_EQ(*plan.waiting_until, CivilDay(2026, 3, 17));
  EXPECT_EQ(plan.next_step, v1::STEP_KIND_DUNNING);
  EXPECT_EQ(plan.next_date, CivilDay(2026, 3, 18));
  EXPECT_EQ(plan.last_notice, 0);
  plan = PlanNextStep(p, kDue, sent, CivilDay(2026, 3, 18));
  EXPECT_EQ(plan.phase, StepPhase::kReady);
}

TEST(StepPlanTest, NeverBeforeTheClaimIsOverdue) {
  // A reminder recorded 2026-01-05, six weeks before the due date (history
  // from another system, or a due date the host moved later): its deadline
  // and grace end 02-02, but no step comes before the claim is overdue,
  // the day after the due date (law.md § 4.1: a warning "etter kravets
  // forfall"; F1: an invoice not yet due is not dunned).
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING,
                                    v1::FEE_STRICTNESS_OFF);
  const std::vector<NoticeCharge> sent = {
      Sent(v1::STEP_KIND_REMINDER, CivilDay(2026, 1, 5))};
  const StepPlan plan = PlanNextStep(p, kDue, sent, kDue);
  EXPECT_EQ(*plan.waiting_until, CivilDay(2026, 2, 2));
  EXPECT_EQ(plan.next_step, v1::STEP_KIND_DUNNING);
  EXPECT_EQ(plan.next_date, kDue + 1);
  EXPECT_EQ(plan.phase, StepPhase::kWaiting);
  EXPECT_EQ(PlanNextStep(p, kDue, sent, kDue + 1).phase, StepPhase::kReady);
}

TEST(StepPlanTest, NeverBeforeTheProfilesFirstStepDay) {
  // The same, under a profile whose first step waits 20 days after the due
  // date: a notice recorded before the due date does not bring the next
  // step before the day the first could come.
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING,
                                    v1::FEE_STRICTNESS_OFF, 20);
  const std::vector<NoticeCharge> sent = {
      Sent(v1::STEP_KIND_REMINDER, CivilDay(2026, 1, 5))};
  const StepPlan plan = PlanNextStep(p, kDue, sent, kDue + 1);
  EXPECT_EQ(plan.next_date, kDue + 20);
  EXPECT_EQ(plan.phase, StepPhase::kWaiting);
}

TEST(StepPlanTest, AFeeBearingLaterStepWaitsFourteenDaysAfterTheDueDate) {
  // inkassoforskriften § 1-2 (law.md § 3.1): a fee only on a notice sent 14
  // days or more after the due date, for the second step as for the first.
  // A reminder recorded 2026-01-05, before the due date: its deadline and
  // grace end 02-02, but the fee-bearing dunning waits until 03-02 (due
  // 02-16 + 14) rather than go out without its fee.
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING,
                                    v1::FEE_STRICTNESS_MEDIUM);
  const std::vector<NoticeCharge> sent = {
      Sent(v1::STEP_KIND_REMINDER, CivilDay(2026, 1, 5))};
  StepPlan plan = PlanNextStep(p, kDue, sent, CivilDay(2026, 3, 1));
  EXPECT_EQ(plan.next_step, v1::STEP_KIND_DUNNING);
  EXPECT_EQ(plan.next_date, CivilDay(2026, 3, 2));
  EXPECT_EQ(plan.phase, StepPhase::kWaiting);
  plan = PlanNextStep(p, kDue, sent, CivilDay(2026, 3, 2));
  EXPECT_EQ(plan.phase, StepPhase::kReady);
  // With fees off nothing waits past the day after the due date.
  const ResolvedProfile off = Profile(
      v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING, v1::FEE_STRICTNESS_OFF);
  EXPECT_EQ(PlanNextStep(off, kDue, sent, kDue + 1).next_date, kDue + 1);
}

TEST(StepPlanTest, ZeroGraceStillWaitsForTheDeadline) {
  // law.md § 3.1: the next step only after the previous deadline expired.
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING,
                                    v1::FEE_STRICTNESS_MEDIUM, 0, 0);
  const std::vector<NoticeCharge> sent = {
      Sent(v1::STEP_KIND_REMINDER, CivilDay(2026, 2, 17))};
  EXPECT_EQ(PlanNextStep(p, kDue, sent, CivilDay(2026, 3, 3)).phase,
            StepPhase::kDeadlineNotExpired);
  const StepPlan plan = PlanNextStep(p, kDue, sent, CivilDay(2026, 3, 4));
  EXPECT_EQ(plan.phase, StepPhase::kReady);
  EXPECT_EQ(plan.next_date, CivilDay(2026, 3, 4));
}

TEST(StepPlanTest, ShortRecordedDeadlineCountsAsFourteenDays) {
  // inkassoloven § 9 (law.md § 4.1): a deadline of at least 14 days. A
  // history notice sent 2026-02-17 with a 5-day deadline (02-22) is treated
  // as if its deadline were 03-03; with no grace the next step comes 03-04.
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING,
                                    v1::FEE_STRICTNESS_MEDIUM, 0, 0);
  NoticeCharge reminder = Sent(v1::STEP_KIND_REMINDER, CivilDay(2026, 2, 17));
  reminder.deadline = CivilDay(2026, 2, 22);
  const std::vector<NoticeCharge> sent = {reminder};
  StepPlan plan = PlanNextStep(p, kDue, sent, CivilDay(2026, 2, 23));
  EXPECT_EQ(plan.phase, StepPhase::kDeadlineNotExpired);
  EXPECT_EQ(plan.next_date, CivilDay(2026, 3, 4));
  plan = PlanNextStep(p, kDue, sent, CivilDay(2026, 3, 4));
  EXPECT_EQ(plan.phase, StepPhase::kReady);
}

TEST(StepPlanTest, AfterTheLastStepConsiderCollection) {
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_DUNNING_WARNING,
                                    v1::FEE_STRICTNESS_MEDIUM);
  const std::vector<NoticeCharge> sent = {
      Sent(v1::STEP_KIND_DUNNING, CivilDay(2026, 3, 2)),
      Sent(v1::STEP_KIND_COLLECTION_WARNING, CivilDay(2026, 3, 31))};
  StepPlan plan = PlanNextStep(p, kDue, sent, CivilDay(2026, 4, 28));
  EXPECT_EQ(plan.phase, StepPhase::kDeadlineNotExpired);
  EXPECT_EQ(plan.next_step, v1::STEP_KIND_UNSPECIFIED);
  plan = PlanNextStep(p, kDue, sent, CivilDay(2026, 4, 29));
  EXPECT_EQ(plan.phase, StepPhase::kConsiderCollection);
}

TEST(StepPlanTest, StepsAlreadyTakenElsewhereAreNotRepeated) {
  // A warning recorded under another profile: the reminder-first profile
  // does not start again from the reminder.
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING,
                                    v1::FEE_STRICTNESS_MILD);
  const std::vector<NoticeCharge> sent = {
      Sent(v1::STEP_KIND_COLLECTION_WARNING, CivilDay(2026, 3, 2))};
  const StepPlan plan = PlanNextStep(p, kDue, sent, CivilDay(2026, 5, 1));
  EXPECT_EQ(plan.phase, StepPhase::kConsiderCollection);
}

TEST(StepPlanTest, ALaterNoticeDoesNotCutAnEarlierDeadlineShort) {
  // inkassoloven § 9 (law.md § 4.1): the transfer only once the warning's
  // deadline "har løpt ut"; F1 / the seed: a notice stays in "Frist ikke
  // utløpt" until 14 days after its deadline. A collection warning sent
  // 2026-09-20 with deadline 11-30, then a reminder 09-25 with deadline
  // 10-09 (history from another system): the transfer waits for 11-30 + 14.
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING,
                                    v1::FEE_STRICTNESS_MEDIUM);
  const CivilDay due(2026, 9, 1);
  NoticeCharge warning =
      Sent(v1::STEP_KIND_COLLECTION_WARNING, CivilDay(2026, 9, 20));
  warning.deadline = CivilDay(2026, 11, 30);
  const std::vector<NoticeCharge> sent = {
      warning, Sent(v1::STEP_KIND_REMINDER, CivilDay(2026, 9, 25))};
  StepPlan plan = PlanNextStep(p, due, sent, CivilDay(2026, 10, 24));
  EXPECT_EQ(plan.phase, StepPhase::kDeadlineNotExpired);
  EXPECT_EQ(*plan.waiting_until, CivilDay(2026, 12, 14));
  EXPECT_EQ(plan.next_date, CivilDay(2026, 12, 15));
  EXPECT_EQ(plan.last_notice, 1);  // the reminder is still the last sent
  plan = PlanNextStep(p, due, sent, CivilDay(2026, 12, 14));
  EXPECT_EQ(plan.phase, StepPhase::kDeadlineNotExpired);
  plan = PlanNextStep(p, due, sent, CivilDay(2026, 12, 15));
  EXPECT_EQ(plan.phase, StepPhase::kConsiderCollection);

  // A dunning notice with a long deadline, then a reminder: the collection
  // warning waits for the dunning notice's deadline too.
  NoticeCharge dunning = Sent(v1::STEP_KIND_DUNNING, CivilDay(2026, 9, 15));
  dunning.deadline = CivilDay(2026, 10, 30);
  plan = PlanNextStep(
      p, due, {dunning, Sent(v1::STEP_KIND_REMINDER, CivilDay(2026, 9, 20))},
      CivilDay(2026, 10, 19));
  EXPECT_EQ(plan.phase, StepPhase::kDeadlineNotExpired);
  EXPECT_EQ(plan.next_step, v1::STEP_KIND_COLLECTION_WARNING);
  EXPECT_EQ(plan.next_date, CivilDay(2026, 11, 14));
}

TEST(StepPlanTest, TransferOnlyAfterAWarningThatSatisfiesSection9) {
  // inkassoloven § 9 (law.md § 4.1): collection only after a warning sent
  // after the due date with a deadline of at least 14 days from sending. A
  // recorded warning that is neither (history from another system) leads to
  // a new warning, not to the transfer.
  const ResolvedProfile p = Profile(v1::STEP_SEQUENCE_WARNING_ONLY,
                                    v1::FEE_STRICTNESS_MEDIUM);
  const CivilDay late(2026, 6, 1);
  NoticeCharge before_due = Sent(v1::STEP_KIND_COLLECTION_WARNING, kDue);
  StepPlan plan = PlanNextStep(p, kDue, {before_due}, late);
  EXPECT_EQ(plan.phase, StepPhase::kReady);
  EXPECT_EQ(plan.next_step, v1::STEP_KIND_COLLECTION_WARNING);
  EXPECT_TRUE(plan.warning_repeated);

  NoticeCharge short_deadline =
      Sent(v1::STEP_KIND_COLLECTION_WARNING, CivilDay(2026, 3, 2));
  short_deadline.deadline = CivilDay(2026, 3, 9);  // 7 days
  plan = PlanNextStep(p, kDue, {short_deadline}, late);
  EXPECT_EQ(plan.next_step, v1::STEP_KIND_COLLECTION_WARNING);
  EXPECT_TRUE(plan.warning_repeated);

  // The day after the due date with exactly 14 days is valid.
  const NoticeCharge valid =
      Sent(v1::STEP_KIND_COLLECTION_WARNING, kDue + 1);
  plan = PlanNextStep(p, kDue, {before_due, valid}, late);
  EXPECT_EQ(plan.phase, StepPhase::kConsiderCollection);
  EXPECT_EQ(plan.next_step, v1::STEP_KIND_UNSPECIFIED);
  EXPECT_FALSE(plan.warning_repeated);
}

TEST(ProfilesTest, DefaultsAndChoice) {
  v1::DunningSettings settings;
  settings.set_default_business_profile("streng");
  const ProfileTable table = ProfileTable::Build(settings);
  v1::Customer person;
  const ProfileTable::Choice a = table.ForCustomer(person);
  EXPECT_EQ(a.profile->id, "medium");
  EXPECT_EQ(a.type, v1::CUSTOMER_TYPE_PERSON);
  EXPECT_FALSE(a.custom);
  EXPECT_EQ(a.profile->deadline_days, 14);
  EXPECT_EQ(a.profile->days_after_deadline, 14);
  EXPECT_EQ(a.profile->steps.size(), 3u);
  v1::Customer business;
  business.set_crm_type(v1::CUSTOMER_TYPE_BUSINESS);
  EXPECT_EQ(table.ForCustomer(business).profile->id, "streng");
  business.set_profile_id("mild");
  const ProfileTable::Choice c = table.ForCustomer(business);
  EXPECT_EQ(c.profile->id, "mild");
  EXPECT_TRUE(c.custom);
  EXPECT_EQ(c.profile->strictness, v1::FEE_STRICTNESS_MILD);
}

}  // namespace
}  // namespace purring::internal
