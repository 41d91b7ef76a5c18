// The built-in statutory tables, 2014-01-01 .. 2026-12-31, as plain data
// rows (law.md §§ 1.2, 3.2, 5.2, 6); the fee fractions and the pre-2020
// bands, keyed on the due date, reach back to 1900 (law.md gives them for
// every claim due before 2020-10-01). A request may replace or extend them.
#ifndef PURRING_SRC_MONEY_BUILTIN_RATES_H_
#define PURRING_SRC_MONEY_BUILTIN_RATES_H_

#include "purring/v1/rates.pb.h"

namespace purring::internal {

// The built-in rows in the request's own format (valid_from strings), so a
// supplied table and the built-in one go through the same parsing.
const v1::RateTables& BuiltinRateTables();

// The last day the built-in tables cover.
inline constexpr char kBuiltinValidUntil[] = "2026-12-31";

}  // namespace purring::internal

#endif  // PURRING_SRC_MONEY_BUILTIN_RATES_H_
