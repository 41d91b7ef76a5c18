#include "shard_run.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <new>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "action_records.h"
#include "dates.h"
#include "invoice_source.h"
#include "large_allocator.h"
#include "money/money_math.h"
#include "money/reports.h"
#include "process/customer_table.h"
#include "process/dispatch.h"
#include "process/invoice_eval.h"
#include "process/invoice_warnings.h"
#include "process/letters.h"
#include "result_store.h"
#include "shard_batch.h"
#include "shard_plan.h"
#include "validate_checks.h"

namespace purring::internal {
namespace {

v1::Warning OldInterestWarning(const v1::Invoice& invoice,
                               absl::CivilDay first_day) {
  return WarningAbout(
      invoice, "INTEREST_BEFORE_RATE_TABLES",
      absl::StrCat("invoice \"", invoice.number(),
                   "\": principal was outstanding before the rate tables "
                   "begin (",
                   FormatDate(first_day),
                   "); no interest is "
                   "computed for those days (supply older interest_rates "
                   "rows to include them)"));
}

v1::Warning CutoffWarning(const v1::Invoice& invoice,
                          absl::string_view start_from) {
  return WarningAbout(
      invoice, "CUTOFF_NOT_NUMERIC",
      absl::StrCat("invoice number \"", invoice.number(),
                   "\" and start_from_invoice_number \"", start_from,
                   "\" are not both digits; compared byte-wise"));
}

// Whether the next automatic dispatch carries out an invoice's next step,
// though nothing is proposed for it now (F8: the host is told what the
// dispatch would send): a step falling due by the dispatch's date on a row
// that is waiting for it, automatic for that step, and for a notice, a
// customer who can be written to.
bool FallsDueBy(const DispatchPlan& dispatch, const v1::InvoiceResult& result,
                const ResultDates& dates, const CustomerFacts& customer) {
  if (!dispatch.enabled || !dates.next_step.has_value() ||
      *dates.next_step > dispatch.date) {
    return false;
  }
  switch (result.status()) {
    case v1::INVOICE_STATUS_NOT_DUE:
    case v1::INVOICE_STATUS_WAITING:
    case v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED:
    case v1::INVOICE_STATUS_ON_HOLD:
      break;
    default:
      return false;
  }
  switch (result.next_step()) {
    case v1::NEXT_STEP_TRANSFER_TO_COLLECTION:
      return dispatch.transfer_automatic;
    case v1::NEXT_STEP_UNSPECIFIED:
      return false;
    case v1::NEXT_STEP_COLLECTION_WARNING:
      return dispatch.progression_automatic &&
             NoticeChannel(customer, v1::STEP_KIND_COLLECTION_WARNING,
                           dispatch.date) != v1::CHANNEL_UNSPECIFIED;
    default:
      return dispatch.progression_automatic &&
             customer.letter_channel != v1::CHANNEL_UNSPECIFIED;
  }
}

// Evaluates invoice i, loaded into input, into *result (an open slot of
// the store, written by WriteOne). customer: the invoice's customer's
// position, -1 for none.
absl::Status EvaluateOne(const ShardJob& job, int i, int32_t customer,
                         InvoiceInput& input, v1::InvoiceResult* result,
                         InvoiceOutput& output, ShardOutput* out) {
  if (customer < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invoice \"", input.invoice->number(), "\": customer_id \"",
        input.invoice->customer_id(), "\" is not a customer in the request"));
  }
  input.customer_facts = &(*job.customers)[customer];
  output.has_action = false;
  output.hand_off_only = false;
  output.cutoff_not_numeric = false;
  output.interest_before_rate_tables = false;
  output.warnings.clear();
  PURRING_RETURN_IF_ERROR(
      EvaluateInvoice(input, *job.ctx, result, &output, &out->reports));
  job.summaries->status[i] = static_cast<uint8_t>(result->status());
  job.summaries->balance[i] = result->balance().total();
  if (!output.has_action && FallsDueBy(*job.ctx->dispatch, *result,
                                       *output.dates, *input.customer_facts)) {
    out->upcoming.push_back(i);
  }
  if (output.cutoff_not_numeric) {
    out->cutoff_not_numeric.emplace_back(
        i, CutoffWarning(*input.invoice, job.ctx->start_from));
  }
  if (output.interest_before_rate_tables) {
    out->interest_before_rate_tables.emplace_back(
        i, OldInterestWarning(*input.invoice, job.ctx->rates->first_day()));
  }
  for (v1::Warning& warning : output.warnings) {
    out->history_warnings.emplace_back(i, std::move(warning));
  }
  return absl::OkStatus();
}

