#include "process/dispatch.h"

#include <algorithm>

#include "process/oslo_time.h"

namespace purring::internal {

DispatchPlan PlanNextDispatch(const v1::DunningSettings& settings,
                              absl::Time as_of) {
  DispatchPlan plan;
  plan.progression_automatic = settings.progression() == v1::MODE_AUTOMATIC;
  plan.transfer_automatic = settings.collection_transfer() == v1::MODE_AUTOMATIC;
  plan.enabled = plan.progression_automatic || plan.transfer_automatic;
  if (!plan.enabled) return plan;

  absl::Time first = as_of;
  if (settings.has_automation_enabled_at()) {
    const absl::Time enabled = FromTimestamp(settings.automation_enabled_at());
    absl::CivilDay day = OsloDate(enabled);
    if (settings.first_dispatch() != v1::FIRST_DISPATCH_TODAY_AFTER_11) ++day;
    // Never before automation is on: "today after 11:00" switched on at
    // 12:00 is tomorrow's 11:00, whenever it is asked.
    first = std::max(OsloInstant(day, kDispatchHourOslo), enabled);
  }
  const absl::Time from = std::max(as_of, first);
  absl::CivilDay day = OsloDate(from);
  absl::Time candidate = OsloInstant(day, kDispatchHourOslo);
  if (candidate < from) {
    ++day;
    candidate = OsloInstant(day, kDispatchHourOslo);
  }
  plan.instant = candidate;
  plan.date = day;
  return plan;
}

}  // namespace purring::internal
