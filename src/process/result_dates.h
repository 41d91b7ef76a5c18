// An invoice result's dates as days. EvaluateInvoice keeps them here rather
// than as text in the result: a store that writes results straight into the
// response writes them as "YYYY-MM-DD" there (record_wire.h). Making each
// date's string, setting it in the result and clearing it again cost more
// than formatting it where it is written (callgrind, 10 000 invoices: 1 % of
// an evaluation). Otherwise SetResultDates puts them in the result as text.
#ifndef PURRING_SRC_PROCESS_RESULT_DATES_H_
#define PURRING_SRC_PROCESS_RESULT_DATES_H_

#include <optional>

#include "absl/time/civil_time.h"
#include "money/claim.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// One per InvoiceResult date field; nullopt: the field is left empty.
struct ResultDates {
  absl::CivilDay adjusted_due;  // always set
  std::optional<absl::CivilDay> current_sent;
  std::optional<absl::CivilDay> current_deadline;
  std::optional<absl::CivilDay> waiting_until;
  std::optional<absl::CivilDay> next_step;
  InterestDays interest;  // of the result's interest
};

// Sets the result's date fields, and its interest's, from `dates`.
void SetResultDates(const ResultDates& dates, v1::InvoiceResult* result);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_RESULT_DATES_H_
