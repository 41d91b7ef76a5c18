// Orchestration of one evaluation: shared context built once, invoices
// evaluated in contiguous shards (one per thread), outputs merged in request
// order, then letters, postings, dispatch, hand-offs and reports.
#include "evaluator.h"

#include <algorithm>
#include <exception>
#include <map>
#include <new>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "dates.h"
#include "money/money_math.h"
#include "money/postings.h"
#include "money/rate_book.h"
#include "money/reports.h"
#include "process/dispatch.h"
#include "process/handoff.h"
#include "process/invoice_eval.h"
#include "process/letters.h"
#include "process/oslo_time.h"
#include "process/profiles.h"
#include "process/request_index.h"
#include "purring/limits.h"

namespace purring::internal {
namespace {

// What one shard of invoices [begin, end) produced.
struct ShardOutput {
  int begin = 0;
  int end = 0;
  // By invoice; on the response's arena, or owned here when it has none.
  std::vector<std::pair<int, v1::ProposedAction*>> actions;
  bool owns_actions = false;
  std::vector<int> cutoff_not_numeric;                      // invoices
  std::vector<int> interest_before_rate_tables;             // invoices
  ReportAccumulator reports;
  absl::Status status;

  ShardOutput() = default;
  ShardOutput(const ShardOutput&) = delete;
  ShardOutput& operator=(const ShardOutput&) = delete;
  ~ShardOutput() {
    if (!owns_actions) return;
    for (auto& entry : actions) delete entry.second;
  }
};

void RunShard(const v1::EvaluateRequest& request, const RequestIndex& index,
              const EvalContext& ctx, v1::EvaluateResponse* response,
              ShardOutput* shard) {
  InvoiceOutput output;
  output.arena = response->GetArena();
  shard->owns_actions = output.arena == nullptr;
  for (int i = shard->begin; i < shard->end; ++i) {
    InvoiceInput input;
    input.invoice = &request.invoices(i);
    input.customer = index.customer(i);
    input.notices = index.notices(i);
    input.collection_case = index.collection_case(i);
    if (input.customer == nullptr) {
      shard->status = absl::InvalidArgumentError(absl::StrCat(
          "invoice \"", input.invoice->number(), "\": customer_id \"",
          input.invoice->customer_id(), "\" is not a customer in the request"));
      return;
    }
    output.has_action = false;
    output.action = nullptr;
    output.cutoff_not_numeric = false;
    output.interest_before_rate_tables = false;
    absl::Status status = EvaluateInvoice(
        input, ctx, response->mutable_results(i), &output, &shard->reports);
    // Kept even on error, so that the shard frees it when it owns it.
    if (output.has_action) shard->actions.emplace_back(i, output.action);
    if (!status.ok()) {
      shard->status = std::move(status);
      return;
    }
    if (output.cutoff_not_numeric) shard->cutoff_not_numeric.push_back(i);
    if (output.interest_before_rate_tables) {
      shard->interest_before_rate_tables.push_back(i);
    }
  }
}

// RunShard with every exception turned into the shard's status: an exception
// escaping a worker thread would terminate the host process.
void RunShardGuarded(const v1::EvaluateRequest& request,
                     const RequestIndex& index, const EvalContext& ctx,
                     v1::EvaluateResponse* response, ShardOutput* shard) {
  try {
    RunShard(request, index, ctx, response, shard);
  } catch (const std::bad_alloc&) {
    shard->status = absl::ResourceExhaustedError("out of memory");
  } catch (const std::exception& e) {
    shard->status =
        absl::InternalError(absl::StrCat("internal error: ", e.what()));
  } catch (...) {
    shard->status = absl::InternalError("internal error");
  }
}

int ThreadCount(const v1::EvaluateRequest& request) {
  int threads = request.options().threads();
  threads = std::clamp(threads, 1, kMaxThreads);
  // A shard below a few thousand invoices costs more to start than it saves.
  const int useful = std::max(1, request.invoices_size() / 4096);
  return std::min(threads, useful);
}

v1::Warning OldInterestWarning(const v1::Invoice& invoice,
                               absl::CivilDay first_day) {
  v1::Warning warning;
  warning.set_code("INTEREST_BEFORE_RATE_TABLES");
  warning.set_message(absl::StrCat(
      "invoice \"", invoice.number(), "\": principal was outstanding before the "
      "rate tables begin (", FormatDate(first_day), "); no interest is computed "
      "for those days (supply older interest_rates rows to include them)"));
  warning.set_invoice_number(invoice.number());
  warning.set_customer_id(invoice.customer_id());
  return warning;
}

v1::Warning CutoffWarning(const v1::Invoice& invoice,
                          const std::string& start_from) {
  v1::Warning warning;
  warning.set_code("CUTOFF_NOT_NUMERIC");
  warning.set_message(absl::StrCat(
      "invoice number \"", invoice.number(), "\" and start_from_invoice_number \"",
      start_from, "\" are not both digits; compared byte-wise"));
  warning.set_invoice_number(invoice.number());
  warning.set_customer_id(invoice.customer_id());
  return warning;
}

absl::Status CountStatuses(v1::EvaluateResponse* response) {
  std::map<int, std::pair<int32_t, int64_t>> counts;
  for (const v1::InvoiceResult& result : response->results()) {
    auto& [count, balance] = counts[result.status()];
    ++count;
    // Overflow is an error, not a wrap (each balance is bounded, their sum
    // over a ledger is not).
    if (!AddMoney(result.balance().total(), &balance).ok()) {
      return absl::OutOfRangeError(absl::StrCat(
          "the balances of status ",
          v1::InvoiceStatus_Name(result.status()),
          " overflow 64-bit øre (at invoice \"", result.invoice_number(), "\")"));
    }
  }
  for (const auto& [status, entry] : counts) {
    v1::StatusCount* out = response->add_status_counts();
    out->set_status(static_cast<v1::InvoiceStatus>(status));
    out->set_count(entry.first);
    out->set_balance(entry.second);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status EvaluateValidated(const v1::EvaluateRequest& request,
                               const RequestIndex& index,
                               v1::EvaluateResponse* response) {
  const v1::DunningSettings& settings = request.settings();
  const absl::Time as_of_time = FromTimestamp(request.as_of());
  const absl::CivilDay as_of = OsloDate(as_of_time);

  std::vector<v1::Warning> warnings;
  absl::StatusOr<RateBook> rates =
      RateBook::Build(request.rate_tables(), as_of, &warnings);
  if (!rates.ok()) return rates.status();
  const ProfileTable profiles = ProfileTable::Build(settings);
  const DispatchPlan dispatch = PlanNextDispatch(settings, as_of_time);

  EvalContext ctx;
  ctx.as_of = as_of;
  ctx.rates = &*rates;
  ctx.day_count = request.options().day_count();
  ctx.shift_due_dates = !request.options().has_shift_due_dates() ||
                        request.options().shift_due_dates();
  ctx.profiles = &profiles;
  ctx.start_from = settings.start_from_invoice_number();
  ctx.dispatch = &dispatch;
  ctx.omit_history = request.options().omit_history_in_results();

  *response->mutable_as_of() = request.as_of();
  response->set_as_of_date(FormatDate(as_of));
  if (request.has_last_synchronized()) {
    *response->mutable_last_synchronized() = request.last_synchronized();
  }
  response->set_engine_version(PURRING_VERSION_STRING_INTERNAL);

  // Results are allocated up front so shards write disjoint elements.
  const int invoice_count = request.invoices_size();
  response->mutable_results()->Reserve(invoice_count);
  for (int i = 0; i < invoice_count; ++i) response->add_results();

  const int thread_count = ThreadCount(request);
  std::vector<ShardOutput> shards(thread_count);
  for (int s = 0; s < thread_count; ++s) {
    shards[s].begin = static_cast<int>(int64_t{invoice_count} * s / thread_count);
    shards[s].end =
        static_cast<int>(int64_t{invoice_count} * (s + 1) / thread_count);
  }
  if (thread_count == 1) {
    RunShardGuarded(request, index, ctx, response, &shards[0]);
  } else {
    std::vector<std::thread> threads;
    threads.reserve(thread_count - 1);
    int started = 1;
    for (; started < thread_count; ++started) {
      try {
        threads.emplace_back(RunShardGuarded, std::cref(request),
                             std::cref(index), std::cref(ctx), response,
                             &shards[started]);
      } catch (const std::system_error&) {
        break;  // No thread to be had: this thread runs the remaining shards.
      }
    }
    RunShardGuarded(request, index, ctx, response, &shards[0]);
    for (int s = started; s < thread_count; ++s) {
      RunShardGuarded(request, index, ctx, response, &shards[s]);
    }
    for (std::thread& t : threads) t.join();
  }
  // Shards are contiguous and in order: the first error is the first
  // failing invoice, whatever the thread count.
  for (const ShardOutput& shard : shards) {
    if (!shard.status.ok()) return shard.status;
  }

  std::vector<int> action_invoice;
  for (ShardOutput& shard : shards) {
    response->mutable_actions()->Reserve(response->actions_size() +
                                         static_cast<int>(shard.actions.size()));
    for (auto& [invoice, action] : shard.actions) {
      action_invoice.push_back(invoice);
      // Same arena (or both on the heap): ownership moves, nothing is copied.
      response->mutable_actions()->AddAllocated(action);
      action = nullptr;
    }
    shard.actions.clear();
    for (int invoice : shard.cutoff_not_numeric) {
      warnings.push_back(CutoffWarning(request.invoices(invoice),
                                       settings.start_from_invoice_number()));
    }
    for (int invoice : shard.interest_before_rate_tables) {
      warnings.push_back(OldInterestWarning(request.invoices(invoice),
                                            rates->first_day()));
    }
  }

  // Letters first: they set letter_id and channel on the actions.
  std::vector<LetterItem> letter_items;
  for (int a = 0; a < response->actions_size(); ++a) {
    v1::ProposedAction* action = response->mutable_actions(a);
    if (action->kind() != v1::ACTION_KIND_SEND_NOTICE) continue;
    const int invoice = action_invoice[a];
    letter_items.push_back({action, index.customer(invoice),
                            &request.invoices(invoice),
                            &response->results(invoice)});
  }
  if (absl::Status s =
          BuildLetters(letter_items, settings, response->mutable_letters(),
                       response->mutable_customers_missing_address());
      !s.ok()) {
    return s;
  }

  for (int a = 0; a < response->actions_size(); ++a) {
    const v1::ProposedAction& action = response->actions(a);
    const int invoice = action_invoice[a];
    if (action.kind() == v1::ACTION_KIND_SEND_NOTICE) {
      AppendPostings(action, settings.accounting(), response->mutable_postings());
    } else if (action.kind() == v1::ACTION_KIND_TRANSFER_TO_COLLECTION) {
      HandOffInput input{&action, index.customer(invoice),
                         &request.invoices(invoice), &response->results(invoice),
                         {index.notices(invoice).begin(),
                          index.notices(invoice).end()}};
      *response->add_collection_hand_offs() =
          BuildCaseFile(input, settings, *rates);
    }
  }

  v1::NextDispatch* next = response->mutable_next_dispatch();
  next->set_enabled(dispatch.enabled);
  if (dispatch.enabled) {
    *next->mutable_instant() = ToTimestamp(dispatch.instant);
    next->set_date(FormatDate(dispatch.date));
    for (const v1::ProposedAction& action : response->actions()) {
      // A notice without a letter (no address) cannot be dispatched.
      const bool sendable = action.kind() != v1::ACTION_KIND_SEND_NOTICE ||
                            !action.letter_id().empty();
      if (action.automatic() && sendable) next->add_action_ids(action.id());
    }
    int32_t letter_count = 0;
    for (const v1::ProposedLetter& letter : response->letters()) {
      if (letter.automatic()) ++letter_count;
    }
    next->set_letter_count(letter_count);
  }

  for (size_t s = 1; s < shards.size(); ++s) {
    shards[0].reports.Merge(shards[s].reports);
  }
  shards[0].reports.Finish(settings.provider_pricing(), response);
  if (absl::Status s = CountStatuses(response); !s.ok()) return s;
  for (v1::Warning& warning : warnings) {
    *response->add_warnings() = std::move(warning);
  }
  return absl::OkStatus();
}

}  // namespace purring::internal
