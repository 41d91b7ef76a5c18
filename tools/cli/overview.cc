#include "overview.h"

#include <map>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "text_format.h"

namespace purring::cli {
namespace {

// The order of the seed's tabs first, then the invoices that need nothing.
constexpr v1::InvoiceStatus kSectionOrder[] = {
    v1::INVOICE_STATUS_READY_TO_SEND,
    v1::INVOICE_STATUS_WAITING,
    v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
    v1::INVOICE_STATUS_DO_NOT_DUN,
    v1::INVOICE_STATUS_BELOW_MINIMUM,
    v1::INVOICE_STATUS_ON_HOLD,
    v1::INVOICE_STATUS_CONSIDER_COLLECTION,
    v1::INVOICE_STATUS_IN_COLLECTION,
    v1::INVOICE_STATUS_NOT_DUE,
    v1::INVOICE_STATUS_PAID,
    v1::INVOICE_STATUS_BEFORE_CUTOFF,
    v1::INVOICE_STATUS_UNSPECIFIED,
};

absl::Time ToTime(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

std::string OsloMinute(const google::protobuf::Timestamp& t,
                       const OsloClock& oslo) {
  const absl::Time instant = ToTime(t);
  return absl::FormatTime("%Y-%m-%d %H:%M", instant, oslo.ZoneAt(instant));
}

std::string DatedLabel(absl::string_view label, absl::string_view date) {
  if (label.empty()) return "";
  if (date.empty()) return std::string(label);
  return absl::StrCat(label, " ", date);
}

// The widths of the columns that may run long.
constexpr size_t kNextStepWidth = 64;
constexpr size_t kHistoryWidth = 72;

// The "next step" column: what comes next, or why nothing does.
std::string NextStepCell(const v1::InvoiceResult& r,
                         absl::string_view as_of_date) {
  switch (r.status()) {
    case v1::INVOICE_STATUS_ON_HOLD: {
      const std::string kind =
          r.hold().kind() == v1::HOLD_KIND_OBJECTION ? "innsigelse" : "stoppet";
      std::string cell = kind;
      // A hold beginning at the next dispatch holds the invoice already
      // (README, Statuses): say from when.
      if (r.hold().since() > as_of_date) {
        absl::StrAppend(&cell, " fra ", r.hold().since());
      }
      const std::string until =
          r.hold().until().empty()
              ? ""
              : absl::StrCat(" (til ", r.hold().until(), ")");
      if (!r.hold().reason().empty()) {
        // A long reason is cut, not the end date after it.
        const size_t used = DisplayWidth(cell) + 2 + DisplayWidth(until);
        absl::StrAppend(
            &cell, ": ",
            Truncate(OneLine(r.hold().reason()),
                     kNextStepWidth > used + 1 ? kNextStepWidth - used : 1));
      }
      return cell + until;
    }
    case v1::INVOICE_STATUS_IN_COLLECTION:
      return absl::StrCat("inkasso: ", CollectionStateLabel(r.collection_state()));
    case v1::INVOICE_STATUS_DO_NOT_DUN:
      return r.do_not_dun_source() == v1::DO_NOT_DUN_SOURCE_CUSTOMER
                 ? "ikke purr (kunde)"
                 : "ikke purr (faktura)";
    case v1::INVOICE_STATUS_BELOW_MINIMUM:
      return "under minstebeløp";
    case v1::INVOICE_STATUS_PAID:
      // Money in credit is never hidden (evaluate.proto Balance.overpaid).
      if (r.balance().overpaid() > 0) {
        return absl::StrCat("betalt for mye ",
                            FormatKroner(r.balance().overpaid()));
      }
      return "";
    default:
      return DatedLabel(NextStepLabel(r.next_step()), r.next_step_date());
  }
}

std::string DeadlineCell(const v1::InvoiceResult& r) {
  if (r.current_deadline().empty()) return "";
  return DatedLabel(StepLabel(r.current_step()), r.current_deadline());
}

// The F2 "history" column: the notices sent, oldest first.
std::string HistoryCell(const v1::InvoiceResult& r) {
  std::vector<std::string> sent;
  for (const v1::Notice& n : r.history()) {
    sent.push_back(DatedLabel(StepLabel(n.step()), n.sent_date()));
  }
  return absl::StrJoin(sent, ", ");
}

// Each invoice's comment on the screen: its own, else its customer's.
using Comments = absl::flat_hash_map<absl::string_view, absl::string_view>;

Comments RowComments(const v1::EvaluateRequest& request) {
  Comments by_customer;
  for (const v1::Customer& c : request.customers()) {
    if (!c.comment().empty()) by_customer[c.id()] = c.comment();
  }
  Comments comments;
  for (const v1::Invoice& invoice : request.invoices()) {
    if (!invoice.comment().empty()) {
      comments[invoice.number()] = invoice.comment();
    } else if (auto it = by_customer.find(invoice.customer_id());
               it != by_customer.end()) {
      comments[invoice.number()] = it->second;
    }
  }
  return comments;
}

std::string Section(v1::InvoiceStatus status,
                    const std::vector<const v1::InvoiceResult*>& rows,
                    const Comments& comments, absl::string_view as_of_date) {
  int64_t balance = 0;
  for (const v1::InvoiceResult* r : rows) balance += r->balance().total();
  std::string out = absl::StrCat(
      StatusTitle(status), ": ",
      Count(static_cast<int64_t>(rows.size()), "faktura", "fakturaer"),
      ", saldo ", FormatKroner(balance), "\n");
  if (rows.empty()) return out + "  (ingen)\n\n";
  TextTable table({{"Kunde", false, 26},
                   {"B/P"},
                   {"Fakturanr"},
                   {"Fakturadato"},
                   {"Forfall"},
                   {"Opprinnelig", true},
                   {"Saldo", true},
                   {"Forfall purring/varsel"},
                   {"Neste steg", false, kNextStepWidth},
                   {"Historikk", false, kHistoryWidth},
                   {"Kommentar", false, 40}});
  for (const v1::InvoiceResult* r : rows) {
    const auto comment = comments.find(r->invoice_number());
    table.AddRow({r->customer_name(),
                  CustomerTypeMark(r->customer_type()) +
                      (r->custom_process() ? "*" : ""),
                  r->invoice_number(), r->invoice_date(), r->due_date(),
                  FormatAmount(r->original_amount()),
                  FormatAmount(r->balance().total()), DeadlineCell(*r),
                  NextStepCell(*r, as_of_date), HistoryCell(*r),
                  comment == comments.end() ? "" : std::string(comment->second)});
  }
  return absl::StrCat(out, table.Render("  "), "\n");
}

std::string MissingAddresses(const v1::EvaluateResponse& response) {
  std::string out = absl::StrCat("Kunder mangler adresse (customers missing an "
                                 "address): ",
                                 response.customers_missing_address_size(), "\n");
  if (response.customers_missing_address().empty()) return out + "  (ingen)\n\n";
  TextTable table({{"Kundenr"}, {"Kunde", false, 30}, {"Purring sendes"},
                   {"Fakturaer klare til purring"}});
  for (const v1::CustomerMissingAddress& c : response.customers_missing_address()) {
    table.AddRow({c.customer_id(), c.customer_name(),
                  c.letters_by_email() ? "på e-post" : "ikke",
                  absl::StrJoin(c.invoice_numbers(), ", ")});
  }
  return absl::StrCat(out, table.Render("  "), "\n");
}

std::string NextDispatch(const v1::EvaluateResponse& response,
                         const OsloClock& oslo) {
  const v1::NextDispatch& d = response.next_dispatch();
  std::string out = "Neste automatiske utsendelse (next automatic dispatch): ";
  if (!d.enabled()) {
    return out + "av (manual progression and transfer)\n";
  }
  absl::StrAppend(&out, OsloMinute(d.instant(), oslo), " Europe/Oslo, ",
                  Count(d.action_ids_size(), "handling", "handlinger"), ", ",
                  d.letter_count(), " brev\n");
  // What it carries out, counted by step.
  std::map<std::string, int> by_step;
  std::map<std::string, const v1::ProposedAction*> actions;
  for (const v1::ProposedAction& a : response.actions()) actions[a.id()] = &a;
  for (const std::string& id : d.action_ids()) {
    auto it = actions.find(id);
    if (it == actions.end()) continue;
    const v1::ProposedAction& a = *it->second;
    ++by_step[a.kind() == v1::ACTION_KIND_TRANSFER_TO_COLLECTION
                  ? "overføring til inkasso"
                  : StepLabel(a.step())];
  }
  for (const auto& [step, count] : by_step) {
    absl::StrAppend(&out, "  ", step, ": ", count, "\n");
  }
  return out;
}

}  // namespace

std::string FormatOverview(const v1::EvaluateRequest& request,
                           const v1::EvaluateResponse& response,
                           const OsloClock& oslo) {
  std::string out = absl::StrCat(
      "Purring: oversikt per ", response.as_of_date(), " (evaluert ",
      OsloMinute(response.as_of(), oslo), " Europe/Oslo, purring ",
      response.engine_version(), ")\n");
  absl::StrAppend(&out, "Sist synkronisert: ",
                  response.has_last_synchronized()
                      ? OsloMinute(response.last_synchronized(), oslo)
                      : "ukjent (not given)",
                  "\n");
  absl::StrAppend(&out, Count(response.results_size(), "faktura", "fakturaer"),
                  "\n\n");

  const Comments comments = RowComments(request);
  std::map<int, std::vector<const v1::InvoiceResult*>> by_status;
  for (const v1::InvoiceResult& r : response.results()) {
    by_status[r.status()].push_back(&r);
  }
  for (v1::InvoiceStatus status : kSectionOrder) {
    const auto it = by_status.find(status);
    // An unspecified status is an engine fault; show it only when present.
    if (status == v1::INVOICE_STATUS_UNSPECIFIED && it == by_status.end()) {
      continue;
    }
    static const std::vector<const v1::InvoiceResult*> kNone;
    out += Section(status, it == by_status.end() ? kNone : it->second,
                   comments, response.as_of_date());
  }
  out += MissingAddresses(response);
  out += NextDispatch(response, oslo);
  if (!response.warnings().empty()) {
    absl::StrAppend(&out, "\nAdvarsler (warnings): ", response.warnings_size(), "\n");
    for (const v1::Warning& w : response.warnings()) {
      absl::StrAppend(&out, "  ", w.code(), ": ", w.message(), "\n");
    }
  }
  absl::StrAppend(&out, "\nB/P: bedrift/person; * følger en tilpasset purreprofil "
                        "(custom profile). Beløp i kr.\n");
  return out;
}

absl::Status CheckReportMonth(absl::string_view month) {
  absl::CivilMonth parsed;
  if (month.size() != 7 || !absl::ParseCivilTime(month, &parsed)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--month \"", month, "\" is not a month (YYYY-MM, e.g. 2026-11)"));
  }
  // The engine's dates run from 1900 to 2999: no report lies outside.
  if (parsed.year() < 1900 || parsed.year() > 2999) {
    return absl::InvalidArgumentError(
        absl::StrCat("--month \"", month, "\" is outside the years 1900-2999"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> FormatMonthlyReport(
    const v1::EvaluateResponse& response, absl::string_view month) {
  if (absl::Status status = CheckReportMonth(month); !status.ok()) {
    return status;
  }
  v1::MonthlyReport report;
  report.set_month(std::string(month));
  for (const v1::MonthlyReport& m : response.monthly_reports()) {
    if (m.month() == month) report = m;
  }
  TextTable table({{"Rapporter " + std::string(month)}, {"", true}});
  table.AddRow({"Renter betalt (interest paid)", FormatKroner(report.interest_paid())});
  table.AddRow({"Gebyrer betalt (fees paid)", FormatKroner(report.fees_paid())});
  table.AddRow({"Purringer sendt uten gebyr (notices without a fee)",
                absl::StrCat(report.notices_without_fee())});
  table.AddRow({"Purringer sendt med gebyr (notices with a fee)",
                absl::StrCat(report.notices_with_fee())});
  table.AddRow({"Gebyr trukket (fees waived)",
                absl::StrCat(report.fees_waived_count(), " / ",
                             FormatKroner(report.fees_waived_amount()))});
  table.AddRow({"Printet: varsler sendt med post (notices printed)",
                absl::StrCat(report.notices_printed())});
  table.AddRow({"Printet: brev sendt med post (letters printed)",
                absl::StrCat(report.letters_printed())});

  const v1::ProviderSettlement& p = response.provider_settlement();
  const int bp = p.share_basis_points();
  // The rows of either settlement: the share, the notices priced, the total.
  auto add_settlement_rows = [&](TextTable& t, int64_t share, int32_t notices,
                                 int64_t per_notice, int64_t total) {
    t.AddRow({absl::StrCat("Leverandørens andel (share ", bp / 100, ",",
                           bp % 100 < 10 ? "0" : "", bp % 100, " %)"),
              FormatKroner(share)});
    t.AddRow({absl::StrCat("Varsler uten gebyr og renter (", notices, " x ",
                           FormatKroner(p.price_per_notice()), ")"),
              FormatKroner(per_notice)});
    t.AddRow({"Totalt (total)", FormatKroner(total)});
  };
  TextTable this_month(
      {{"Oppgjør med leverandør for måneden (provider settlement, this month)"},
       {"", true}});
  add_settlement_rows(this_month, report.provider_share(),
                      report.notices_without_charges(),
                      report.provider_total() - report.provider_share(),
                      report.provider_total());
  TextTable settlement({{"Oppgjør med leverandør (provider settlement, whole history)"},
                        {"", true}});
  settlement.AddRow({"Gebyrer og renter betalt (fees and interest paid)",
                     FormatKroner(p.fees_and_interest_paid())});
  add_settlement_rows(settlement, p.provider_share(),
                      p.notices_without_charges(), p.per_notice_total(),
                      p.total());
  return absl::StrCat(table.Render(""), "\n", this_month.Render(""), "\n",
                      settlement.Render(""));
}

}  // namespace purring::cli
