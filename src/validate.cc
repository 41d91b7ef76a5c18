// ValidateRecords: every record of a request, before any work. The checks
// follow the schema's comments (proto/purring/v1/*.proto); each refusal names
// the record and the field.
#include "validate.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "dates.h"
#include "known_fields.h"
#include "money/fee_rules.h"
#include "money/rate_book.h"
#include "process/oslo_time.h"
#include "purring/limits.h"
#include "validate_checks.h"
#include "validate_limits.h"
#include "validate_records.h"

namespace purring::internal {
namespace {

using absl::StrCat;

// The engine's own reading of an instant (process/oslo_time.h), so that
// validation and evaluation agree on the as-of date.
absl::CivilDay OsloDay(const google::protobuf::Timestamp& instant) {
  return OsloDate(FromTimestamp(instant));
}

// A host records the dates the engine proposes (a dispatch the next day, a
// deadline up to 365 days after that), and recorded dates must stay within
// the years 1900-2999, so instants that drive them end with 2998-12-30.
absl::Status CheckEngineInstant(const RecordName& record,
                                absl::string_view field,
                                const google::protobuf::Timestamp& instant) {
  if (OsloDay(instant) <= absl::CivilDay(2998, 12, 30)) return absl::OkStatus();
  return Invalid(record, StrCat(field,
                                " is after 2998-12-30 (Oslo time): "
                                "dates derived from it would leave the "
                                "years 1900-2999"));
}

bool IsBuiltinProfile(absl::string_view id) {
  return id == "mild" || id == "medium" || id == "streng";
}

absl::Status ValidateProfile(const v1::DunningProfile& p,
                             HashSet<absl::string_view>* ids) {
  const RecordName record{"profile", p.id()};
  if (p.id().empty()) return Invalid(record, "id is required");
  PURRING_RETURN_IF_ERROR(CheckKey(record, "id", p.id()));
  if (IsBuiltinProfile(p.id())) {
    return Invalid(record, "id is a built-in profile id (mild, medium, streng)");
  }
  if (!ids->insert(p.id()).second) return Invalid(record, "duplicate profile id");
  PURRING_RETURN_IF_ERROR(
      CheckEnum(record, "sequence", p.sequence(), v1::StepSequence_IsValid));
  PURRING_RETURN_IF_ERROR(CheckEnum(record, "strictness", p.strictness(),
                                    v1::FeeStrictness_IsValid));
  if (p.deadline_days() != 0 &&
      (p.deadline_days() < kMinDeadlineDays || p.deadline_days() > 365)) {
    return Invalid(record,
                   StrCat("deadline_days ", p.deadline_days(),
                          " must be 0 (14) or between 14 and 365 "
                          "(inkassoloven § 9)"));
  }
  if (p.first_step_after_days() < 0 || p.first_step_after_days() > 3650) {
    return Invalid(record, StrCat("first_step_after_days ",
                                  p.first_step_after_days(),
                                  " must be between 0 and 3650"));
  }
  if (p.has_days_after_deadline() &&
      (p.days_after_deadline() < 0 || p.days_after_deadline() > 3650)) {
    return Invalid(record, StrCat("days_after_deadline ",
                                  p.days_after_deadline(),
                                  " must be between 0 and 3650"));
  }
  return absl::OkStatus();
}

absl::Status ValidateSettings(const v1::DunningSettings& settings,
                              HashSet<absl::string_view>* profiles) {
  for (const v1::DunningProfile& p : settings.profiles()) {
    PURRING_RETURN_IF_ERROR(ValidateProfile(p, profiles));
  }
  const RecordName record{"settings", "", false};
  auto known = [&](const std::string& id) {
    return id.empty() || IsBuiltinProfile(id) || profiles->contains(id);
  };
  if (!known(settings.default_person_profile())) {
    return Invalid(record, StrCat("default_person_profile ",
                                  Quote(settings.default_person_profile()),
                                  " is not a profile"));
  }
  if (!known(settings.default_business_profile())) {
    return Invalid(record, StrCat("default_business_profile ",
                                  Quote(settings.default_business_profile()),
                                  " is not a profile"));
  }
  PURRING_RETURN_IF_ERROR(CheckEnum(record, "progression",
                                    settings.progression(), v1::Mode_IsValid));
  PURRING_RETURN_IF_ERROR(CheckEnum(record, "collection_transfer",
                                    settings.collection_transfer(),
                                    v1::Mode_IsValid));
  PURRING_RETURN_IF_ERROR(CheckEnum(record, "first_dispatch",
                                    settings.first_dispatch(),
                                    v1::FirstDispatch_IsValid));
  PURRING_RETURN_IF_ERROR(CheckEnum(record, "email_preference",
                                    settings.email_preference(),
                                    v1::EmailPreference_IsValid));
  if (settings.has_automation_enabled_at()) {
    PURRING_RETURN_IF_ERROR(CheckTimestamp(record, "automation_enabled_at",
                                           settings.automation_enabled_at()));
    PURRING_RETURN_IF_ERROR(CheckEngineInstant(
        record, "automation_enabled_at", settings.automation_enabled_at()));
  } else if (settings.progression() == v1::MODE_AUTOMATIC ||
             settings.collection_transfer() == v1::MODE_AUTOMATIC) {
    return Invalid(record,
                   "automation_enabled_at is required when progression or "
                   "collection_transfer is automatic");
  }
  const v1::ProviderPricing& pricing = settings.provider_pricing();
  if (pricing.has_share_basis_points() &&
      (pricing.share_basis_points() < 0 ||
       pricing.share_basis_points() > 10000)) {
    return Invalid(record, StrCat("provider_pricing.share_basis_points ",
                                  pricing.share_basis_points(),
                                  " must be between 0 and 10000"));
  }
  if (pricing.has_price_per_notice_off()) {
    PURRING_RETURN_IF_ERROR(CheckAmount(record,
                                        "provider_pricing.price_per_notice_off",
                                        pricing.price_per_notice_off(), true));
  }
  PURRING_RETURN_IF_ERROR(
      CheckAmount(record, "minimum_amount", settings.minimum_amount(), true));
  return absl::OkStatus();
}

absl::Status ValidateCustomer(
    const v1::Customer& c,
    const HashSet<absl::string_view>& profiles,
    int ordinal, KeyPositions* ids,
    KeyCopies* keys) {
  if (c.id().empty()) {
    // No id to name it by: its place in the request, and its name.
    return absl::InvalidArgumentError(
        StrCat("customers[", ordinal, "] (name ", Quote(c.name()),
               "): id is required"));
  }
  const RecordName record{"customer", c.id()};
  // A blank id names no record: its place does.
  PURRING_RETURN_IF_ERROR(CheckKey(
      RecordName{"customers", c.id(), true, ordinal, "id"}, "id", c.id()));
  if (!ids->Insert(keys->Copy(c.id()), ordinal)) {
    return Invalid(record, "duplicate customer id");
  }
  PURRING_RETURN_IF_ERROR(
      CheckEnum(record, "crm_type", c.crm_type(), v1::CustomerType_IsValid));
  PURRING_RETURN_IF_ERROR(CheckEnum(record, "type_override", c.type_override(),
                                    v1::CustomerType_IsValid));
  if (!c.profile_id().empty() && !IsBuiltinProfile(c.profile_id()) &&
      !profiles.contains(c.profile_id())) {
    return Invalid(record, StrCat("profile_id ", Quote(c.profile_id()),
                                  " is not a profile"));
  }
  return absl::OkStatus();
}

// Stores the parsed dates in *dates unless it is nullptr.
absl::Status ValidatePayments(const RecordName& record, const v1::Invoice& inv,
                              LedgerTotals* totals,
                              std::vector<absl::CivilDay>* dates) {
  int64_t paid = 0;
  SeenKeys ids;
  if (dates != nullptr) dates->clear();
  for (int i = 0; i < inv.payments_size(); ++i) {
    const v1::Payment& p = inv.payments(i);
    std::optional<absl::CivilDay> date;
    PURRING_RETURN_IF_ERROR(
        CheckDate(record, {"payments", i, ".date"}, p.date(), true, &date));
    if (dates != nullptr) dates->push_back(*date);
    PURRING_RETURN_IF_ERROR(
        CheckAmount(record, {"payments", i, ".amount"}, p.amount(), false));
    PURRING_RETURN_IF_ERROR(CheckEnum(record, {"payments", i, ".allocation"},
                                      p.allocation(), v1::Allocation_IsValid));
    // The same payment twice would be counted twice: most likely a double
    // import, and a wrong balance either way.
    if (!p.id().empty() && !ids.Insert(p.id())) {
      return Invalid(record, StrCat(FieldName("payments", i, ".id").Text(), " ",
                                    Quote(p.id()), " is a duplicate payment id"));
    }
    PURRING_RETURN_IF_ERROR(
        AddToTotal(record, "payments together", p.amount(), kMaxAmount, &paid));
  }
  // An overpayment is not an error (Balance.overpaid reports it); only sums
  // no ledger can hold are.
  return AddToLedgerTotal(record, "payments of all invoices together", paid,
                          &totals->payments);
}

absl::Status ValidateCreditNotes(const RecordName& record,
                                 const v1::Invoice& inv,
                                 absl::CivilDay invoice_date) {
  int64_t credited = 0;
  SeenKeys numbers;
  for (int i = 0; i < inv.credit_notes_size(); ++i) {
    const v1::CreditNote& c = inv.credit_notes(i);
    const FieldName field("credit_notes", i, "");
    if (c.number().empty()) {
      return Invalid(record, StrCat(field.Text(), ".number is required"));
    }
    PURRING_RETURN_IF_ERROR(
        CheckKey(record, FieldName("credit_notes", i, ".number"), c.number()));
    if (!numbers.Insert(c.number())) {
      return Invalid(record, StrCat(field.Text(), ".number ", Quote(c.number()),
                                    " is a duplicate credit note"));
    }
    std::optional<absl::CivilDay> date;
    PURRING_RETURN_IF_ERROR(CheckDate(record, {"credit_notes", i, ".date"},
                                      c.date(), true, &date));
    if (*date < invoice_date) {
      return Invalid(record, StrCat(field.Text(), ".date ", c.date(),
                                    " is before invoice_date ",
                                    inv.invoice_date()));
    }
    PURRING_RETURN_IF_ERROR(CheckAmount(record, {"credit_notes", i, ".amount"},
                                        c.amount(), false));
    credited += c.amount();  // each <= kMaxAmount, and checked below
    // A credit note reduces the invoice; it cannot credit more than it.
    if (credited > inv.amount()) {
      return Invalid(record, StrCat("credit notes together (", credited,
                                    " øre, up to ", field.Text(),
                                    ") exceed the invoice amount ",
                                    inv.amount(), " øre"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateHolds(const RecordName& record, const v1::Invoice& inv) {
  for (int i = 0; i < inv.holds_size(); ++i) {
    const v1::Hold& h = inv.holds(i);
    PURRING_RETURN_IF_ERROR(CheckEnum(record, {"holds", i, ".kind"}, h.kind(),
                                      v1::HoldKind_IsValid));
    std::optional<absl::CivilDay> start, end;
    PURRING_RETURN_IF_ERROR(CheckDate(record, {"holds", i, ".start_date"},
                                      h.start_date(), true, &start));
    PURRING_RETURN_IF_ERROR(CheckDate(record, {"holds", i, ".end_date"},
                                      h.end_date(), false, &end));
    if (end.has_value() && *end < *start) {
      return Invalid(record, StrCat(FieldName("holds", i, ".end_date").Text(),
                                    " ", h.end_date(), " is before start_date ",
                                    h.start_date()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateInvoiceFields(const RecordName& record,
                                   const v1::Invoice& inv,
                                   LedgerTotals* totals,
                                   absl::CivilDay* invoice_date_out,
                                   CheckedDays* days) {
  std::optional<absl::CivilDay> invoice_date, due_date;
  PURRING_RETURN_IF_ERROR(CheckDate(record, "invoice_date", inv.invoice_date(),
                                    true, &invoice_date));
  PURRING_RETURN_IF_ERROR(
      CheckDate(record, "due_date", inv.due_date(), true, &due_date));
  if (*due_date < *invoice_date) {
    return Invalid(record, StrCat("due_date ", inv.due_date(),
                                  " is before invoice_date ",
                                  inv.invoice_date()));
  }
  *invoice_date_out = *invoice_date;
  if (days != nullptr) days->due = *due_date;
  PURRING_RETURN_IF_ERROR(CheckAmount(record, "amount", inv.amount(), false));
  PURRING_RETURN_IF_ERROR(
      CheckAmount(record, "vat_amount", inv.vat_amount(), true));
  if (inv.vat_amount() > inv.amount()) {
    return Invalid(record, StrCat("vat_amount ", inv.vat_amount(),
                                  " exceeds amount ", inv.amount()));
  }
  PURRING_RETURN_IF_ERROR(AddToLedgerTotal(record, "invoice amounts together",
                                           inv.amount(), &totals->amounts));
  PURRING_RETURN_IF_ERROR(ValidatePayments(
      record, inv, totals, days != nullptr ? &days->payments : nullptr));
  PURRING_RETURN_IF_ERROR(ValidateCreditNotes(record, inv, *invoice_date));
  return ValidateHolds(record, inv);
}

namespace {

absl::Status ValidateInvoice(int i, const v1::Invoice& inv,
                             References* refs, const v1::Customer* customer,
                             LedgerTotals* totals) {
  if (inv.number().empty()) {
    // No number to name it by: its place in the request, and its customer.
    return absl::InvalidArgumentError(
        StrCat("invoices[", i, "] (customer ", Quote(inv.customer_id()),
               "): number is required"));
  }
  const RecordName record{"invoice", inv.number()};
  // A blank number names no record: its place does.
  PURRING_RETURN_IF_ERROR(
      CheckKey(RecordName{"invoices", inv.number(), true, i, "number"},
               "number", inv.number()));
  if (!refs->invoices.Insert(refs->keys.Copy(inv.number()), i)) {
    return Invalid(record, "duplicate invoice number");
  }
  if (customer == nullptr) {
    return Invalid(record, StrCat("customer_id ", Quote(inv.customer_id()),
                                  " is not a customer in the request"));
  }
  return ValidateInvoiceFields(record, inv, totals, &refs->facts[i].invoice_date);
}

// How many records ahead the loops over invoices and notices prefetch the
// invoice map's slots.
constexpr int kPrefetchAhead = 8;

absl::Status ValidateInvoices(const v1::EvaluateRequest& request,
                              Limits limits, References* refs,
                              RequestIndex::Builder* index) {
  LedgerTotals totals;
  PositionFinder customers(refs->customers);
  for (int i = 0; i < request.invoices_size(); ++i) {
    const v1::Invoice& inv = request.invoices(i);
    // On a large ledger every insert into the invoice map is a cache miss:
    // the slots of the invoices a few places ahead are asked for now.
    if (i + kPrefetchAhead < request.invoices_size()) {
      refs->invoices.Prefetch(request.invoices(i + kPrefetchAhead).number());
    }
    if (limits == Limits::kCheck) PURRING_RETURN_IF_ERROR(CheckInvoiceLimits(inv));
    const int customer = customers.Find(inv.customer_id());
    PURRING_RETURN_IF_ERROR(ValidateInvoice(
        i, inv, refs,
        customer < 0 ? nullptr : &request.customers(customer), &totals));
    index->SetCustomer(i, customer);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateNoticeFields(const RecordName& record, const v1::Notice& n,
                                  absl::CivilDay invoice_date,
                                  int64_t* charged, NoticeDays* days) {
  if (n.step() == v1::STEP_KIND_UNSPECIFIED) {
    return Invalid(record, "step is required");
  }
  PURRING_RETURN_IF_ERROR(
      CheckEnum(record, "step", n.step(), v1::StepKind_IsValid));
  PURRING_RETURN_IF_ERROR(
      CheckEnum(record, "channel", n.channel(), v1::Channel_IsValid));
  PURRING_RETURN_IF_ERROR(CheckEnum(record, "strictness", n.strictness(),
                                    v1::FeeStrictness_IsValid));
  std::optional<absl::CivilDay> sent, deadline, waived;
  PURRING_RETURN_IF_ERROR(
      CheckDate(record, "sent_date", n.sent_date(), true, &sent));
  PURRING_RETURN_IF_ERROR(
      CheckDate(record, "deadline", n.deadline(), true, &deadline));
  PURRING_RETURN_IF_ERROR(CheckDate(record, "fee_waived_date",
                                    n.fee_waived_date(), false, &waived));
  if (*sent < invoice_date) {
    return Invalid(record, StrCat("sent_date ", n.sent_date(),
                                  " is before the invoice_date ",
                                  FormatDate(invoice_date)));
  }
  if (*deadline < *sent) {
    return Invalid(record, StrCat("deadline ", n.deadline(),
                                  " is before sent_date ", n.sent_date()));
  }
  if (waived.has_value() && *waived < *sent) {
    return Invalid(record, StrCat("fee_waived_date ", n.fee_waived_date(),
                                  " is before sent_date ", n.sent_date()));
  }
  for (const auto& [field, value] :
       {std::pair<absl::string_view, int64_t>{"fee", n.fee()},
        {"compensation", n.compensation()},
        {"interest", n.interest()}}) {
    PURRING_RETURN_IF_ERROR(CheckAmount(record, field, value, true));
    PURRING_RETURN_IF_ERROR(AddToTotal(
        record, "the charges of the invoice's notices together", value,
        kMaxAmount, charged));
  }
  // Not bounded by kMaxAmount: a proposal prints the principal, the charges
  // and the interest together, which may pass it; it only bounds a demand.
  if (n.amount_claimed() < 0) {
    return AmountRefused(record, "amount_claimed", n.amount_claimed(), true);
  }
  *days = {*sent, *deadline, waived};
  return absl::OkStatus();
}

absl::Status ValidateCollectionCaseFields(const RecordName& record,
                                          const v1::CollectionCase& c,
                                          absl::CivilDay invoice_date) {
  PURRING_RETURN_IF_ERROR(
      CheckEnum(record, "state", c.state(), v1::CollectionCaseState_IsValid));
  std::optional<absl::CivilDay> transferred, closed;
  PURRING_RETURN_IF_ERROR(CheckDate(record, "transferred_date",
                                    c.transferred_date(), true, &transferred));
  PURRING_RETURN_IF_ERROR(
      CheckDate(record, "closed_date", c.closed_date(), false, &closed));
  if (*transferred < invoice_date) {
    return Invalid(record, StrCat("transferred_date ", c.transferred_date(),
                                  " is before the invoice_date ",
                                  FormatDate(invoice_date)));
  }
  if (closed.has_value() && *closed < *transferred) {
    return Invalid(record, StrCat("closed_date ", c.closed_date(),
                                  " is before transferred_date ",
                                  c.transferred_date()));
  }
  return absl::OkStatus();
}

absl::Status CheckInvoiceNotices(
    absl::Span<const v1::Notice* const> sorted_notices) {
  if (sorted_notices.size() > static_cast<size_t>(kMaxNoticesPerInvoice)) {
    return absl::ResourceExhaustedError(StrCat(
        RecordName{"invoice", sorted_notices[0]->invoice_number()}.Name(),
        ": has ", sorted_notices.size(), " notices; the limit is ",
        kMaxNoticesPerInvoice));
  }
  for (size_t k = 1; k < sorted_notices.size(); ++k) {
    const v1::Notice& a = *sorted_notices[k - 1];
    const v1::Notice& b = *sorted_notices[k];
    // Dates are validated YYYY-MM-DD: equal days are equal strings.
    if (a.step() == b.step() && a.sent_date() == b.sent_date()) {
      return Invalid(
          RecordName{"notice of invoice", b.invoice_number()},
          StrCat("a second ", v1::StepKind_Name(b.step()), " notice sent ",
                 b.sent_date(), " (duplicate notice)"));
    }
  }
  return absl::OkStatus();
}

namespace {

absl::Status ValidateNotices(const v1::DunningHistory& history, Limits limits,
                             References* refs, RequestIndex::Builder* index) {
  PositionFinder finder(refs->invoices);
  for (int i = 0; i < history.notices_size(); ++i) {
    const v1::Notice& n = history.notices(i);
    if (i + kPrefetchAhead < history.notices_size()) {
      refs->invoices.Prefetch(
          history.notices(i + kPrefetchAhead).invoice_number());
    }
    if (limits == Limits::kCheck) PURRING_RETURN_IF_ERROR(CheckNoticeLimits(i, n));
    const RecordName record{"history.notices", n.invoice_number(), true, i,
                            "invoice"};
    const int invoice = finder.Find(n.invoice_number());
    if (invoice < 0) {
      return Invalid(record, "invoice_number is not an invoice in the request");
    }
    NoticeDays days;
    PURRING_RETURN_IF_ERROR(ValidateNoticeFields(
        record, n, refs->facts[invoice].invoice_date,
        &refs->facts[invoice].charged, &days));
    index->AddNotice(i, invoice, days.sent);
  }
  return absl::OkStatus();
}

absl::Status ValidateCollectionCases(const v1::DunningHistory& history,
                                     Limits limits, const References& refs,
                                     RequestIndex::Builder* index) {
  PositionFinder finder(refs.invoices);
  for (const v1::CollectionCase& c : history.collection_cases()) {
    if (limits == Limits::kCheck) {
      PURRING_RETURN_IF_ERROR(CheckCollectionCaseLimits(c));
    }
    const RecordName record{"collection case of invoice", c.invoice_number()};
    const int invoice = finder.Find(c.invoice_number());
    if (invoice < 0) {
      return Invalid(record, "invoice_number is not an invoice in the request");
    }
    if (!index->SetCollectionCase(invoice, &c)) {
      return Invalid(record, "duplicate collection case");
    }
    PURRING_RETURN_IF_ERROR(ValidateCollectionCaseFields(
        record, c, refs.facts[invoice].invoice_date));
  }
  return absl::OkStatus();
}

absl::Status ValidateOptions(const v1::EvaluateOptions& options) {
  const RecordName record{"options", "", false};
  PURRING_RETURN_IF_ERROR(CheckEnum(record, "day_count", options.day_count(),
                                    v1::DayCount_IsValid));
  if (options.threads() < 0) {
    return Invalid(record, StrCat("threads ", options.threads(),
                                  " must not be negative"));
  }
  return absl::OkStatus();
}


}  // namespace

absl::Status ValidateRequestHead(
    const v1::EvaluateRequest& request, Limits limits,
    HashSet<absl::string_view>* profile_ids) {
  const RecordName record{"request", "", false};
  // The exact message is part of the C ABI tests.
  if (!request.has_as_of()) return Invalid(record, "as_of is required");
  PURRING_RETURN_IF_ERROR(CheckTimestamp(record, "as_of", request.as_of()));
  PURRING_RETURN_IF_ERROR(CheckEngineInstant(record, "as_of", request.as_of()));
  if (request.has_last_synchronized()) {
    PURRING_RETURN_IF_ERROR(CheckTimestamp(record, "last_synchronized",
                                           request.last_synchronized()));
  }
  PURRING_RETURN_IF_ERROR(ValidateOptions(request.options()));
  if (limits == Limits::kCheck) {
    PURRING_RETURN_IF_ERROR(CheckSettingsLimits(request.settings()));
  }
  return ValidateSettings(request.settings(), profile_ids);
}

absl::Status ValidateCustomers(
    const CustomerReader& customers,
    const HashSet<absl::string_view>& profile_ids, Limits limits,
    References* refs,
    absl::FunctionRef<void(const v1::Customer&)> on_customer) {
  refs->customers.reserve(customers.size());
  CustomerScratch scratch;
  for (int k = 0; k < customers.size(); ++k) {
    const v1::Customer* c = customers.Read(k, &scratch);
    if (c == nullptr) {
      return absl::InvalidArgumentError(
          StrCat("customers[", k, "]: bytes protobuf refuses"));
    }
    if (customers.parses() && HasUnknownFieldsInside(*c)) {
      PURRING_RETURN_IF_ERROR(
          CheckUnknownFieldsAreUnknown(*c, StrCat("customers[", k, "]")));
    }
    if (limits == Limits::kCheck) {
      PURRING_RETURN_IF_ERROR(CheckCustomerLimits(*c));
    }
    PURRING_RETURN_IF_ERROR(
        ValidateCustomer(*c, profile_ids, k, &refs->customers, &refs->keys));
    on_customer(*c);
  }
  return absl::OkStatus();
}

absl::Status ValidateRateTables(const v1::EvaluateRequest& request,
                                Limits limits) {
  if (limits == Limits::kCheck) {
    PURRING_RETURN_IF_ERROR(CheckRateTableLimits(request.rate_tables()));
  }
  // The rate rows, and whether they cover the as-of date, are the rate
  // book's to judge: INVALID_ARGUMENT for bad rows, OUT_OF_RANGE for an as-of
  // date outside the tables (purring/engine.h). Interest days before the
  // first row are the rate book's and the claim's to flag (money: evaluated
  // from the first table day, with a warning).
  return RateBook::Build(request.rate_tables(), OsloDay(request.as_of()),
                         /*warnings=*/nullptr)
      .status();
}

namespace {

absl::Status ValidateRecordsIn(const v1::EvaluateRequest& request,
                               Limits limits, RequestIndex* index) {
  References refs;
  OwnedHashSet<absl::string_view> profile_ids;
  PURRING_RETURN_IF_ERROR(ValidateRequestHead(request, limits, &*profile_ids));
  PURRING_RETURN_IF_ERROR(
      ValidateCustomers(CustomerReader(request.customers()), *profile_ids,
                        limits, &refs, [](const v1::Customer&) {}));
  RequestIndex::Builder builder(request);
  refs.invoices.reserve(request.invoices_size());
  refs.facts.resize(request.invoices_size());
  PURRING_RETURN_IF_ERROR(ValidateInvoices(request, limits, &refs, &builder));
  PURRING_RETURN_IF_ERROR(
      ValidateNotices(request.history(), limits, &refs, &builder));
  PURRING_RETURN_IF_ERROR(
      ValidateCollectionCases(request.history(), limits, refs, &builder));
  PURRING_RETURN_IF_ERROR(ValidateRateTables(request, limits));
  RequestIndex built = std::move(builder).Finish();
  for (int i = 0; i < request.invoices_size(); ++i) {
    PURRING_RETURN_IF_ERROR(CheckInvoiceNotices(built.notices(i)));
  }
  if (index != nullptr) *index = std::move(built);
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateRecords(const v1::EvaluateRequest& request,
                             RequestIndex* index) {
  return ValidateRecordsIn(request, Limits::kChecked, index);
}

absl::Status ValidateRequestInto(const v1::EvaluateRequest& request,
                                 RequestIndex* index) {
  PURRING_RETURN_IF_ERROR(CheckCountLimits(request));
  // One pass over the records instead of two (CheckLimits, then
  // ValidateRecords): each record's strings are checked while it is in
  // cache anyway. A refusal found this way may not be the one the
  // documented order reports first (every size limit before any other
  // check), so a refused request is checked again in that order.
  const absl::Status status =
      ValidateRecordsIn(request, Limits::kCheck, index);
  if (status.ok()) return status;
  PURRING_RETURN_IF_ERROR(CheckLimits(request));
  PURRING_RETURN_IF_ERROR(ValidateRecords(request));
  return status;  // not reached: one of the two refuses what the pass did
}

absl::StatusOr<RequestIndex> ValidateAndIndex(
    const v1::EvaluateRequest& request) {
  RequestIndex index;
  PURRING_RETURN_IF_ERROR(ValidateRequestInto(request, &index));
  return index;
}

}  // namespace purring::internal
