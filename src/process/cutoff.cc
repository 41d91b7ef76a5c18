#include "process/cutoff.h"

#include "process/spaces.h"

namespace purring::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

absl::string_view StripLeadingZeros(absl::string_view digits) {
  size_t first = 0;
  while (first + 1 < digits.size() && digits[first] == '0') ++first;
  return digits.substr(first);
}

// A number as its prefix and the run of digits that ends it: "F-0099" is
// ("F-", "0099"), "1000" is ("", "1000"), "1002-B" is ("1002-B", "").
struct Split {
  absl::string_view prefix;
  absl::string_view digits;
};

Split SplitTrailingDigits(absl::string_view number) {
  size_t start = number.size();
  while (start > 0 && IsDigit(number[start - 1])) --start;
  return {number.substr(0, start), number.substr(start)};
}

// Digit strings ordered as the numbers they spell, of any length.
bool NumberLess(absl::string_view a, absl::string_view b) {
  a = StripLeadingZeros(a);
  b = StripLeadingZeros(b);
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

}  // namespace

CutoffCheck CheckCutoff(absl::string_view invoice_number,
                        absl::string_view start_from) {
  // Spaces around a number are typing, not part of it: a pasted no-break
  // space too.
  invoice_number = StripSpaces(invoice_number);
  start_from = StripSpaces(start_from);
  const Split number = SplitTrailingDigits(invoice_number);
  const Split cutoff = SplitTrailingDigits(start_from);
  CutoffCheck check;
  if (!number.digits.empty() && !cutoff.digits.empty() &&
      number.prefix == cutoff.prefix) {
    check.before_cutoff = NumberLess(number.digits, cutoff.digits);
    return check;
  }
  check.numeric = false;
  check.before_cutoff = invoice_number < start_from;
  return check;
}

}  // namespace purring::internal
