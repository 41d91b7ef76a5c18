// Europe/Oslo civil time: the as-of date and the 11:00 dispatch instants.
// Uses the tz database through absl::TimeZone when the host has it, and
// otherwise the EU summer-time rule, so results never depend on the host's
// files (the rule has been Norway's since 1996).
#ifndef PURRING_SRC_PROCESS_OSLO_TIME_H_
#define PURRING_SRC_PROCESS_OSLO_TIME_H_

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace purring::internal {

// The Oslo calendar date of `instant`.
absl::CivilDay OsloDate(absl::Time instant);

// The instant of `hour`:00 Oslo time on `day`. REQUIRES: 0 <= hour < 24 and
// the hour exists (every hour except 02:00 on the last Sunday of March).
absl::Time OsloInstant(absl::CivilDay day, int hour);

// The EU rule alone (CET, UTC+1; CEST, UTC+2, from 01:00 UTC on the last
// Sunday of March to 01:00 UTC on the last Sunday of October). Exposed for
// tests of the fallback.
absl::Duration EuRuleOsloOffset(absl::Time instant);
absl::CivilDay EuRuleOsloDate(absl::Time instant);
absl::Time EuRuleOsloInstant(absl::CivilDay day, int hour);

absl::Time FromTimestamp(const google::protobuf::Timestamp& timestamp);
google::protobuf::Timestamp ToTimestamp(absl::Time instant);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_OSLO_TIME_H_
