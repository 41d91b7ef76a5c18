// The collection-cost estimate of a hand-off (law.md §§ 5.2, 5.3, 6).
#include "money/collection_costs.h"

#include "gtest/gtest.h"

namespace purring::internal {
namespace {

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

TEST(CollectionCostsTest, VatRegisteredCreditorGetsTheTableWithoutVat) {
  // law.md § 5.2: 4 000 kr is in the ≤ 10 000 kr band: lett 0.80 × 750 =
  // 600 kr, tung 1.60 × 750 = 1 200 kr (inkassosats 2026 on the as-of day).
  const RateBook book = RateBook::Builtin();
  v1::CollectionCostEstimate e =
      EstimateCollectionCosts(400000, D(2026, 1, 10), D(2026, 3, 1), true, 0, book);
  EXPECT_EQ(e.claim(), 400000);
  EXPECT_EQ(e.light(), 60000);
  EXPECT_EQ(e.heavy(), 120000);
  EXPECT_FALSE(e.vat_uplift());
}

TEST(CollectionCostsTest, NotVatRegisteredAdds25Percent) {
  // law.md § 5.3 (inkassoforskriften § 2-2 second paragraph): + 25 %.
  // 600 × 1.25 = 750 kr; 1 200 × 1.25 = 1 500 kr. For 500 kr: 187.50 × 1.25
  // = 234.375 → 234.38 (half up, as law.md's table shows).
  const RateBook book = RateBook::Builtin();
  v1::CollectionCostEstimate e =
      EstimateCollectionCosts(400000, D(2026, 1, 10), D(2026, 3, 1), false, 0, book);
  EXPECT_TRUE(e.vat_uplift());
  EXPECT_EQ(e.light(), 75000);
  EXPECT_EQ(e.heavy(), 150000);
  v1::CollectionCostEstimate small =
      EstimateCollectionCosts(50000, D(2026, 1, 10), D(2026, 3, 1), false, 0, book);
  EXPECT_EQ(small.light(), 23438);
  EXPECT_EQ(small.heavy(), 46875);
}

TEST(CollectionCostsTest, CompensationIsDeductedFloorZero) {
  // law.md § 6: the standardkompensasjon claimed is deducted from the
  // collection costs. 750 − 460 = 290 kr; tung 1 500 − 460 = 1 040 kr; a
  // 500 kr claim (lett 187.50 kr, tung 375 kr) floors at 0 on both.
  const RateBook book = RateBook::Builtin();
  v1::CollectionCostEstimate e = EstimateCollectionCosts(
      400000, D(2026, 1, 10), D(2026, 3, 1), false, 46000, book);
  EXPECT_EQ(e.light(), 29000);
  EXPECT_EQ(e.heavy(), 104000);
  EXPECT_EQ(e.compensation_deducted(), 46000);
  v1::CollectionCostEstimate small = EstimateCollectionCosts(
      50000, D(2026, 1, 10), D(2026, 3, 1), true, 46000, book);
  EXPECT_EQ(small.light(), 0);
  EXPECT_EQ(small.heavy(), 0);
  EXPECT_EQ(small.compensation_deducted(), 46000);
}

}  // namespace
}  // namespace purring::internal
