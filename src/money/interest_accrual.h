// Exact simple interest (forsinkelsesrenteloven § 3; law.md § 1.3): a
// numerator over one common denominator, rounded only when asked.
#ifndef PURRING_SRC_MONEY_INTEREST_ACCRUAL_H_
#define PURRING_SRC_MONEY_INTEREST_ACCRUAL_H_

#include <cstdint>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/numeric/int128.h"
#include "absl/time/civil_time.h"
#include "dates.h"
#include "money/rate_book.h"
#include "purring/v1/types.pb.h"

namespace purring::internal {

// One day's interest is principal × rate_bp / (10000 × days_in_year). Over
// the common denominator 10000 × 365 × 366 that is
// principal × rate_bp × 366 (a 365-day year) or × 365 (a 366-day year).
inline constexpr int64_t kInterestDenominator = int64_t{10000} * 365 * 366;

// Accrues interest over the days [first, last] of one claim, segment by
// segment, each segment with a constant principal. Segments must be added in
// day order without gaps or overlaps.
class InterestAccrual {
 public:
  // Interest over the days [first, last], whose day numbers the caller has
  // at hand (ToDayNumber costs a CivilDay difference). REQUIRES:
  // first_number == ToDayNumber(first), last_number == ToDayNumber(last).
  InterestAccrual(const RateBook& rates, v1::DayCount day_count,
                  absl::CivilDay first, absl::CivilDay last,
                  DayNumber first_number, DayNumber last_number);

  // Accrues `principal` on every day of [from, to] (clipped to the range).
  // Day numbers (ToDayNumber): this loop runs per invoice.
  void Accrue(DayNumber from, DayNumber to, int64_t principal);

  // The exact interest so far, over kInterestDenominator.
  absl::int128 numerator() const { return total_; }

  struct Period {
    RatePeriod span;
    DayNumber first = 0;  // span.from
    DayNumber last = 0;   // span.to
    int32_t days_in_year = 365;
  };
  // Inline storage: a claim spans a few half-years, and this runs per invoice.
  using Periods = absl::InlinedVector<Period, 8>;
  const Periods& periods() const { return periods_; }

  // The days of one rate period on which the principal stayed the same: the
  // lines of an interest specification, each its own principal × rate ×
  // days. Days with no principal make no slice.
  struct Slice {
    size_t period = 0;  // index into periods()
    DayNumber first = 0;
    DayNumber last = 0;
    int64_t principal = 0;
    absl::int128 numerator = 0;
  };
  using Slices = absl::InlinedVector<Slice, 8>;
  const Slices& slices() const { return slices_; }

  // 365 or 366 for a day of `year` under `day_count`.
  static int32_t DaysInYear(int64_t year, v1::DayCount day_count);

 private:
  v1::DayCount day_count_;
  Periods periods_;
  Slices slices_;
  size_t next_ = 0;  // the first period not fully accrued
  absl::int128 total_ = 0;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_MONEY_INTEREST_ACCRUAL_H_
