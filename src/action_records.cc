#include "action_records.h"

#include <climits>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "money/postings.h"
#include "process/handoff.h"
#include "process/letters.h"
#include "process/naming.h"
#include "record_wire.h"
#include "validate_checks.h"
#include "wire_fields.h"

namespace purring::internal {
namespace {

// A shard's records past this are refused (ByteSpan's 32 bits, and a
// response of 2 GiB or more is refused anyway).
constexpr size_t kMaxRecordsBytes = INT_MAX;

absl::Status TooLarge() {
  return absl::ResourceExhaustedError(
      "the response would be more than 2 GiB: evaluate the ledger in parts "
      "(by customer)");
}

// Appends a record of type Message and `size` bytes, which write(at) writes
// and returns the end of, to `buffer` (as field `field` of EvaluateResponse,
// or bare when field is 0) and sets *range to where it is. INTERNAL when the
// writer wrote other than the size measured (a defect in record_wire.h): no
// response goes out with bytes left unwritten.
template <typename Message, typename Write>
absl::Status AppendWritten(size_t size, int field, MallocBuffer* buffer,
                           ByteSpan* range, const Write& write) {
  const size_t offset = buffer->size();
  const size_t bytes = field != 0 ? FieldBytes(field, size) : size;
  if (offset + bytes > kMaxRecordsBytes) return TooLarge();
  uint8_t* at = reinterpret_cast<uint8_t*>(buffer->Reserve(bytes));
  if (field != 0) at = WriteFieldHead(field, static_cast<uint32_t>(size), at);
  const uint8_t* end = write(at);
  buffer->Commit(bytes);
  if (end != at + size) {
    return absl::InternalError(absl::StrCat(
        "internal error: a ", Message::descriptor()->name(),
        " was written in other than the bytes measured for it"));
  }
  *range = {static_cast<uint32_t>(offset), static_cast<uint32_t>(bytes)};
  return absl::OkStatus();
}

// The same for a message, written by record_wire.h's WriteRecordFields.
template <typename Record>
absl::Status Append(const Record& record, int field, MallocBuffer* buffer,
                    ByteSpan* range) {
  return AppendWritten<Record>(
      record.ByteSizeLong(), field, buffer, range,
      [&record](uint8_t* at) { return WriteRecordFields(record, at); });
}

bool AppendString(absl::string_view text, MallocBuffer* buffer,
                  ByteSpan* range) {
  if (buffer->size() + text.size() > kMaxRecordsBytes) return false;
  *range = {static_cast<uint32_t>(buffer->size()),
            static_cast<uint32_t>(text.size())};
  buffer->Append(text.data(), text.size());
  return true;
}

}  // namespace

absl::Status ActionRecords::Build(const Sources& sources,
                                  v1::ProposedAction* action,
                                  ActionEntry* entry) {
  if (sources.hand_off_only) return BuildCaseFile(sources, *action, entry);
  const bool notice = action->kind() == v1::ACTION_KIND_SEND_NOTICE;
  // How a SEND_NOTICE's letter goes; none: the customer is missing an
  // address for it.
  v1::Channel channel = v1::CHANNEL_UNSPECIFIED;
  if (notice) {
    letter_id_.clear();
    AppendLetterId(sources.invoice->customer_id(), action->step(),
                   action->date(), &letter_id_);
    if (sources.letter_ids_taken != nullptr) {
      MakeLetterIdFree(*sources.letter_ids_taken, &letter_id_);
    }
    channel =
        NoticeChannel(*sources.customer_facts, action->step(), action->date());
    if (channel != v1::CHANNEL_UNSPECIFIED) {
      action->set_letter_id(letter_id_);
      action->set_channel(channel);
    } else {
      // No letter, so no automatic dispatch can send it (evaluate.proto).
      action->set_automatic(false);
    }
  }
  entry->kind = action->kind();
  entry->step = action->step();
  entry->automatic = action->automatic();
  entry->fee = action->fee();
  entry->compensation = action->compensation();
  entry->amount_claimed = action->amount_claimed();
  PURRING_RETURN_IF_ERROR(Append(
      *action, v1::EvaluateResponse::kActionsFieldNumber, &actions_,
      &entry->action));
  if (!AppendString(action->id(), &strings_, &entry->id) ||
      !AppendString(action->date(), &strings_, &entry->date) ||
      !AppendString(action->deadline(), &strings_, &entry->deadline) ||
      !AppendString(action->letter_id(), &strings_, &entry->letter_id)) {
    return TooLarge();
  }

  if (notice) {
    line_.Clear();
    FillLetterLine(*sources.invoice, sources.result->balance(), *action,
                   letter_id_, sources.settings->objection_link_template(),
                   &line_);
    entry->line_interest = line_.interest();
    // Refused only where a letter will print it: a customer who cannot be
    // written to gets none, and is listed as missing an address instead.
    if (line_.objection_link().size() > kMaxObjectionLinkBytes &&
        channel != v1::CHANNEL_UNSPECIFIED) {
      return absl::InvalidArgumentError(absl::StrCat(
          "invoice ", Quote(sources.invoice->number()),
          ": its objection link would be more than ", kMaxObjectionLinkBytes,
          " bytes: shorten settings.objection_link_template, or the invoice "
          "number, customer id or letter id its placeholders carry"));
    }
    PURRING_RETURN_IF_ERROR(Append(line_, 0, &lines_, &entry->line));
    // LetterLine's last field is its objection link (evaluate.proto): the
    // letter reads it there instead of making it again from the invoice.
    static_assert(v1::LetterLine::kObjectionLinkFieldNumber == 13);
    const auto link_size =
        static_cast<uint32_t>(line_.objection_link().size());
    entry->line_link = {entry->line.offset + entry->line.size - link_size,
                        link_size};

    // Written from the action without LedgerPosting messages: setting each
    // posting's dozen strings in a message cost more than writing them.
    const v1::AccountingSettings& accounting = sources.settings->accounting();
    const size_t offset = postings_.size();
    ByteSpan one;
    for (const PostingLine& line : PostingLinesOf(*action, accounting)) {
      PURRING_RETURN_IF_ERROR(AppendWritten<v1::LedgerPosting>(
          PostingByteSize(line, *action, accounting),
          v1::EvaluateResponse::kPostingsFieldNumber, &postings_, &one,
          [&](uint8_t* at) {
            return WritePostingFields(line, *action, accounting, at);
          }));
    }
    entry->postings = {static_cast<uint32_t>(offset),
                       static_cast<uint32_t>(postings_.size() - offset)};
  } else if (action->kind() == v1::ACTION_KIND_TRANSFER_TO_COLLECTION) {
    return BuildCaseFile(sources, *action, entry);
  }
  return absl::OkStatus();
}

absl::Status ActionRecords::BuildCaseFile(const Sources& sources,
                                          const v1::ProposedAction& action,
                                          ActionEntry* entry) {
  const v1::Customer* debtor =
      case_parts_.Debtor(sources.customers->Get(sources.customer, &debtor_));
  const absl::Span<const v1::Notice* const> notices =
      case_parts_.Notices(sources.notices, sources.charges, sources.as_of);
  const HandOffInput hand_off{&action,
                              debtor,
                              sources.invoice,
                              sources.result,
                              sources.dates,
                              notices,
                              sources.principal_at_transfer};
  case_file_.Clear();
  // Given back however this scope ends: if an allocation throws while the
  // file holds borrowed parts, its destructor must not free them.
  const absl::Cleanup give_back = [this] { ReturnBorrowedParts(&case_file_); };
  BuildCaseFileInto(hand_off, *sources.settings, *sources.rates, &case_file_);
  return Append(case_file_,
                v1::EvaluateResponse::kCollectionHandOffsFieldNumber,
                &case_files_, &entry->case_file);
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
    const ByteSpan where = entry.*range;
    gathered.Append((shards[entry.shard].*records).data() + where.offset,
                    where.size);
  }
  for (ActionRecords& shard : shards) MallocBuffer().swap(shard.*records);
  return gathered;
}

MallocBuffer ActionRecords::GatherActions(
    absl::Span<ActionRecords> shards, absl::Span<const ActionEntry> actions) {
  return Gather(shards, actions, &ActionRecords::actions_,
                &ActionEntry::action);
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
