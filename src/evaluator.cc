// Orchestration of one evaluation: shared context built once, invoices
// evaluated in shards split by customer (one per thread), outputs merged in
// request order, then letters, postings, dispatch, hand-offs and reports.
#include "evaluator.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "action_records.h"
#include "arena_options.h"
#include "dates.h"
#include "invoice_source.h"
#include "large_allocator.h"
#include "money/money_math.h"
#include "money/rate_book.h"
#include "money/reports.h"
#include "piece_writer.h"
#include "process/customer_table.h"
#include "process/dispatch.h"
#include "process/invoice_eval.h"
#include "process/invoice_warnings.h"
#include "process/letters.h"
#include "process/oslo_time.h"
#include "process/profiles.h"
#include "process/request_index.h"
#include "process/spaces.h"
#include "purring/limits.h"
#include "result_store.h"
#include "shard_batch.h"
#include "shard_plan.h"
#include "validate_checks.h"

namespace purring::internal {
namespace {

// A warning about one invoice, made while its shard had it loaded.
using InvoiceWarning = std::pair<int, v1::Warning>;

// What one shard produced, besides the results it put in the store and
// the records in its ActionRecords.
struct ShardOutput {
  LargeVector<ActionEntry> actions;  // by invoice, in request order
  std::vector<InvoiceWarning> cutoff_not_numeric;
  std::vector<InvoiceWarning> interest_before_rate_tables;
  std::vector<InvoiceWarning> history_warnings;  // InvoiceOutput::warnings
  // Invoices whose next step falls due by the next dispatch (FallsDueBy).
  std::vector<int32_t> upcoming;
  ReportAccumulator reports;
  absl::Status status;
  int failed_invoice = -1;  // the invoice that failed, if one did
  // An exception that ended the shard, kept without allocating (a handler
  // that allocated could throw again, out of a worker thread): RunShards
  // makes it the shard's status once the threads are joined.
  enum class Escape { kNone, kOutOfMemory, kException, kUnknown };
  Escape escape = Escape::kNone;
  char escape_what[128] = {};
};

// What CountStatuses needs of each result, kept by invoice because the
// results themselves may already be serialized: side by side rather than
// as pairs, 9 bytes an invoice instead of 16.
struct StatusSummaries {
  static_assert(v1::InvoiceStatus_ARRAYSIZE <= 256);
  explicit StatusSummaries(int invoice_count)
      : status(invoice_count), balance(invoice_count) {}
  LargeVector<uint8_t> status;  // v1::InvoiceStatus
  LargeVector<int64_t> balance;
};

// Everything one shard reads and writes; the vectors are shared, the shards
// write disjoint elements.
struct ShardJob {
  InvoiceSource* source;
  const EvalContext* ctx;
  const CustomerTable* customers;
  const ShardPlan* plan;
  ResultStore* store;
  StatusSummaries* summaries;
  const v1::EvaluateRequest* request;  // its settings
  const RateBook* rates;
  std::vector<ActionRecords>* records;  // by shard
  const LetterIds* letter_ids_taken;    // recorded: MakeLetterIdFree
};

v1::Warning OldInterestWarning(const v1::Invoice& invoice,
                               absl::CivilDay first_day) {
  return WarningAbout(
      invoice, "INTEREST_BEFORE_RATE_TABLES",
      absl::StrCat("invoice \"", invoice.number(),
                   "\": principal was outstanding before the rate tables "
                   "begin (", FormatDate(first_day), "); no interest is "
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
      {input.invoice, customer_facts.name, customer_facts.choice.profile->id,
       job.ctx->omit_history ? absl::Span<const v1::Notice* const>()
                             : input.notices,
       &dates});
  return absl::OkStatus();
}

// How far ahead RunShard asks for an invoice's records, then its strings.
constexpr int kPrefetchInputAhead = 4;
constexpr int kPrefetchFieldsAhead = 2;

// The invoice j places ahead is asked for while one is evaluated: on a
// large ledger each invoice, its notices and its customer's facts are
// cache misses (perf at 100 000 invoices: EvaluateInvoice's share of the
// samples 6.5 % -> 3.8 %). The records come when the source holds them
// already (Peek); the facts of j's customer (its position, -1 for none)
// always.
void PrefetchInput(const ShardJob& job, int j, int32_t customer) {
  const CustomerFacts* facts =
      customer >= 0 ? &(*job.customers)[customer] : nullptr;
  InvoiceInput ahead;
  if (job.source->Peek(j, &ahead)) {
    ahead.customer_facts = facts;
    PrefetchInvoiceInput(ahead);
  } else if (facts != nullptr) {
    __builtin_prefetch(facts);
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
    __builtin_prefetch((*job.customers)[customer].name.data());
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
  const absl::Span<const int32_t> customer_of =
      job.source->customer_ordinals();
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
  for (int first = 0; first < count; first += kShardBatch) {
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

// Runs every shard, one per thread (this thread runs the first).
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

// The error of the first failing invoice in request order, whatever the
// split: each shard stops at its own first failure. Errors not tied to an
// invoice (out of memory) come first.
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

// Every shard's warnings of one kind, merged in request order.
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

absl::Status CountStatuses(const InvoiceSource& source,
                           const StatusSummaries& summaries,
                           v1::EvaluateResponse* response) {
  struct Count {
    int32_t count = 0;
    int64_t balance = 0;
  };
  // Indexed by status number: the engine sets only the enum's values.
  std::array<Count, v1::InvoiceStatus_ARRAYSIZE> counts{};
  for (size_t i = 0; i < summaries.status.size(); ++i) {
    const auto status = static_cast<v1::InvoiceStatus>(summaries.status[i]);
    Count& entry = counts[status];
    ++entry.count;
    // Overflow is an error, not a wrap (each balance is bounded, their sum
    // over a ledger is not).
    if (!AddMoney(summaries.balance[i], &entry.balance).ok()) {
      return absl::OutOfRangeError(absl::StrCat(
          "the balances of status ",
          v1::InvoiceStatus_Name(status),
          " overflow 64-bit øre (at invoice \"",
          source.Number(static_cast<int>(i)), "\")"));
    }
  }
  for (int status = 0; status < v1::InvoiceStatus_ARRAYSIZE; ++status) {
    if (counts[status].count == 0) continue;
    v1::StatusCount* out = response->add_status_counts();
    out->set_status(static_cast<v1::InvoiceStatus>(status));
    out->set_count(counts[status].count);
    out->set_balance(counts[status].balance);
  }
  return absl::OkStatus();
}

// The response fields before the results (1 to 4).
void FillHead(const v1::EvaluateRequest& request,
              v1::EvaluateResponse* response) {
  *response->mutable_as_of() = request.as_of();
  response->set_as_of_date(FormatDate(OsloDate(FromTimestamp(request.as_of()))));
  if (request.has_last_synchronized()) {
    *response->mutable_last_synchronized() = request.last_synchronized();
  }
  response->set_engine_version(PURRING_VERSION_STRING_INTERNAL);
}

// Warnings about the rates the next automatic dispatch's actions carry.
void WarnAboutDispatchRates(const DispatchPlan& dispatch, const RateBook& rates,
                            absl::CivilDay as_of,
                            std::vector<v1::Warning>* warnings) {
  if (!dispatch.enabled) return;
  if (dispatch.date <= rates.valid_until() &&
      rates.LacksCollectionRateFor(dispatch.date) &&
      !rates.LacksCollectionRateFor(as_of)) {
    // The automatic notices are dated in a year whose inkassosats the
    // tables lack (the as-of year's lack is the rate book's to say).
    warnings->push_back(rates.MissingCollectionRate(dispatch.date));
  }
  if (dispatch.date > rates.valid_until() && !rates.carried_forward()) {
    // After 11:00 on the tables' last day the automatic actions are dated
    // the day after: their fees and costs take the last rates. (Rates
    // carried forward to the as-of date were warned of already.)
    v1::Warning warning;
    warning.set_code("RATE_CARRIED_FORWARD");
    warning.set_message(absl::StrCat(
        "the next automatic dispatch, ", FormatDate(dispatch.date),
        ", is after the rate tables end (", FormatDate(rates.valid_until()),
        "): its notices and transfers carry the last rates; supply the newer "
        "rates in rate_tables"));
    warnings->push_back(std::move(warning));
  }
}

EvalContext MakeEvalContext(const v1::EvaluateRequest& request,
                            absl::CivilDay as_of, const RateBook& rates,
                            const DispatchPlan& dispatch,
                            const CustomerTable& customers,
                            const ResultStore& store) {
  const v1::DunningSettings& settings = request.settings();
  EvalContext ctx;
  ctx.as_of = as_of;
  ctx.rates = &rates;
  ctx.day_count = request.options().day_count();
  ctx.shift_due_dates = !request.options().has_shift_due_dates() ||
                        request.options().shift_due_dates();
  ctx.profiles = &customers.profiles();
  // A cutoff of spaces is no cutoff ("send til alle"), as CheckCutoff
  // ignores the spaces around one (Unicode spaces too).
  ctx.start_from = StripSpaces(settings.start_from_invoice_number());
  ctx.minimum_amount = settings.minimum_amount();
  ctx.dispatch = &dispatch;
  ctx.omit_history = request.options().omit_history_in_results();
  ctx.store_writes_copies = store.WritesCopies();
  return ctx;
}

// The shards' actions in request order (one per invoice at most), whatever
// the split. One shard's are in that order already: taken, not copied.
LargeVector<ActionEntry> MergedActions(std::vector<ShardOutput>& shards) {
  LargeVector<ActionEntry> actions = std::move(shards[0].actions);
  shards[0].actions.clear();  // owned by actions now
  for (size_t s = 1; s < shards.size(); ++s) {
    for (ActionEntry& entry : shards[s].actions) actions.push_back(entry);
    shards[s].actions.clear();
  }
  if (shards.size() > 1) {
    std::sort(actions.begin(), actions.end(), [](const auto& a, const auto& b) {
      return a.invoice < b.invoice;
    });
  }
  return actions;
}

// The invoices the next dispatch will also carry out, in request order, by
// number (views of the request, taken while the source gives them).
std::vector<absl::string_view> UpcomingNumbers(std::vector<ShardOutput>& shards,
                                               const InvoiceSource& source) {
  std::vector<int32_t> upcoming = std::move(shards[0].upcoming);
  for (size_t s = 1; s < shards.size(); ++s) {
    upcoming.insert(upcoming.end(), shards[s].upcoming.begin(),
                    shards[s].upcoming.end());
  }
  if (shards.size() > 1) std::sort(upcoming.begin(), upcoming.end());
  std::vector<absl::string_view> numbers;
  numbers.reserve(upcoming.size());
  for (const int32_t i : upcoming) numbers.push_back(source.Number(i));
  return numbers;
}

// The notices among the actions, as the letters take them.
LargeVector<LetterItem> LetterItemsOf(const LargeVector<ActionEntry>& actions,
                                      const std::vector<ActionRecords>& records,
                                      const InvoiceSource& source) {
  const absl::Span<const int32_t> customer_of = source.customer_ordinals();
  LargeVector<LetterItem> items;
  items.reserve(std::count_if(
      actions.begin(), actions.end(), [](const ActionEntry& entry) {
        return entry.kind == v1::ACTION_KIND_SEND_NOTICE;
      }));
  for (const ActionEntry& entry : actions) {
    if (entry.kind != v1::ACTION_KIND_SEND_NOTICE) continue;
    const ActionRecords& shard = records[entry.shard];
    items.push_back({customer_of[entry.invoice], shard.string(entry.letter_id),
                     source.Number(entry.invoice), shard.line(entry),
                     shard.line_link(entry), entry.line_interest, entry.step,
                     shard.string(entry.date), shard.string(entry.deadline),
                     entry.automatic, entry.fee, entry.compensation,
                     entry.amount_claimed});
  }
  return items;
}

void WriteNextDispatch(const DispatchPlan& dispatch,
                       const LargeVector<ActionEntry>& actions,
                       const std::vector<ActionRecords>& records,
                       absl::Span<const absl::string_view> upcoming_numbers,
                       int32_t automatic_letters,
                       v1::EvaluateResponse* response) {
  v1::NextDispatch* next = response->mutable_next_dispatch();
  next->set_enabled(dispatch.enabled);
  if (!dispatch.enabled) return;
  *next->mutable_instant() = ToTimestamp(dispatch.instant);
  next->set_date(FormatDate(dispatch.date));
  for (const ActionEntry& entry : actions) {
    // A notice without a letter (no address) cannot be dispatched.
    const bool sendable =
        entry.kind != v1::ACTION_KIND_SEND_NOTICE || entry.letter_id.size > 0;
    if (entry.automatic && sendable) {
      const absl::string_view id = records[entry.shard].string(entry.id);
      next->add_action_ids(id.data(), id.size());
    }
  }
  next->set_letter_count(automatic_letters);
  for (const absl::string_view number : upcoming_numbers) {
    next->add_upcoming_invoice_numbers(number.data(), number.size());
  }
}

// Evaluates every invoice into store and fills the response fields after
// the results (6 to 15) from the kept results. What each step no longer
// needs is freed before the next is built (peak memory, F22).
absl::Status EvaluateWith(const v1::EvaluateRequest& request,
                          InvoiceSource& source, const ShardPlan& plan,
                          ResultStore* store, v1::EvaluateResponse* response) {
  const v1::DunningSettings& settings = request.settings();
  const absl::Time as_of_time = FromTimestamp(request.as_of());
  const absl::CivilDay as_of = OsloDate(as_of_time);

  std::vector<v1::Warning> warnings;
  absl::StatusOr<RateBook> rates =
      RateBook::Build(request.rate_tables(), as_of, &warnings);
  if (!rates.ok()) return rates.status();
  const DispatchPlan dispatch = PlanNextDispatch(settings, as_of_time);
  WarnAboutDispatchRates(dispatch, *rates, as_of, &warnings);
  const CustomerTable& customers = source.customer_table();
  const EvalContext ctx =
      MakeEvalContext(request, as_of, *rates, dispatch, customers, *store);
  // Notices are proposed for the as-of date or the next dispatch's, never
  // before: only letters recorded from then on can share their ids.
  LetterIds letter_ids_taken;
  source.LetterIdsSentFrom(as_of, &letter_ids_taken);

  StatusSummaries summaries(plan.invoice_count);
  std::vector<ShardOutput> shards(plan.shard_count());
  std::vector<ActionRecords> records(plan.shard_count());
  source.SetShardCount(plan.shard_count());
  const ShardJob job{
      &source,    &ctx,     &customers, &plan,    store,
      &summaries, &request, &*rates,    &records, &letter_ids_taken};
  RunShards(job, shards);
  if (absl::Status s = FirstError(shards); !s.ok()) return s;
  if (absl::Status s = source.AfterShards(); !s.ok()) return s;

  const LargeVector<ActionEntry> actions = MergedActions(shards);
  for (auto list : {&ShardOutput::cutoff_not_numeric,
                    &ShardOutput::interest_before_rate_tables,
                    &ShardOutput::history_warnings}) {
    for (v1::Warning& warning : MergedWarnings(shards, list)) {
      warnings.push_back(std::move(warning));
    }
  }
  const std::vector<absl::string_view> upcoming_numbers =
      UpcomingNumbers(shards, source);
  LargeVector<LetterItem> letter_items =
      LetterItemsOf(actions, records, source);
  // Nothing reads the invoices after this: the statuses are counted now, so
  // that the source frees its spans and index before the letters are built
  // (the numbers it gave are views of the request, still valid).
  const absl::Status counted = CountStatuses(source, summaries, response);
  summaries = StatusSummaries(0);
  source.Done();
  int32_t automatic_letters = 0;
  if (absl::Status s = BuildLetters(
          letter_items, customers, source.customers(), settings,
          response->mutable_letters(),
          response->mutable_customers_missing_address(),
          [&](absl::Span<const absl::string_view> lines) {
            if (response->letters().rbegin()->automatic()) ++automatic_letters;
            store->TakeLetter(response, lines);
          });
      !s.ok()) {
    return s;
  }
  // The lines are in the letters now: freed before the rest is built.
  LargeVector<LetterItem>().swap(letter_items);
  for (ActionRecords& shard : records) shard.FreeLines();
  const absl::Span<ActionRecords> shard_records = absl::MakeSpan(records);
  for (const auto& [field, gather] :
       {std::pair{v1::EvaluateResponse::kActionsFieldNumber,
                  &ActionRecords::GatherActions},
        {v1::EvaluateResponse::kPostingsFieldNumber,
         &ActionRecords::GatherPostings},
        {v1::EvaluateResponse::kCollectionHandOffsFieldNumber,
         &ActionRecords::GatherCaseFiles}}) {
    MallocBuffer fields = gather(shard_records, actions);
    store->TakeFields(response, field, &fields);
  }
  WriteNextDispatch(dispatch, actions, records, upcoming_numbers,
                    automatic_letters, response);
  for (ActionRecords& shard : records) shard.FreeStrings();

  for (size_t s = 1; s < shards.size(); ++s) {
    shards[0].reports.Merge(shards[s].reports);
  }
  if (!counted.ok()) return counted;
  PURRING_RETURN_IF_ERROR(
      shards[0].reports.Finish(settings.provider_pricing(), response));
  for (v1::Warning& warning : warnings) {
    *response->add_warnings() = std::move(warning);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status EvaluateValidated(const v1::EvaluateRequest& request,
                               const RequestIndex& index,
                               v1::EvaluateResponse* response) {
  TreeInvoiceSource source(request, index);
  const ShardPlan plan = PlanShards(request, index);
  FillHead(request, response);
  TreeResultStore store(plan.invoice_count, response);
  return EvaluateWith(request, source, plan, &store, response);
}

absl::Status EvaluateValidatedToBytes(const v1::EvaluateRequest& request,
                                      const RequestIndex& index,
                                      MallocBuffer* out) {
  TreeInvoiceSource source(request, index);
  return EvaluateSourceToBytes(request, source, out);
}

namespace {

// A response is a few times its request (2.4 times for the demo
// generator's ledgers: each result repeats its invoice's numbers, dates and
// history, and adds its own). Starting the buffers that large avoids
// growing them while they fill: a buffer that malloc serves from memory a
// previous evaluation freed cannot grow by moving pages, so each doubling
// copied everything written so far (about 190 MB of copying on a
// 1 000 000-invoice ledger, evaluated more than once in a process).
constexpr size_t kExpectedResponsePerRequestByte = 3;

size_t ExpectedResponseBytes(size_t request_bytes) {
  constexpr size_t kLimit = size_t{INT_MAX};  // a larger response is refused
  return std::min(kLimit, request_bytes * kExpectedResponsePerRequestByte);
}

}  // namespace

SerializedResponse HandOver(MallocBuffer* bytes) {
  SerializedResponse response;
  response.size = bytes->size();
  response.data.reset(bytes->Release());
  return response;
}

namespace {

// EvaluateSourceToBytes's and EvaluateSourceToWriter's work: the response
// into *out, or handed to *writer (exactly one of them is given).
absl::Status EvaluateSource(const v1::EvaluateRequest& request,
                            InvoiceSource& source, MallocBuffer* out,
                            PieceWriter* writer,
                            absl::FunctionRef<void()> request_done) {
  const ShardPlan plan =
      PlanShards(request.options().threads(), source.customers().size(),
                 source.customer_ordinals());
  std::string head;
  {
    v1::EvaluateResponse head_fields;
    FillHead(request, &head_fields);
    head = head_fields.SerializeAsString();
  }
  StreamedResultStore store(plan.invoice_count, plan.shard_count(), head,
                            ExpectedResponseBytes(source.request_bytes()),
                            writer);
  // The actions and the rest of the response live here until serialized.
  google::protobuf::Arena arena(LargeArenaOptions());
  auto* tail =
      google::protobuf::Arena::CreateMessage<v1::EvaluateResponse>(&arena);
  if (absl::Status s = EvaluateWith(request, source, plan, &store, tail);
      !s.ok()) {
    return s;
  }
  request_done();  // before the rest of the response is serialized
  store.TakeRest(*tail);
  arena.Reset();  // the tail, serialized: freed before the response grows
  return writer != nullptr ? store.FinishWriting() : store.Finish(out);
}

}  // namespace

absl::Status EvaluateSourceToBytes(const v1::EvaluateRequest& request,
                                   InvoiceSource& source, MallocBuffer* out,
                                   absl::FunctionRef<void()> request_done) {
  return EvaluateSource(request, source, out, nullptr, request_done);
}

absl::Status EvaluateSourceToWriter(const v1::EvaluateRequest& request,
                                    InvoiceSource& source, PieceWriter* writer,
                                    absl::FunctionRef<void()> request_done) {
  return EvaluateSource(request, source, nullptr, writer, request_done);
}

}  // namespace purring::internal
