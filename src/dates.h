// Calendar dates as they cross the schema: "YYYY-MM-DD" strings.
#ifndef PURRING_SRC_DATES_H_
#define PURRING_SRC_DATES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace purring::internal {

// Parses exactly "YYYY-MM-DD" (years 1900-2999) and rejects impossible dates
// such as "2026-02-30". Returns nullopt on any deviation.
std::optional<absl::CivilDay> ParseDate(absl::string_view text);

// ParseDate's day, or `fallback` for a text it rejects (one validation let
// through only where the date is optional).
inline absl::CivilDay ParseDateOr(absl::string_view text,
                                  absl::CivilDay fallback) {
  return ParseDate(text).value_or(fallback);
}

// Formats as "YYYY-MM-DD".
std::string FormatDate(absl::CivilDay day);

// The size of "YYYY-MM-DD".
inline constexpr size_t kDateTextSize = 10;

// Writes `day` as FormatDate does into out[0, kDateTextSize) and returns
// true, for the years 0-9999; false (nothing written) for others, whose text
// FormatDate makes longer.
bool FormatDateTo(absl::CivilDay day, char* out);

// Gregorian leap years.
inline bool IsLeapYear(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// A day counted from 1970-01-01, for per-invoice loops that step and compare
// days many times: absl::CivilDay's + and - renormalise through divisions
// (measured: ~200 instructions per interest period in the accrual loop).
using DayNumber = int64_t;
inline DayNumber ToDayNumber(absl::CivilDay day) {
  return day - absl::CivilDay(1970, 1, 1);
}
inline absl::CivilDay FromDayNumber(DayNumber number) {
  return absl::CivilDay(1970, 1, 1) + number;
}

}  // namespace purring::internal

#endif  // PURRING_SRC_DATES_H_
