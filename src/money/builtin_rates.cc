#include "money/builtin_rates.h"

#include <cstdint>

namespace purring::internal {
namespace {

// Forsinkelsesrente per half-year, basis points (law.md § 1.2 table).
struct InterestRow {
  const char* valid_from;
  int32_t basis_points;
};
constexpr InterestRow kInterestRates[] = {
    {"2014-01-01", 950},   // high: regjeringen forskrift 20.12.2013
    {"2014-07-01", 950},   // high: forsinkelsesrente.net; interestia.no
    {"2015-01-01", 925},   // high: regjeringen id2350980
    {"2015-07-01", 900},   // high: lunderobertsen.no
    {"2016-01-01", 875},   // high: forliksraadet.no
    {"2016-07-01", 850},   // high: regjeringen id2505910
    {"2017-01-01", 850},   // high: forliksraadet.no
    {"2017-07-01", 850},   // high: faktura.no; forsinkelsesrente.net
    {"2018-01-01", 850},   // high: forliksraadet.no
    {"2018-07-01", 850},   // medium-high: forsinkelsesrente.net
    {"2019-01-01", 875},   // high: alektumgroup.no; forliksraadet.no
    {"2019-07-01", 925},   // high: hokas.no
    {"2020-01-01", 950},   // high: boliginkasso.no; inkassoguiden.no
    {"2020-07-01", 800},   // high: bsregnskap.no
    {"2021-01-01", 800},   // medium-high: forsinkelsesrente.net
    {"2021-07-01", 800},   // high: totalkapital.no; bahs.no
    {"2022-01-01", 850},   // high: forsinkelsesrente.net; Visma
    {"2022-07-01", 925},   // high: revisjonskompaniet.no; FOR-2022-06-24-1178
    {"2023-01-01", 1075},  // high: regnskapnorge.no; kred.no
    {"2023-07-01", 1175},  // medium-high: forsinkelsesrente.net
    {"2024-01-01", 1250},  // high: regjeringen id3019071
    {"2024-07-01", 1250},  // medium: policy rate unchanged; forskrift not read
    {"2025-01-01", 1250},  // high: FOR-2024-12-19-3279 § 1
    {"2025-07-01", 1225},  // medium: public rate-register data files
    {"2026-01-01", 1200},  // medium-high: kred.no; forskrift 2025-12-18-2658
    {"2026-07-01", 1225},  // LOW: public rate-register data files only
};

// Inkassosats per year, øre, by the notice's send date (law.md § 3.2).
struct AmountRow {
  const char* valid_from;
  int64_t amount;
};
constexpr AmountRow kCollectionRates[] = {
    {"2014-01-01", 64000},  // LOW [M]: not found in a source
    {"2015-01-01", 65000},  // high: opas.no; faktura.no
    {"2016-01-01", 67000},  // high: faktura.no; forliksraadet.no
    {"2017-01-01", 70000},  // high: FOR-2002-12-13-1641
    {"2018-01-01", 70000},  // high: sticos.no
    {"2019-01-01", 70000},  // high: forliksraadet.no; eikinkasso.no
    {"2020-01-01", 70000},  // high: boliginkasso.no
    {"2021-01-01", 70000},  // high: hamar.kommune.no; regnskapnorge.no
    {"2022-01-01", 70000},  // high
    {"2023-01-01", 70000},  // high: kred.no
    {"2024-01-01", 70000},  // high: regnskapnorge.no
    {"2025-01-01", 70000},  // high: kred.no 2025
    {"2026-01-01", 75000},  // medium: kred.no 2026; blog.amili.no
};

// Fee fractions by the claim's due date (law.md § 3.2 and its transition
// note: the halving applies to claims due from 2020-10-01).
struct FractionRow {
  const char* valid_from;
  int32_t reminder_num, reminder_den, demand_num, demand_den;
};
constexpr FractionRow kFeeFractions[] = {
    // 1/10 for every claim due before 2020-10-01 (law.md § 3.2 transition
    // note gives no earlier start): from the first day a date may have.
    {"1900-01-01", 1, 10, 3, 10},  // high: inkassoforskriften § 1-2 before 2020
    {"2020-10-01", 1, 20, 3, 20},  // high: regjeringen "halverer inkassosalærer"
};

// B2B standard compensation per half-year, øre, by the half-year the claim
// falls overdue in (RateBook::StandardCompensation; law.md § 6 table). Where
// law.md has "?", the previous known half-year is carried forward (marked
// "carried").
constexpr AmountRow kStandardCompensations[] = {
    {"2014-01-01", 32000},  // high: regjeringen id748450
    {"2014-07-01", 32000},  // carried from 2014 H1 (law.md: "?")
    {"2015-01-01", 32000},  // carried from 2014 H1 (law.md: "?")
    {"2015-07-01", 33000},  // high: lunderobertsen.no
    {"2016-01-01", 37000},  // high: forliksraadet.no
    {"2016-07-01", 37000},  // high: regjeringen id2505910
    {"2017-01-01", 36000},  // high: forliksraadet.no
    {"2017-07-01", 36000},  // carried from 2017 H1 (law.md: "?")
    {"2018-01-01", 38000},  // high: forliksraadet.no
    {"2018-07-01", 38000},  // carried from 2018 H1 (law.md: "probably 380")
    {"2019-01-01", 38000},  // high: forliksraadet.no; boliginkasso.no
    {"2019-07-01", 39000},  // high: hokas.no
    {"2020-01-01", 40000},  // high: boliginkasso.no
    {"2020-07-01", 43000},  // high: bsregnskap.no
    {"2021-01-01", 43000},  // carried from 2020 H2 (law.md: "?")
    {"2021-07-01", 40000},  // high: totalkapital.no
    {"2022-01-01", 39000},  // high: Visma community
    {"2022-07-01", 40000},  // high: revisjonskompaniet.no; Visma
    {"2023-01-01", 41000},  // high: regnskapnorge.no
    {"2023-07-01", 41000},  // carried from 2023 H1 (law.md: "?")
    {"2024-01-01", 47000},  // high: regjeringen id3019071
    {"2024-07-01", 47000},  // carried from 2024 H1 (law.md: "?")
    {"2025-01-01", 47000},  // high: FOR-2024-12-19-3279 § 2
    {"2025-07-01", 47000},  // carried from 2025 H1 (law.md: "?")
    {"2026-01-01", 46000},  // medium-high: kred.no 2026
    {"2026-07-01", 43000},  // LOW: public rate-register data files only
};

// Collection-cost bands (inkassoforskriften §§ 2-2, 2-3) as per-mille
// multiples of the inkassosats, by the claim's due date (law.md § 5.2).
struct BandRow {
  const char* valid_from;
  int64_t claim_up_to;  // øre, inclusive; 0 = the top band
  int32_t light_permille, heavy_permille;
};
constexpr BandRow kCollectionCostBands[] = {
    // Before 2020-10-01 (advokatwulff.no, law.md § 5.2 "Pre-Oct-2020", for
    // back-dated claims, no earlier start given): from the first day a date
    // may have. The pre-2020 table has no bands below 2 500 kr.
    {"1900-01-01", 250000, 500, 1000},
    {"1900-01-01", 1000000, 1000, 2000},
    {"1900-01-01", 5000000, 2000, 4000},
    {"1900-01-01", 25000000, 4000, 8000},
    {"1900-01-01", 0, 8000, 16000},
    // From 2020-10-01 (law.md § 5.2 table; kraviainkasso.no, rate-register
    // files "verified against Finanstilsynet 2026-07-15": medium).
    {"2020-10-01", 50000, 250, 500},
    {"2020-10-01", 100000, 350, 700},
    {"2020-10-01", 250000, 400, 800},
    {"2020-10-01", 1000000, 800, 1600},
    {"2020-10-01", 5000000, 1600, 3200},
    {"2020-10-01", 25000000, 3600, 7200},
    {"2020-10-01", 0, 7200, 14400},
};

v1::RateTables MakeBuiltin() {
  v1::RateTables tables;
  for (const InterestRow& row : kInterestRates) {
    v1::InterestRate* out = tables.add_interest_rates();
    out->set_valid_from(row.valid_from);
    out->set_rate_basis_points(row.basis_points);
  }
  for (const AmountRow& row : kCollectionRates) {
    v1::CollectionRate* out = tables.add_collection_rates();
    out->set_valid_from(row.valid_from);
    out->set_amount(row.amount);
  }
  for (const FractionRow& row : kFeeFractions) {
    v1::FeeFraction* out = tables.add_fee_fractions();
    out->set_valid_from(row.valid_from);
    out->set_reminder_numerator(row.reminder_num);
    out->set_reminder_denominator(row.reminder_den);
    out->set_payment_demand_numerator(row.demand_num);
    out->set_payment_demand_denominator(row.demand_den);
  }
  for (const AmountRow& row : kStandardCompensations) {
    v1::StandardCompensation* out = tables.add_standard_compensations();
    out->set_valid_from(row.valid_from);
    out->set_amount(row.amount);
  }
  for (const BandRow& row : kCollectionCostBands) {
    v1::CollectionCostBand* out = tables.add_collection_cost_bands();
    out->set_valid_from(row.valid_from);
    out->set_claim_up_to(row.claim_up_to);
    out->set_light_permille(row.light_permille);
    out->set_heavy_permille(row.heavy_permille);
  }
  tables.set_valid_until(kBuiltinValidUntil);
  return tables;
}

}  // namespace

const v1::RateTables& BuiltinRateTables() {
  // Built once, never mutated: safe to share between threads.
  static const v1::RateTables* const tables = new v1::RateTables(MakeBuiltin());
  return *tables;
}

}  // namespace purring::internal
