// Orchestration of one evaluation: shared context built once, invoices
// evaluated in shards split by customer (one per thread), outputs merged in
// request order, then letters, postings, dispatch, hand-offs and reports.
#include "evaluator.h"

#include <algorithm>
#include <array>
#include <climits>
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
#include "process/letters.h"
#include "process/oslo_time.h"
#include "process/request_index.h"
#include "process/spaces.h"
#include "result_store.h"
#include "shard_plan.h"
#include "shard_run.h"
#include "validate_checks.h"

namespace purring::internal {
namespace {

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
