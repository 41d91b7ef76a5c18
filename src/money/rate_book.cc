#include "money/rate_book.h"

#include <algorithm>
#include <string>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "dates.h"
#include "money/builtin_rates.h"
#include "money/money_math.h"

namespace purring::internal {
namespace {

// An interest rate above 1000 % p.a. is a typo, not a statute; one below
// 1 % is a rate typed in percent (12 for 12 %: forsinkelsesrente is the
// policy rate plus at least 8 points, law.md § 1.1).
constexpr int32_t kMinRateBasisPoints = 100;
constexpr int32_t kMaxRateBasisPoints = 100000;
// An inkassosats, fee cap or compensation below 10 kr is one typed in kroner
// (750 for 750 kr, 38 for 38 kr): every figure law.md gives is tens or
// hundreds of kroner.
constexpr int64_t kMinRateAmount = 1000;
// A statutory amount (inkassosats, fee cap, compensation) above 10 000 000 kr
// is not a real rate: refused, so that no fee or estimate derived from one can
// overflow (overflow is an error, never a clamp).
constexpr int64_t kMaxRateAmount = 1'000'000'000;
// Fee fractions are parts of the inkassosats (1/20, 3/20): at most 1.
constexpr int32_t kMaxFractionDenominator = 1000;
// Collection-cost multiples of the inkassosats, per mille (14 400 = 14.4 ×).
constexpr int32_t kMaxBandPermille = 1'000'000;

std::string RowName(absl::string_view table, int index) {
  return absl::StrCat("rate_tables.", table, "[", index, "]");
}

absl::StatusOr<absl::CivilDay> RowDate(absl::string_view table, int index,
                                       const std::string& text) {
  std::optional<absl::CivilDay> day = ParseDate(text);
  if (!day) {
    return absl::InvalidArgumentError(
        absl::StrCat(RowName(table, index), ": valid_from \"",
                     text.substr(0, 32), "\" is not a valid date"));
  }
  return *day;
}

absl::Status RowError(absl::string_view table, int index,
                      absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(RowName(table, index), ": ", what));
}

absl::Status CheckRateAmount(absl::string_view table, int row, int64_t amount,
                             bool allow_zero) {
  if ((allow_zero ? amount >= 0 : amount > 0) && amount <= kMaxRateAmount) {
    return absl::OkStatus();
  }
  return RowError(table, row,
                  absl::StrCat("amount ", amount, " is not in ",
                               allow_zero ? 0 : 1, "..", kMaxRateAmount, " øre"));
}

// An inkassosats, a fee cap or a compensation (0 for none, where allowed)
// of at least kMinRateAmount øre.
absl::Status CheckStatutoryAmount(absl::string_view table, int row,
                                  int64_t amount, bool allow_zero,
                                  absl::string_view example) {
  if (absl::Status status = CheckRateAmount(table, row, amount, allow_zero);
      !status.ok()) {
    return status;
  }
  if (amount == 0 || amount >= kMinRateAmount) return absl::OkStatus();
  return RowError(
      table, row,
      absl::StrCat("amount ", amount, " øre is below ", kMinRateAmount,
                   " øre (10 kr): amounts are in øre (", example, ")"));
}

// Merges supplied rows into built-in rows of one table. A supplied row
// replaces the built-in row with the same `from`; `replace` drops all
// built-ins when anything is supplied. Two supplied rows with the same `from`
// are refused. The result is sorted by `from`.
template <typename Row>
absl::StatusOr<std::vector<Row>> MergeRows(std::vector<Row> builtin,
                                           std::vector<Row> supplied,
                                           bool replace,
                                           absl::string_view table) {
  std::vector<Row> sorted = supplied;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Row& a, const Row& b) { return a.from < b.from; });
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].from == sorted[i - 1].from) {
      return absl::InvalidArgumentError(absl::StrCat(
          "rate_tables.", table, ": two rows with valid_from ",
          FormatDate(sorted[i].from)));
    }
  }
  std::vector<Row> out;
  if (!(replace && !supplied.empty())) {
    for (const Row& row : builtin) {
      const bool replaced =
          std::any_of(sorted.begin(), sorted.end(),
                      [&](const Row& s) { return s.from == row.from; });
      if (!replaced) out.push_back(row);
    }
  }
  out.insert(out.end(), sorted.begin(), sorted.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const Row& a, const Row& b) { return a.from < b.from; });
  return out;
}

