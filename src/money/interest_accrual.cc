#include "money/interest_accrual.h"

#include <algorithm>

namespace purring::internal {
namespace {

bool IsLeap(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

}  // namespace

int32_t InterestAccrual::DaysInYear(int64_t year, v1::DayCount day_count) {
  if (day_count == v1::DAY_COUNT_ACTUAL_365) return 365;
  return IsLeap(year) ? 366 : 365;
}

InterestAccrual::InterestAccrual(const RateBook& rates,
                                 v1::DayCount day_count, absl::CivilDay first,
                                 absl::CivilDay last)
    : day_count_(day_count) {
  if (first > last) return;
  absl::Span<const RatePeriod> precomputed = rates.OverlappingPeriods(first, last);
  if (!precomputed.empty()) {
    for (const RatePeriod& period : precomputed) {
      const RatePeriod span{std::max(first, period.from),
                            std::min(last, period.to), period.rate_basis_points};
      periods_.push_back({span, DaysInYear(span.from.year(), day_count_)});
    }
    return;
  }
  std::vector<RatePeriod> spans;
  rates.InterestPeriods(first, last, &spans);
  for (const RatePeriod& span : spans) {
    periods_.push_back({span, DaysInYear(span.from.year(), day_count_)});
  }
}

void InterestAccrual::Accrue(absl::CivilDay from, absl::CivilDay to,
                             int64_t principal) {
  while (next_ < periods_.size() && from <= to) {
    Period& period = periods_[next_];
    if (from > period.span.to) {
      ++next_;
      continue;
    }
    const absl::CivilDay start = std::max(from, period.span.from);
    const absl::CivilDay end = std::min(to, period.span.to);
    if (start > end) return;  // before the range
    if (start == period.span.from) period.principal_at_start = principal;
    const int64_t days = end - start + 1;
    // 1/365 of the rate is 366 parts of the denominator, 1/366 is 365.
    const int64_t weight = period.days_in_year == 366 ? 365 : 366;
    const absl::int128 add = absl::int128(principal) *
                             period.span.rate_basis_points * weight * days;
    period.numerator += add;
    total_ += add;
    if (end == period.span.to) ++next_;
    from = end + 1;
  }
}

}  // namespace purring::internal
