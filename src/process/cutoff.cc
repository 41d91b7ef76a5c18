#include "process/cutoff.h"

namespace purring::internal {
namespace {

bool AllDigits(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

absl::string_view StripLeadingZeros(absl::string_view digits) {
  size_t first = 0;
  while (first + 1 < digits.size() && digits[first] == '0') ++first;
  return digits.substr(first);
}

}  // namespace

CutoffCheck CheckCutoff(absl::string_view invoice_number,
                        absl::string_view start_from) {
  CutoffCheck check;
  if (AllDigits(invoice_number) && AllDigits(start_from)) {
    const absl::string_view a = StripLeadingZeros(invoice_number);
    const absl::string_view b = StripLeadingZeros(start_from);
    // Equal-length digit strings order like the numbers they spell.
    check.before_cutoff = a.size() != b.size() ? a.size() < b.size() : a < b;
    return check;
  }
  check.numeric = false;
  check.before_cutoff = invoice_number < start_from;
  return check;
}

}  // namespace purring::internal
