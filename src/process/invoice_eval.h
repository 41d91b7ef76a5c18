// One invoice's evaluation: its status (F1), its F2 columns and the action
// proposed for it. A pure function of the invoice, its customer, its notices
// and the shared immutable context, so shards can run it on any thread.
#ifndef PURRING_SRC_PROCESS_INVOICE_EVAL_H_
#define PURRING_SRC_PROCESS_INVOICE_EVAL_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "checked_days.h"
#include "money/claim.h"
#include "money/rate_book.h"
#include "money/reports.h"
#include "process/calendar.h"
#include "process/dispatch.h"
#include "process/customer_table.h"
#include "process/profiles.h"
#include "process/result_dates.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// Shared by every invoice of a request; read-only.
struct EvalContext {
  absl::CivilDay as_of;
  const RateBook* rates = nullptr;
  v1::DayCount day_count = v1::DAY_COUNT_UNSPECIFIED;
  bool shift_due_dates = true;
  const ProfileTable* profiles = nullptr;
  absl::string_view start_from;  // empty: every open overdue invoice
  // DunningSettings.minimum_amount: an invoice owing less (Balance.total)
  // is not dunned; 0: no minimum.
  int64_t minimum_amount = 0;
  const DispatchPlan* dispatch = nullptr;
  bool omit_history = false;  // options.omit_history_in_results
  // The result store writes each result's copies of the request itself
  // (ResultCopies: the invoice's number, customer, dates, its customer's name
  // and profile id, its notices as its history; StreamedResultStore), and
  // the result's dates from InvoiceOutput::dates: EvaluateInvoice leaves
  // both out of the result.
  bool store_writes_copies = false;
};

struct InvoiceInput {
  const v1::Invoice* invoice = nullptr;
  const CustomerFacts* customer_facts = nullptr;  // of the invoice's customer
  // This invoice's notices, by sent date then step (RequestIndex order).
  absl::Span<const v1::Notice* const> notices;
  const v1::CollectionCase* collection_case = nullptr;  // nullptr: none
  // The dates validation parsed (its notices' in `notices` order), or
  // nullptr: EvaluateInvoice parses them itself.
  const CheckedDays* checked_days = nullptr;
};

struct InvoiceOutput {
  // Where a proposed action is written: the caller's message, reused from
  // invoice to invoice (cleared here when the invoice has an action).
  v1::ProposedAction* action = nullptr;
  bool has_action = false;
  // The action is not proposed: a TRANSFER_TO_COLLECTION the host recorded
  // itself, whose agency has not taken it up yet, there only for its case
  // file (F17).
  bool hand_off_only = false;
  // A transfer action's principal outstanding at its date, the basis of the
  // case file's collection-cost estimate (law.md § 5.1): for a recorded
  // transfer, payments after it do not move the band.
  int64_t principal_at_transfer = 0;
  // Where the result's dates are kept (result_dates.h): the caller's, one
  // for each result it has open. Also set in the result as text unless
  // EvalContext::store_writes_copies.
  ResultDates* dates = nullptr;
  bool cutoff_not_numeric = false;  // warn "CUTOFF_NOT_NUMERIC"
  // Principal was outstanding before the rate tables begin; warn
  // "INTEREST_BEFORE_RATE_TABLES".
  bool interest_before_rate_tables = false;
  // Warnings about the invoice's recorded history: a fee or a standard
  // compensation the law does not allow ("RECORDED_FEE_NOT_CLAIMABLE",
  // "RECORDED_COMPENSATION_NOT_CLAIMABLE"), more interest recorded than is
  // claimed ("RECORDED_INTEREST_NOT_CLAIMABLE"), no valid collection warning
  // ("COLLECTION_WARNING_NOT_VALID"). The caller empties it.
  std::vector<v1::Warning> warnings;
  // Scratch reused from invoice to invoice by one shard, so that the money
  // simulation allocates nothing once warm (not part of the output).
  ClaimEvents events;
  ClaimState claim;
  ClaimState demand_scratch;          // the claim on a notice's day
  std::vector<NoticeCharge> charges;  // the invoice's notices, parsed
  std::vector<bool> paid_in_time;     // per notice, found by a claim
  ClaimEvents events_before;          // the claim before a notice was sent
  std::vector<bool> sent_settled;     // per notice, found by a claim
  BusinessDayMemo business_days;      // for the adjusted due dates
};

// Asks for the cache lines EvaluateInvoice reads first of this invoice: the
// invoice, its customer's facts and its notices. On a large ledger each is
// a cache miss of its own; a shard calls this for the invoice a few places
// ahead of the one it evaluates, so that the misses overlap the evaluation.
void PrefetchInvoiceInput(const InvoiceInput& input);
// The second hop, for an invoice whose PrefetchInvoiceInput lines have had
// time to arrive: the invoice's strings, each an object of its own.
void PrefetchInvoiceFields(const v1::Invoice& invoice);

// Fills *result (one InvoiceResult, never skipped) and *output, and feeds
// the invoice's history notices and payment allocations to *reports.
// Errors from the money module come back prefixed with the invoice number.
absl::Status EvaluateInvoice(const InvoiceInput& input, const EvalContext& ctx,
                             v1::InvoiceResult* result, InvoiceOutput* output,
                             ReportAccumulator* reports);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_INVOICE_EVAL_H_