// The row in force on `day`: the last with from <= day; nullptr before the
// first row (or with no rows), where the tables do not say.
// REQUIRES: rows sorted by from.
template <typename Row>
const Row* InForce(const std::vector<Row>& rows, absl::CivilDay day) {
  auto it = std::upper_bound(
      rows.begin(), rows.end(), day,
      [](absl::CivilDay d, const Row& row) { return d < row.from; });
  if (it == rows.begin()) return nullptr;
  return &*(it - 1);
}

absl::CivilDay NextHalfYearStart(absl::CivilDay day) {
  if (day.month() < 7) return absl::CivilDay(day.year(), 7, 1);
  return absl::CivilDay(day.year() + 1, 1, 1);
}

absl::CivilDay HalfYearStart(absl::CivilDay day) {
  return absl::CivilDay(day.year(), day.month() < 7 ? 1 : 7, 1);
}

absl::CivilDay HalfYearEnd(absl::CivilDay day) {
  return NextHalfYearStart(day) - 1;
}

int64_t FloorMulDiv(int64_t amount, int64_t num, int64_t den) {
  // amount, num >= 0 and den > 0; the quotient fits when num <= den or the
  // inputs are statutory-sized; clamp rather than wrap otherwise.
  absl::int128 q = absl::int128(amount) * num / den;
  if (q > absl::int128(INT64_MAX)) return INT64_MAX;
  return static_cast<int64_t>(q);
}

struct Parsed {
  std::vector<RateBook::Rate> interest;
  std::vector<RateBook::Amount> collection;
  std::vector<RateBook::Fraction> fractions;
  std::vector<RateBook::Amount> fee_caps;
  std::vector<RateBook::Amount> compensation;
  std::vector<RateBook::Band> bands;
};

