// The Norwegian business-day calendar, computed (never listed per year):
// weekends and the public holidays of helligdagsloven and 1 and 17 May.
#ifndef PURRING_SRC_PROCESS_CALENDAR_H_
#define PURRING_SRC_PROCESS_CALENDAR_H_

#include "absl/time/civil_time.h"

namespace purring::internal {

// Easter Sunday of `year` in the Gregorian calendar (anonymous computus).
absl::CivilDay EasterSunday(absl::civil_year_t year);

// 1 Jan, Maundy Thursday, Good Friday, Easter Sunday, Easter Monday, 1 May,
// 17 May, Ascension Day, Whit Sunday, Whit Monday, 25 and 26 Dec.
bool IsNorwegianPublicHoliday(absl::CivilDay day);

// Neither a Saturday, a Sunday nor a public holiday.
bool IsBusinessDay(absl::CivilDay day);

// `day` itself when it is a business day, else the next one
// (gjeldsbrevloven § 5; law.md § 1.3).
absl::CivilDay NextBusinessDayOnOrAfter(absl::CivilDay day);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_CALENDAR_H_
