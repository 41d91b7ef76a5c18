#include "dates.h"

#include <cstdint>
#include <cstdio>

namespace purring::internal {
namespace {

// Reads n ASCII digits; false on anything else. Hand-rolled because this runs
// several times per invoice and absl::ParseCivilTime goes through strptime.
bool ReadDigits(absl::string_view text, int n, int* out) {
  int value = 0;
  for (int i = 0; i < n; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

}  // namespace

std::optional<absl::CivilDay> ParseDate(absl::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0, month = 0, day = 0;
  if (!ReadDigits(text.substr(0, 4), 4, &year) ||
      !ReadDigits(text.substr(5, 2), 2, &month) ||
      !ReadDigits(text.substr(8, 2), 2, &day)) {
    return std::nullopt;
  }
  if (year < 1900 || year > 2999) return std::nullopt;
  const absl::CivilDay parsed(year, month, day);
  // CivilDay normalises out-of-range fields ("02-30" becomes "03-02"): an
  // impossible date is one that does not survive the round trip.
  if (parsed.year() != year || parsed.month() != month || parsed.day() != day) {
    return std::nullopt;
  }
  return parsed;
}

std::string FormatDate(absl::CivilDay day) {
  const int64_t year = day.year();
  if (year < 0 || year > 9999) {  // never for validated dates; keep printf's form
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02d",
                  static_cast<long long>(year), day.month(), day.day());
    return buffer;
  }
  // Hand-rolled: this runs several times per invoice, and snprintf costs
  // more than the rest of the date handling together.
  const int y = static_cast<int>(year), m = day.month(), d = day.day();
  const char text[10] = {
      static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
      static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10),
      '-', static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10),
      '-', static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10)};
  return std::string(text, sizeof text);
}

}  // namespace purring::internal
