#include "money/interest_accrual.h"

#include <algorithm>

namespace purring::internal {

int32_t InterestAccrual::DaysInYear(int64_t year, v1::DayCount day_count) {
  if (day_count == v1::DAY_COUNT_ACTUAL_365) return 365;
  return IsLeapYear(year) ? 366 : 365;
}

InterestAccrual::InterestAccrual(const RateBook& rates,
                                 v1::DayCount day_count, absl::CivilDay first,
                                 absl::CivilDay last, DayNumber first_number,
                                 DayNumber last_number)
    : day_count_(day_count) {
  if (first_number > last_number) return;
  auto add = [&](const RatePeriod& whole, DayNumber whole_first,
                 DayNumber whole_last) {
    Period period;
    period.span = whole;
    period.first = whole_first;
    period.last = whole_last;
    // Only the first and the last period can reach outside [first, last].
    if (period.first < first_number) {
      period.span.from = first;
      period.first = first_number;
    }
    if (period.last > last_number) {
      period.span.to = last;
      period.last = last_number;
    }
    period.days_in_year = DaysInYear(period.span.from.year(), day_count_);
    periods_.push_back(period);
  };
  const RateBook::Overlap precomputed =
      rates.OverlappingDays(first_number, last_number);
  if (!precomputed.periods.empty()) {
    for (size_t i = 0; i < precomputed.periods.size(); ++i) {
      add(precomputed.periods[i], precomputed.days[i].first,
          precomputed.days[i].last);
    }
    return;
  }
  std::vector<RatePeriod> spans;
  rates.InterestPeriods(first, last, &spans);
  for (const RatePeriod& span : spans) {
    add(span, ToDayNumber(span.from), ToDayNumber(span.to));
  }
}

void InterestAccrual::Accrue(DayNumber from, DayNumber to, int64_t principal) {
  while (next_ < periods_.size() && from <= to) {
    const Period& period = periods_[next_];
    if (from > period.last) {
      ++next_;
      continue;
    }
    const DayNumber start = std::max(from, period.first);
    const DayNumber end = std::min(to, period.last);
    if (start > end) return;  // before the range
    const int64_t days = end - start + 1;
    // 1/365 of the rate is 366 parts of the denominator, 1/366 is 365.
    const int64_t weight = period.days_in_year == 366 ? 365 : 366;
    const absl::int128 add = absl::int128(principal) *
                             period.span.rate_basis_points * weight * days;
    total_ += add;
    if (principal != 0) {
      // An event that leaves the principal as it was (a payment of costs or
      // interest only) does not split the line.
      if (!slices_.empty() && slices_.back().period == next_ &&
          slices_.back().principal == principal &&
          slices_.back().last + 1 == start) {
        slices_.back().last = end;
        slices_.back().numerator += add;
      } else {
        slices_.push_back({next_, start, end, principal, add});
      }
    }
    if (end == period.last) ++next_;
    from = end + 1;
  }
}

}  // namespace purring::internal
