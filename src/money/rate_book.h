// The statutory rate tables (law.md §§ 1.2, 3.2, 5.2, 6) as one immutable
// book: the built-in rows merged with the rows a request supplies.
#ifndef PURRING_SRC_MONEY_RATE_BOOK_H_
#define PURRING_SRC_MONEY_RATE_BOOK_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "dates.h"
#include "purring/v1/evaluate.pb.h"
#include "purring/v1/rates.pb.h"

namespace purring::internal {

// One stretch of days with one interest rate, inclusive at both ends.
struct RatePeriod {
  absl::CivilDay from;
  absl::CivilDay to;
  int32_t rate_basis_points;
};

// Thread safety: immutable after Build; shared read-only by all threads.
class RateBook {
 public:
  // Built-in tables (2014-01-01 .. 2026-12-31, law.md) merged with `supplied`
  // (a supplied row replaces a built-in row with the same valid_from;
  // replace_builtin drops the built-ins of each table supplied). Refuses
  // duplicates, zero or negative rates and bad dates (INVALID_ARGUMENT naming
  // the table and row). Refuses an as_of after valid_until with OUT_OF_RANGE
  // unless carry_last_rate_forward, in which case it appends a v1::Warning
  // with code "RATE_CARRIED_FORWARD" and extends the last rows. An as_of
  // before the first interest row: OUT_OF_RANGE.
  static absl::StatusOr<RateBook> Build(const v1::RateTables& supplied,
                                        absl::CivilDay as_of,
                                        std::vector<v1::Warning>* warnings);

  // The built-in tables alone, valid to 2026-12-31 (for tests and tools).
  static RateBook Builtin();

  absl::CivilDay first_day() const { return first_day_; }
  absl::CivilDay valid_until() const { return valid_until_; }
  // The last rates were carried forward to the as-of date (and warned of):
  // valid_until() is the as-of date, not where the tables end.
  bool carried_forward() const { return carried_forward_; }
  // Whether the inkassosats in force on `day` is a row of an earlier year
  // (law.md § 3.2: set per year, from 1 January): the tables lack `day`'s.
  bool LacksCollectionRateFor(absl::CivilDay day) const;
  // "RATE_CARRIED_FORWARD": the tables have no inkassosats for `day`'s year
  // in force on it (LacksCollectionRateFor); the earlier row applies.
  v1::Warning MissingCollectionRate(absl::CivilDay day) const;
  DayNumber first_day_number() const { return first_day_number_; }

  // Appends the periods covering [from, to] (inclusive), split at every rate
  // change, 1 January and 1 July. Appends nothing when from > to.
  void InterestPeriods(absl::CivilDay from, absl::CivilDay to,
                       std::vector<RatePeriod>* out) const;
  // The precomputed periods overlapping the days [from, to] (ToDayNumber),
  // unclipped, with each period's first and last day number, same indices;
  // empty when [from, to] is empty or reaches outside the tables (then use
  // InterestPeriods). Day numbers: no CivilDay arithmetic, this runs per
  // invoice. Valid as long as the book.
  struct DayRange {
    DayNumber first;
    DayNumber last;
  };
  struct Overlap {
    absl::Span<const RatePeriod> periods;
    absl::Span<const DayRange> days;
  };
  Overlap OverlappingDays(DayNumber from, DayNumber to) const;
  // The interest rate in force on `day`, in basis points.
  int32_t InterestRate(absl::CivilDay day) const;

  // Inkassosats in force on `day`, in øre (inkassoforskriften § 1-1 (3));
  // 0 before the first row. No lookup below reaches back before a table's
  // first row: what the tables do not say is charged as nothing.
  int64_t CollectionRate(absl::CivilDay day) const;
  // Maximum purregebyr / inkassovarsel fee: the fraction keyed on the claim's
  // due date × the inkassosats on the send date, rounded down to whole øre;
  // or the ReminderFeeCap row for the send date when the host supplied one,
  // no later inkassosats row has ended it and the claim's fraction is the
  // one of a claim due on the cap's first day, at most that
  // maximum rounded half up to whole kroner (inkassoforskriften § 1-2).
  int64_t MaxReminderFee(absl::CivilDay due, absl::CivilDay send) const;
  // B2B standard compensation, in øre, for a claim with this adjusted due
  // date: the row in force on the first day interest runs, the day after it.
  // § 3a gives the compensation "når forsinkelsesrente skal betales", and
  // Directive 2011/7/EU (art. 3 (3) a, art. 6 (1)) makes interest payable
  // from the day following the due date: a claim due 30 June takes July's
  // row. 0 when unknown (forsinkelsesrenteloven § 3a, law.md § 6).
  int64_t StandardCompensation(absl::CivilDay adjusted_due) const;
  // Collection-cost maxima (light, heavy) for a claim, by the due date's band
  // set and the inkassosats on `day`, before any VAT uplift, rounded down to
  // whole øre (inkassoforskriften §§ 2-2, 2-3; law.md § 5.2).
  std::pair<int64_t, int64_t> CollectionCostMaxima(int64_t claim,
                                                   absl::CivilDay due,
                                                   absl::CivilDay day) const;

  // Table rows, sorted by valid_from (public for the implementation files).
  struct Fraction {
    absl::CivilDay from;
    int32_t reminder_num, reminder_den;
    // The betalingsoppfordring's, validated as the host gave them: no step
    // of the engine charges one (the agency sends it after the transfer).
    int32_t demand_num, demand_den;
  };
  struct Amount {
    absl::CivilDay from;
    int64_t amount;
  };
  struct Rate {
    absl::CivilDay from;
    int32_t basis_points;
  };
  struct Band {
    absl::CivilDay from;
    int64_t claim_up_to;  // 0: no bound
    int32_t light_permille, heavy_permille;
  };

 private:
  // Build's steps once the rows are merged: where the tables end (the
  // host's valid_until; not_extended: why a later one was not taken), the
  // as-of date against them (carried forward, or refused), the periods.
  absl::Status EndTables(const v1::RateTables& supplied,
                         bool own_interest_table, std::string* not_extended);
  absl::Status CoverAsOf(absl::CivilDay as_of, bool carry_forward,
                         absl::string_view not_extended,
                         std::vector<v1::Warning>* warnings);
  void WarnOfMissingRows(absl::CivilDay as_of,
                         std::vector<v1::Warning>* warnings) const;
  void WarnOfCapsAboveMaximum(std::vector<v1::Warning>* warnings) const;
  void SplitPeriods();
  // Drops every table's rows dated after `last` (sorted: a suffix).
  void DropRowsAfter(absl::CivilDay last);

  std::vector<Rate> interest_;
  std::vector<Amount> collection_;
  std::vector<Fraction> fractions_;
  std::vector<Amount> fee_caps_;
  std::vector<Amount> compensation_;
  std::vector<Band> bands_;
  absl::CivilDay first_day_;
  absl::CivilDay valid_until_;
  bool carried_forward_ = false;
  // The interest periods of [first_day_, valid_until_], split once per
  // request so that InterestPeriods only clips them (it runs per invoice).
  std::vector<RatePeriod> periods_;
  std::vector<DayRange> period_days_;  // of periods_, same indices
  DayNumber first_day_number_ = 0;
  DayNumber valid_until_number_ = 0;
  void SplitInterestPeriods(absl::CivilDay from, absl::CivilDay to,
                            std::vector<RatePeriod>* out) const;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_MONEY_RATE_BOOK_H_
