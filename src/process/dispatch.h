// The next automatic dispatch (F8): daily at 11:00 Europe/Oslo, the first on
// the day automation was switched on or the day after.
#ifndef PURRING_SRC_PROCESS_DISPATCH_H_
#define PURRING_SRC_PROCESS_DISPATCH_H_

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "purring/v1/settings.pb.h"

namespace purring::internal {

inline constexpr int kDispatchHourOslo = 11;

struct DispatchPlan {
  bool progression_automatic = false;
  bool transfer_automatic = false;
  bool enabled = false;  // either is automatic
  absl::Time instant;    // valid when enabled
  absl::CivilDay date;   // its Oslo date
};

// The first 11:00 Oslo at or after max(as_of, first dispatch), where the
// first dispatch is 11:00 Oslo on the Oslo date of automation_enabled_at
// (FIRST_DISPATCH_TODAY_AFTER_11) or the next day (TOMORROW, UNSPECIFIED),
// and never before automation_enabled_at itself.
// Without automation_enabled_at the first dispatch is taken as as_of.
DispatchPlan PlanNextDispatch(const v1::DunningSettings& settings,
                              absl::Time as_of);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_DISPATCH_H_
