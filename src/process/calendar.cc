#include "process/calendar.h"

#include "dates.h"

namespace purring::internal {

namespace {

struct MonthDay {
  int month;
  int day;
};

// Meeus/Jones/Butcher algorithm, valid for every Gregorian year.
MonthDay EasterMonthDay(absl::civil_year_t year) {
  const long long y = year;
  const long long a = y % 19;
  const long long b = y / 100;
  const long long c = y % 100;
  const long long d = b / 4;
  const long long e = b % 4;
  const long long f = (b + 8) / 25;
  const long long g = (b - f + 1) / 3;
  const long long h = (19 * a + b - d - g + 15) % 30;
  const long long i = c / 4;
  const long long k = c % 4;
  const long long l = (32 + 2 * e + 2 * i - h - k) % 7;
  const long long m = (a + 11 * h + 22 * l) / 451;
  const long long month = (h + l - 7 * m + 114) / 31;
  const long long day = (h + l - 7 * m + 114) % 31 + 1;
  return {static_cast<int>(month), static_cast<int>(day)};
}

}  // namespace

absl::CivilDay EasterSunday(absl::civil_year_t year) {
  const MonthDay easter = EasterMonthDay(year);
  return absl::CivilDay(year, easter.month, easter.day);
}

namespace {

// Days before the 1st of each month in a common year.
constexpr int kDaysBeforeMonth[12] = {0,   31,  59,  90,  120, 151,
                                      181, 212, 243, 273, 304, 334};

// The day of the year (1 Jan = 0) of a March-or-later date; February's
// extra day counted. Plain integers: CivilDay's difference and constructor
// renormalise through divisions, and this runs for every due date.
int DayOfYearFromMarch(absl::civil_year_t year, int month, int day) {
  return kDaysBeforeMonth[month - 1] + day - 1 + (IsLeapYear(year) ? 1 : 0);
}

// The weekday after `weekday` (absl::Weekday counts monday = 0 .. sunday).
absl::Weekday NextWeekdayOf(absl::Weekday weekday) {
  return weekday == absl::Weekday::sunday
             ? absl::Weekday::monday
             : static_cast<absl::Weekday>(static_cast<int>(weekday) + 1);
}

}  // namespace

bool IsNorwegianPublicHoliday(absl::CivilDay day) {
  const int month = day.month();
  const int dom = day.day();
  if ((month == 1 && dom == 1) || (month == 5 && (dom == 1 || dom == 17)) ||
      (month == 12 && (dom == 25 || dom == 26))) {
    return true;
  }
  // Every movable holiday lies between Maundy Thursday (19 March at the
  // earliest) and Whit Monday (14 June at the latest).
  if (month < 3 || month > 6) return false;
  // Easter Sunday falls between 22 March and 25 April: the offset is a
  // difference of days of the year, both in March or later.
  const MonthDay easter = EasterMonthDay(day.year());
  const int offset = DayOfYearFromMarch(day.year(), month, dom) -
                     DayOfYearFromMarch(day.year(), easter.month, easter.day);
  switch (offset) {
    case -3:  // Skjærtorsdag
    case -2:  // Langfredag
    case 0:   // Første påskedag
    case 1:   // Andre påskedag
    case 39:  // Kristi himmelfartsdag
    case 49:  // Første pinsedag
    case 50:  // Andre pinsedag
      return true;
    default:
      return false;
  }
}

bool IsBusinessDay(absl::CivilDay day) {
  const absl::Weekday weekday = absl::GetWeekday(day);
  if (weekday == absl::Weekday::saturday || weekday == absl::Weekday::sunday) {
    return false;
  }
  return !IsNorwegianPublicHoliday(day);
}

absl::CivilDay NextBusinessDayOnOrAfter(absl::CivilDay day) {
  // The weekday is found once and then counted along, and a weekend is
  // skipped in one step: stepping a CivilDay and finding its weekday each
  // renormalise through divisions.
  absl::Weekday weekday = absl::GetWeekday(day);
  for (;;) {
    if (weekday == absl::Weekday::saturday) {
      day += 2;
      weekday = absl::Weekday::monday;
    } else if (weekday == absl::Weekday::sunday) {
      day += 1;
      weekday = absl::Weekday::monday;
    }
    if (!IsNorwegianPublicHoliday(day)) return day;
    day += 1;
    weekday = NextWeekdayOf(weekday);
  }
}

}  // namespace purring::internal
