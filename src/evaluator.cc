#include "evaluator.h"

#include "absl/container/flat_hash_map.h"

namespace purring::internal {

// Placeholder until the process and money modules land: one result per
// invoice with the F2 identity columns.
absl::Status EvaluateValidated(const v1::EvaluateRequest& request,
                               v1::EvaluateResponse* response) {
  absl::flat_hash_map<absl::string_view, const v1::Customer*> customers;
  for (const v1::Customer& c : request.customers()) customers[c.id()] = &c;
  *response->mutable_as_of() = request.as_of();
  *response->mutable_last_synchronized() = request.last_synchronized();
  response->set_engine_version(PURRING_VERSION_STRING_INTERNAL);
  for (const v1::Invoice& inv : request.invoices()) {
    v1::InvoiceResult* r = response->add_results();
    r->set_invoice_number(inv.number());
    r->set_customer_id(inv.customer_id());
    r->set_customer_name(customers.at(inv.customer_id())->name());
    r->set_invoice_date(inv.invoice_date());
    r->set_due_date(inv.due_date());
    r->set_original_amount(inv.amount());
  }
  return absl::UnimplementedError("evaluation is not implemented yet");
}

}  // namespace purring::internal
