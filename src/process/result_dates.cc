#include "process/result_dates.h"

#include "dates.h"

namespace purring::internal {

void SetResultDates(const ResultDates& dates, v1::InvoiceResult* result) {
  result->set_adjusted_due_date(FormatDate(dates.adjusted_due));
  if (dates.current_sent.has_value()) {
    result->set_current_sent_date(FormatDate(*dates.current_sent));
  }
  if (dates.current_deadline.has_value()) {
    result->set_current_deadline(FormatDate(*dates.current_deadline));
  }
  if (dates.waiting_until.has_value()) {
    result->set_waiting_until(FormatDate(*dates.waiting_until));
  }
  if (dates.next_step.has_value()) {
    result->set_next_step_date(FormatDate(*dates.next_step));
  }
  SetInterestDates(dates.interest, result->mutable_interest());
}

}  // namespace purring::internal