// Writes invoice i's records: its action's (when it has one) and its
// result, evaluated from input into the store's `slot` and `dates`.
// customer: the invoice's customer's position.
// charges: a transfer's notices' charges as cut (else empty).
// hand_off_only: *action is there only for its case file (InvoiceOutput).
// principal_at_transfer: a transfer's (InvoiceOutput).
absl::Status WriteOne(const ShardJob& job, int shard, int slot, int i,
                      int32_t customer, const InvoiceInput& input,
                      const v1::InvoiceResult& result, const ResultDates& dates,
                      v1::ProposedAction* action, bool hand_off_only,
                      absl::Span<const NoticeCharge> charges,
                      int64_t principal_at_transfer, ShardOutput* out) {
  if (action != nullptr) {
    ActionEntry& entry = out->actions.emplace_back();
    entry.invoice = i;
    entry.shard = shard;
    PURRING_RETURN_IF_ERROR((*job.records)[shard].Build(
        {input.invoice, input.notices, charges, job.ctx->as_of, &result, &dates,
         input.customer_facts, &job.source->customers(), customer,
         &job.request->settings(), job.rates, hand_off_only,
         principal_at_transfer, job.letter_ids_taken},
        action, &entry));
  }
  const CustomerFacts& customer_facts = *input.customer_facts;
  job.store->Close(
      shard, slot, i,
      {input.invoice, customer_facts.name(), customer_facts.choice.profile->id,
       job.ctx->omit_history ? absl::Span<const v1::Notice* const>()
                             : input.notices,
       &dates});
  return absl::OkStatus();
}

// How far ahead RunShard asks for an invoice's records, then its strings.
constexpr int kPrefetchInputAhead = 4;
constexpr int kPrefetchFieldsAhead = 2;

// The invoice j places ahead is asked for while one is evaluated, when the
// source holds its records already (Peek): on a large ledger each invoice
// and its notices are cache misses (perf at 100 000 invoices:
// EvaluateInvoice's share of the samples 6.5 % -> 3.8 %). customer: j's
// customer's position, -1 for none (its facts were asked for with its
// batch's, PrefetchFacts).
void PrefetchInput(const ShardJob& job, int j, int32_t customer) {
  InvoiceInput ahead;
  if (job.source->Peek(j, &ahead)) {
    ahead.customer_facts =
        customer >= 0 ? &(*job.customers)[customer] : nullptr;
    PrefetchInvoiceInput(ahead);
  }
}

// The customers' facts of a batch of invoices (their customers' positions,
// -1 for none), asked for at once, a batch ahead of their evaluation. On a
// large ledger each is a miss in a table of megabytes, and on the benchmark
// machine a prefetch waited for its address's page walk: asked for one per
// invoice evaluated, the instruction after the prefetch held half of the
// shard's own samples; sixteen asked for together overlap their walks
// (thirty-fourth session: a million-invoice call 1–3 % faster, calls
// alternating in one process).
template <typename CustomerAt>
void PrefetchFacts(const ShardJob& job, int from, int to,
                   CustomerAt customer_at) {
  for (int k = from; k < to; ++k) {
    const int32_t customer = customer_at(k);
    if (customer >= 0) __builtin_prefetch(&(*job.customers)[customer]);
  }
}

// The second hop, once the first has arrived: reading the facts for their
// name's address in the same step as asking for them stalled on every
// invoice (5 % of a 1 000 000-invoice evaluation).
void PrefetchFields(const ShardJob& job, int j, int32_t customer) {
  InvoiceInput ahead;
  if (job.source->Peek(j, &ahead)) {
    PrefetchInvoiceFields(*ahead.invoice);
  } else if (customer >= 0) {
    __builtin_prefetch((*job.customers)[customer].name().data());
  }
}