absl::StatusOr<Parsed> ParseTables(const v1::RateTables& t) {
  Parsed p;
  for (int i = 0; i < t.interest_rates_size(); ++i) {
    const auto& row = t.interest_rates(i);
    auto from = RowDate("interest_rates", i, row.valid_from());
    if (!from.ok()) return from.status();
    if (row.rate_basis_points() < kMinRateBasisPoints ||
        row.rate_basis_points() > kMaxRateBasisPoints) {
      return RowError(
          "interest_rates", i,
          absl::StrCat("rate_basis_points ", row.rate_basis_points(),
                       " is not in ", kMinRateBasisPoints, "..",
                       kMaxRateBasisPoints,
                       " (basis points: 1225 is 12.25 %)"));
    }
    p.interest.push_back({*from, row.rate_basis_points()});
  }
  for (int i = 0; i < t.collection_rates_size(); ++i) {
    const auto& row = t.collection_rates(i);
    auto from = RowDate("collection_rates", i, row.valid_from());
    if (!from.ok()) return from.status();
    if (auto s = CheckStatutoryAmount("collection_rates", i, row.amount(),
                                      false, "75000 is 750 kr");
        !s.ok()) {
      return s;
    }
    p.collection.push_back({*from, row.amount()});
  }
  for (int i = 0; i < t.fee_fractions_size(); ++i) {
    const auto& row = t.fee_fractions(i);
    auto from = RowDate("fee_fractions", i, row.valid_from());
    if (!from.ok()) return from.status();
    if (row.reminder_numerator() < 0 || row.reminder_denominator() <= 0 ||
        row.payment_demand_numerator() < 0 ||
        row.payment_demand_denominator() <= 0 ||
        row.reminder_numerator() > row.reminder_denominator() ||
        row.payment_demand_numerator() > row.payment_demand_denominator() ||
        row.reminder_denominator() > kMaxFractionDenominator ||
        row.payment_demand_denominator() > kMaxFractionDenominator) {
      return RowError("fee_fractions", i,
                      absl::StrCat("fractions must be between 0 and 1, "
                                   "denominators 1..", kMaxFractionDenominator));
    }
    p.fractions.push_back({*from, row.reminder_numerator(),
                           row.reminder_denominator(),
                           row.payment_demand_numerator(),
                           row.payment_demand_denominator()});
  }
  for (int i = 0; i < t.reminder_fee_caps_size(); ++i) {
    const auto& row = t.reminder_fee_caps(i);
    auto from = RowDate("reminder_fee_caps", i, row.valid_from());
    if (!from.ok()) return from.status();
    if (auto s = CheckStatutoryAmount("reminder_fee_caps", i, row.amount(),
                                      true, "3800 is 38 kr");
        !s.ok()) {
      return s;
    }
    p.fee_caps.push_back({*from, row.amount()});
  }
  for (int i = 0; i < t.standard_compensations_size(); ++i) {
    const auto& row = t.standard_compensations(i);
    auto from = RowDate("standard_compensations", i, row.valid_from());
    if (!from.ok()) return from.status();
    if (auto s = CheckStatutoryAmount("standard_compensations", i, row.amount(),
                                      true, "46000 is 460 kr");
        !s.ok()) {
      return s;
    }
    p.compensation.push_back({*from, row.amount()});
  }
  for (int i = 0; i < t.collection_cost_bands_size(); ++i) {
    const auto& row = t.collection_cost_bands(i);
    auto from = RowDate("collection_cost_bands", i, row.valid_from());
    if (!from.ok()) return from.status();
    if (row.claim_up_to() < 0 || row.light_permille() <= 0 ||
        row.heavy_permille() <= 0 || row.light_permille() > kMaxBandPermille ||
        row.heavy_permille() > kMaxBandPermille) {
      return RowError("collection_cost_bands", i,
                      absl::StrCat("claim_up_to must be >= 0 and the per-mille "
                                   "factors 1..", kMaxBandPermille));
    }
    // Tung salær is the heavier case's maximum (inkassoforskriften § 2-3,
    // law.md § 5.1: double the lett one): never below it.
    if (row.heavy_permille() < row.light_permille()) {
      return RowError("collection_cost_bands", i,
                      "heavy_permille must be at least light_permille");
    }
    p.bands.push_back({*from, row.claim_up_to(), row.light_permille(),
                       row.heavy_permille()});
  }
  return p;
}

// Bands merge by band set: a supplied set (all rows with one valid_from)
// replaces the built-in set with that valid_from. Within a set the rows are
// ordered by claim_up_to, the unbounded row (0) last.
absl::StatusOr<std::vector<RateBook::Band>> MergeBands(
    const std::vector<RateBook::Band>& builtin,
    const std::vector<RateBook::Band>& supplied, bool replace) {
  auto band_less = [](const RateBook::Band& a, const RateBook::Band& b) {
    if (a.from != b.from) return a.from < b.from;
    const bool a_top = a.claim_up_to == 0, b_top = b.claim_up_to == 0;
    if (a_top != b_top) return b_top;
    return a.claim_up_to < b.claim_up_to;
  };
  std::vector<RateBook::Band> out;
  if (!(replace && !supplied.empty())) {
    for (const RateBook::Band& row : builtin) {
      const bool replaced = std::any_of(
          supplied.begin(), supplied.end(),
          [&](const RateBook::Band& s) { return s.from == row.from; });
      if (!replaced) out.push_back(row);
    }
  }
  std::vector<RateBook::Band> sorted = supplied;
  std::sort(sorted.begin(), sorted.end(), band_less);
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].from == sorted[i - 1].from &&
        sorted[i].claim_up_to == sorted[i - 1].claim_up_to) {
      return absl::InvalidArgumentError(absl::StrCat(
          "rate_tables.collection_cost_bands: two rows with valid_from ",
          FormatDate(sorted[i].from), " and claim_up_to ",
          sorted[i].claim_up_to));
    }
  }
  // Sorted with each set's top band last: a set must end with one, or a
  // claim above its bands would have no maximum.
  for (size_t i = 0; i < sorted.size(); ++i) {
    const bool last_of_set =
        i + 1 == sorted.size() || sorted[i + 1].from != sorted[i].from;
    if (last_of_set && sorted[i].claim_up_to != 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "rate_tables.collection_cost_bands: the band set from ",
          FormatDate(sorted[i].from),
          " has no top band (a row with claim_up_to 0) for claims above ",
          sorted[i].claim_up_to, " øre"));
    }
  }
  out.insert(out.end(), sorted.begin(), sorted.end());
  std::sort(out.begin(), out.end(), band_less);
  return out;
}

