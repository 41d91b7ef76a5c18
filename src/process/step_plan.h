// Where an overdue, dunnable invoice stands in its profile's step sequence,
// and when the next step may be taken (F6; law.md §§ 3.1, 4.1).
#ifndef PURRING_SRC_PROCESS_STEP_PLAN_H_
#define PURRING_SRC_PROCESS_STEP_PLAN_H_

#include <optional>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "money/claim.h"
#include "process/profiles.h"

namespace purring::internal {

enum class StepPhase {
  kWaiting,             // the next step's earliest date has not come
  kReady,               // the next step may be sent on `on_date`
  kDeadlineNotExpired,  // within the latest deadline + grace days
  kConsiderCollection,  // every step sent, the latest deadline + grace passed
};

struct StepPlan {
  StepPhase phase = StepPhase::kWaiting;
  int last_notice = -1;  // the last sent, index into the notices; -1: none
  // The next notice; STEP_KIND_UNSPECIFIED: transfer to collection.
  v1::StepKind next_step = v1::STEP_KIND_UNSPECIFIED;
  absl::CivilDay next_date;  // the earliest day the next step is proposed
  std::optional<absl::CivilDay> waiting_until;  // deadline + grace
  // Every step was sent, but no collection warning satisfies inkassoloven
  // § 9 (sent after the due date, a deadline of at least 14 days): the next
  // step is a new collection warning, not the transfer.
  bool warning_repeated = false;
  // Among them, a recorded warning whose amount was paid by its deadline
  // (what is left is the interest since; § 9 needs a new warning for it).
  bool warning_paid = false;
};

// The deadline a notice sent on `sent` carries: sent + deadline_days, the
// same weekday, not moved for holidays (inkassoloven § 9; law.md § 4.1).
absl::CivilDay NoticeDeadline(const ResolvedProfile& profile,
                              absl::CivilDay sent);

// `notices`: the invoice's notices sorted by sent date. The step reached is
// the highest step sent; the next is the profile's first step above it. The
// first step comes no earlier than adjusted_due + max(1,
// first_step_after_days), and, when it carries a fee and
// first_step_after_days is 0, no earlier than FirstFeeDay (inkassoforskriften
// § 1-2). Later steps come the day after the latest of the notices'
// deadlines + days_after_deadline, so never before every deadline has
// expired, nor before the first step could come (adjusted_due + max(1,
// first_step_after_days)). The transfer to collection needs a recorded
// collection warning that satisfies inkassoloven § 9 (law.md § 4.1), its
// amount not paid by its deadline (NoticeCharge::demand_paid); without one a
// new warning comes first.
StepPlan PlanNextStep(const ResolvedProfile& profile,
                      absl::CivilDay adjusted_due,
                      absl::Span<const NoticeCharge> notices,
                      absl::CivilDay on_date);

// inkassoloven § 9's warning as sent: a written collection warning
// (HasSection9Form: a deadline of at least 14 days, on paper before 2017)
// sent after the claim fell due (law.md § 4.1). Whether it was paid in
// time is not asked.
bool HasSection9Warning(const NoticeCharge& notice,
                        absl::CivilDay adjusted_due);

// inkassoloven § 9: HasSection9Warning, whose deadline "må ha løpt ut uten
// at beløpet er betalt": not one whose amount was paid in time
// (NoticeCharge::demand_paid).
bool SatisfiesSection9(const NoticeCharge& notice, absl::CivilDay adjusted_due);

// Whether a transfer to collection on `transferred` followed a recorded
// collection warning that satisfies inkassoloven § 9 and whose deadline had
// run out by then (law.md § 4.1): what a transfer the host recorded itself
// is checked against.
bool TransferFollowsValidWarning(absl::Span<const NoticeCharge> notices,
                                 absl::CivilDay adjusted_due,
                                 absl::CivilDay transferred);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_STEP_PLAN_H_
