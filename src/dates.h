// Calendar dates as they cross the schema: "YYYY-MM-DD" strings.
#ifndef PURRING_SRC_DATES_H_
#define PURRING_SRC_DATES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace purring::internal {

// Parses exactly "YYYY-MM-DD" (years 1900-2999) and rejects impossible dates
// such as "2026-02-30". Returns nullopt on any deviation.
std::optional<absl::CivilDay> ParseDate(absl::string_view text);

// Formats as "YYYY-MM-DD".
std::string FormatDate(absl::CivilDay day);

}  // namespace purring::internal

#endif  // PURRING_SRC_DATES_H_
