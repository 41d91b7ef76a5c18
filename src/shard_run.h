// Running an evaluation's shards: each evaluates its customers' invoices
// (EvaluateInvoice) on a thread of its own and writes their results to the
// store and their action records to its ActionRecords; then their outputs
// are merged in request order.
#ifndef PURRING_SRC_SHARD_RUN_H_
#define PURRING_SRC_SHARD_RUN_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "action_records.h"
#include "invoice_source.h"
#include "large_allocator.h"
#include "money/rate_book.h"
#include "money/reports.h"
#include "process/customer_table.h"
#include "process/invoice_eval.h"
#include "process/letters.h"
#include "purring/v1/evaluate.pb.h"
#include "result_store.h"
#include "shard_plan.h"

namespace purring::internal {

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

// Runs every shard, one per thread (this thread runs the first). A shard's
// failure, or an exception it caught, is in its status.
void RunShards(const ShardJob& job, std::vector<ShardOutput>& shards);

// The error of the first failing invoice in request order, whatever the
// split: each shard stops at its own first failure. Errors not tied to an
// invoice (out of memory) come first.
absl::Status FirstError(const std::vector<ShardOutput>& shards);

// Every shard's warnings of one kind, merged in request order.
std::vector<v1::Warning> MergedWarnings(
    std::vector<ShardOutput>& shards,
    std::vector<InvoiceWarning> ShardOutput::*list);

}  // namespace purring::internal

#endif  // PURRING_SRC_SHARD_RUN_H_