// The shard's invoices a batch at a time (shard_batch.h): each is loaded
// (parsed and checked), then each evaluated, then each one's action
// records and result written. One invoice at a time, each pass evicted the
// others' instructions from the cache (cachegrind at 100 000 invoices: 620
// instruction-cache misses per invoice, 156 in batches). The failure
// reported is the earliest invoice's, as one invoice at a time would
// report: each pass stops where an earlier one failed.
void RunShard(const ShardJob& job, int shard, ShardOutput* out) {
  InvoiceOutput output;
  const bool whole = job.plan->invoices.empty();
  const int count = whole ? job.plan->invoice_count
                          : static_cast<int>(job.plan->invoices[shard].size());
  // Room for an action for every other invoice (a ledger's overdue share is
  // usually less), not grown a doubling at a time (each a copy and fresh
  // pages); room left unused is never written.
  out->actions.reserve(static_cast<size_t>(count) / 2);
  auto invoice_at = [&](int k) {
    return whole ? k : job.plan->invoices[shard][k];
  };
  const absl::Span<const int32_t> customer_of = job.source->customer_ordinals();
  std::array<InvoiceInput, kShardBatch> inputs;
  std::array<v1::InvoiceResult*, kShardBatch> results;
  std::array<v1::ProposedAction, kShardBatch> actions;  // reused by slot
  std::array<ResultDates, kShardBatch> dates;           // reused by slot
  std::array<bool, kShardBatch> has_action;
  std::array<bool, kShardBatch> hand_off_only;
  // A transfer's notices' charges as cut, for its case file: the
  // evaluation's own are the next invoice's by the time it is written.
  std::array<std::vector<NoticeCharge>, kShardBatch> transfer_charges;
  std::array<int64_t, kShardBatch> transfer_principal;
  auto customer_at = [&](int k) { return customer_of[invoice_at(k)]; };
  PrefetchFacts(job, 0, std::min(kShardBatch, count), customer_at);
  for (int first = 0; first < count; first += kShardBatch) {
    PrefetchFacts(job, first + kShardBatch,
                  std::min(first + 2 * kShardBatch, count), customer_at);
    // Each pass runs over the slots before the first failure so far: the
    // failure reported is the one at the earliest invoice.
    int limit = std::min(kShardBatch, count - first);
    absl::Status failed;
    auto fail = [&](int b, absl::Status status) {
      limit = b;
      failed = std::move(status);
    };
    for (int b = 0; b < limit; ++b) {
      absl::Status loaded =
          job.source->Load(shard, b, invoice_at(first + b), &inputs[b]);
      if (!loaded.ok()) fail(b, std::move(loaded));
    }
    for (int b = 0; b < limit; ++b) {
      if (job.store->Stopped()) {
        out->status = WriterStopped();  // no invoice's fault: reported first
        return;
      }
      const int k = first + b;
      if (k + kPrefetchInputAhead < count) {
        const int j = invoice_at(k + kPrefetchInputAhead);
        PrefetchInput(job, j, customer_of[j]);
      }
      if (k + kPrefetchFieldsAhead < count) {
        const int j = invoice_at(k + kPrefetchFieldsAhead);
        PrefetchFields(job, j, customer_of[j]);
      }
      const int i = invoice_at(k);
      results[b] = job.store->Open(shard, b, i);
      output.action = &actions[b];
      output.dates = &dates[b];
      absl::Status evaluated = EvaluateOne(job, i, customer_of[i], inputs[b],
                                           results[b], output, out);
      if (!evaluated.ok()) fail(b, std::move(evaluated));
      has_action[b] = output.has_action;
      hand_off_only[b] = output.hand_off_only;
      transfer_charges[b].clear();
      transfer_principal[b] = 0;
      if (output.has_action &&
          actions[b].kind() == v1::ACTION_KIND_TRANSFER_TO_COLLECTION) {
        transfer_charges[b] = output.charges;
        transfer_principal[b] = output.principal_at_transfer;
      }
    }
    // A case file reads its customer, anywhere among the customers (on a
    // large ledger a cache miss each): asked for before the batch's records
    // are written, the misses overlap.
    for (int b = 0; b < limit; ++b) {
      if (has_action[b] &&
          actions[b].kind() == v1::ACTION_KIND_TRANSFER_TO_COLLECTION) {
        job.source->customers().Prefetch(customer_of[invoice_at(first + b)]);
      }
    }
    for (int b = 0; b < limit; ++b) {
      const int i = invoice_at(first + b);
      absl::Status written = WriteOne(
          job, shard, b, i, customer_of[i], inputs[b], *results[b], dates[b],
          has_action[b] ? &actions[b] : nullptr, hand_off_only[b],
          transfer_charges[b], transfer_principal[b], out);
      if (!written.ok()) fail(b, std::move(written));
    }
    if (!failed.ok()) {
      out->status = std::move(failed);
      out->failed_invoice = invoice_at(first + limit);
      return;
    }
  }
}

