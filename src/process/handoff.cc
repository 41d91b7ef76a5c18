#include "process/handoff.h"

#include "dates.h"
#include "money/collection_costs.h"

namespace purring::internal {

void BuildCaseFileInto(const HandOffInput& input,
                       const v1::DunningSettings& settings,
                       const RateBook& rates, v1::CollectionCaseFile* out) {
  const v1::InvoiceResult& result = *input.result;
  v1::CollectionCaseFile& file = *out;
  file.set_invoice_number(input.invoice->number());
  *file.mutable_debtor() = *input.customer;
  file.set_debtor_type(result.customer_type());
  file.set_invoice_date(input.invoice->invoice_date());
  file.set_due_date(input.invoice->due_date());
  file.set_adjusted_due_date(result.adjusted_due_date());
  *file.mutable_balance() = result.balance();
  *file.mutable_interest() = result.interest();
  for (const v1::Notice* notice : input.notices) *file.add_notices() = *notice;
  const absl::CivilDay adjusted_due = *ParseDate(result.adjusted_due_date());
  const absl::CivilDay transfer = *ParseDate(input.action->date());
  *file.mutable_collection_costs() = EstimateCollectionCosts(
      result.balance().principal_outstanding(), adjusted_due, transfer,
      settings.vat_registered(), result.balance().compensation_charged(),
      rates);
  file.set_creditor_name(settings.company().name());
  file.set_creditor_organization_number(settings.company().organization_number());
  file.set_action_id(input.action->id());
  file.set_payment_reference(input.invoice->payment_reference());
}

}  // namespace purring::internal
