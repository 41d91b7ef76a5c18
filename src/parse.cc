// Parsing of serialized requests with the limits applied first.
#include "purring/parse.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/message.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/wire_format_lite.h"
#include "json_shape.h"
#include "known_fields.h"
#include "purring/limits.h"
#include "validate_checks.h"
#include "validate_limits.h"
#include "wire_counts.h"

namespace purring {
namespace {

using google::protobuf::io::CodedInputStream;
using google::protobuf::internal::WireFormatLite;

// Records counted on the wire. Malformed bytes simply end the count: the
// parser that follows refuses them with a proper message.
struct WireCounts {
  int64_t customers = 0;
  int64_t invoices = 0;
  int64_t notices = 0;
  int64_t collection_cases = 0;
  int64_t profiles = 0;
  int64_t rate_rows = 0;
  // The first invoice with more payments, credit notes or holds than
  // their limits: its position, its number and what it has too many of.
  int64_t over_limit_invoice = -1;
  std::string over_limit_number;
  absl::string_view over_limit_what;
  int64_t over_limit_count = 0;
  int64_t over_limit_limit = 0;
  // The first record whose address has more lines than kMaxAddressLines
  // ("customer \"K1\": postal_address", or "settings: company.address").
  std::string over_lines_record;
  int64_t over_lines_count = 0;
};

// Calls on_field(field_number, length, input) for every length-delimited
// field of the message in `input` (up to its limit), with `input` at the
// field's bytes; on_field consumes them (Skip or Descend). Other fields are
// skipped. False on malformed bytes.
template <typename OnField>
bool ForEachLengthDelimited(CodedInputStream* input, OnField on_field) {
  while (true) {
    const uint32_t tag = input->ReadTag();
    if (tag == 0) return true;  // the end, or bytes the parser will refuse
    if (WireFormatLite::GetTagWireType(tag) !=
        WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      if (!WireFormatLite::SkipField(input, tag)) return false;
      continue;
    }
    uint32_t length = 0;
    if (!input->ReadVarint32(&length)) return false;
    if (length > static_cast<uint32_t>(INT32_MAX)) return false;
    if (!on_field(WireFormatLite::GetTagFieldNumber(tag),
                  static_cast<int>(length), input)) {
      return false;
    }
  }
}

// Skips a field of `length` bytes. False if the bytes end before.
bool Skip(int length, CodedInputStream* input) { return input->Skip(length); }

// Walks the message of `length` bytes at `input` with
// ForEachLengthDelimited(input, on_field), then skips what is left of it.
template <typename OnField>
bool Descend(int length, CodedInputStream* input, OnField on_field) {
  const auto limit = input->PushLimit(length);
  if (input->BytesUntilLimit() != length) return false;
  if (!ForEachLengthDelimited(input, on_field)) return false;
  if (!input->Skip(input->BytesUntilLimit())) return false;
  input->PopLimit(limit);
  return true;
}

// A record's id or number, to name it in a refusal: at most
// kMaxStringBytes of it (a longer one is refused later anyway), the rest
// skipped rather than copied.
bool ReadName(int size, CodedInputStream* input, std::string* name) {
  const int kept = std::min(size, static_cast<int>(kMaxStringBytes));
  return input->ReadString(name, kept) && input->Skip(size - kept);
}

// An invoice of at most kRecordBytesWithinLimits bytes cannot have more
// payments, credit notes or holds than their limits (validate_limits.h):
// its children need no count. Real invoices are a few hundred bytes;
// counting them was ~20% of ParseRequest (measured).
bool CountInvoice(int length, CodedInputStream* input, WireCounts* counts) {
  if (static_cast<size_t>(length) <= internal::kRecordBytesWithinLimits) {
    return Skip(length, input);
  }
  int64_t payments = 0, credit_notes = 0, holds = 0;
  std::string number;
  const bool ok = Descend(length, input, [&](int field, int size,
                                             CodedInputStream* in) {
    // ledger.proto: Invoice.number = 1, payments = 7, credit_notes = 8,
    // holds = 10. The number names the invoice should it be refused.
    if (field == 1) return ReadName(size, in, &number);
    if (field == 7) ++payments;
    if (field == 8) ++credit_notes;
    if (field == 10) ++holds;
    return Skip(size, in);
  });
  if (counts->over_limit_invoice >= 0) return ok;
  for (const auto& [what, count, limit] :
       {std::tuple<absl::string_view, int64_t, int64_t>{
            "payments", payments, kMaxPaymentsPerInvoice},
        {"credit_notes", credit_notes, kMaxCreditNotesPerInvoice},
        {"holds", holds, kMaxHoldsPerInvoice}}) {
    if (count > limit) {
      counts->over_limit_invoice = counts->invoices - 1;
      counts->over_limit_number = std::move(number);
      counts->over_limit_what = what;
      counts->over_limit_count = count;
      counts->over_limit_limit = limit;
      break;
    }
  }
  return ok;
}

// The lines of the PostalAddress of `length` bytes at `input`
// (types.proto: lines = 1). False on malformed bytes.
bool CountAddressLines(int length, CodedInputStream* input, int64_t* lines) {
  return Descend(length, input, [&](int field, int size, CodedInputStream* in) {
    if (field == 1) ++*lines;
    return Skip(size, in);
  });
}

// Keeps the first address found with more than kMaxAddressLines lines,
// named by `record` ("customer \"K1\": postal_address").
void NoteAddressOverLimit(std::string record, int64_t lines,
                          WireCounts* counts) {
  if (!counts->over_lines_record.empty()) return;
  counts->over_lines_record = std::move(record);
  counts->over_lines_count = lines;
}

// The company's address lines (settings.proto: Company.address = 3).
bool CountCompany(int length, CodedInputStream* input, WireCounts* counts) {
  return Descend(length, input, [&](int field, int size, CodedInputStream* in) {
    if (field != 3) return Skip(size, in);
    int64_t lines = 0;
    const bool ok = CountAddressLines(size, in, &lines);
    if (lines > kMaxAddressLines) {
      NoteAddressOverLimit("settings: company.address", lines, counts);
    }
    return ok;
  });
}

// A customer too short to hold more address lines than allowed (two bytes
// a line at least) is skipped; a longer one has its postal address's lines
// counted: millions of empty lines parse into far more memory than bytes.
bool CountCustomer(int length, CodedInputStream* input, WireCounts* counts) {
  if (length < 2 * (kMaxAddressLines + 1) || !counts->over_lines_record.empty()) {
    return Skip(length, input);
  }
  std::string id;
  int64_t lines = 0;
  const bool ok = Descend(length, input, [&](int field, int size,
                                             CodedInputStream* in) {
    // ledger.proto: Customer.id = 1, postal_address = 5.
    if (field == 1) return ReadName(size, in, &id);
    if (field == 5) return CountAddressLines(size, in, &lines);
    return Skip(size, in);
  });
  if (lines > kMaxAddressLines) {
    NoteAddressOverLimit(
        id.empty() ? absl::StrCat("customers[", counts->customers - 1,
                                  "]: postal_address")
                   : absl::StrCat(internal::RecordName{"customer", id}.Name(),
                                  ": postal_address"),
        lines, counts);
  }
  return ok;
}

// Field numbers from evaluate.proto, settings.proto, history.proto and
// rates.proto.
bool CountRequest(CodedInputStream* input, WireCounts* counts) {
  return ForEachLengthDelimited(input, [&](int field, int length,
                                           CodedInputStream* in) {
    switch (field) {
      case 3:  // settings
        return Descend(length, in, [&](int f, int size, CodedInputStream* i) {
          if (f == 14) ++counts->profiles;
          if (f == 1) return CountCompany(size, i, counts);  // company
          return Skip(size, i);
        });
      case 4:  // customers
        ++counts->customers;
        return CountCustomer(length, in, counts);
      case 5:  // invoices
        ++counts->invoices;
        return CountInvoice(length, in, counts);
      case 6:  // history
        return Descend(length, in, [&](int f, int size, CodedInputStream* i) {
          if (f == 1) ++counts->notices;
          if (f == 2) ++counts->collection_cases;
          return Skip(size, i);
        });
      case 7:  // rate_tables: fields 1-6 are the row tables
        return Descend(length, in, [&](int f, int size, CodedInputStream* i) {
          if (f >= 1 && f <= 6) ++counts->rate_rows;
          return Skip(size, i);
        });
      default:
        return Skip(length, in);
    }
  });
}

// Where protobuf's parser gave up, for the error message (protobuf says
// only that the whole request failed), as a phrase: the first field of the
// `prototype` message in `input` (its bytes from `base`, `depth` levels
// below the request) that is a string but not UTF-8 ("invoices[3].comment
// is not UTF-8"), or a message that does not parse on its own, named down to
// the deepest field that does not ("settings does not parse"). Indexes count
// that field's occurrences. Empty when each parses alone: the fault is in
// the framing between them.
std::string FailingField(const google::protobuf::Message& prototype,
                         const uint8_t* base, CodedInputStream* input,
                         int depth, absl::string_view prefix) {
  std::string failing;
  std::map<int, int> seen;  // occurrences so far, by field number
  ForEachLengthDelimited(input, [&](int number, int length,
                                    CodedInputStream* in) {
    const int occurrence = seen[number]++;
    const uint8_t* const payload = base + in->CurrentPosition();
    if (!Skip(length, in)) return false;
    const google::protobuf::FieldDescriptor* field =
        prototype.GetDescriptor()->FindFieldByNumber(number);
    if (field == nullptr) return true;
    std::string name = absl::StrCat(prefix, field->name());
    if (field->is_repeated()) absl::StrAppend(&name, "[", occurrence, "]");
    if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      if (WireFormatLite::VerifyUtf8String(
              reinterpret_cast<const char*>(payload), length,
              WireFormatLite::PARSE, "")) {
        return true;
      }
      failing = absl::StrCat(name, " is not UTF-8");
      return false;
    }
    if (field->message_type() == nullptr) return true;
    const google::protobuf::Message& type =
        *google::protobuf::MessageFactory::generated_factory()->GetPrototype(
            field->message_type());
    std::unique_ptr<google::protobuf::Message> one(type.New());
    CodedInputStream alone(payload, length);
    alone.SetRecursionLimit(kMaxNestingDepth - depth - 1);
    if (one->MergeFromCodedStream(&alone) && alone.ConsumedEntireMessage()) {
      return true;
    }
    CodedInputStream inside(payload, length);
    inside.SetRecursionLimit(kMaxNestingDepth - depth - 1);
    failing = FailingField(type, payload, &inside, depth + 1,
                           absl::StrCat(name, "."));
    if (failing.empty()) failing = absl::StrCat(name, " does not parse");
    return false;  // the first is enough
  });
  return failing;
}

absl::Status CheckCount(absl::string_view what, int64_t count, int64_t limit) {
  if (count <= limit) return absl::OkStatus();
  return absl::ResourceExhaustedError(absl::StrCat(
      "request has ", count, " ", what, "; the limit is ", limit));
}

}  // namespace