// RunShard with every exception caught and kept in the shard's output: an
// exception escaping a worker thread would terminate the host process.
void RunShardGuarded(const ShardJob& job, int shard,
                     ShardOutput* out) noexcept {
  using Escape = ShardOutput::Escape;
  try {
    RunShard(job, shard, out);
  } catch (const std::bad_alloc&) {
    out->escape = Escape::kOutOfMemory;
  } catch (const std::exception& e) {
    out->escape = Escape::kException;
    // The last byte stays '\0' (zero-initialised).
    std::strncpy(out->escape_what, e.what(), sizeof(out->escape_what) - 1);
  } catch (...) {
    out->escape = Escape::kUnknown;
  }
}

// The status of an exception RunShardGuarded kept, made on the calling
// thread (where the C ABI's guard catches a failure to allocate it).
void StatusFromEscape(ShardOutput& out) {
  using Escape = ShardOutput::Escape;
  switch (out.escape) {
    case Escape::kNone:
      return;
    case Escape::kOutOfMemory:
      out.status = absl::ResourceExhaustedError("out of memory");
      break;
    case Escape::kException:
      out.status = absl::InternalError(
          absl::StrCat("internal error: ", out.escape_what));
      break;
    case Escape::kUnknown:
      out.status = absl::InternalError("internal error");
      break;
  }
  out.failed_invoice = -1;
}

}  // namespace

void RunShards(const ShardJob& job, std::vector<ShardOutput>& shards) {
  const int shard_count = static_cast<int>(shards.size());
  if (shard_count == 1) {
    RunShardGuarded(job, 0, &shards[0]);
    StatusFromEscape(shards[0]);
    return;
  }
  std::vector<std::thread> threads;
  threads.reserve(shard_count - 1);
  int started = 1;
  for (; started < shard_count; ++started) {
    try {
      threads.emplace_back(RunShardGuarded, std::cref(job), started,
                           &shards[started]);
    } catch (const std::exception&) {
      // No thread to be had (std::system_error, or std::bad_alloc for its
      // state): this thread runs the remaining shards.
      break;
    }
  }
  RunShardGuarded(job, 0, &shards[0]);
  for (int s = started; s < shard_count; ++s) {
    RunShardGuarded(job, s, &shards[s]);
  }
  for (std::thread& t : threads) t.join();
  for (ShardOutput& shard : shards) StatusFromEscape(shard);
}

absl::Status FirstError(const std::vector<ShardOutput>& shards) {
  const ShardOutput* first = nullptr;
  for (const ShardOutput& shard : shards) {
    if (shard.status.ok()) continue;
    if (shard.failed_invoice < 0) return shard.status;
    if (first == nullptr || shard.failed_invoice < first->failed_invoice) {
      first = &shard;
    }
  }
  return first == nullptr ? absl::OkStatus() : first->status;
}

std::vector<v1::Warning> MergedWarnings(
    std::vector<ShardOutput>& shards,
    std::vector<InvoiceWarning> ShardOutput::*list) {
  std::vector<InvoiceWarning> merged;
  for (ShardOutput& shard : shards) {
    for (InvoiceWarning& warning : shard.*list) {
      merged.push_back(std::move(warning));
    }
  }
  // Stable: an invoice may have several, kept in the order made.
  std::stable_sort(
      merged.begin(), merged.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<v1::Warning> warnings;
  warnings.reserve(merged.size());
  for (InvoiceWarning& warning : merged) {
    warnings.push_back(std::move(warning.second));
  }
  return warnings;
}

}  // namespace purring::internal
