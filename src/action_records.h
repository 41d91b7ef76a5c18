// What a shard makes of each of its actions while the action's invoice and
// result are at hand: the action serialized (with its letter id and channel
// once its customer is known to be reachable), a SEND_NOTICE's letter line
// and postings, a TRANSFER_TO_COLLECTION's case file, and the few values
// the letters and the next dispatch read. Nothing of an invoice, its result
// or its action is kept as a message after its shard moves on; the records
// are put together in request order once the shards are done.
#ifndef PURRING_SRC_ACTION_RECORDS_H_
#define PURRING_SRC_ACTION_RECORDS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "byte_span.h"
#include "customer_reader.h"
#include "malloc_buffer.h"
#include "money/rate_book.h"
#include "process/customer_table.h"
#include "process/handoff.h"
#include "process/letters.h"
#include "process/result_dates.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// A proposed action: what the letters and the next dispatch read of it, and
// where its records are in its shard's ActionRecords.
struct ActionEntry {
  int32_t invoice = 0;
  int32_t shard = 0;
  v1::ActionKind kind = v1::ACTION_KIND_UNSPECIFIED;
  v1::StepKind step = v1::STEP_KIND_UNSPECIFIED;
  bool automatic = false;
  int64_t fee = 0;
  int64_t compensation = 0;
  int64_t amount_claimed = 0;
  int64_t line_interest = 0;  // SEND_NOTICE: its letter line's interest
  ByteSpan id, date, deadline;  // the action's, in the shard's strings
  // A SEND_NOTICE's letter id, there too; empty when its customer can be
  // written to by no channel.
  ByteSpan letter_id;
  ByteSpan action;     // an EvaluateResponse.actions field
  ByteSpan line;       // SEND_NOTICE: a serialized LetterLine
  // SEND_NOTICE: the line's objection link, its last field (13), so the
  // line's last bytes. The letter's link is its first line's.
  ByteSpan line_link;
  ByteSpan postings;   // SEND_NOTICE: EvaluateResponse.postings fields
  // TRANSFER_TO_COLLECTION, or no kind for a recorded transfer's case file
  // alone (Sources::hand_off_only): a collection_hand_offs field.
  ByteSpan case_file;
};

// One shard's records, serialized back to back, and the scratch messages
// they are built in. Thread safety: one per shard.
class ActionRecords {
 public:
  // What the records of an action are built from.
  struct Sources {
    const v1::Invoice* invoice;
    absl::Span<const v1::Notice* const> notices;  // by sent date
    // A TRANSFER_TO_COLLECTION's: the notices' charges as cut, same order,
    // and the as-of date (its case file shows what the claim includes).
    absl::Span<const NoticeCharge> charges;
    absl::CivilDay as_of;
    const v1::InvoiceResult* result;
    const ResultDates* dates;  // the result's
    const CustomerFacts* customer_facts;
    // The customer's message, read only for a case file: invoices name
    // their customers in any order, and on a large ledger finding the
    // message was a cache miss for every action (3 % of an evaluation).
    const CustomerReader* customers;
    int customer;  // its position in the request's customers
    const v1::DunningSettings* settings;
    const RateBook* rates;
    // *action is a recorded transfer's, not proposed: only its case file
    // is recorded, and *entry is of no kind (no action, letter or posting).
    bool hand_off_only = false;
    // A TRANSFER_TO_COLLECTION's principal outstanding at its date
    // (InvoiceOutput::principal_at_transfer).
    int64_t principal_at_transfer = 0;
    // The recorded letter ids a SEND_NOTICE's letter may not take
    // (MakeLetterIdFree); nullptr: none.
    const LetterIds* letter_ids_taken = nullptr;
  };

  // Records *action (completing a SEND_NOTICE with its letter id and
  // channel when its customer can be written to) and fills *entry but for
  // its invoice and shard. RESOURCE_EXHAUSTED when the shard's records pass
  // 2 GiB: the response would be refused.
  absl::Status Build(const Sources& sources, v1::ProposedAction* action,
                     ActionEntry* entry);

  absl::string_view line(const ActionEntry& entry) const {
    return View(lines_, entry.line);
  }
  absl::string_view line_link(const ActionEntry& entry) const {
    return View(lines_, entry.line_link);
  }
  // One of entry's strings (id, date, deadline).
  absl::string_view string(ByteSpan range) const {
    return View(strings_, range);
  }
  // Frees the lines, once they are in the letters.
  void FreeLines() { MallocBuffer().swap(lines_); }
  // Frees the strings, once the letters and the next dispatch are built.
  void FreeStrings() { MallocBuffer().swap(strings_); }

  // Every shard's actions (postings, case files), as EvaluateResponse
  // fields in request order. shards: every shard's records; actions: every
  // action, in request order. A single shard's buffer is taken as it is;
  // the shards' buffers are freed.
  static MallocBuffer GatherActions(absl::Span<ActionRecords> shards,
                                    absl::Span<const ActionEntry> actions);
  static MallocBuffer GatherPostings(absl::Span<ActionRecords> shards,
                                     absl::Span<const ActionEntry> actions);
  static MallocBuffer GatherCaseFiles(absl::Span<ActionRecords> shards,
                                      absl::Span<const ActionEntry> actions);

 private:
  static absl::string_view View(const MallocBuffer& buffer, ByteSpan range) {
    return absl::string_view(buffer.data() + range.offset, range.size);
  }
  // Records the case file of a TRANSFER_TO_COLLECTION *action in
  // entry->case_file.
  absl::Status BuildCaseFile(const Sources& sources,
                             const v1::ProposedAction& action,
                             ActionEntry* entry);
  template <typename Records, typename Range>
  static MallocBuffer Gather(absl::Span<ActionRecords> shards,
                             absl::Span<const ActionEntry> actions,
                             Records records, Range range);

  MallocBuffer actions_{"a shard's actions"};
  MallocBuffer strings_{"a shard's action strings"};
  MallocBuffer lines_{"a shard's letter lines"};
  MallocBuffer postings_{"a shard's postings"};
  MallocBuffer case_files_{"a shard's case files"};
  v1::LetterLine line_;
  std::string letter_id_;
  v1::CollectionCaseFile case_file_;
  CustomerScratch debtor_;  // for a case file's debtor
  CaseFileScratch case_parts_;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_ACTION_RECORDS_H_
