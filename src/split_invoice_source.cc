// SplitInvoiceSource: an invoice and its notices parsed and checked when
// their shard loads them.
#include "split_invoice_source.h"

#include <climits>
#include <cstdint>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "dates.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "known_fields.h"
#include "process/request_index.h"
#include "purring/limits.h"
#include "validate_checks.h"
#include "validate_records.h"

namespace purring::internal {
namespace {

absl::Status Unparsable(absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("a serialized ", what, " protobuf refuses"));
}

}  // namespace

SplitInvoiceSource::SplitInvoiceSource(RequestSplit split,
                                       CustomerReader customers,
                                       SplitIndex index, CustomerTable table)
    : split_(std::move(split)),
      customers_(std::move(customers)),
      index_(std::move(index)),
      table_(std::move(table)) {}

void SplitInvoiceSource::SetShardCount(int shard_count) {
  shards_.clear();
  for (int s = 0; s < shard_count; ++s) {
    shards_.push_back(std::make_unique<Shard>());
  }
}

absl::Status SplitInvoiceSource::Load(int shard, int slot, int invoice,
                                      InvoiceInput* input) {
  Shard& owner = *shards_[shard];
  Slot& s = owner.slots[slot];
  const InvoiceSpan& span = split_.invoices[invoice];
  if (!ParseRecord(split_.request, span.bytes, /*depth=*/1, &s.invoice)) {
    return Unparsable("invoice");
  }
  if (HasUnknownFieldsInside(s.invoice)) {
    PURRING_RETURN_IF_ERROR(CheckUnknownFieldsAreUnknown(
        s.invoice, absl::StrCat("invoices[", invoice, "]")));
  }
  const absl::Span<const uint32_t> positions = index_.notices_of(invoice);
  const size_t count = positions.size();
  while (s.notices.size() < count) {
    s.notices.push_back(std::make_unique<v1::Notice>());
  }
  s.sorted.resize(count);
  s.keys.resize(count);
  s.order.resize(count);
  for (size_t k = 0; k < count; ++k) {
    if (!ParseRecord(split_.request, split_.notices[positions[k]].bytes,
                     /*depth=*/2, s.notices[k].get())) {
      return Unparsable("notice");
    }
    if (HasUnknownFieldsInside(*s.notices[k])) {
      PURRING_RETURN_IF_ERROR(CheckUnknownFieldsAreUnknown(
          *s.notices[k], absl::StrCat("history.notices[", positions[k], "]")));
    }
    s.sorted[k] = s.notices[k].get();
  }
  const v1::CollectionCase* collection_case = index_.collection_case[invoice];
  if (absl::Status status =
          ValidateSplitInvoice(split_, span, s.invoice, positions,
                               s.sorted, collection_case, &owner.totals,
                               &s.days);
      !status.ok()) {
    return status;
  }
  // Sorted by sent date then step, the dates going along: their places are
  // sorted, and both put in that order.
  for (size_t k = 0; k < count; ++k) {
    s.keys[k] = NoticeSortKey(s.days.notices[k].sent, *s.notices[k]);
    s.order[k] = static_cast<uint32_t>(k);
  }
  SortInvoiceNotices(s.keys.data(), s.order.data(), count);
  s.unsorted_days.swap(s.days.notices);
  s.days.notices.resize(count);
  for (size_t j = 0; j < count; ++j) {
    s.sorted[j] = s.notices[s.order[j]].get();
    s.days.notices[j] = s.unsorted_days[s.order[j]];
  }
  PURRING_RETURN_IF_ERROR(CheckInvoiceNotices(s.sorted));
  input->invoice = &s.invoice;
  input->checked_days = &s.days;
  input->notices = s.sorted;
  input->collection_case = collection_case;
  return absl::OkStatus();
}

namespace {

// Whether the notice fields in [at, end), as protobuf writes them (a step,
// then a sent_date of ten bytes), show it sent before `first`: true for
// nearly every notice, read without a stream. False when they are written
// otherwise, for the stream to read.
bool SentBefore(const uint8_t* at, const uint8_t* end, absl::string_view first) {
  constexpr uint8_t kStepTag = 2 << 3, kSentDateTag = (3 << 3) | 2;
  if (at < end && *at == kStepTag) {
    ++at;
    while (at < end && (*at & 0x80) != 0) ++at;  // the varint's bytes
    if (at == end) return false;
    ++at;
  }
  if (end - at < 12 || at[0] != kSentDateTag || at[1] != first.size()) {
    return false;
  }
  return std::memcmp(at + 2, first.data(), first.size()) < 0;
}

}  // namespace

void SplitInvoiceSource::LetterIdsSentFrom(absl::CivilDay from,
                                           LetterIds* ids) const {
  using google::protobuf::internal::WireFormatLite;
  // history.proto: Notice.sent_date = 3, letter_id = 9.
  constexpr int kSentDate = 3, kLetterId = 9;
  const std::string first = FormatDate(from);  // dates compare as text
  const uint8_t* const base =
      reinterpret_cast<const uint8_t*>(split_.request.data());
  for (const NoticeSpan& notice : split_.notices) {
    // Its fields after the invoice number, read already.
    const ByteSpan& number = notice.invoice_number;
    const uint32_t start = number.offset + number.size;
    const uint32_t end = notice.bytes.offset + notice.bytes.size;
    if (SentBefore(base + start, base + end, first)) continue;
    google::protobuf::io::CodedInputStream in(base + start,
                                              static_cast<int>(end - start));
    absl::string_view sent, letter_id;
    bool read = true;
    for (uint32_t tag = in.ReadTag(); tag != 0 && read; tag = in.ReadTag()) {
      const int field = WireFormatLite::GetTagFieldNumber(tag);
      const bool text = WireFormatLite::GetTagWireType(tag) ==
                        WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
      if (text && field == kSentDate) {
        read = ReadStringView(&in, &sent);
        if (sent < first) break;  // most notices: sent before
      } else if (text && field == kLetterId) {
        read = ReadStringView(&in, &letter_id);
      } else {
        read = WireFormatLite::SkipField(&in, tag);
      }
    }
    if (!letter_id.empty() && sent >= first) ids->emplace(letter_id);
  }
}

void SplitInvoiceSource::Done() {
  split_ = RequestSplit();
  index_ = SplitIndex();
  shards_.clear();
}

absl::Status SplitInvoiceSource::AfterShards() {
  int64_t amounts = 0, payments = 0;
  for (const auto& shard : shards_) {
    // Each shard's sums are within kMaxLedgerTotal, and there are at most
    // kMaxThreads of them: their sum fits in 64 bits.
    amounts += shard->totals.amounts;
    payments += shard->totals.payments;
  }
  static_assert(kMaxLedgerTotal <= INT64_MAX / kMaxThreads);
  if (amounts > kMaxLedgerTotal || payments > kMaxLedgerTotal) {
    return absl::InvalidArgumentError("the ledger's totals are over the limit");
  }
  return absl::OkStatus();
}

}  // namespace purring::internal
