// The statutory tables as data (law.md §§ 1.2, 3.2, 5.2, 6) and the rules for
// replacing, extending and carrying them forward.
#include "money/rate_book.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace purring::internal {
namespace {

using ::testing::HasSubstr;

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

TEST(RateBookTest, BuiltinInterestRatesFollowLawTable) {
  // law.md § 1.2 table, one row per half-year.
  const RateBook book = RateBook::Builtin();
  EXPECT_EQ(book.first_day(), D(2014, 1, 1));
  EXPECT_EQ(book.valid_until(), D(2026, 12, 31));
  EXPECT_EQ(book.InterestRate(D(2014, 3, 1)), 950);
  EXPECT_EQ(book.InterestRate(D(2015, 6, 30)), 925);
  EXPECT_EQ(book.InterestRate(D(2015, 7, 1)), 900);
  EXPECT_EQ(book.InterestRate(D(2020, 6, 30)), 950);
  EXPECT_EQ(book.InterestRate(D(2020, 7, 1)), 800);
  EXPECT_EQ(book.InterestRate(D(2023, 1, 1)), 1075);
  EXPECT_EQ(book.InterestRate(D(2023, 12, 31)), 1175);
  EXPECT_EQ(book.InterestRate(D(2024, 2, 29)), 1250);
  EXPECT_EQ(book.InterestRate(D(2025, 7, 1)), 1225);
  EXPECT_EQ(book.InterestRate(D(2026, 1, 1)), 1200);
  EXPECT_EQ(book.InterestRate(D(2026, 7, 1)), 1225);
}

TEST(RateBookTest, InkassosatsPerYearBySendDate) {
  // law.md § 3.2: 640 (2014, low confidence), 650, 670, 700 (2017-2025),
  // 750 (2026).
  const RateBook book = RateBook::Builtin();
  EXPECT_EQ(book.CollectionRate(D(2014, 6, 1)), 64000);
  EXPECT_EQ(book.CollectionRate(D(2015, 6, 1)), 65000);
  EXPECT_EQ(book.CollectionRate(D(2016, 6, 1)), 67000);
  EXPECT_EQ(book.CollectionRate(D(2017, 1, 1)), 70000);
  EXPECT_EQ(book.CollectionRate(D(2025, 12, 31)), 70000);
  EXPECT_EQ(book.CollectionRate(D(2026, 1, 1)), 75000);
}

TEST(RateBookTest, FeeFractionSwitchesOn2020_10_01ByDueDate) {
  // law.md § 3.2 transition note (Advokatbladet): 1/10 for claims due before
  // 2020-10-01, 1/20 from then; inkassosats 700 on the send date.
  // 700 kr / 10 = 70 kr = 7000 øre; 700 kr / 20 = 35 kr = 3500 øre.
  const RateBook book = RateBook::Builtin();
  EXPECT_EQ(book.MaxReminderFee(D(2020, 9, 30), D(2020, 10, 20)), 7000);
  EXPECT_EQ(book.MaxReminderFee(D(2020, 10, 1), D(2020, 10, 20)), 3500);
}

TEST(RateBookTest, Inkassosats2026GivesFeeOf37_50) {
  // law.md § 3.2: 1/20 × 750 = 37.50 kr (the maximum is fraction × sats,
  // rounded down to øre: exactly 3750). The sats is the send date's
  // (inkassoforskriften § 1-2 last paragraph): a 2025 claim dunned in 2026
  // gets 37.50, dunned in December 2025 35.00.
  const RateBook book = RateBook::Builtin();
  EXPECT_EQ(book.MaxReminderFee(D(2025, 12, 15), D(2026, 1, 5)), 3750);
  EXPECT_EQ(book.MaxReminderFee(D(2025, 12, 15), D(2025, 12, 30)), 3500);
}

TEST(RateBookTest, StandardCompensationCarriesUnknownHalfYearsForward) {
  // law.md § 6 table; "?" rows carry the previous known half-year.
  const RateBook book = RateBook::Builtin();
  EXPECT_EQ(book.StandardCompensation(D(2014, 3, 1)), 32000);
  EXPECT_EQ(book.StandardCompensation(D(2015, 3, 1)), 32000);  // "?" → 2014 H1
  EXPECT_EQ(book.StandardCompensation(D(2020, 8, 1)), 43000);
  EXPECT_EQ(book.StandardCompensation(D(2021, 3, 1)), 43000);  // "?" → 2020 H2
  EXPECT_EQ(book.StandardCompensation(D(2021, 8, 1)), 40000);
  EXPECT_EQ(book.StandardCompensation(D(2025, 9, 1)), 47000);  // "?" → 2025 H1
  EXPECT_EQ(book.StandardCompensation(D(2026, 2, 1)), 46000);
  EXPECT_EQ(book.StandardCompensation(D(2026, 8, 1)), 43000);
}

TEST(RateBookTest, StandardCompensationOfTheFirstInterestDay) {
  // § 3a: owed when interest becomes payable, the day after the adjusted
  // due date (Directive 2011/7/EU art. 3 (3) a, art. 6 (1)); law.md § 6:
  // 2026 H1 460 kr, H2 430 kr; 2025 H2 not found, carried from H1's 470.
  const RateBook book = RateBook::Builtin();
  EXPECT_EQ(book.StandardCompensation(D(2026, 6, 29)), 46000);
  EXPECT_EQ(book.StandardCompensation(D(2026, 6, 30)), 43000);
  EXPECT_EQ(book.StandardCompensation(D(2025, 12, 30)), 47000);
  EXPECT_EQ(book.StandardCompensation(D(2025, 12, 31)), 46000);
}

TEST(RateBookTest, CollectionCostBandsByDueDate) {
  // law.md § 5.2: from 2020-10-01, ≤ 500 kr: 0.25 × sats, ≤ 10 000 kr:
  // 0.80 ×, > 250 000 kr: 7.20 × (tung double). Before: ≤ 2 500 kr 0.5 ×.
  const RateBook book = RateBook::Builtin();
  // 500 kr exactly is in the first band (inclusive): 0.25 × 750 = 187.50 kr.
  EXPECT_EQ(book.CollectionCostMaxima(50000, D(2026, 1, 10), D(2026, 3, 1)),
            std::make_pair(int64_t{18750}, int64_t{37500}));
  // 500.01 kr: 0.35 × 750 = 262.50, tung 0.70 × 750 = 525.
  EXPECT_EQ(book.CollectionCostMaxima(50001, D(2026, 1, 10), D(2026, 3, 1)),
            std::make_pair(int64_t{26250}, int64_t{52500}));
  EXPECT_EQ(book.CollectionCostMaxima(400000, D(2026, 1, 10), D(2026, 3, 1)),
            std::make_pair(int64_t{60000}, int64_t{120000}));
  EXPECT_EQ(book.CollectionCostMaxima(30000000, D(2026, 1, 10), D(2026, 3, 1)),
            std::make_pair(int64_t{540000}, int64_t{1080000}));
  // Pre-2020 band set, sats 700 on the day: 0.5 × 700 = 350, tung 700.
  EXPECT_EQ(book.CollectionCostMaxima(200000, D(2019, 5, 1), D(2020, 1, 15)),
            std::make_pair(int64_t{35000}, int64_t{70000}));
}

TEST(RateBookTest, InterestPeriodsSplitAtHalfYearsAndRateChanges) {
  // law.md § 1.1: split at every 1 January and 1 July.
  const RateBook book = RateBook::Builtin();
  std::vector<RatePeriod> periods;
  book.InterestPeriods(D(2025, 6, 20), D(2026, 7, 10), &periods);
  ASSERT_EQ(periods.size(), 4u);
  EXPECT_EQ(periods[0].from, D(2025, 6, 20));
  EXPECT_EQ(periods[0].to, D(2025, 6, 30));
  EXPECT_EQ(periods[0].rate_basis_points, 1250);
  EXPECT_EQ(periods[1].from, D(2025, 7, 1));
  EXPECT_EQ(periods[1].to, D(2025, 12, 31));
  EXPECT_EQ(periods[1].rate_basis_points, 1225);
  EXPECT_EQ(periods[2].rate_basis_points, 1200);
  EXPECT_EQ(periods[3].from, D(2026, 7, 1));
  EXPECT_EQ(periods[3].to, D(2026, 7, 10));
  EXPECT_EQ(periods[3].rate_basis_points, 1225);
  // Even an unchanged rate is split at 1 July (2017 H1 and H2 both 8.50 %).
  periods.clear();
  book.InterestPeriods(D(2017, 6, 1), D(2017, 7, 31), &periods);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0].to, D(2017, 6, 30));
}

