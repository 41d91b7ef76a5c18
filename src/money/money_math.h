// Overflow-checked øre arithmetic and the one rounding rule for exact
// fractions ("round half up to whole øre").
#ifndef PURRING_SRC_MONEY_MONEY_MATH_H_
#define PURRING_SRC_MONEY_MONEY_MATH_H_

#include <cstdint>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"

namespace purring::internal {

// *sum += amount; OUT_OF_RANGE instead of wrapping.
inline absl::Status AddMoney(int64_t amount, int64_t* sum) {
  if (__builtin_add_overflow(*sum, amount, sum)) {
    return absl::OutOfRangeError("an amount overflows 64-bit øre");
  }
  return absl::OkStatus();
}

// numerator / denominator rounded half up (away from zero for the half),
// for numerator >= 0 and denominator > 0. Returns false when the result does
// not fit in int64.
inline bool RoundHalfUp(absl::int128 numerator, absl::int128 denominator,
                        int64_t* out) {
  const absl::int128 q = (2 * numerator + denominator) / (2 * denominator);
  if (q > absl::int128(INT64_MAX)) return false;
  *out = static_cast<int64_t>(q);
  return true;
}

}  // namespace purring::internal

#endif  // PURRING_SRC_MONEY_MONEY_MATH_H_
