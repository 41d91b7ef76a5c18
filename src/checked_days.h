// The dates of an invoice and its notices as its validation parsed them
// (validate_split.h), handed to its evaluation so that it does not parse
// them again (callgrind, 10 000 invoices: 1 % of an evaluation).
#ifndef PURRING_SRC_CHECKED_DAYS_H_
#define PURRING_SRC_CHECKED_DAYS_H_

#include <optional>
#include <vector>

#include "absl/time/civil_time.h"

namespace purring::internal {

// A notice's sent_date, deadline and fee_waived_date.
struct NoticeDays {
  absl::CivilDay sent;
  absl::CivilDay deadline;
  std::optional<absl::CivilDay> waived;  // none: no fee_waived_date
};

struct CheckedDays {
  absl::CivilDay due;
  std::vector<absl::CivilDay> payments;  // one per payment, in its order
  std::vector<NoticeDays> notices;       // one per notice (see the holder)
};

}  // namespace purring::internal

#endif  // PURRING_SRC_CHECKED_DAYS_H_