TEST(RateBookTest, ARowThatKeepsTheRateStartsNoNewPeriod) {
  // evaluate.proto InterestPeriod: a line starts where the rate changes. An
  // own table with 9.00 % from 2018-01-01 and again from 2018-03-15 (a
  // host's restatement) gives one period to 06-30; a change on 05-01 splits.
  v1::RateTables tables;
  tables.set_replace_builtin(true);
  for (const char* from : {"2018-01-01", "2018-03-15"}) {
    auto* row = tables.add_interest_rates();
    row->set_valid_from(from);
    row->set_rate_basis_points(900);
  }
  std::vector<v1::Warning> warnings;
  absl::StatusOr<RateBook> book =
      RateBook::Build(tables, D(2018, 6, 1), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  std::vector<RatePeriod> periods;
  book->InterestPeriods(D(2018, 2, 2), D(2018, 4, 30), &periods);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].from, D(2018, 2, 2));
  EXPECT_EQ(periods[0].to, D(2018, 4, 30));

  auto* change = tables.add_interest_rates();
  change->set_valid_from("2018-05-01");
  change->set_rate_basis_points(1000);
  book = RateBook::Build(tables, D(2018, 6, 1), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  periods.clear();
  book->InterestPeriods(D(2018, 2, 2), D(2018, 6, 30), &periods);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0].to, D(2018, 4, 30));
  EXPECT_EQ(periods[1].from, D(2018, 5, 1));
  EXPECT_EQ(periods[1].rate_basis_points, 1000);
}

