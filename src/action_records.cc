#include "action_records.h"

#include "money/postings.h"
#include "process/handoff.h"
#include "process/letters.h"
#include "wire_fields.h"

namespace purring::internal {
namespace {

// Appends `message` to `buffer` (as field `field` of EvaluateResponse, or
// bare when field is 0) and returns where it is.
ByteRange Append(const google::protobuf::MessageLite& message, int field,
                 MallocBuffer* buffer) {
  const size_t offset = buffer->size();
  if (field != 0) {
    AppendField(field, message, buffer);
  } else {
    const size_t size = message.ByteSizeLong();
    message.SerializeWithCachedSizesToArray(
        reinterpret_cast<uint8_t*>(buffer->Reserve(size)));
    buffer->Commit(size);
  }
  return {offset, buffer->size() - offset};
}

}  // namespace

void ActionRecords::Build(const Sources& sources, ActionEntry* entry) {
  const v1::ProposedAction& action = *entry->action;
  if (action.kind() == v1::ACTION_KIND_SEND_NOTICE) {
    letter_id_.clear();
    AppendLetterId(sources.invoice->customer_id(), action, &letter_id_);
    line_.Clear();
    FillLetterLine(*sources.invoice, sources.result->balance(), action,
                   letter_id_, sources.settings->objection_link_template(),
                   &line_);
    entry->line_interest = line_.interest();
    entry->line = Append(line_, 0, &lines_);

    posting_scratch_.Clear();  // keeps the messages for the next action
    AppendPostings(action, sources.settings->accounting(), &posting_scratch_);
    const size_t offset = postings_.size();
    for (const v1::LedgerPosting& posting : posting_scratch_) {
      Append(posting, v1::EvaluateResponse::kPostingsFieldNumber, &postings_);
    }
    entry->postings = {offset, postings_.size() - offset};
  } else if (action.kind() == v1::ACTION_KIND_TRANSFER_TO_COLLECTION) {
    const HandOffInput hand_off{&action, sources.customer, sources.invoice,
                                sources.result, sources.notices};
    case_file_.Clear();
    BuildCaseFileInto(hand_off, *sources.settings, *sources.rates, &case_file_);
    entry->case_file = Append(
        case_file_, v1::EvaluateResponse::kCollectionHandOffsFieldNumber,
        &case_files_);
  }
}

template <typename Records, typename Range>
MallocBuffer ActionRecords::Gather(absl::Span<ActionRecords> shards,
                                   absl::Span<const ActionEntry> actions,
                                   Records records, Range range) {
  MallocBuffer gathered;
  if (shards.size() == 1) {
    // One shard's records are in request order already.
    gathered.swap(shards[0].*records);
    return gathered;
  }
  size_t total = 0;
  for (const ActionRecords& shard : shards) total += (shard.*records).size();
  gathered.ReserveExact(total);
  for (const ActionEntry& entry : actions) {
    const ByteRange where = entry.*range;
    gathered.Append((shards[entry.shard].*records).data() + where.offset,
                    where.size);
  }
  for (ActionRecords& shard : shards) MallocBuffer().swap(shard.*records);
  return gathered;
}

MallocBuffer ActionRecords::GatherPostings(
    absl::Span<ActionRecords> shards, absl::Span<const ActionEntry> actions) {
  return Gather(shards, actions, &ActionRecords::postings_,
                &ActionEntry::postings);
}

MallocBuffer ActionRecords::GatherCaseFiles(
    absl::Span<ActionRecords> shards, absl::Span<const ActionEntry> actions) {
  return Gather(shards, actions, &ActionRecords::case_files_,
                &ActionEntry::case_file);
}

}  // namespace purring::internal
