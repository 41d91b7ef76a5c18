#include "process/step_plan.h"

#include <algorithm>

#include "money/fee_rules.h"

namespace purring::internal {

bool HasSection9Warning(const NoticeCharge& notice,
                        absl::CivilDay adjusted_due) {
  return notice.step == v1::STEP_KIND_COLLECTION_WARNING &&
         notice.sent > adjusted_due && HasSection9Form(notice);
}

bool SatisfiesSection9(const NoticeCharge& notice,
                       absl::CivilDay adjusted_due) {
  return HasSection9Warning(notice, adjusted_due) && !notice.demand_paid;
}

absl::CivilDay NoticeDeadline(const ResolvedProfile& profile,
                              absl::CivilDay sent) {
  return sent + profile.deadline_days;
}

StepPlan PlanNextStep(const ResolvedProfile& profile,
                      absl::CivilDay adjusted_due,
                      absl::Span<const NoticeCharge> notices,
                      absl::CivilDay on_date) {
  StepPlan plan;
  v1::StepKind reached = v1::STEP_KIND_UNSPECIFIED;
  for (size_t i = 0; i < notices.size(); ++i) {
    reached = std::max(reached, notices[i].step);
  }
  plan.next_step = v1::STEP_KIND_UNSPECIFIED;
  for (v1::StepKind step : profile.steps) {
    if (step > reached) {
      plan.next_step = step;
      break;
    }
  }
  if (plan.next_step == v1::STEP_KIND_UNSPECIFIED &&
      std::none_of(notices.begin(), notices.end(),
                   [&](const NoticeCharge& notice) {
                     return SatisfiesSection9(notice, adjusted_due);
                   })) {
    plan.next_step = v1::STEP_KIND_COLLECTION_WARNING;
    plan.warning_repeated = true;
    plan.warning_paid = std::any_of(
        notices.begin(), notices.end(), [](const NoticeCharge& notice) {
          return notice.step == v1::STEP_KIND_COLLECTION_WARNING &&
                 notice.demand_paid;
        });
  }

  const bool charges_fee =
      plan.next_step != v1::STEP_KIND_UNSPECIFIED &&
      ProfileChargesFee(profile.strictness, plan.next_step);
  // The first step's day: no step of any kind comes before it.
  const absl::CivilDay first_step_day =
      adjusted_due + std::max(1, profile.first_step_after_days);
  if (notices.empty()) {
    plan.next_date = first_step_day;
    if (charges_fee && profile.first_step_after_days == 0) {
      plan.next_date = std::max(plan.next_date, FirstFeeDay(adjusted_due));
    }
  } else {
    plan.last_notice = static_cast<int>(notices.size()) - 1;
    // Every notice's deadline must have expired, not only the last one's: a
    // reminder recorded after a collection warning does not cut the
    // warning's deadline short (inkassoloven § 9: the transfer waits until
    // the warning's deadline "har løpt ut"). A recorded deadline shorter than
    // the law's 14 days (history from another system) counts as 14.
    absl::CivilDay deadline = notices.front().deadline;
    for (const NoticeCharge& notice : notices) {
      deadline = std::max(
          {deadline, notice.deadline, notice.sent + kMinDeadlineDays});
    }
    // days_after_deadline is never negative (validate.cc, profiles.cc), so
    // the day after waiting_until is after every deadline too.
    plan.waiting_until = deadline + profile.days_after_deadline;
    // Never before the first step could come: a notice recorded before the
    // due date (history from another system, or a due date moved later)
    // has a deadline that can end before it.
    plan.next_date = std::max(*plan.waiting_until + 1, first_step_day);
    if (charges_fee) {
      plan.next_date = std::max(plan.next_date, FirstFeeDay(adjusted_due));
    }
    if (on_date <= *plan.waiting_until) {
      plan.phase = StepPhase::kDeadlineNotExpired;
      return plan;
    }
  }
  if (on_date < plan.next_date) {
    plan.phase = StepPhase::kWaiting;
  } else if (plan.next_step == v1::STEP_KIND_UNSPECIFIED) {
    plan.phase = StepPhase::kConsiderCollection;
  } else {
    plan.phase = StepPhase::kReady;
  }
  return plan;
}

bool TransferFollowsValidWarning(absl::Span<const NoticeCharge> notices,
                                 absl::CivilDay adjusted_due,
                                 absl::CivilDay transferred) {
  return std::any_of(notices.begin(), notices.end(),
                     [&](const NoticeCharge& notice) {
                       return SatisfiesSection9(notice, adjusted_due) &&
                              notice.deadline < transferred;
                     });
}

}  // namespace purring::internal