TEST(RateBookTest, AsOfBeyondTablesIsRefused) {
  // Issue 4: an as-of date beyond the tables is refused with a clear error.
  std::vector<v1::Warning> warnings;
  auto book = RateBook::Build(v1::RateTables(), D(2027, 1, 5), &warnings);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(book.status().message(), HasSubstr("2026-12-31"));
  EXPECT_THAT(book.status().message(), HasSubstr("carry_last_rate_forward"));
  EXPECT_TRUE(warnings.empty());
  auto early = RateBook::Build(v1::RateTables(), D(2013, 12, 31), &warnings);
  EXPECT_EQ(early.status().code(), absl::StatusCode::kOutOfRange);
}

TEST(RateBookTest, CarryForwardIsAllowedOnRequestWithWarning) {
  v1::RateTables tables;
  tables.set_carry_last_rate_forward(true);
  std::vector<v1::Warning> warnings;
  auto book = RateBook::Build(tables, D(2027, 3, 1), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code(), "RATE_CARRIED_FORWARD");
  EXPECT_THAT(warnings[0].message(), HasSubstr("12.25 %"));
  EXPECT_EQ(book->valid_until(), D(2027, 3, 1));
  EXPECT_EQ(book->InterestRate(D(2027, 2, 1)), 1225);
  EXPECT_EQ(book->CollectionRate(D(2027, 2, 1)), 75000);
}

