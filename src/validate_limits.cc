// CheckLimits: record counts and string sizes (purring/limits.h).
#include "validate_limits.h"

#include "absl/strings/str_cat.h"
#include "purring/limits.h"
#include "validate.h"
#include "validate_checks.h"

namespace purring::internal {
namespace {

using absl::StrCat;

absl::Status CheckCount(absl::string_view what, int64_t count, int64_t limit) {
  if (count <= limit) return absl::OkStatus();
  return absl::ResourceExhaustedError(
      StrCat("request has ", count, " ", what, "; the limit is ", limit));
}

absl::Status CheckAddress(const RecordName& record, absl::string_view field,
                          const v1::PostalAddress& address) {
  if (address.lines_size() > kMaxAddressLines) {
    return absl::ResourceExhaustedError(
        StrCat(record.Name(), ": ", field, ".lines has ", address.lines_size(),
               " lines; the limit is ", kMaxAddressLines));
  }
  for (const std::string& line : address.lines()) {
    PURRING_RETURN_IF_ERROR(CheckLength(record, {field, -1, ".lines"}, line));
  }
  PURRING_RETURN_IF_ERROR(CheckLength(record, {field, -1, ".postal_code"},
                                      address.postal_code()));
  PURRING_RETURN_IF_ERROR(
      CheckLength(record, {field, -1, ".city"}, address.city()));
  return CheckLength(record, {field, -1, ".country_code"},
                     address.country_code());
}

}  // namespace

absl::Status CheckSettingsLimits(const v1::DunningSettings& settings) {
  const RecordName record{"settings", "", false};
  const v1::Company& company = settings.company();
  for (const auto& [field, value] :
       {std::pair<absl::string_view, absl::string_view>{"company.name",
                                                        company.name()},
        {"company.organization_number", company.organization_number()},
        {"company.phone", company.phone()},
        {"company.email", company.email()},
        {"company.bank_account", company.bank_account()},
        {"start_from_invoice_number", settings.start_from_invoice_number()},
        {"contact_phone", settings.contact_phone()},
        {"contact_email", settings.contact_email()},
        {"accounting.receivable_account",
         settings.accounting().receivable_account()},
        {"accounting.fee_account", settings.accounting().fee_account()},
        {"accounting.interest_account",
         settings.accounting().interest_account()},
        {"accounting.compensation_account",
         settings.accounting().compensation_account()},
        {"accounting.department", settings.accounting().department()},
        {"accounting.project", settings.accounting().project()},
        {"default_person_profile", settings.default_person_profile()},
        {"default_business_profile", settings.default_business_profile()},
        {"objection_link_template", settings.objection_link_template()}}) {
    PURRING_RETURN_IF_ERROR(CheckLength(record, field, value));
  }
  PURRING_RETURN_IF_ERROR(
      CheckAddress(record, "company.address", company.address()));
  for (const v1::DunningProfile& p : settings.profiles()) {
    const RecordName profile{"profile", p.id()};
    PURRING_RETURN_IF_ERROR(CheckLength(profile, "id", p.id()));
    PURRING_RETURN_IF_ERROR(CheckLength(profile, "name", p.name()));
  }
  return absl::OkStatus();
}

absl::Status CheckCustomerLimits(const v1::Customer& c) {
  const RecordName record{"customer", c.id()};
  for (const auto& [field, value] :
       {std::pair<absl::string_view, absl::string_view>{"id", c.id()},
        {"name", c.name()},
        {"company_email", c.company_email()},
        {"invoice_email", c.invoice_email()},
        {"profile_id", c.profile_id()},
        {"organization_number", c.organization_number()},
        {"comment", c.comment()}}) {
    PURRING_RETURN_IF_ERROR(CheckLength(record, field, value));
  }
  return CheckAddress(record, "postal_address", c.postal_address());
}

absl::Status CheckInvoiceLimits(const v1::Invoice& inv) {
  const RecordName record{"invoice", inv.number()};
  for (const auto& [field, value] :
       {std::pair<absl::string_view, absl::string_view>{"number",
                                                        inv.number()},
        {"customer_id", inv.customer_id()},
        {"invoice_date", inv.invoice_date()},
        {"due_date", inv.due_date()},
        {"payment_reference", inv.payment_reference()},
        {"comment", inv.comment()}}) {
    PURRING_RETURN_IF_ERROR(CheckLength(record, field, value));
  }
  for (const auto& [what, count, limit] :
       {std::tuple<absl::string_view, int, int>{
            "payments", inv.payments_size(), kMaxPaymentsPerInvoice},
        {"credit_notes", inv.credit_notes_size(), kMaxCreditNotesPerInvoice},
        {"holds", inv.holds_size(), kMaxHoldsPerInvoice}}) {
    if (count > limit) {
      return absl::ResourceExhaustedError(StrCat(record.Name(), ": has ", count,
                                                 " ", what, "; the limit is ",
                                                 limit));
    }
  }
  for (int i = 0; i < inv.payments_size(); ++i) {
    const v1::Payment& p = inv.payments(i);
    PURRING_RETURN_IF_ERROR(CheckLength(record, {"payments", i, ".id"}, p.id()));
    PURRING_RETURN_IF_ERROR(
        CheckLength(record, {"payments", i, ".date"}, p.date()));
  }
  for (int i = 0; i < inv.credit_notes_size(); ++i) {
    const v1::CreditNote& c = inv.credit_notes(i);
    PURRING_RETURN_IF_ERROR(CheckLength(
        record, {"credit_notes", i, ".number"}, c.number()));
    PURRING_RETURN_IF_ERROR(
        CheckLength(record, {"credit_notes", i, ".date"}, c.date()));
  }
  for (int i = 0; i < inv.holds_size(); ++i) {
    const v1::Hold& h = inv.holds(i);
    for (const auto& [field, value] :
         {std::pair<absl::string_view, absl::string_view>{".reason",
                                                          h.reason()},
          {".start_date", h.start_date()},
          {".end_date", h.end_date()}}) {
      PURRING_RETURN_IF_ERROR(CheckLength(record, {"holds", i, field}, value));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNoticeLimits(int i, const v1::Notice& n) {
  const RecordName record{"history.notices", n.invoice_number(), true, i,
                          "invoice"};
  for (const auto& [field, value] :
       {std::pair<absl::string_view, absl::string_view>{"invoice_number",
                                                        n.invoice_number()},
        {"sent_date", n.sent_date()},
        {"deadline", n.deadline()},
        {"letter_id", n.letter_id()},
        {"fee_waived_date", n.fee_waived_date()}}) {
    PURRING_RETURN_IF_ERROR(CheckLength(record, field, value));
  }
  return absl::OkStatus();
}

absl::Status CheckCollectionCaseLimits(const v1::CollectionCase& c) {
  const RecordName record{"collection case of invoice", c.invoice_number()};
  for (const auto& [field, value] :
       {std::pair<absl::string_view, absl::string_view>{"invoice_number",
                                                        c.invoice_number()},
        {"transferred_date", c.transferred_date()},
        {"case_reference", c.case_reference()},
        {"agency", c.agency()},
        {"closed_date", c.closed_date()}}) {
    PURRING_RETURN_IF_ERROR(CheckLength(record, field, value));
  }
  return absl::OkStatus();
}

absl::Status CheckRateTableLimits(const v1::RateTables& rates) {
  const RecordName record{"rate_tables", "", false};
  PURRING_RETURN_IF_ERROR(CheckLength(record, "valid_until", rates.valid_until()));
  auto rows = [&](absl::string_view table, const auto& repeated) {
    for (int i = 0; i < repeated.size(); ++i) {
      PURRING_RETURN_IF_ERROR(CheckLength(
          record, {table, i, ".valid_from"}, repeated[i].valid_from()));
    }
    return absl::OkStatus();
  };
  PURRING_RETURN_IF_ERROR(rows("interest_rates", rates.interest_rates()));
  PURRING_RETURN_IF_ERROR(rows("collection_rates", rates.collection_rates()));
  PURRING_RETURN_IF_ERROR(rows("fee_fractions", rates.fee_fractions()));
  PURRING_RETURN_IF_ERROR(rows("reminder_fee_caps", rates.reminder_fee_caps()));
  PURRING_RETURN_IF_ERROR(
      rows("standard_compensations", rates.standard_compensations()));
  return rows("collection_cost_bands", rates.collection_cost_bands());
}

absl::Status CheckCountLimits(const v1::EvaluateRequest& request) {
  const v1::RateTables& rates = request.rate_tables();
  const int64_t rate_rows =
      int64_t{rates.interest_rates_size()} + rates.collection_rates_size() +
      rates.fee_fractions_size() + rates.reminder_fee_caps_size() +
      rates.standard_compensations_size() + rates.collection_cost_bands_size();
  for (const auto& [what, count, limit] :
       {std::tuple<absl::string_view, int64_t, int64_t>{
            "customers", request.customers_size(), kMaxCustomers},
        {"invoices", request.invoices_size(), kMaxInvoices},
        {"notices", request.history().notices_size(), kMaxNotices},
        {"collection cases", request.history().collection_cases_size(),
         kMaxCollectionCases},
        {"profiles", request.settings().profiles_size(), kMaxProfiles},
        {"rate table rows", rate_rows, kMaxRateRows}}) {
    PURRING_RETURN_IF_ERROR(CheckCount(what, count, limit));
  }
  if (request.options().threads() > kMaxThreads) {
    return absl::ResourceExhaustedError(
        StrCat("options: threads ", request.options().threads(),
               " exceeds the limit ", kMaxThreads));
  }
  return absl::OkStatus();
}

absl::Status CheckLimits(const v1::EvaluateRequest& request) {
  PURRING_RETURN_IF_ERROR(CheckCountLimits(request));
  PURRING_RETURN_IF_ERROR(CheckSettingsLimits(request.settings()));
  for (const v1::Customer& c : request.customers()) {
    PURRING_RETURN_IF_ERROR(CheckCustomerLimits(c));
  }
  for (const v1::Invoice& inv : request.invoices()) {
    PURRING_RETURN_IF_ERROR(CheckInvoiceLimits(inv));
  }
  const v1::DunningHistory& history = request.history();
  for (int i = 0; i < history.notices_size(); ++i) {
    PURRING_RETURN_IF_ERROR(CheckNoticeLimits(i, history.notices(i)));
  }
  for (const v1::CollectionCase& c : history.collection_cases()) {
    PURRING_RETURN_IF_ERROR(CheckCollectionCaseLimits(c));
  }
  return CheckRateTableLimits(request.rate_tables());
}

}  // namespace purring::internal
