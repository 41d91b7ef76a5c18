// SplitRequest: one walk over the request's top-level fields (and the
// history's), with protobuf's CodedInputStream; everything protobuf parses
// is still parsed by protobuf.
#include "request_split.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/parse_context.h"
#include "google/protobuf/wire_format_lite.h"
#include "purring/limits.h"

namespace purring::internal {
namespace {

using google::protobuf::io::CodedInputStream;
using google::protobuf::internal::WireFormatLite;

static_assert(kMaxRequestBytes <= INT_MAX,
              "spans and CodedInputStream positions are int-sized");

constexpr uint32_t LengthDelimitedTag(int field) {
  return (static_cast<uint32_t>(field) << 3) |
         WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
}
// evaluate.proto: EvaluateRequest.customers = 4, invoices = 5, history = 6;
// history.proto: DunningHistory.notices = 1; ledger.proto: Invoice.number =
// 1, customer_id = 2; Notice.invoice_number = 1.
constexpr uint32_t kCustomersTag = LengthDelimitedTag(4);
constexpr uint32_t kInvoicesTag = LengthDelimitedTag(5);
constexpr uint32_t kHistoryTag = LengthDelimitedTag(6);
constexpr uint32_t kNoticesTag = LengthDelimitedTag(1);
constexpr uint32_t kFirstStringTag = LengthDelimitedTag(1);
constexpr uint32_t kSecondStringTag = LengthDelimitedTag(2);

// Merges the fields in [begin, end) into *message, which lies `depth`
// levels below the request, with the nesting budget it has there.
bool MergeFields(const uint8_t* begin, const uint8_t* end, int depth,
                 google::protobuf::MessageLite* message) {
  if (begin == end) return true;
  CodedInputStream in(begin, static_cast<int>(end - begin));
  in.SetRecursionLimit(kMaxNestingDepth - depth);
  return message->MergeFromCodedStream(&in) && in.ConsumedEntireMessage();
}

// Reads a length-delimited field's length and checks it fits in `in`.
bool ReadLength(CodedInputStream* in, int* length) {
  uint32_t value = 0;
  if (!in->ReadVarint32(&value)) return false;
  if (value > static_cast<uint32_t>(in->BytesUntilLimit())) return false;
  *length = static_cast<int>(value);
  return true;
}

// The string of field `tag` that must come next in `in`.
bool ReadLeadingString(CodedInputStream* in, uint32_t tag,
                       absl::string_view* value) {
  return in->ReadTag() == tag && ReadStringView(in, value);
}

// Whether the rest of the record in `in` leaves fields 1 to `last_field`
// alone: protobuf keeps the last of a field written twice, so a later copy
// would not be the leading value read. `depth`: how deep the record lies
// below the request. Malformed bytes pass: parsing the record refuses them.
bool LeadingFieldsNotRepeated(CodedInputStream* in, int depth,
                              int last_field) {
  in->SetRecursionLimit(kMaxNestingDepth - depth);
  while (true) {
    const uint32_t tag = in->ReadTag();
    if (tag == 0) return true;
    if (WireFormatLite::GetTagFieldNumber(tag) <= last_field) return false;
    if (!WireFormatLite::SkipField(in, tag)) return true;
  }
}

}  // namespace

bool ReadStringView(CodedInputStream* in, absl::string_view* value) {
  int length = 0;
  const void* data = nullptr;
  int available = 0;
  if (!ReadLength(in, &length)) return false;
  if (!in->GetDirectBufferPointer(&data, &available) || available < length) {
    return length == 0 ? (*value = absl::string_view(), true) : false;
  }
  *value = absl::string_view(static_cast<const char*>(data), length);
  return in->Skip(length);
}

namespace {

ByteSpan SpanOf(const uint8_t* base, const uint8_t* begin, int size) {
  return {static_cast<uint32_t>(begin - base), static_cast<uint32_t>(size)};
}

// Where `text`, a view of the request at `base`, is in it.
ByteSpan SpanOf(const uint8_t* base, absl::string_view text) {
  return SpanOf(base, reinterpret_cast<const uint8_t*>(text.data()),
                static_cast<int>(text.size()));
}

bool AddInvoice(const uint8_t* base, const uint8_t* begin, int size,
                RecordScan scan, RequestSplit* split) {
  InvoiceSpan invoice;
  invoice.bytes = SpanOf(base, begin, size);
  CodedInputStream in(begin, size);
  absl::string_view number;
  absl::string_view customer_id;
  if (!ReadLeadingString(&in, kFirstStringTag, &number) ||
      !ReadLeadingString(&in, kSecondStringTag, &customer_id)) {
    return false;
  }
  if (scan == RecordScan::kAllTags &&
      !LeadingFieldsNotRepeated(&in, /*depth=*/1, /*last_field=*/2)) {
    return false;
  }
  invoice.number = SpanOf(base, number);
  invoice.customer_id = SpanOf(base, customer_id);
  invoice.number_prefix = NumberPrefix(number);
  if (split->numbers_ascend && !split->invoices.empty()) {
    const InvoiceSpan& last = split->invoices.back();
    split->numbers_ascend =
        CompareNumbers(split->View(last.number), last.number_prefix, number,
                       invoice.number_prefix) < 0;
  }
  split->invoices.push_back(invoice);
  return true;
}

bool AddNotice(const uint8_t* base, const uint8_t* begin, int size,
               RecordScan scan, RequestSplit* split) {
  NoticeSpan notice;
  notice.bytes = SpanOf(base, begin, size);
  CodedInputStream in(begin, size);
  absl::string_view invoice_number;
  if (!ReadLeadingString(&in, kFirstStringTag, &invoice_number)) {
    return false;
  }
  notice.invoice_number = SpanOf(base, invoice_number);
  if (scan == RecordScan::kAllTags &&
      !LeadingFieldsNotRepeated(&in, /*depth=*/2, /*last_field=*/1)) {
    return false;
  }
  split->notices.push_back(notice);
  return true;
}

// Walks the fields of the message in [begin, begin + size), which lies
// `depth` levels below the request: on_record(tag, record_begin,
// record_size) takes the records of `record_tags`, the other fields are
// merged into *message.
template <size_t kTags, typename OnRecord>
bool SplitFields(const uint8_t* begin, int size, int depth,
                 const std::array<uint32_t, kTags>& record_tags,
                 google::protobuf::MessageLite* message, OnRecord on_record) {
  auto is_record = [&](uint32_t tag) {
    for (const uint32_t record_tag : record_tags) {
      if (tag == record_tag) return true;
    }
    return false;
  };
  CodedInputStream in(begin, size);
  in.SetRecursionLimit(kMaxNestingDepth - depth);
  const uint8_t* run = begin;  // fields not yet merged into *message
  while (true) {
    const uint8_t* const at = begin + in.CurrentPosition();
    const uint32_t tag = in.ReadTag();
    if (tag == 0) {
      // The end, or bytes protobuf refuses (a zero or malformed tag).
      return at == begin + size && MergeFields(run, at, depth, message);
    }
    if (!is_record(tag)) {
      // A record's field number with another wire type: the tree's reading
      // refuses it (known_fields.h).
      const int field = WireFormatLite::GetTagFieldNumber(tag);
      if (is_record(LengthDelimitedTag(field))) return false;
      if (!WireFormatLite::SkipField(&in, tag)) return false;
      continue;
    }
    if (!MergeFields(run, at, depth, message)) return false;
    int length = 0;
    if (!ReadLength(&in, &length)) return false;
    const uint8_t* const record = begin + in.CurrentPosition();
    if (!on_record(tag, record, length) || !in.Skip(length)) return false;
    run = begin + in.CurrentPosition();
  }
}

}  // namespace

bool SplitRequest(absl::string_view bytes, v1::EvaluateRequest* rest,
                  RequestSplit* split, RecordScan scan) {
  if (bytes.size() > kMaxRequestBytes) return false;
  split->request = bytes;
  // Room for as many spans as a request this large usually holds (the demo
  // ledgers take ~140 bytes an invoice, its notices and its customer's share
  // included), rather than growing them one doubling at a time: at
  // 1 000 000 invoices the doublings copied ~60 MB and mapped twice as many
  // fresh pages. Room left unused is never written, so costs no memory.
  constexpr size_t kBytesPerInvoice = 128;
  constexpr size_t kBytesPerNotice = 192;
  constexpr size_t kBytesPerCustomer = 512;
  split->customers.reserve(std::min<size_t>(bytes.size() / kBytesPerCustomer,
                                            size_t{kMaxCustomers}));
  split->invoices.reserve(std::min<size_t>(bytes.size() / kBytesPerInvoice,
                                           size_t{kMaxInvoices}));
  split->notices.reserve(std::min<size_t>(bytes.size() / kBytesPerNotice,
                                          size_t{kMaxNotices}));
  const auto* base = reinterpret_cast<const uint8_t*>(bytes.data());
  auto split_history = [&](const uint8_t* begin, int size) {
    return SplitFields(
        begin, size, /*depth=*/1, std::array{kNoticesTag},
        rest->mutable_history(),
        [&](uint32_t, const uint8_t* notice, int notice_size) {
          return AddNotice(base, notice, notice_size, scan, split);
        });
  };
  return SplitFields(
      base, static_cast<int>(bytes.size()), /*depth=*/0,
      std::array{kCustomersTag, kInvoicesTag, kHistoryTag}, rest,
      [&](uint32_t tag, const uint8_t* record, int size) {
        if (tag == kCustomersTag) {
          split->customers.push_back(SpanOf(base, record, size));
          return true;
        }
        return tag == kInvoicesTag ? AddInvoice(base, record, size, scan, split)
                                   : split_history(record, size);
      });
}

// As protobuf parses a nested message: within the request's bytes, up to a
// limit at the record's end, with protobuf's ParseContext (the parser the
// generated code calls). Parsed as a buffer of its own instead (a
// CodedInputStream on the record), each record's last 16 bytes were copied
// aside for the parser to read them, and a stream set up around it:
// ~390 instructions a record, 4 % of an evaluation (callgrind, 10 000
// invoices). Past the limit the parser reads at most its 16 slop bytes,
// which it never takes as fields; at the request's end it copies them as
// before.
bool ParseRecord(absl::string_view bytes, ByteSpan span, int depth,
                 google::protobuf::MessageLite* record) {
  using google::protobuf::internal::ParseContext;
  record->Clear();
  // An empty record is an empty message. Parsed, it would hand protobuf a
  // null pointer to copy nothing from when every record of its kind is
  // empty (an empty buffer of them: undefined behaviour, libFuzzer found).
  if (span.size == 0) return true;
  const char* begin = bytes.data() + span.offset;
  const size_t readable =
      std::min<size_t>(size_t{span.size} + ParseContext::kSlopBytes,
                       bytes.size() - span.offset);
  const char* at = nullptr;
  ParseContext context(kMaxNestingDepth - depth, /*aliasing=*/false, &at,
                       google::protobuf::StringPiece(begin, readable));
  const int outer_limit = context.PushLimit(at, static_cast<int>(span.size));
  at = record->_InternalParse(at, &context);
  // Ended at the limit, not at a 0 or end-group tag.
  return at != nullptr && context.PopLimit(outer_limit);
}

}  // namespace purring::internal