TEST(RateBookTest, SuppliedRowExtendsTablesWithoutRelease) {
  // Issue 4: a new half-year's rate is data, not a release.
  v1::RateTables tables;
  auto* row = tables.add_interest_rates();
  row->set_valid_from("2027-01-01");
  row->set_rate_basis_points(1300);
  auto* sats = tables.add_collection_rates();
  sats->set_valid_from("2027-01-01");
  sats->set_amount(78000);
  auto* compensation = tables.add_standard_compensations();
  compensation->set_valid_from("2027-01-01");
  compensation->set_amount(44000);
  std::vector<v1::Warning> warnings;
  auto book = RateBook::Build(tables, D(2027, 2, 1), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(book->valid_until(), D(2027, 6, 30));
  EXPECT_EQ(book->StandardCompensation(D(2027, 1, 4)), 44000);
  EXPECT_EQ(book->InterestRate(D(2027, 2, 1)), 1300);
  EXPECT_EQ(book->InterestRate(D(2026, 8, 1)), 1225);  // built-ins kept
}

TEST(RateBookTest, AYearWithoutItsInkassosatsIsFlagged) {
  // law.md § 3.2: the inkassosats is set per year. A 2027 interest row
  // alone leaves 2026's 750 kr for 2027's fees, said in a warning; a 2027
  // collection row silences it.
  v1::RateTables tables;
  auto* row = tables.add_interest_rates();
  row->set_valid_from("2027-01-01");
  row->set_rate_basis_points(1300);
  auto* compensation = tables.add_standard_compensations();
  compensation->set_valid_from("2027-01-01");
  compensation->set_amount(44000);
  std::vector<v1::Warning> warnings;
  auto book = RateBook::Build(tables, D(2027, 2, 1), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code(), "RATE_CARRIED_FORWARD");
  EXPECT_EQ(warnings[0].message(),
            "the rate tables have no inkassosats for 2027 in force on "
            "2027-02-01; 2026's 750.00 kr is used: supply a collection_rates "
            "row from 2027-01-01");
  EXPECT_EQ(book->CollectionRate(D(2027, 2, 1)), 75000);
  // A 2027 row from 1 July only still leaves February with 2026's.
  auto* july = tables.add_collection_rates();
  july->set_valid_from("2027-07-01");
  july->set_amount(80000);
  warnings.clear();
  book = RateBook::Build(tables, D(2027, 2, 1), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code(), "RATE_CARRIED_FORWARD");
  auto* sats = tables.add_collection_rates();
  sats->set_valid_from("2027-01-01");
  sats->set_amount(78000);
  warnings.clear();
  book = RateBook::Build(tables, D(2027, 2, 1), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(book->CollectionRate(D(2027, 2, 1)), 78000);
}

TEST(RateBookTest, AHalfYearWithoutItsCompensationIsFlagged) {
  // law.md § 6: the standard compensation is set per half-year. Tables
  // extended into 2027 H1 without its row carry 2026 H2's 430 kr to claims
  // due then, said in a warning. (The built-in rows fill the half-years
  // law.md could not find with the one before, as rows of their own.)
  v1::RateTables tables;
  auto* row = tables.add_interest_rates();
  row->set_valid_from("2027-01-01");
  row->set_rate_basis_points(1300);
  auto* sats = tables.add_collection_rates();
  sats->set_valid_from("2027-01-01");
  sats->set_amount(78000);
  std::vector<v1::Warning> warnings;
  auto book = RateBook::Build(tables, D(2027, 2, 1), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code(), "RATE_CARRIED_FORWARD");
  EXPECT_EQ(warnings[0].message(),
            "the rate tables have no standard compensation for 2027 H1; the "
            "row from 2026-07-01 (430.00 kr) is used for claims falling "
            "overdue in it: supply a standard_compensations row from "
            "2027-01-01");
  auto* compensation = tables.add_standard_compensations();
  compensation->set_valid_from("2027-01-01");
  compensation->set_amount(44000);
  warnings.clear();
  ASSERT_TRUE(RateBook::Build(tables, D(2027, 2, 1), &warnings).ok());
  EXPECT_TRUE(warnings.empty());
  ASSERT_TRUE(RateBook::Build(v1::RateTables(), D(2026, 9, 1), &warnings).ok());
  EXPECT_TRUE(warnings.empty());
}

TEST(RateBookTest, CarryingForwardNamesEveryRateCarried) {
  // Past the built-in tables' end (2026-12-31) with carry_last_rate_forward:
  // the warning names each figure used, the B2B standard compensation of
  // 2026 H2 (430 kr, law.md § 6) included, as claims due in 2027 get it.
  v1::RateTables tables;
  tables.set_carry_last_rate_forward(true);
  std::vector<v1::Warning> warnings;
  auto book = RateBook::Build(tables, D(2027, 2, 20), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code(), "RATE_CARRIED_FORWARD");
  EXPECT_THAT(warnings[0].message(),
              HasSubstr("forsinkelsesrente 12.25 % (from 2026-07-01), "
                        "inkassosats 750.00 kr (from 2026-01-01), standard "
                        "compensation 430.00 kr (from 2026-07-01)"));
}

TEST(RateBookTest, RowsAfterValidUntilNeverApply) {
  // rates.proto valid_until: "the date the tables end, inclusive". Ending
  // the built-in tables at 2026-06-30 (say, to keep clear of a 2026 H2
  // figure law.md § 1.2 rates low) and carrying forward gives November
  // 2026 H1's 12.00 %, not the later row's 12.25 %; the same for every
  // table's rows (a 2026-07-01 inkassosats supplied is not used).
  v1::RateTables tables;
  tables.set_valid_until("2026-06-30");
  tables.set_carry_last_rate_forward(true);
  auto* sats = tables.add_collection_rates();
  sats->set_valid_from("2026-07-01");
  sats->set_amount(80000);
  std::vector<v1::Warning> warnings;
  auto book = RateBook::Build(tables, D(2026, 11, 2), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->InterestRate(D(2026, 11, 2)), 1200);
  EXPECT_EQ(book->CollectionRate(D(2026, 11, 2)), 75000);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0].message(),
              HasSubstr("the rate tables end 2026-06-30; the last rates are "
                        "carried forward to 2026-11-02: forsinkelsesrente "
                        "12.00 % (from 2026-01-01)"));
  // Tables that end before any inkassosats row cannot price a fee.
  v1::RateTables own;
  own.set_replace_builtin(true);
  own.set_valid_until("2026-03-31");
  auto* late = own.add_collection_rates();
  late->set_valid_from("2026-06-01");
  late->set_amount(75000);
  EXPECT_THAT(RateBook::Build(own, D(2026, 3, 1), nullptr).status().message(),
              HasSubstr("no collection_rates row by valid_until 2026-03-31"));
}

TEST(RateBookTest, ValidUntilDoesNotCarryStatutoryRatesForward) {
  // law.md § 1.1: forsinkelsesrente is set per half-year. With the built-in
  // rows kept, valid_until past the last row's half-year would apply the
  // 2026 H2 rate (12.25 %) to 2027 without a word; the tables still end
  // 2026-12-31, and a later as-of date is refused or carried forward with
  // the warning, as without valid_until.
  v1::RateTables tables;
  tables.set_valid_until("2027-12-31");
  std::vector<v1::Warning> warnings;
  auto in_range = RateBook::Build(tables, D(2026, 11, 28), &warnings);
  ASSERT_TRUE(in_range.ok()) << in_range.status();
  EXPECT_EQ(in_range->valid_until(), D(2026, 12, 31));
  auto refused = RateBook::Build(tables, D(2027, 3, 1), &warnings);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(refused.status().message(),
              HasSubstr("after the rate tables end (2026-12-31) (valid_until "
                        "2027-12-31 does not carry the statutory rates"));
  EXPECT_TRUE(warnings.empty());
  tables.set_carry_last_rate_forward(true);
  auto carried = RateBook::Build(tables, D(2027, 3, 1), &warnings);
  ASSERT_TRUE(carried.ok()) << carried.status();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code(), "RATE_CARRIED_FORWARD");

  // A supplied 2027 H1 row covers 2027 H1 only.
  v1::RateTables h1;
  auto* row = h1.add_interest_rates();
  row->set_valid_from("2027-01-01");
  row->set_rate_basis_points(1300);
  h1.set_valid_until("2027-12-31");
  auto book = RateBook::Build(h1, D(2027, 6, 30), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->valid_until(), D(2027, 6, 30));
  EXPECT_EQ(RateBook::Build(h1, D(2027, 7, 1), nullptr).status().code(),
            absl::StatusCode::kOutOfRange);
  // valid_until may still end the tables sooner.
  h1.set_valid_until("2027-03-31");
  book = RateBook::Build(h1, D(2027, 3, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->valid_until(), D(2027, 3, 31));
}

