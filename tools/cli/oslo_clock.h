// Europe/Oslo for the tool's dates and times: the tz database's zone when the
// host has tzdata, else the EU summer-time rule, as the engine itself does
// (README, "As-of date and Oslo time"), so the tool runs wherever the
// library does.
#ifndef PURRING_TOOLS_CLI_OSLO_CLOCK_H_
#define PURRING_TOOLS_CLI_OSLO_CLOCK_H_

#include <optional>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace purring::cli {

class OsloClock {
 public:
  // The tz database's Europe/Oslo, or the EU rule when it cannot be loaded.
  static OsloClock Load();
  // The EU rule alone: CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the
  // last Sunday of March to 01:00 UTC on the last Sunday of October.
  static OsloClock EuRule() { return OsloClock(std::nullopt); }

  // A zone that gives Oslo's civil time at `instant` (the fixed offset of
  // that moment under the EU rule).
  absl::TimeZone ZoneAt(absl::Time instant) const;
  // 12:00 Oslo time on `day` (never in a clock change).
  absl::Time Noon(absl::CivilDay day) const;

 private:
  explicit OsloClock(std::optional<absl::TimeZone> tz) : tz_(tz) {}
  std::optional<absl::TimeZone> tz_;
};

}  // namespace purring::cli

#endif  // PURRING_TOOLS_CLI_OSLO_CLOCK_H_