namespace internal {

absl::Status CheckWireCounts(absl::string_view bytes) {
  CodedInputStream input(reinterpret_cast<const uint8_t*>(bytes.data()),
                         static_cast<int>(bytes.size()));
  input.SetRecursionLimit(kMaxNestingDepth);  // unknown groups nest
  WireCounts counts;
  CountRequest(&input, &counts);  // malformed bytes: the parser says so
  for (const auto& [what, count, limit] :
       {std::tuple<absl::string_view, int64_t, int64_t>{
            "customers", counts.customers, kMaxCustomers},
        {"invoices", counts.invoices, kMaxInvoices},
        {"notices", counts.notices, kMaxNotices},
        {"collection cases", counts.collection_cases, kMaxCollectionCases},
        {"profiles", counts.profiles, kMaxProfiles},
        {"rate table rows", counts.rate_rows, kMaxRateRows}}) {
    if (absl::Status s = CheckCount(what, count, limit); !s.ok()) return s;
  }
  if (!counts.over_lines_record.empty()) {
    // As the parsed request's check words it (validate_limits.cc).
    return absl::ResourceExhaustedError(absl::StrCat(
        counts.over_lines_record, ".lines has ", counts.over_lines_count,
        " lines; the limit is ", kMaxAddressLines));
  }
  if (counts.over_limit_invoice >= 0) {
    // As the parsed request's check words it (validate_limits.cc).
    const std::string name =
        counts.over_limit_number.empty()
            ? absl::StrCat("invoices[", counts.over_limit_invoice, "]")
            : RecordName{"invoice", counts.over_limit_number}.Name();
    return absl::ResourceExhaustedError(absl::StrCat(
        name, ": has ", counts.over_limit_count, " ", counts.over_limit_what,
        "; the limit is ", counts.over_limit_limit));
  }
  return absl::OkStatus();
}

}  // namespace internal

