// SplitRequest's numbers_ascend: true exactly when every invoice number is
// ShortlexLess than the next, which lets validate_split.cc find invoices by
// binary search instead of a map (and proves there are no duplicates).
#include "request_split.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace purring::internal {
namespace {

bool NumbersAscend(const std::vector<std::string>& numbers) {
  v1::EvaluateRequest request;
  for (const std::string& number : numbers) {
    v1::Invoice* invoice = request.add_invoices();
    invoice->set_number(number);
    invoice->set_customer_id("C1");
  }
  v1::EvaluateRequest rest;
  RequestSplit split;
  EXPECT_TRUE(SplitRequest(request.SerializeAsString(), &rest, &split));
  EXPECT_EQ(split.invoices.size(), numbers.size());
  return split.numbers_ascend;
}

TEST(ShortlexLess, ShorterFirstThenBytes) {
  EXPECT_TRUE(ShortlexLess("999999", "1000000"));
  EXPECT_FALSE(ShortlexLess("1000000", "999999"));
  EXPECT_TRUE(ShortlexLess("A-10", "A-11"));
  EXPECT_FALSE(ShortlexLess("A-10", "A-10"));
  EXPECT_TRUE(ShortlexLess("", "1"));
}

TEST(NumbersAscend, CountingUpAcrossADigitAscends) {
  EXPECT_TRUE(NumbersAscend({"999998", "999999", "1000000", "1000001"}));
  EXPECT_TRUE(NumbersAscend({"F-1"}));
  EXPECT_TRUE(NumbersAscend({}));
}

TEST(NumbersAscend, ARepeatOrAStepBackDoesNot) {
  EXPECT_FALSE(NumbersAscend({"100", "101", "101", "102"}));
  EXPECT_FALSE(NumbersAscend({"100", "102", "101"}));
  EXPECT_FALSE(NumbersAscend({"1000000", "999999"}));
  // Bytewise ascending, but not shortlex: a longer number before a shorter.
  EXPECT_FALSE(NumbersAscend({"10", "9"}));
}

}  // namespace
}  // namespace purring::internal