TEST(RateBookTest, SuppliedRowReplacesBuiltinWithSameValidFrom) {
  // law.md flags 2026 H2 12.25 % as low confidence: a host can correct it.
  v1::RateTables tables;
  auto* row = tables.add_interest_rates();
  row->set_valid_from("2026-07-01");
  row->set_rate_basis_points(1250);
  auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->InterestRate(D(2026, 8, 1)), 1250);
  EXPECT_EQ(book->InterestRate(D(2026, 6, 1)), 1200);
}

TEST(RateBookTest, ReplaceBuiltinDropsOnlySuppliedTables) {
  // A table of the host's own (a flat 10 % from 2020) runs to its
  // valid_until, past its one row's half-year.
  v1::RateTables tables;
  tables.set_replace_builtin(true);
  auto* row = tables.add_interest_rates();
  row->set_valid_from("2020-01-01");
  row->set_rate_basis_points(1000);
  tables.set_valid_until("2026-12-31");
  auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->first_day(), D(2020, 1, 1));
  EXPECT_EQ(book->InterestRate(D(2026, 8, 1)), 1000);
  EXPECT_EQ(book->CollectionRate(D(2026, 8, 1)), 75000);  // built-in kept
}

// Rate tables of one reminder_fee_caps row, the built-in rows kept.
v1::RateTables WithFeeCap(const char* from, int64_t amount) {
  v1::RateTables tables;
  v1::ReminderFeeCap* cap = tables.add_reminder_fee_caps();
  cap->set_valid_from(from);
  cap->set_amount(amount);
  return tables;
}