// With the statutory rows kept, each half-year up to the last row needs a
// row of its own, from its first day: forsinkelsesrente is set per
// half-year (law.md § 1.1), so a half-year the host skipped has an unknown
// rate, not the previous one, and a row from another day is a mistake.
absl::Status CheckEveryHalfYear(const std::vector<RateBook::Rate>& rows) {
  for (const RateBook::Rate& row : rows) {
    if (row.from != HalfYearStart(row.from)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "rate_tables.interest_rates: the row from ", FormatDate(row.from),
          " does not begin a half-year; forsinkelsesrente is set per "
          "half-year, from 1 January and 1 July: date it so, or supply a "
          "whole table of your own with replace_builtin"));
    }
  }
  for (size_t i = 1; i < rows.size(); ++i) {
    const absl::CivilDay missing = NextHalfYearStart(rows[i - 1].from);
    if (rows[i].from > missing) {
      return absl::InvalidArgumentError(absl::StrCat(
          "rate_tables.interest_rates: no row for the half-year from ",
          FormatDate(missing), " (before the row from ",
          FormatDate(rows[i].from),
          "); forsinkelsesrente is set per half-year: supply that half-year's "
          "rate, or a whole table of your own with replace_builtin"));
    }
  }
  return absl::OkStatus();
}

std::string Kroner(int64_t ore) {
  return absl::StrFormat("%d.%02d kr", ore / 100, ore % 100);
}

// The reminder-fee maximum fraction × inkassosats rounded half up to whole
// kroner, in øre: the most a published cap may round it to (law.md § 3.2:
// 1/20 × 750 = 37.50 → 38 kr). Amounts and fractions are bounded: it fits.
int64_t MaximumInWholeKroner(const RateBook::Amount& sats,
                             const RateBook::Fraction& f) {
  int64_t kroner = 0;
  RoundHalfUp(absl::int128(sats.amount) * f.reminder_num,
              absl::int128(f.reminder_den) * 100, &kroner);
  return kroner * 100;
}

}  // namespace

