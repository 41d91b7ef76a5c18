#include "money/collection_costs.h"

#include <algorithm>

#include "absl/numeric/int128.h"
#include "money/money_math.h"

namespace purring::internal {
namespace {

// The 25 % VAT uplift (inkassoforskriften § 2-2 second paragraph, law.md
// § 5.3), rounded half up to øre as law.md's own table does (187.50 kr →
// 234.38 kr).
int64_t WithVatUplift(int64_t amount) {
  int64_t out = 0;
  if (!RoundHalfUp(absl::int128(amount) * 125, 100, &out)) return INT64_MAX;
  return out;
}

}  // namespace

v1::CollectionCostEstimate EstimateCollectionCosts(
    int64_t claim, absl::CivilDay due, absl::CivilDay as_of,
    bool vat_registered, int64_t compensation_claimed, const RateBook& rates) {
  v1::CollectionCostEstimate estimate;
  estimate.set_claim(claim);
  auto [light, heavy] = rates.CollectionCostMaxima(claim, due, as_of);
  if (!vat_registered) {
    light = WithVatUplift(light);
    heavy = WithVatUplift(heavy);
    estimate.set_vat_uplift(true);
  }
  // law.md § 6: the standard compensation claimed is deducted from the
  // debtor's liability for collection costs.
  const int64_t deducted = std::max<int64_t>(0, compensation_claimed);
  estimate.set_light(std::max<int64_t>(0, light - deducted));
  estimate.set_heavy(std::max<int64_t>(0, heavy - deducted));
  estimate.set_compensation_deducted(deducted);
  return estimate;
}

}  // namespace purring::internal
