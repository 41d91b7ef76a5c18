// The start-from-invoice cutoff (product.md F9; the seed's "Send purring fra
// og med fakturanr").
#include "process/cutoff.h"

#include "gtest/gtest.h"

namespace purring::internal {
namespace {

struct CutoffCase {
  const char* number;
  const char* start_from;
  bool before;
  bool numeric;
};

TEST(CutoffTest, Table) {
  const CutoffCase cases[] = {
      {"999", "1000", true, true},     // as numbers, not as strings
      {"1000", "1000", false, true},   // "fra og med": the cutoff itself is dunned
      {"1001", "1000", false, true},
      {"00999", "1000", true, true},   // leading zeros ignored
      {"0001000", "1000", false, true},
      {"0", "000", false, true},
      {"123456789012345678901234567890", "123456789012345678901234567889", false,
       true},                           // longer than int64: no overflow
      {"99999999999999999999", "100000000000000000000", true, true},
      // The same prefix: the digits after it compare as numbers.
      {"A-100", "A-200", true, true},
      {"A99", "A100", true, true},      // byte-wise "A99" would come after
      {"F2026-0099", "F2026-100", true, true},
      {"F2025-999", "F2026-100", true, false},  // prefixes differ: byte-wise
      {"B-1", "A-200", false, false},
      {"100", "A-1", true, false},      // '1' < 'A'
      {"1002-B", "1002", false, false},  // no trailing digits: byte-wise
      // Spaces around either number are not part of it.
      {"100", "100 ", false, true},
      {" 99", "100", true, true},
      // Unicode spaces too: no-break, zero-width, ideographic, the BOM.
      {"999", "1000\u00a0", true, true},
      {"1000", "\u200b1000", false, true},
      {"\u3000999", "1000", true, true},
      {"\ufeff1000", "1000 ", false, true},
  };
  for (const CutoffCase& c : cases) {
    const CutoffCheck check = CheckCutoff(c.number, c.start_from);
    EXPECT_EQ(check.before_cutoff, c.before) << c.number << " vs " << c.start_from;
    EXPECT_EQ(check.numeric, c.numeric) << c.number << " vs " << c.start_from;
  }
}

}  // namespace
}  // namespace purring::internal