absl::StatusOr<RateBook> RateBook::Build(const v1::RateTables& supplied,
                                         absl::CivilDay as_of,
                                         std::vector<v1::Warning>* warnings) {
  absl::StatusOr<Parsed> builtin = ParseTables(BuiltinRateTables());
  if (!builtin.ok()) return builtin.status();  // cannot happen: tested data
  absl::StatusOr<Parsed> mine = ParseTables(supplied);
  if (!mine.ok()) return mine.status();
  const bool replace = supplied.replace_builtin();

  RateBook book;
  auto interest = MergeRows(builtin->interest, mine->interest, replace,
                            "interest_rates");
  if (!interest.ok()) return interest.status();
  book.interest_ = *std::move(interest);
  auto collection = MergeRows(builtin->collection, mine->collection, replace,
                              "collection_rates");
  if (!collection.ok()) return collection.status();
  book.collection_ = *std::move(collection);
  auto fractions = MergeRows(builtin->fractions, mine->fractions, replace,
                             "fee_fractions");
  if (!fractions.ok()) return fractions.status();
  book.fractions_ = *std::move(fractions);
  // No built-in caps: the maximum is computed unless the host supplies one.
  auto caps = MergeRows(std::vector<Amount>{}, mine->fee_caps, replace,
                        "reminder_fee_caps");
  if (!caps.ok()) return caps.status();
  book.fee_caps_ = *std::move(caps);
  auto compensation = MergeRows(builtin->compensation, mine->compensation,
                                replace, "standard_compensations");
  if (!compensation.ok()) return compensation.status();
  book.compensation_ = *std::move(compensation);
  auto bands = MergeBands(builtin->bands, mine->bands, replace);
  if (!bands.ok()) return bands.status();
  book.bands_ = *std::move(bands);

  const bool own_interest_table = replace && !mine->interest.empty();
  if (!own_interest_table) {
    if (absl::Status gap = CheckEveryHalfYear(book.interest_); !gap.ok()) {
      return gap;
    }
  }
  book.first_day_ = book.interest_.front().from;
  std::string not_extended;
  if (absl::Status ended =
          book.EndTables(supplied, own_interest_table, &not_extended);
      !ended.ok()) {
    return ended;
  }
  if (absl::Status covered = book.CoverAsOf(
          as_of, supplied.carry_last_rate_forward(), not_extended, warnings);
      !covered.ok()) {
    return covered;
  }
  if (warnings != nullptr) book.WarnOfCapsAboveMaximum(warnings);
  book.SplitPeriods();
  return book;
}

// A cap above what it may round (the maximum in force on its first day,
// rounded half up to whole kroner: MaxReminderFee holds it to that) is
// likely a mistyped row: said, with the figure that applies.
void RateBook::WarnOfCapsAboveMaximum(
    std::vector<v1::Warning>* warnings) const {
  for (const Amount& cap : fee_caps_) {
    const Fraction* f = InForce(fractions_, cap.from);
    const Amount* sats = InForce(collection_, cap.from);
    if (f == nullptr || sats == nullptr) continue;
    const int64_t rounded = MaximumInWholeKroner(*sats, *f);
    if (cap.amount <= rounded) continue;
    v1::Warning warning;
    warning.set_code("FEE_CAP_ABOVE_MAXIMUM");
    warning.set_message(absl::StrCat(
        "the reminder_fee_caps row from ", FormatDate(cap.from), ", ",
        Kroner(cap.amount),
        ", is above the maximum it may round: ", f->reminder_num, "/",
        f->reminder_den, " of the inkassosats ", Kroner(sats->amount), " is ",
        Kroner(FloorMulDiv(sats->amount, f->reminder_num, f->reminder_den)),
        ", ", Kroner(rounded),
        " in whole kroner; fees are held to that (check the row's amount)"));
    warnings->push_back(std::move(warning));
  }
}

