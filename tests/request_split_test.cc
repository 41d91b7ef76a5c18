// CompareNumbers' shortlex order, and SplitRequest's numbers_ascend: true
// exactly when every invoice number is before the next in that order, which
// lets validate_split.cc find invoices by binary search instead of a map
// (and proves there are no duplicates).
#include "request_split.h"

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace purring::internal {
namespace {

bool ShortlexLess(absl::string_view a, absl::string_view b) {
  return CompareNumbers(a, NumberPrefix(a), b, NumberPrefix(b)) < 0;
}

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
  // Past the 8 bytes NumberPrefix holds, the rest of the bytes decide.
  EXPECT_TRUE(ShortlexLess("INV-2026-000001", "INV-2026-000002"));
  EXPECT_FALSE(ShortlexLess("INV-2026-000002", "INV-2026-000001"));
  EXPECT_FALSE(ShortlexLess("INV-2026-000001", "INV-2026-000001"));
  // Bytes above 0x7f order as unsigned, as std::string's compare does.
  EXPECT_TRUE(ShortlexLess("F-\x7f", "F-\xc3"));
}

TEST(CompareNumbers, EqualOnlyWhenEveryByteIs) {
  const std::string a = "INV-2026-000001", b = "INV-2026-000011";
  EXPECT_EQ(CompareNumbers(a, NumberPrefix(a), a, NumberPrefix(a)), 0);
  EXPECT_LT(CompareNumbers(a, NumberPrefix(a), b, NumberPrefix(b)), 0);
  EXPECT_GT(CompareNumbers(b, NumberPrefix(b), a, NumberPrefix(a)), 0);
  EXPECT_EQ(NumberPrefix("12345678"), NumberPrefix("123456789"));
  EXPECT_NE(CompareNumbers("12345678", NumberPrefix("12345678"), "123456789",
                           NumberPrefix("123456789")),
            0);
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