namespace {

absl::Status CheckSize(size_t size) {
  if (size <= kMaxRequestBytes) return absl::OkStatus();
  return absl::ResourceExhaustedError(absl::StrCat(
      "request is ", size, " bytes; the limit is ", kMaxRequestBytes));
}

}  // namespace

absl::Status ParseRequest(absl::string_view bytes,
                          v1::EvaluateRequest* request) {
  // Protobuf logs every string that is not UTF-8 to stderr; a library must
  // not write to its host's stderr, and the refusal says it all.
  const google::protobuf::LogSilencer quiet;
  request->Clear();
  if (absl::Status s = CheckSize(bytes.size()); !s.ok()) return s;
  if (absl::Status s = internal::CheckWireCounts(bytes); !s.ok()) return s;
  CodedInputStream input(reinterpret_cast<const uint8_t*>(bytes.data()),
                         static_cast<int>(bytes.size()));
  input.SetRecursionLimit(kMaxNestingDepth);
  if (!request->MergeFromCodedStream(&input) ||
      !input.ConsumedEntireMessage()) {
    request->Clear();
    CodedInputStream walk(reinterpret_cast<const uint8_t*>(bytes.data()),
                          static_cast<int>(bytes.size()));
    walk.SetRecursionLimit(kMaxNestingDepth);
    const std::string where =
        FailingField(v1::EvaluateRequest::default_instance(),
                     reinterpret_cast<const uint8_t*>(bytes.data()), &walk,
                     /*depth=*/0, "");
    return absl::InvalidArgumentError(absl::StrCat(
        "request is not a valid serialized purring.v1.EvaluateRequest (",
        bytes.size(), " bytes: truncated, damaged, nested deeper than ",
        kMaxNestingDepth, " levels, or a string that is not UTF-8)",
        where.empty() ? "" : absl::StrCat(": ", where)));
  }
  if (absl::Status s = internal::CheckRequestUnknownFields(*request);
      !s.ok()) {
    request->Clear();
    return s;
  }
  return absl::OkStatus();
}

absl::Status ParseRequestJson(absl::string_view json,
                              v1::EvaluateRequest* request) {
  request->Clear();
  if (absl::Status s = CheckSize(json.size()); !s.ok()) return s;
  if (absl::Status s = internal::CheckJsonShape(
          json, v1::EvaluateRequest::descriptor());
      !s.ok()) {
    return s;
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), request,
      options);
  if (!status.ok()) {
    request->Clear();
    return internal::InvalidJsonSyntax(status.message().as_string(), json);
  }
  return absl::OkStatus();
}

}  // namespace purring