// Forsinkelsesrente is set per half-year (law.md § 1.1): the statutory
// rows cover the half-year of the last one. Only a table of the host's
// own (replace_builtin with interest rows) may run further; with the
// built-in rows kept, valid_until can only end the tables sooner, and a
// day past the last row's half-year is carried forward (refused, or
// carry_last_rate_forward with its warning) as without it.
absl::Status RateBook::EndTables(const v1::RateTables& supplied,
                                 bool own_interest_table,
                                 std::string* not_extended) {
  const absl::CivilDay rows_end = HalfYearEnd(interest_.back().from);
  if (supplied.valid_until().empty()) {
    valid_until_ = rows_end;
    return absl::OkStatus();
  }
  std::optional<absl::CivilDay> until = ParseDate(supplied.valid_until());
  if (!until) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rate_tables: valid_until \"", supplied.valid_until().substr(0, 32),
        "\" is not a valid date"));
  }
  if (*until < first_day_) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rate_tables: valid_until ", supplied.valid_until(),
        " is before the first interest row ", FormatDate(first_day_)));
  }
  valid_until_ = *until;
  if (!own_interest_table && *until > rows_end) {
    valid_until_ = rows_end;
    *not_extended = absl::StrCat(
        " (valid_until ", FormatDate(*until),
        " does not carry the statutory rates past the last interest row's "
        "half-year)");
  }
  // The tables end there: a row dated after it never applies, and a day
  // past it is carried forward from the rows within them.
  DropRowsAfter(valid_until_);
  if (collection_.empty() || fractions_.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("rate_tables: no ",
                     collection_.empty() ? "collection_rates" : "fee_fractions",
                     " row by valid_until ", FormatDate(valid_until_)));
  }
  return absl::OkStatus();
}

absl::Status RateBook::CoverAsOf(absl::CivilDay as_of, bool carry_forward,
                                 absl::string_view not_extended,
                                 std::vector<v1::Warning>* warnings) {
  if (as_of < first_day_) {
    return absl::OutOfRangeError(absl::StrCat(
        "as-of date ", FormatDate(as_of), " is before the rate tables begin (",
        FormatDate(first_day_), ")"));
  }
  if (as_of <= valid_until_) {
    if (warnings != nullptr) WarnOfMissingRows(as_of, warnings);
    return absl::OkStatus();
  }
  if (!carry_forward) {
    return absl::OutOfRangeError(absl::StrCat(
        "as-of date ", FormatDate(as_of), " is after the rate tables end (",
        FormatDate(valid_until_), ")", not_extended,
        ": supply the newer rates in rate_tables, or set "
        "rate_tables.carry_last_rate_forward"));
  }
  if (warnings != nullptr) {
    v1::Warning warning;
    warning.set_code("RATE_CARRIED_FORWARD");
    warning.set_message(absl::StrCat(
        "the rate tables end ", FormatDate(valid_until_),
        "; the last rates are carried forward to ", FormatDate(as_of),
        ": forsinkelsesrente ",
        absl::StrFormat("%d.%02d %%", interest_.back().basis_points / 100,
                        interest_.back().basis_points % 100),
        " (from ", FormatDate(interest_.back().from), "), inkassosats ",
        Kroner(collection_.back().amount), " (from ",
        FormatDate(collection_.back().from), ")"));
    // The B2B compensation is carried too, for claims falling due after
    // the tables end.
    if (!compensation_.empty()) {
      absl::StrAppend(warning.mutable_message(), ", standard compensation ",
                      Kroner(compensation_.back().amount), " (from ",
                      FormatDate(compensation_.back().from), ")");
    }
    warnings->push_back(std::move(warning));
  }
  valid_until_ = as_of;
  carried_forward_ = true;
  return absl::OkStatus();
}

// The tables cover the as-of date, but not its year's sats, or not its
// half-year's standard compensation (for claims falling overdue in it).
void RateBook::WarnOfMissingRows(absl::CivilDay as_of,
                                 std::vector<v1::Warning>* warnings) const {
  if (LacksCollectionRateFor(as_of)) {
    warnings->push_back(MissingCollectionRate(as_of));
  }
  const Amount* compensation = InForce(compensation_, as_of);
  if (compensation != nullptr && compensation->from < HalfYearStart(as_of)) {
    v1::Warning warning;
    warning.set_code("RATE_CARRIED_FORWARD");
    warning.set_message(absl::StrCat(
        "the rate tables have no standard compensation for ", as_of.year(),
        as_of.month() < 7 ? " H1" : " H2", "; the row from ",
        FormatDate(compensation->from), " (", Kroner(compensation->amount),
        ") is used for claims falling overdue in it: supply a "
        "standard_compensations row from ",
        FormatDate(HalfYearStart(as_of))));
    warnings->push_back(std::move(warning));
  }
}

