#include "process/oslo_time.h"

#include <optional>

namespace purring::internal {
namespace {

// The tz database zone, or nullopt when the host has no tzdata. Loaded once;
// immutable afterwards, so sharing it between threads is safe.
const std::optional<absl::TimeZone>& TzdbOslo() {
  static const std::optional<absl::TimeZone>* const zone = [] {
    absl::TimeZone tz;
    if (absl::LoadTimeZone("Europe/Oslo", &tz)) {
      return new std::optional<absl::TimeZone>(tz);
    }
    return new std::optional<absl::TimeZone>();
  }();
  return *zone;
}

absl::CivilDay LastSunday(absl::civil_year_t year, int month) {
  const absl::CivilDay last = absl::CivilDay(absl::CivilMonth(year, month) + 1) - 1;
  return absl::PrevWeekday(last + 1, absl::Weekday::sunday);
}

absl::Time UtcAt(absl::CivilDay day, int hour) {
  return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(),
                                           hour, 0, 0),
                         absl::UTCTimeZone());
}

}  // namespace

absl::Duration EuRuleOsloOffset(absl::Time instant) {
  const absl::civil_year_t year =
      absl::ToCivilYear(instant, absl::UTCTimeZone()).year();
  const absl::Time summer_start = UtcAt(LastSunday(year, 3), 1);
  const absl::Time summer_end = UtcAt(LastSunday(year, 10), 1);
  const bool summer = instant >= summer_start && instant < summer_end;
  return absl::Hours(summer ? 2 : 1);
}

absl::CivilDay EuRuleOsloDate(absl::Time instant) {
  return absl::ToCivilDay(instant + EuRuleOsloOffset(instant),
                          absl::UTCTimeZone());
}

absl::Time EuRuleOsloInstant(absl::CivilDay day, int hour) {
  const absl::Time as_if_utc = UtcAt(day, hour);
  // Try summer time first; it is right exactly when the result is in summer.
  const absl::Time summer = as_if_utc - absl::Hours(2);
  if (EuRuleOsloOffset(summer) == absl::Hours(2)) return summer;
  return as_if_utc - absl::Hours(1);
}

absl::CivilDay OsloDate(absl::Time instant) {
  const std::optional<absl::TimeZone>& tz = TzdbOslo();
  if (tz.has_value()) return absl::ToCivilDay(instant, *tz);
  return EuRuleOsloDate(instant);
}

absl::Time OsloInstant(absl::CivilDay day, int hour) {
  const std::optional<absl::TimeZone>& tz = TzdbOslo();
  if (tz.has_value()) {
    return absl::FromCivil(
        absl::CivilSecond(day.year(), day.month(), day.day(), hour, 0, 0), *tz);
  }
  return EuRuleOsloInstant(day, hour);
}

absl::Time FromTimestamp(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) +
         absl::Nanoseconds(timestamp.nanos());
}

google::protobuf::Timestamp ToTimestamp(absl::Time instant) {
  google::protobuf::Timestamp out;
  const int64_t seconds = absl::ToUnixSeconds(instant);
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(instant - absl::FromUnixSeconds(seconds))));
  return out;
}

}  // namespace purring::internal
