#include "oslo_clock.h"

namespace purring::cli {
namespace {

absl::Time UtcAt(absl::CivilDay day, int hour) {
  return absl::FromCivil(
      absl::CivilSecond(day.year(), day.month(), day.day(), hour, 0, 0),
      absl::UTCTimeZone());
}

absl::CivilDay LastSunday(absl::civil_year_t year, int month) {
  const absl::CivilDay next_first(absl::CivilMonth(year, month) + 1);
  return absl::PrevWeekday(next_first, absl::Weekday::sunday);
}

absl::Duration EuRuleOffset(absl::Time instant) {
  const absl::civil_year_t year =
      absl::ToCivilYear(instant, absl::UTCTimeZone()).year();
  const bool summer = instant >= UtcAt(LastSunday(year, 3), 1) &&
                      instant < UtcAt(LastSunday(year, 10), 1);
  return absl::Hours(summer ? 2 : 1);
}

}  // namespace

OsloClock OsloClock::Load() {
  absl::TimeZone tz;
  if (absl::LoadTimeZone("Europe/Oslo", &tz)) return OsloClock(tz);
  return EuRule();
}

absl::TimeZone OsloClock::ZoneAt(absl::Time instant) const {
  if (tz_.has_value()) return *tz_;
  return absl::FixedTimeZone(
      static_cast<int>(absl::ToInt64Seconds(EuRuleOffset(instant))));
}

absl::Time OsloClock::Noon(absl::CivilDay day) const {
  if (tz_.has_value()) {
    return absl::FromCivil(
        absl::CivilSecond(day.year(), day.month(), day.day(), 12, 0, 0), *tz_);
  }
  // Noon in summer time is 10:00 UTC; if that instant is not summer time,
  // the day is in winter time and noon is 11:00 UTC.
  const absl::Time summer_noon = UtcAt(day, 10);
  if (EuRuleOffset(summer_noon) == absl::Hours(2)) return summer_noon;
  return UtcAt(day, 11);
}

}  // namespace purring::cli
