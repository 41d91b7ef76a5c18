// The start-from-invoice cutoff (F9, "Send purring fra og med fakturanr").
#ifndef PURRING_SRC_PROCESS_CUTOFF_H_
#define PURRING_SRC_PROCESS_CUTOFF_H_

#include "absl/strings/string_view.h"

namespace purring::internal {

struct CutoffCheck {
  bool before_cutoff = false;
  // False when the numbers could not be compared as numbers: then the
  // comparison was byte-wise and the caller warns (code
  // "CUTOFF_NOT_NUMERIC").
  bool numeric = true;
};

// Whether `invoice_number` comes before `start_from` (which is non-empty),
// both without surrounding spaces. Two numbers that end in digits after the
// same prefix ("F-99" and "F-100", or "999" and "1000") compare by those
// digits as numbers of any length (leading zeros ignored, no overflow);
// anything else compares byte-wise.
CutoffCheck CheckCutoff(absl::string_view invoice_number,
                        absl::string_view start_from);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_CUTOFF_H_
