// The collection-cost estimate in a hand-off (inkassoforskriften §§ 2-2,
// 2-3; law.md §§ 5, 6).
#ifndef PURRING_SRC_MONEY_COLLECTION_COSTS_H_
#define PURRING_SRC_MONEY_COLLECTION_COSTS_H_

#include <cstdint>

#include "absl/time/civil_time.h"
#include "money/rate_book.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// Light and heavy maxima for `claim` (the principal outstanding), with the
// 25 % uplift when the creditor is NOT vat_registered (law.md § 5.3), less
// the B2B compensation already claimed (law.md § 6), floored at 0.
v1::CollectionCostEstimate EstimateCollectionCosts(
    int64_t claim, absl::CivilDay due, absl::CivilDay as_of,
    bool vat_registered, int64_t compensation_claimed, const RateBook& rates);

}  // namespace purring::internal

#endif  // PURRING_SRC_MONEY_COLLECTION_COSTS_H_