// Split once per request, as day numbers too: the accrual runs per invoice.
void RateBook::SplitPeriods() {
  SplitInterestPeriods(first_day_, valid_until_, &periods_);
  first_day_number_ = ToDayNumber(first_day_);
  valid_until_number_ = ToDayNumber(valid_until_);
  period_days_.reserve(periods_.size());
  for (const RatePeriod& period : periods_) {
    period_days_.push_back({ToDayNumber(period.from), ToDayNumber(period.to)});
  }
}

namespace {

template <typename Row>
void EraseAfter(absl::CivilDay last, std::vector<Row>* rows) {
  rows->erase(std::upper_bound(rows->begin(), rows->end(), last,
                               [](absl::CivilDay day, const Row& row) {
                                 return day < row.from;
                               }),
              rows->end());
}

}  // namespace

void RateBook::DropRowsAfter(absl::CivilDay last) {
  EraseAfter(last, &interest_);
  EraseAfter(last, &collection_);
  EraseAfter(last, &fractions_);
  EraseAfter(last, &fee_caps_);
  EraseAfter(last, &compensation_);
  EraseAfter(last, &bands_);
}

bool RateBook::LacksCollectionRateFor(absl::CivilDay day) const {
  const Amount* row = InForce(collection_, day);
  return row != nullptr && row->from.year() < day.year();
}

v1::Warning RateBook::MissingCollectionRate(absl::CivilDay day) const {
  const Amount& row = *InForce(collection_, day);
  v1::Warning warning;
  warning.set_code("RATE_CARRIED_FORWARD");
  warning.set_message(absl::StrCat(
      "the rate tables have no inkassosats for ", day.year(), " in force on ",
      FormatDate(day), "; ", row.from.year(), "'s ", Kroner(row.amount),
      " is used: supply a collection_rates row from ", day.year(), "-01-01"));
  return warning;
}

RateBook RateBook::Builtin() {
  absl::StatusOr<RateBook> book =
      Build(v1::RateTables(), absl::CivilDay(2026, 12, 31), nullptr);
  return *std::move(book);  // the built-in data is tested to build
}

void RateBook::InterestPeriods(absl::CivilDay from, absl::CivilDay to,
                               std::vector<RatePeriod>* out) const {
  if (from > to) return;
  if (from < first_day_ || to > valid_until_ || periods_.empty()) {
    SplitInterestPeriods(from, to, out);  // outside the tables: split anew
    return;
  }
  // The precomputed periods are split at every boundary there is, so
  // clipping the ones that overlap [from, to] gives the same periods.
  for (const RatePeriod& period :
       OverlappingDays(ToDayNumber(from), ToDayNumber(to)).periods) {
    out->push_back({std::max(from, period.from), std::min(to, period.to),
                    period.rate_basis_points});
  }
}

RateBook::Overlap RateBook::OverlappingDays(DayNumber from,
                                            DayNumber to) const {
  if (from > to || from < first_day_number_ || to > valid_until_number_) {
    return {};
  }
  auto first = std::lower_bound(
      period_days_.begin(), period_days_.end(), from,
      [](const DayRange& days, DayNumber d) { return days.last < d; });
  auto last = std::upper_bound(
      first, period_days_.end(), to,
      [](DayNumber d, const DayRange& days) { return d < days.first; });
  const size_t begin = static_cast<size_t>(first - period_days_.begin());
  const size_t count = static_cast<size_t>(last - first);
  if (count == 0) return {};
  return {absl::MakeConstSpan(periods_.data() + begin, count),
          absl::MakeConstSpan(period_days_.data() + begin, count)};
}

