#include "validate.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "dates.h"
#include "purring/limits.h"

namespace purring::internal {
namespace {

using absl::InvalidArgumentError;
using absl::StrCat;

std::string Quote(absl::string_view text) {
  // Keep messages short and printable even for hostile input.
  std::string out = "\"";
  const size_t shown = text.size() > 64 ? 64 : text.size();
  for (size_t i = 0; i < shown; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == '"' || c == '\\') {
      absl::StrAppend(&out, "\\x", absl::Hex(c, absl::kZeroPad2));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (text.size() > shown) out += "...";
  out += "\"";
  return out;
}

// "invoice \"10023\"" style record names.
std::string Record(absl::string_view kind, absl::string_view id) {
  return StrCat(kind, " ", Quote(id));
}

absl::Status CheckDate(absl::string_view record, absl::string_view field,
                       absl::string_view value, bool required) {
  if (value.empty()) {
    if (!required) return absl::OkStatus();
    return InvalidArgumentError(StrCat(record, ": ", field, " is required"));
  }
  if (!ParseDate(value).has_value()) {
    return InvalidArgumentError(StrCat(record, ": ", field, " ", Quote(value),
                                       " is not a valid date (YYYY-MM-DD)"));
  }
  return absl::OkStatus();
}

absl::Status CheckAmount(absl::string_view record, absl::string_view field,
                         int64_t value, bool allow_zero) {
  if (value < 0 || (!allow_zero && value == 0)) {
    return InvalidArgumentError(StrCat(record, ": ", field, " ", value,
                                       allow_zero ? " must not be negative"
                                                  : " must be positive"));
  }
  if (value > kMaxAmount) {
    return InvalidArgumentError(StrCat(record, ": ", field, " ", value,
                                       " exceeds the maximum amount ",
                                       kMaxAmount, " øre"));
  }
  return absl::OkStatus();
}

template <typename Enum, typename IsValid>
absl::Status CheckEnum(absl::string_view record, absl::string_view field,
                       int value, IsValid is_valid) {
  if (!is_valid(value)) {
    return InvalidArgumentError(
        StrCat(record, ": ", field, " has unknown value ", value));
  }
  return absl::OkStatus();
}

absl::Status CheckCount(absl::string_view what, int count, int limit) {
  if (count > limit) {
    return absl::ResourceExhaustedError(StrCat(
        "request has ", count, " ", what, "; the limit is ", limit));
  }
  return absl::OkStatus();
}

absl::Status CheckString(absl::string_view record, absl::string_view field,
                         absl::string_view value) {
  if (value.size() > kMaxStringBytes) {
    return absl::ResourceExhaustedError(
        StrCat(record, ": ", field, " is ", value.size(),
               " bytes; the limit is ", kMaxStringBytes));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckLimits(const v1::EvaluateRequest& request) {
  if (auto s = CheckCount("customers", request.customers_size(), kMaxCustomers);
      !s.ok()) return s;
  if (auto s = CheckCount("invoices", request.invoices_size(), kMaxInvoices);
      !s.ok()) return s;
  if (auto s = CheckCount("notices", request.history().notices_size(),
                          kMaxNotices); !s.ok()) return s;
  if (auto s = CheckCount("collection cases",
                          request.history().collection_cases_size(),
                          kMaxInvoices); !s.ok()) return s;
  if (auto s = CheckCount("profiles", request.settings().profiles_size(),
                          kMaxProfiles); !s.ok()) return s;
  const v1::RateTables& rates = request.rate_tables();
  const int rate_rows = rates.interest_rates_size() +
                        rates.collection_rates_size() +
                        rates.fee_fractions_size() +
                        rates.reminder_fee_caps_size() +
                        rates.standard_compensations_size() +
                        rates.collection_cost_bands_size();
  if (auto s = CheckCount("rate table rows", rate_rows, kMaxRateRows); !s.ok())
    return s;
  if (request.options().threads() > kMaxThreads) {
    return absl::ResourceExhaustedError(
        StrCat("options: threads ", request.options().threads(),
               " exceeds the limit ", kMaxThreads));
  }
  for (const v1::Customer& c : request.customers()) {
    const std::string record = Record("customer", c.id());
    for (auto [field, value] :
         {std::pair<absl::string_view, absl::string_view>{"id", c.id()},
          {"name", c.name()}, {"company_email", c.company_email()},
          {"invoice_email", c.invoice_email()}, {"profile_id", c.profile_id()},
          {"comment", c.comment()}}) {
      if (auto s = CheckString(record, field, value); !s.ok()) return s;
    }
  }
  for (const v1::Invoice& inv : request.invoices()) {
    const std::string record = Record("invoice", inv.number());
    if (auto s = CheckString(record, "number", inv.number()); !s.ok()) return s;
    if (auto s = CheckString(record, "customer_id", inv.customer_id()); !s.ok())
      return s;
    if (auto s = CheckString(record, "comment", inv.comment()); !s.ok())
      return s;
    if (inv.payments_size() > kMaxPaymentsPerInvoice ||
        inv.credit_notes_size() > kMaxCreditNotesPerInvoice ||
        inv.holds_size() > kMaxHoldsPerInvoice) {
      return absl::ResourceExhaustedError(StrCat(
          record, ": too many payments, credit notes or holds (limits ",
          kMaxPaymentsPerInvoice, ", ", kMaxCreditNotesPerInvoice, ", ",
          kMaxHoldsPerInvoice, ")"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateRecords(const v1::EvaluateRequest& request) {
  if (!request.has_as_of()) {
    return InvalidArgumentError("request: as_of is required");
  }
  if (request.as_of().nanos() < 0 || request.as_of().nanos() > 999'999'999 ||
      request.as_of().seconds() < -2208988800 ||   // 1900-01-01
      request.as_of().seconds() > 32503680000) {   // 3000-01-01
    return InvalidArgumentError("request: as_of is out of range");
  }

  const v1::DunningSettings& settings = request.settings();
  absl::flat_hash_set<absl::string_view> profile_ids;
  for (const v1::DunningProfile& p : settings.profiles()) {
    const std::string record = Record("profile", p.id());
    if (p.id().empty()) return InvalidArgumentError("profile: id is required");
    if (p.id() == "mild" || p.id() == "medium" || p.id() == "streng") {
      return InvalidArgumentError(
          StrCat(record, ": id is a built-in profile id"));
    }
    if (!profile_ids.insert(p.id()).second) {
      return InvalidArgumentError(StrCat(record, ": duplicate profile id"));
    }
    if (auto s = CheckEnum<v1::StepSequence>(record, "sequence", p.sequence(),
                                             v1::StepSequence_IsValid);
        !s.ok()) return s;
    if (auto s = CheckEnum<v1::FeeStrictness>(record, "strictness",
                                              p.strictness(),
                                              v1::FeeStrictness_IsValid);
        !s.ok()) return s;
    if (p.deadline_days() != 0 && (p.deadline_days() < 14 ||
                                   p.deadline_days() > 365)) {
      return InvalidArgumentError(StrCat(
          record, ": deadline_days ", p.deadline_days(),
          " must be 0 (14) or between 14 and 365 (inkassoloven § 9)"));
    }
    if (p.first_step_after_days() < 0 || p.first_step_after_days() > 3650) {
      return InvalidArgumentError(
          StrCat(record, ": first_step_after_days ", p.first_step_after_days(),
                 " must be between 0 and 3650"));
    }
    if (p.has_days_after_deadline() &&
        (p.days_after_deadline() < 0 || p.days_after_deadline() > 3650)) {
      return InvalidArgumentError(
          StrCat(record, ": days_after_deadline ", p.days_after_deadline(),
                 " must be between 0 and 3650"));
    }
  }
  auto known_profile = [&](const std::string& id) {
    return id.empty() || id == "mild" || id == "medium" || id == "streng" ||
           profile_ids.contains(id);
  };
  if (!known_profile(settings.default_person_profile())) {
    return InvalidArgumentError(
        StrCat("settings: default_person_profile ",
               Quote(settings.default_person_profile()), " is not a profile"));
  }
  if (!known_profile(settings.default_business_profile())) {
    return InvalidArgumentError(
        StrCat("settings: default_business_profile ",
               Quote(settings.default_business_profile()),
               " is not a profile"));
  }
  for (auto [field, value, valid] :
       {std::tuple<absl::string_view, int, bool (*)(int)>{
            "progression", settings.progression(), v1::Mode_IsValid},
        {"collection_transfer", settings.collection_transfer(),
         v1::Mode_IsValid},
        {"first_dispatch", settings.first_dispatch(),
         v1::FirstDispatch_IsValid},
        {"email_preference", settings.email_preference(),
         v1::EmailPreference_IsValid}}) {
    if (!valid(value)) {
      return InvalidArgumentError(
          StrCat("settings: ", field, " has unknown value ", value));
    }
  }
  const bool automatic = settings.progression() == v1::MODE_AUTOMATIC ||
                         settings.collection_transfer() == v1::MODE_AUTOMATIC;
  if (automatic && !settings.has_automation_enabled_at()) {
    return InvalidArgumentError(
        "settings: automation_enabled_at is required when progression or "
        "collection_transfer is automatic");
  }
  if (!v1::DayCount_IsValid(request.options().day_count())) {
    return InvalidArgumentError(StrCat("options: day_count has unknown value ",
                                       request.options().day_count()));
  }
  if (request.options().threads() < 0) {
    return InvalidArgumentError("options: threads must not be negative");
  }

  absl::flat_hash_set<absl::string_view> customer_ids;
  customer_ids.reserve(request.customers_size());
  for (const v1::Customer& c : request.customers()) {
    const std::string record = Record("customer", c.id());
    if (c.id().empty()) {
      return InvalidArgumentError(
          StrCat("customer ", Quote(c.name()), ": id is required"));
    }
    if (!customer_ids.insert(c.id()).second) {
      return InvalidArgumentError(StrCat(record, ": duplicate customer id"));
    }
    if (!v1::CustomerType_IsValid(c.crm_type())) {
      return InvalidArgumentError(
          StrCat(record, ": crm_type has unknown value ", c.crm_type()));
    }
    if (!v1::CustomerType_IsValid(c.type_override())) {
      return InvalidArgumentError(StrCat(
          record, ": type_override has unknown value ", c.type_override()));
    }
    if (!known_profile(c.profile_id())) {
      return InvalidArgumentError(StrCat(record, ": profile_id ",
                                         Quote(c.profile_id()),
                                         " is not a profile"));
    }
  }

  absl::flat_hash_set<absl::string_view> invoice_numbers;
  invoice_numbers.reserve(request.invoices_size());
  for (const v1::Invoice& inv : request.invoices()) {
    const std::string record = Record("invoice", inv.number());
    if (inv.number().empty()) {
      return InvalidArgumentError(StrCat(
          "invoice of customer ", Quote(inv.customer_id()),
          ": number is required"));
    }
    if (!invoice_numbers.insert(inv.number()).second) {
      return InvalidArgumentError(StrCat(record, ": duplicate invoice number"));
    }
    if (!customer_ids.contains(inv.customer_id())) {
      return absl::InvalidArgumentError(
          StrCat(record, ": customer_id ", Quote(inv.customer_id()),
                 " is not a customer in the request"));
    }
    if (auto s = CheckDate(record, "invoice_date", inv.invoice_date(), true);
        !s.ok()) return s;
    if (auto s = CheckDate(record, "due_date", inv.due_date(), true); !s.ok())
      return s;
    if (*ParseDate(inv.due_date()) < *ParseDate(inv.invoice_date())) {
      return InvalidArgumentError(StrCat(record, ": due_date ",
                                         inv.due_date(),
                                         " is before invoice_date ",
                                         inv.invoice_date()));
    }
    if (auto s = CheckAmount(record, "amount", inv.amount(), false); !s.ok())
      return s;
    if (auto s = CheckAmount(record, "vat_amount", inv.vat_amount(), true);
        !s.ok()) return s;
    if (inv.vat_amount() > inv.amount()) {
      return InvalidArgumentError(
          StrCat(record, ": vat_amount exceeds amount"));
    }
    for (int i = 0; i < inv.payments_size(); ++i) {
      const v1::Payment& p = inv.payments(i);
      const std::string field = StrCat("payments[", i, "]");
      if (auto s = CheckDate(record, StrCat(field, ".date"), p.date(), true);
          !s.ok()) return s;
      if (auto s = CheckAmount(record, StrCat(field, ".amount"), p.amount(),
                               false); !s.ok()) return s;
      if (!v1::Allocation_IsValid(p.allocation())) {
        return InvalidArgumentError(StrCat(record, ": ", field,
                                           ".allocation has unknown value ",
                                           p.allocation()));
      }
    }
    for (int i = 0; i < inv.credit_notes_size(); ++i) {
      const v1::CreditNote& c = inv.credit_notes(i);
      const std::string field = StrCat("credit_notes[", i, "]");
      if (c.number().empty()) {
        return InvalidArgumentError(
            StrCat(record, ": ", field, ".number is required"));
      }
      if (auto s = CheckDate(record, StrCat(field, ".date"), c.date(), true);
          !s.ok()) return s;
      if (auto s = CheckAmount(record, StrCat(field, ".amount"), c.amount(),
                               false); !s.ok()) return s;
    }
    for (int i = 0; i < inv.holds_size(); ++i) {
      const v1::Hold& h = inv.holds(i);
      const std::string field = StrCat("holds[", i, "]");
      if (!v1::HoldKind_IsValid(h.kind())) {
        return InvalidArgumentError(
            StrCat(record, ": ", field, ".kind has unknown value ", h.kind()));
      }
      if (auto s = CheckDate(record, StrCat(field, ".start_date"),
                             h.start_date(), true); !s.ok()) return s;
      if (auto s = CheckDate(record, StrCat(field, ".end_date"), h.end_date(),
                             false); !s.ok()) return s;
      if (!h.end_date().empty() &&
          *ParseDate(h.end_date()) < *ParseDate(h.start_date())) {
        return InvalidArgumentError(StrCat(record, ": ", field,
                                           ".end_date is before start_date"));
      }
    }
  }

  const v1::DunningHistory& history = request.history();
  for (int i = 0; i < history.notices_size(); ++i) {
    const v1::Notice& n = history.notices(i);
    const std::string record =
        StrCat("notice ", i, " of invoice ", Quote(n.invoice_number()));
    if (!invoice_numbers.contains(n.invoice_number())) {
      return InvalidArgumentError(
          StrCat(record, ": invoice_number is not an invoice in the request"));
    }
    if (n.step() == v1::STEP_KIND_UNSPECIFIED ||
        !v1::StepKind_IsValid(n.step())) {
      return InvalidArgumentError(
          StrCat(record, ": step has unknown value ", n.step()));
    }
    if (!v1::Channel_IsValid(n.channel())) {
      return InvalidArgumentError(
          StrCat(record, ": channel has unknown value ", n.channel()));
    }
    if (auto s = CheckDate(record, "sent_date", n.sent_date(), true); !s.ok())
      return s;
    if (auto s = CheckDate(record, "deadline", n.deadline(), true); !s.ok())
      return s;
    if (auto s = CheckDate(record, "fee_waived_date", n.fee_waived_date(),
                           false); !s.ok()) return s;
    if (*ParseDate(n.deadline()) < *ParseDate(n.sent_date())) {
      return InvalidArgumentError(
          StrCat(record, ": deadline is before sent_date"));
    }
    for (auto [field, value] :
         {std::pair<absl::string_view, int64_t>{"fee", n.fee()},
          {"compensation", n.compensation()},
          {"interest", n.interest()}}) {
      if (auto s = CheckAmount(record, field, value, true); !s.ok()) return s;
    }
  }
  absl::flat_hash_set<absl::string_view> cases;
  for (int i = 0; i < history.collection_cases_size(); ++i) {
    const v1::CollectionCase& c = history.collection_cases(i);
    const std::string record = StrCat("collection case of invoice ",
                                      Quote(c.invoice_number()));
    if (!invoice_numbers.contains(c.invoice_number())) {
      return InvalidArgumentError(
          StrCat(record, ": invoice_number is not an invoice in the request"));
    }
    if (!cases.insert(c.invoice_number()).second) {
      return InvalidArgumentError(
          StrCat(record, ": duplicate collection case"));
    }
    if (!v1::CollectionCaseState_IsValid(c.state())) {
      return InvalidArgumentError(
          StrCat(record, ": state has unknown value ", c.state()));
    }
    if (auto s = CheckDate(record, "transferred_date", c.transferred_date(),
                           true); !s.ok()) return s;
    if (auto s = CheckDate(record, "closed_date", c.closed_date(), false);
        !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace purring::internal
