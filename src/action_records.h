// What a shard builds for each of its actions while the action's invoice
// and result are at hand: a SEND_NOTICE's letter line and postings, a
// TRANSFER_TO_COLLECTION's case file. Nothing of an invoice or its result
// is kept after its shard moves on; the records are put together in request
// order once the shards are done.
#ifndef PURRING_SRC_ACTION_RECORDS_H_
#define PURRING_SRC_ACTION_RECORDS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "malloc_buffer.h"
#include "money/rate_book.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

struct ByteRange {
  size_t offset = 0;
  size_t size = 0;
};

// A proposed action, with where its records are in its shard's
// ActionRecords.
struct ActionEntry {
  int invoice = 0;
  int shard = 0;
  v1::ProposedAction* action = nullptr;
  int64_t line_interest = 0;  // SEND_NOTICE: its letter line's interest
  ByteRange line;             // SEND_NOTICE: a serialized LetterLine
  ByteRange postings;   // SEND_NOTICE: EvaluateResponse.postings fields
  ByteRange case_file;  // TRANSFER_TO_COLLECTION: a collection_hand_offs field
};

// One shard's records, serialized back to back, and the scratch messages
// they are built in. Thread safety: one per shard.
class ActionRecords {
 public:
  // What the records of an action are built from.
  struct Sources {
    const v1::Invoice* invoice;
    absl::Span<const v1::Notice* const> notices;  // by sent date
    const v1::InvoiceResult* result;
    const v1::Customer* customer;
    const v1::DunningSettings* settings;
    const RateBook* rates;
  };

  // Builds entry's action's records (none for other kinds of action).
  void Build(const Sources& sources, ActionEntry* entry);

  absl::string_view line(const ActionEntry& entry) const {
    return View(lines_, entry.line);
  }
  // Frees the lines, once they are in the letters.
  void FreeLines() { MallocBuffer().swap(lines_); }

  // Every shard's postings (or case files), as EvaluateResponse fields in
  // request order. shards: every shard's records; actions: every action, in
  // request order. A single shard's buffer is taken as it is; the shards'
  // buffers are freed.
  static MallocBuffer GatherPostings(absl::Span<ActionRecords> shards,
                                     absl::Span<const ActionEntry> actions);
  static MallocBuffer GatherCaseFiles(absl::Span<ActionRecords> shards,
                                      absl::Span<const ActionEntry> actions);

 private:
  static absl::string_view View(const MallocBuffer& buffer, ByteRange range) {
    return absl::string_view(buffer.data() + range.offset, range.size);
  }
  template <typename Records, typename Range>
  static MallocBuffer Gather(absl::Span<ActionRecords> shards,
                             absl::Span<const ActionEntry> actions,
                             Records records, Range range);

  MallocBuffer lines_;
  MallocBuffer postings_;
  MallocBuffer case_files_;
  v1::LetterLine line_;
  std::string letter_id_;
  google::protobuf::RepeatedPtrField<v1::LedgerPosting> posting_scratch_;
  v1::CollectionCaseFile case_file_;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_ACTION_RECORDS_H_