void RateBook::SplitInterestPeriods(absl::CivilDay from, absl::CivilDay to,
                                    std::vector<RatePeriod>* out) const {
  absl::CivilDay day = from;
  while (day <= to) {
    absl::CivilDay end = std::min(to, NextHalfYearStart(day) - 1);
    const int32_t rate = InterestRate(day);
    auto next = std::upper_bound(
        interest_.begin(), interest_.end(), day,
        [](absl::CivilDay d, const Rate& row) { return d < row.from; });
    // A row that keeps the rate starts no new line (evaluate.proto
    // InterestPeriod: lines split where the rate changes); days before the
    // first row stay apart, as they bear no interest.
    while (next != interest_.begin() && next != interest_.end() &&
           next->from <= end && next->basis_points == rate) {
      ++next;
    }
    if (next != interest_.end()) end = std::min(end, next->from - 1);
    out->push_back({day, end, rate});
    day = end + 1;
  }
}

int32_t RateBook::InterestRate(absl::CivilDay day) const {
  // Days before the first row are the callers' to leave out (they bear no
  // interest, INTEREST_BEFORE_RATE_TABLES); the first row is a safe stand-in.
  const Rate* row = InForce(interest_, day);
  return (row != nullptr ? *row : interest_.front()).basis_points;
}

int64_t RateBook::CollectionRate(absl::CivilDay day) const {
  const Amount* row = InForce(collection_, day);
  return row != nullptr ? row->amount : 0;
}

namespace {

// Whether two fee-fraction rows give a reminder the same fraction: a host's
// table may repeat 1/20 year by year (law.md § 3.2 lists it so).
bool SameReminderFraction(const RateBook::Fraction* a,
                          const RateBook::Fraction* b) {
  if (a == nullptr || b == nullptr) return a == b;
  // Denominators are at most kMaxFractionDenominator: the products fit.
  return int64_t{a->reminder_num} * b->reminder_den ==
         int64_t{b->reminder_num} * a->reminder_den;
}

}  // namespace

int64_t RateBook::MaxReminderFee(absl::CivilDay due,
                                 absl::CivilDay send) const {
  const Fraction* f = InForce(fractions_, due);
  const Amount* sats = InForce(collection_, send);
  const Amount* cap = InForce(fee_caps_, send);
  if (f == nullptr || sats == nullptr) {
    return cap != nullptr ? cap->amount : 0;  // the host's word, or nothing
  }
  const int64_t computed =
      FloorMulDiv(sats->amount, f->reminder_num, f->reminder_den);
  // A cap is the published rounding of the maximum in force when it began
  // (38 kr for 37.50 kr in 2026, law.md § 3.2): a later inkassosats ends it,
  // a claim whose fraction differs from that of a claim due that day (1/10,
  // due before 2020-10-01, against a cap for 1/20) is not under it, and it
  // never goes above the maximum rounded half up to whole kroner.
  if (cap == nullptr || sats->from > cap->from ||
      !SameReminderFraction(f, InForce(fractions_, cap->from))) {
    return computed;
  }
  return std::min(MaximumInWholeKroner(*sats, *f), cap->amount);
}

int64_t RateBook::StandardCompensation(absl::CivilDay adjusted_due) const {
  const Amount* row = InForce(compensation_, adjusted_due + 1);
  return row != nullptr ? row->amount : 0;
}

std::pair<int64_t, int64_t> RateBook::CollectionCostMaxima(
    int64_t claim, absl::CivilDay due, absl::CivilDay day) const {
  const Band* in_force = InForce(bands_, due);
  if (in_force == nullptr) return {0, 0};
  const Band* chosen = nullptr;
  for (const Band& band : bands_) {
    if (band.from != in_force->from) continue;
    chosen = &band;  // the last of the set is its top band (MergeBands)
    if (band.claim_up_to != 0 && claim <= band.claim_up_to) break;
  }
  const int64_t sats = CollectionRate(day);
  return {FloorMulDiv(sats, chosen->light_permille, 1000),
          FloorMulDiv(sats, chosen->heavy_permille, 1000)};
}

}  // namespace purring::internal
