// A serialized request split for streaming: every field but the customers,
// the invoices and the history's notices parsed into a message; those kept
// as spans of the caller's bytes, to be parsed one at a time when they are
// read (EvaluateBytes). A million invoices then never exist as a million
// messages at once, nor their 200 000 customers as 200 000.
#ifndef PURRING_SRC_REQUEST_SPLIT_H_
#define PURRING_SRC_REQUEST_SPLIT_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "byte_span.h"
#include "google/protobuf/io/coded_stream.h"
#include "large_allocator.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// A number's first 8 bytes as a big-endian integer, zero-padded: beside the
// number's size, it orders and tells apart most numbers without reading
// their bytes in the request again (on a large ledger, a cache miss each).
inline uint64_t NumberPrefix(absl::string_view number) {
  uint64_t prefix = 0;
  for (size_t i = 0; i < 8; ++i) {
    prefix <<= 8;
    if (i < number.size()) prefix |= static_cast<unsigned char>(number[i]);
  }
  return prefix;
}

// Shortlex order of numbers given with their NumberPrefix: shorter first,
// then bytewise, so that an ERP's invoice numbers counting up ("999999",
// "1000000") ascend in it. <0, 0 or >0.
inline int CompareNumbers(absl::string_view a, uint64_t a_prefix,
                          absl::string_view b, uint64_t b_prefix) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  if (a_prefix != b_prefix) return a_prefix < b_prefix ? -1 : 1;
  return a.size() <= 8 ? 0 : a.substr(8).compare(b.substr(8));
}

// Where an invoice and its first two fields are in the request
// (RequestSplit::View): offsets rather than views, 32 bytes a span instead
// of 48 (16 MB less for a million invoices).
struct InvoiceSpan {
  ByteSpan bytes;
  ByteSpan number;       // its field 1, read from its first bytes
  ByteSpan customer_id;  // its field 2
  uint64_t number_prefix = 0;  // NumberPrefix of the number
};
static_assert(sizeof(InvoiceSpan) == 32);

struct NoticeSpan {
  ByteSpan bytes;
  ByteSpan invoice_number;  // its field 1
};
static_assert(sizeof(NoticeSpan) == 16);

struct RequestSplit {
  absl::string_view request;  // the bytes split, which the spans are in
  LargeVector<ByteSpan> customers;    // request order (CustomerReader)
  LargeVector<InvoiceSpan> invoices;  // request order
  LargeVector<NoticeSpan> notices;    // history order
  // Each invoice's number is before the next one's in shortlex order: none
  // repeats, and a number is found by binary search (checked while the
  // bytes are read, so it costs no second pass over them).
  bool numbers_ascend = true;

  absl::string_view View(ByteSpan span) const {
    return absl::string_view(request.data() + span.offset, span.size);
  }
};

// Parses every field of `bytes` but EvaluateRequest.customers and invoices
// and DunningHistory.notices into *rest (as protobuf would, merging repeated
// occurrences), and lists those in *split. False when the bytes are not laid
// out as protobuf writes a valid request: malformed, or an invoice whose
// first fields are not its number and customer_id, or a notice whose first
// is not its invoice_number. The caller then parses the request as a whole,
// which refuses what deserves it. Parsing is bounded as ParseRequest's
// (kMaxNestingDepth); strings are checked as UTF-8 when the records are
// parsed, not here.
//
// How much of each invoice and notice is read here: kLeadingFields reads
// only the fields above (a number or customer_id written again later in the
// record is found when the record is parsed, by ValidateSplitInvoice, and
// the caller starts again from the tree); kAllTags also reads every later
// tag, so that such a record is found before anything is evaluated, for a
// caller that cannot start again once it has written (EvaluateBytesTo).
enum class RecordScan { kLeadingFields, kAllTags };
bool SplitRequest(absl::string_view bytes, v1::EvaluateRequest* rest,
                  RequestSplit* split,
                  RecordScan scan = RecordScan::kLeadingFields);

// Reads the length-delimited value whose tag was just read from `in`, which
// reads a buffer in memory, as a view of that buffer. False when it is cut
// short.
bool ReadStringView(google::protobuf::io::CodedInputStream* in,
                    absl::string_view* value);

// Parses one customer, invoice or notice of the request `bytes` into
// *record (cleared first), nested as deep as it is in the request: depth 1
// for a customer or an invoice, 2 for a notice. False on bytes protobuf
// refuses (*record is then partial).
bool ParseRecord(absl::string_view bytes, ByteSpan span, int depth,
                 google::protobuf::MessageLite* record);

}  // namespace purring::internal

#endif  // PURRING_SRC_REQUEST_SPLIT_H_
