// An invoice's recorded notices judged against the law and its money: what
// each may claim (F11; inkassoforskriften § 1-3; law.md § 6), whose demands
// were paid by their deadlines, which were sent when nothing was owed, and
// the claim they make at the as-of date.
#ifndef PURRING_SRC_PROCESS_RECORDED_HISTORY_H_
#define PURRING_SRC_PROCESS_RECORDED_HISTORY_H_

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "process/invoice_eval.h"
#include "process/profiles.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// The strictness a notice was sent under: recorded with it, else the
// profile's now (history from before Notice.strictness).
v1::FeeStrictness SentUnder(v1::FeeStrictness recorded,
                            const ResolvedProfile& profile);

// What an invoice's notices come to, besides the claim.
struct HistoryTotals {
  // The interest the notices charge as judged: the next notice charges the
  // interest accrued beyond it.
  int64_t interest_charged = 0;
  // The fees, compensations and interest of all its notices, as recorded
  // (validated: at most kMaxAmount).
  int64_t charges_recorded = 0;
  // The interest the notices sent by the as-of date recorded.
  int64_t interest_recorded = 0;
  // Notices whose fee_waived_date is after the as-of date: not counted yet.
  int waivers_after_as_of = 0;
};

// Judges the invoice's notices (input.notices) and evaluates its claim at
// ctx.as_of from output->events, whose payments and credit notes the caller
// has set, sorted by date. Writes the judged notices to output->charges (in
// input.notices' order), the claim to output->claim, *result's balance and
// interest, output->dates->interest, and appends the warnings about the
// recorded fees and compensations to output->warnings; copies the notices
// to result's history when copy_history. `transferred`: a transfer the host
// recorded, its date.
//
// One pass as a rule. A recorded second fee after a first fee-bearing
// notice whose demand was paid by its deadline is not claimable (§ 1-3),
// nor is anything of a notice sent when nothing was owed, which only the
// claim shows: the notices are judged again with what it showed, until
// nothing more is found (history from another system).
absl::StatusOr<HistoryTotals> JudgeHistory(
    const InvoiceInput& input, const EvalContext& ctx,
    std::optional<absl::CivilDay> transferred, bool copy_history,
    v1::InvoiceResult* result, InvoiceOutput* output);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_RECORDED_HISTORY_H_