TEST(RateBookTest, ReminderFeeCapRowReplacesComputedMaximum) {
  // law.md § 3.2 rounding note: a host may follow the published 38 kr.
  auto book =
      RateBook::Build(WithFeeCap("2026-01-01", 3800), D(2026, 8, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->MaxReminderFee(D(2026, 1, 1), D(2026, 2, 1)), 3800);
  EXPECT_EQ(book->MaxReminderFee(D(2025, 11, 1), D(2025, 12, 1)), 3500);
}

TEST(RateBookTest, AReminderFeeCapIsTheRoundingOfTheMaximumOfItsTime) {
  // law.md § 3.1: 1/20 of the inkassosats on the send date (§ 1-2), the
  // fraction by the due date (§ 3.2, 1/10 before 2020-10-01); a cap is the
  // published rounding (38 kr for 37.50), no more.
  v1::RateTables tables = WithFeeCap("2026-01-01", 3800);
  auto* sats = tables.add_collection_rates();
  sats->set_valid_from("2027-01-01");
  sats->set_amount(70000);
  auto* h1 = tables.add_interest_rates();
  h1->set_valid_from("2027-01-01");
  h1->set_rate_basis_points(1275);
  auto book = RateBook::Build(tables, D(2027, 3, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->MaxReminderFee(D(2026, 11, 2), D(2026, 12, 1)), 3800);
  // 2027's inkassosats of 700 kr ends the 2026 cap: 1/20 × 700 = 35 kr.
  EXPECT_EQ(book->MaxReminderFee(D(2026, 11, 2), D(2027, 2, 15)), 3500);
  // A cap from before the 2020-10-01 fraction: 70 kr was 1/10 × 700, but a
  // claim due after that date bears 1/20 × 700 = 35 kr.
  book =
      RateBook::Build(WithFeeCap("2017-01-01", 7000), D(2026, 8, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->MaxReminderFee(D(2020, 9, 15), D(2020, 11, 20)), 7000);
  EXPECT_EQ(book->MaxReminderFee(D(2020, 10, 15), D(2020, 11, 20)), 3500);
  // A cap above the maximum rounded to whole kroner holds to it: 500 kr
  // against 37.50 → 38 kr in 2026.
  book =
      RateBook::Build(WithFeeCap("2026-01-01", 50000), D(2026, 8, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->MaxReminderFee(D(2026, 1, 1), D(2026, 2, 1)), 3800);
  // A rising inkassosats ends a cap too (the check above cannot tell: 35 kr
  // is below 38): 35 kr published for 2025 (1/20 × 700) gives way to the
  // 2026 inkassosats, 1/20 × 750 = 37.50 kr.
  book =
      RateBook::Build(WithFeeCap("2025-01-01", 3500), D(2026, 8, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->MaxReminderFee(D(2025, 11, 3), D(2025, 12, 1)), 3500);
  EXPECT_EQ(book->MaxReminderFee(D(2025, 11, 3), D(2026, 1, 5)), 3750);
}

TEST(RateBookTest, AReminderFeeCapAboveItsRoundingIsWarnedOf) {
  // rates.proto ReminderFeeCap: never above fraction × inkassosats rounded
  // half up to whole kroner (law.md § 3.2: 1/20 × 750 = 37.50 → 38 kr). A
  // 39 kr row is held to 38 kr, and the host is told; 38 kr is not warned
  // of, nor is a cap of 0 (no fee).
  std::vector<v1::Warning> warnings;
  auto book =
      RateBook::Build(WithFeeCap("2026-01-01", 3900), D(2026, 8, 1), &warnings);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->MaxReminderFee(D(2026, 1, 1), D(2026, 2, 1)), 3800);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code(), "FEE_CAP_ABOVE_MAXIMUM");
  EXPECT_EQ(warnings[0].message(),
            "the reminder_fee_caps row from 2026-01-01, 39.00 kr, is above "
            "the maximum it may round: 1/20 of the inkassosats 750.00 kr is "
            "37.50 kr, 38.00 kr in whole kroner; fees are held to that "
            "(check the row's amount)");
  for (const int64_t cap : {3800, 0}) {
    warnings.clear();
    ASSERT_TRUE(
        RateBook::Build(WithFeeCap("2026-01-01", cap), D(2026, 8, 1), &warnings)
            .ok());
    EXPECT_THAT(warnings, ::testing::IsEmpty()) << cap;
  }
}

TEST(RateBookTest, AReminderFeeCapLeavesClaimsUnderAnEarlierFraction) {
  // law.md § 3.2: the fraction goes by the claim's due date. The 38 kr
  // published for 2026 rounds 1/20 × 750; a claim due in 2019 still bears
  // 1/10 × 750 = 75 kr on a notice sent in 2026, cap or none.
  auto book =
      RateBook::Build(WithFeeCap("2026-01-01", 3800), D(2026, 8, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->MaxReminderFee(D(2019, 6, 3), D(2026, 2, 20)), 7500);
  EXPECT_EQ(book->MaxReminderFee(D(2020, 9, 30), D(2026, 2, 20)), 7500);
  EXPECT_EQ(book->MaxReminderFee(D(2020, 10, 1), D(2026, 2, 20)), 3800);
  // A host's table repeating 1/20 each year (law.md § 3.2 lists it so)
  // changes no claim's fraction: every 1/20 claim stays under the cap.
  v1::RateTables yearly = WithFeeCap("2026-01-01", 3800);
  for (const char* from : {"2021-01-01", "2024-01-01", "2026-01-01"}) {
    v1::FeeFraction* row = yearly.add_fee_fractions();
    row->set_valid_from(from);
    row->set_reminder_numerator(1);
    row->set_reminder_denominator(20);
    row->set_payment_demand_numerator(3);
    row->set_payment_demand_denominator(20);
  }
  book = RateBook::Build(yearly, D(2026, 8, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->MaxReminderFee(D(2020, 10, 1), D(2026, 2, 20)), 3800);
  EXPECT_EQ(book->MaxReminderFee(D(2025, 5, 2), D(2026, 2, 20)), 3800);
  EXPECT_EQ(book->MaxReminderFee(D(2026, 2, 2), D(2026, 2, 20)), 3800);
  EXPECT_EQ(book->MaxReminderFee(D(2019, 6, 3), D(2026, 2, 20)), 7500);
}

TEST(RateBookTest, SuppliedBandSetReplacesTheBuiltinSetOfThatDate) {
  // rates.proto CollectionCostBand: a band set is all rows of one
  // valid_from; a host may publish a new one (law.md § 5.2 is data).
  v1::RateTables tables;
  auto* low = tables.add_collection_cost_bands();
  low->set_valid_from("2026-01-01");
  low->set_claim_up_to(100000);
  low->set_light_permille(300);
  low->set_heavy_permille(600);
  auto* top = tables.add_collection_cost_bands();
  top->set_valid_from("2026-01-01");
  top->set_light_permille(1000);
  top->set_heavy_permille(2000);
  auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  // Due 2026: the new set (0.30 × 750 = 225 kr; top 1.00 × 750 = 750 kr).
  EXPECT_EQ(book->CollectionCostMaxima(50000, D(2026, 2, 1), D(2026, 3, 1)),
            std::make_pair(int64_t{22500}, int64_t{45000}));
  EXPECT_EQ(book->CollectionCostMaxima(400000, D(2026, 2, 1), D(2026, 3, 1)),
            std::make_pair(int64_t{75000}, int64_t{150000}));
  // Due 2025: the built-in 2020-10-01 set still applies (0.25 × 750).
  EXPECT_EQ(book->CollectionCostMaxima(50000, D(2025, 2, 1), D(2026, 3, 1)),
            std::make_pair(int64_t{18750}, int64_t{37500}));
}

TEST(RateBookTest, AHalfYearWithoutItsInterestRowIsRefused) {
  // law.md § 1.1: forsinkelsesrente is set per half-year. With the built-in
  // rows kept, a 2027-07-01 row without a 2027-01-01 row leaves 2027 H1's
  // rate unknown: refused, naming the half-year, not filled with 2026 H2's.
  v1::RateTables tables;
  auto* row = tables.add_interest_rates();
  row->set_valid_from("2027-07-01");
  row->set_rate_basis_points(1300);
  auto book = RateBook::Build(tables, D(2027, 8, 1), nullptr);
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(book.status().message(),
              HasSubstr("no row for the half-year from 2027-01-01"));
  // With that half-year supplied the tables build.
  auto* h1 = tables.add_interest_rates();
  h1->set_valid_from("2027-01-01");
  h1->set_rate_basis_points(1275);
  book = RateBook::Build(tables, D(2027, 8, 1), nullptr);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->InterestRate(D(2027, 3, 1)), 1275);
  // A table of the host's own runs each row to the next (rates.proto).
  v1::RateTables own;
  own.set_replace_builtin(true);
  for (const char* from : {"2020-01-01", "2027-07-01"}) {
    auto* r = own.add_interest_rates();
    r->set_valid_from(from);
    r->set_rate_basis_points(1000);
  }
  EXPECT_TRUE(RateBook::Build(own, D(2027, 8, 1), nullptr).ok());
}

TEST(RateBookTest, AnInterestRowFromMidHalfYearIsRefused) {
  // law.md § 1.1: the rate is set for each half-year from 1 January and
  // 1 July. With the built-in rows kept, a 2027-06-01 row (for 07-01) is a
  // mistake, not a rate from 1 June; a table of the host's own may change
  // on any day.
  v1::RateTables tables;
  for (const char* from : {"2027-01-01", "2027-06-01"}) {
    auto* row = tables.add_interest_rates();
    row->set_valid_from(from);
    row->set_rate_basis_points(1275);
  }
  auto book = RateBook::Build(tables, D(2027, 6, 20), nullptr);
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(book.status().message(),
              HasSubstr("the row from 2027-06-01 does not begin a half-year"));
  tables.set_replace_builtin(true);
  EXPECT_TRUE(RateBook::Build(tables, D(2027, 6, 20), nullptr).ok());
}

TEST(RateBookTest, NoRowStretchesBackBeforeItsValidFrom) {
  // law.md § 3.1 (§ 1-2 last paragraph: the inkassosats in force on the send
  // date), § 6 (§ 3a in force from 2013-03-16; the built-in compensation
  // starts in 2014): before a table's first row its figure is unknown, so
  // no fee, compensation or collection-cost maximum comes from it.
  const RateBook book = RateBook::Builtin();
  EXPECT_EQ(book.CollectionRate(D(2013, 12, 31)), 0);
  EXPECT_EQ(book.MaxReminderFee(D(2013, 3, 1), D(2013, 3, 20)), 0);
  // The fraction and the pre-2020 bands are keyed on the due date, and
  // law.md § 3.2 / § 5.2 give them for every claim due before 2020-10-01:
  // a 2013 claim dunned in 2014 gets 1/10 × 640 kr, bands at 640 kr.
  EXPECT_EQ(book.MaxReminderFee(D(2013, 3, 1), D(2014, 1, 20)), 6400);
  EXPECT_EQ(book.CollectionCostMaxima(200000, D(2013, 3, 1), D(2014, 1, 20)),
            std::make_pair(int64_t{32000}, int64_t{64000}));
  EXPECT_EQ(book.StandardCompensation(D(2013, 2, 1)), 0);
  EXPECT_EQ(book.StandardCompensation(D(2014, 1, 1)), 32000);
  // A host's single row from 2026-03-01 does not reach back to January.
  v1::RateTables tables;
  tables.set_replace_builtin(true);
  auto* sats = tables.add_collection_rates();
  sats->set_valid_from("2026-03-01");
  sats->set_amount(80000);
  auto* compensation = tables.add_standard_compensations();
  compensation->set_valid_from("2026-03-01");
  compensation->set_amount(50000);
  auto* fraction = tables.add_fee_fractions();
  fraction->set_valid_from("2026-03-01");
  fraction->set_reminder_numerator(1);
  fraction->set_reminder_denominator(20);
  fraction->set_payment_demand_numerator(3);
  fraction->set_payment_demand_denominator(20);
  auto own = RateBook::Build(tables, D(2026, 6, 1), nullptr);
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(own->MaxReminderFee(D(2026, 3, 1), D(2026, 2, 1)), 0);   // sats
  EXPECT_EQ(own->MaxReminderFee(D(2026, 1, 15), D(2026, 4, 1)), 0);  // fraction
  EXPECT_EQ(own->MaxReminderFee(D(2026, 3, 1), D(2026, 4, 1)), 4000);
  EXPECT_EQ(own->StandardCompensation(D(2026, 1, 15)), 0);
  EXPECT_EQ(own->StandardCompensation(D(2026, 3, 1)), 50000);
}

TEST(RateBookTest, ABandSetWithoutATopBandIsRefused) {
  // rates.proto CollectionCostBand: claim_up_to 0 is the top band; without
  // one a larger claim would have no maximum (law.md § 5.2 has one).
  v1::RateTables tables;
  auto* band = tables.add_collection_cost_bands();
  band->set_valid_from("2026-01-01");
  band->set_claim_up_to(50000);
  band->set_light_permille(250);
  band->set_heavy_permille(500);
  auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(book.status().message(),
              HasSubstr("band set from 2026-01-01 has no top band"));
}

TEST(RateBookTest, AHeavyBandBelowItsLightOneIsRefused) {
  // law.md § 5.1 (inkassoforskriften § 2-3): tung salær is the heavier
  // case's maximum, double the lett one; a row with it below is a typo.
  v1::RateTables tables;
  auto* band = tables.add_collection_cost_bands();
  band->set_valid_from("2026-01-01");
  band->set_claim_up_to(0);
  band->set_light_permille(500);
  band->set_heavy_permille(250);
  auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(book.status().message(),
              HasSubstr("collection_cost_bands[0]: heavy_permille must be at "
                        "least light_permille"));
}

TEST(RateBookTest, BadRowsAreRefusedNamingTableAndRow) {
  {
    v1::RateTables tables;
    tables.add_interest_rates()->set_valid_from("2027-01-01");  // rate 0
    auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
    EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(book.status().message(), HasSubstr("interest_rates[0]"));
  }
  {
    v1::RateTables tables;
    auto* row = tables.add_collection_rates();
    row->set_valid_from("2027-02-30");
    row->set_amount(80000);
    auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
    EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(book.status().message(),
                HasSubstr("collection_rates[0]: valid_from \"2027-02-30\""));
  }
  {
    v1::RateTables tables;
    for (int i = 0; i < 2; ++i) {
      auto* row = tables.add_interest_rates();
      row->set_valid_from("2027-01-01");
      row->set_rate_basis_points(1300 + i);
    }
    auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
    EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(book.status().message(), HasSubstr("two rows"));
  }
  {
    v1::RateTables tables;
    auto* row = tables.add_fee_fractions();
    row->set_valid_from("2027-01-01");
    row->set_reminder_numerator(1);
    auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
    EXPECT_THAT(book.status().message(), HasSubstr("fee_fractions[0]"));
  }
}

TEST(RateBookTest, FiguresTypedInTheWrongUnitAreRefused) {
  // rates.proto: basis points and øre. 12 (for 12 %), 760 (for 760 kr) and
  // 450 (for 450 kr) are refused naming the row; a compensation of 0 (none)
  // stands.
  {
    v1::RateTables tables;
    auto* row = tables.add_interest_rates();
    row->set_valid_from("2027-01-01");
    row->set_rate_basis_points(12);
    auto book = RateBook::Build(tables, D(2027, 2, 15), nullptr);
    EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(book.status().message(),
                HasSubstr("interest_rates[0]: rate_basis_points 12 is not in "
                          "100..100000"));
  }
  {
    v1::RateTables tables;
    auto* row = tables.add_collection_rates();
    row->set_valid_from("2027-01-01");
    row->set_amount(760);
    auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
    EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(book.status().message(),
                HasSubstr("collection_rates[0]: amount 760 øre is below 1000"));
  }
  {
    v1::RateTables tables;
    auto* row = tables.add_standard_compensations();
    row->set_valid_from("2027-01-01");
    row->set_amount(450);
    auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
    EXPECT_THAT(book.status().message(),
                HasSubstr("standard_compensations[0]: amount 450 øre"));
    row->set_amount(0);
    book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
    ASSERT_TRUE(book.ok()) << book.status();
    EXPECT_EQ(book->StandardCompensation(D(2027, 3, 1)), 0);
  }
  {
    v1::RateTables tables;
    auto* cap = tables.add_reminder_fee_caps();
    cap->set_valid_from("2026-01-01");
    cap->set_amount(38);  // for 38 kr
    auto book = RateBook::Build(tables, D(2026, 8, 1), nullptr);
    EXPECT_THAT(book.status().message(),
                HasSubstr("reminder_fee_caps[0]: amount 38 øre is below 1000"));
  }
}

}  // namespace
}  // namespace purring::internal
