// Shared helpers for the evaluate_bytes_*_test.cc files, which check that
// EvaluateBytes (the C ABI's way in) gives exactly what ParseRequest and then
// EvaluateSerialized give: the reference and the comparisons against it,
// the wire format written by hand, and the sample request in pieces so that
// tests can write its fields in any order. Test-only; header-only.
#ifndef PURRING_TESTS_EVALUATE_BYTES_SUPPORT_H_
#define PURRING_TESTS_EVALUATE_BYTES_SUPPORT_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/message_lite.h"
#include "google/protobuf/wire_format_lite.h"
#include "gtest/gtest.h"
#include "hardening/sample_requests.h"
#include "purring/engine.h"
#include "purring/parse.h"

namespace purring::testing_bytes {

using ::testing::HasSubstr;
using google::protobuf::io::CodedInputStream;
using google::protobuf::internal::WireFormatLite;
using testing::SampleRequest;

// ---------------------------------------------------------------------------
// The reference and the comparison.

struct Outcome {
  absl::Status status;
  std::string bytes;  // the response, when status is OK
};

// ParseRequest, then EvaluateSerialized: what EvaluateBytes must give.
inline Outcome Reference(absl::string_view bytes) {
  Outcome out;
  v1::EvaluateRequest request;
  out.status = ParseRequest(bytes, &request);
  if (!out.status.ok()) return out;
  absl::StatusOr<SerializedResponse> response = EvaluateSerialized(request);
  if (!response.ok()) {
    out.status = response.status();
    return out;
  }
  out.bytes.assign(response->data.get(), response->size);
  return out;
}

// Compares EvaluateBytes with Reference on `bytes`; returns the reference's
// outcome so that the caller can check what the case is about.
inline Outcome ExpectSame(absl::string_view bytes, absl::string_view what = "") {
  Outcome reference = Reference(bytes);
  absl::StatusOr<SerializedResponse> got = EvaluateBytes(bytes);
  EXPECT_NE(reference.status.code(), absl::StatusCode::kInternal)
      << what << ": " << reference.status;
  EXPECT_EQ(got.status().code(), reference.status.code())
      << what << ": EvaluateBytes " << got.status() << " vs reference "
      << reference.status;
  EXPECT_EQ(got.status().message(), reference.status.message()) << what;
  if (got.ok() && reference.status.ok()) {
    EXPECT_EQ(got->data.get()[got->size], '\0') << what;
    const bool same = got->size == reference.bytes.size() &&
                      absl::string_view(got->data.get(), got->size) ==
                          reference.bytes;
    EXPECT_TRUE(same) << what << ": responses differ (" << got->size
                      << " vs " << reference.bytes.size() << " bytes)";
  }
  return reference;
}

// The same, without gtest failures: for the mutation loop, which reports the
// first differing mutant itself.
inline bool Same(absl::string_view bytes, bool* accepted) {
  const Outcome reference = Reference(bytes);
  absl::StatusOr<SerializedResponse> got = EvaluateBytes(bytes);
  *accepted = reference.status.ok();
  // INTERNAL is a defect in the engine, whatever both readings say.
  if (reference.status.code() == absl::StatusCode::kInternal) return false;
  if (got.status().code() != reference.status.code() ||
      got.status().message() != reference.status.message()) {
    return false;
  }
  if (!got.ok()) return true;
  return got->data.get()[got->size] == '\0' &&
         absl::string_view(got->data.get(), got->size) == reference.bytes;
}

inline void ExpectAccepted(absl::string_view bytes, absl::string_view what) {
  const Outcome reference = ExpectSame(bytes, what);
  EXPECT_TRUE(reference.status.ok())
      << what << ": the case should be a valid request: " << reference.status;
}

inline void ExpectRefused(absl::string_view bytes, absl::StatusCode code,
                   absl::string_view message_part, absl::string_view what) {
  const Outcome reference = ExpectSame(bytes, what);
  EXPECT_EQ(reference.status.code(), code) << what << ": " << reference.status;
  EXPECT_THAT(std::string(reference.status.message()), HasSubstr(message_part))
      << what;
}

// ---------------------------------------------------------------------------
// Writing the wire format by hand.

inline std::string Varint(uint64_t value) {
  std::string out;
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
  return out;
}

// The same value in `extra` more bytes than needed (valid protobuf).
inline std::string LongVarint(uint64_t value, int extra) {
  std::string out = Varint(value);
  out.back() = static_cast<char>(out.back() | 0x80);
  for (int i = 1; i < extra; ++i) out.push_back('\x80');
  out.push_back('\0');
  return out;
}

inline std::string Tag(int field, int wire_type) {
  return Varint((static_cast<uint64_t>(field) << 3) | wire_type);
}

inline std::string Len(int field, absl::string_view payload) {
  return absl::StrCat(Tag(field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED),
                      Varint(payload.size()), payload);
}

inline std::string VarintField(int field, uint64_t value) {
  return Tag(field, WireFormatLite::WIRETYPE_VARINT) + Varint(value);
}

inline std::string Fixed32Field(int field, uint32_t value) {
  std::string out = Tag(field, WireFormatLite::WIRETYPE_FIXED32);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(value >> (8 * i)));
  return out;
}

inline std::string Fixed64Field(int field, uint64_t value) {
  std::string out = Tag(field, WireFormatLite::WIRETYPE_FIXED64);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(value >> (8 * i)));
  return out;
}

// An unknown group holding `depth - 1` more groups.
inline std::string NestedGroups(int field, int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += Tag(field, WireFormatLite::WIRETYPE_START_GROUP);
  out += VarintField(1, 7);
  for (int i = 0; i < depth; ++i) out += Tag(field, WireFormatLite::WIRETYPE_END_GROUP);
  return out;
}

// One field as written: its number, wire type and all its bytes (tag
// included).
struct WireField {
  int number = 0;
  int wire_type = 0;
  std::string raw;
};

// The fields of a well-formed message, in wire order.
inline std::vector<WireField> SplitFields(absl::string_view bytes) {
  std::vector<WireField> fields;
  CodedInputStream input(reinterpret_cast<const uint8_t*>(bytes.data()),
                         static_cast<int>(bytes.size()));
  while (true) {
    const int start = input.CurrentPosition();
    const uint32_t tag = input.ReadTag();
    if (tag == 0) break;
    if (!WireFormatLite::SkipField(&input, tag)) break;
    WireField field;
    field.number = WireFormatLite::GetTagFieldNumber(tag);
    field.wire_type = WireFormatLite::GetTagWireType(tag);
    field.raw = std::string(bytes.substr(start, input.CurrentPosition() - start));
    fields.push_back(std::move(field));
  }
  return fields;
}

// The payload of a length-delimited field.
inline std::string Payload(const WireField& field) {
  CodedInputStream input(reinterpret_cast<const uint8_t*>(field.raw.data()),
                         static_cast<int>(field.raw.size()));
  input.ReadTag();
  uint32_t length = 0;
  input.ReadVarint32(&length);
  return field.raw.substr(input.CurrentPosition(), length);
}

inline std::string Join(const std::vector<WireField>& fields) {
  std::string out;
  for (const WireField& f : fields) out += f.raw;
  return out;
}

// A record with its fields written in reverse order.
inline std::string Reversed(absl::string_view record) {
  std::vector<WireField> fields = SplitFields(record);
  std::reverse(fields.begin(), fields.end());
  return Join(fields);
}

inline std::string Bytes(const google::protobuf::MessageLite& message) {
  return message.SerializeAsString();
}

// Field numbers (proto/purring/v1/*.proto).
inline constexpr int kAsOf = 1, kSettings = 3, kCustomers = 4, kInvoices = 5,
                     kHistory = 6, kOptions = 8;
inline constexpr int kInvoiceNumber = 1, kInvoiceCustomer = 2, kInvoiceComment = 12;
inline constexpr int kNoticeInvoice = 1, kNoticeLetterId = 9;
inline constexpr int kHistoryNotices = 1, kHistoryCases = 2;

// The sample request's top-level fields, each written separately, so that
// tests can write them in any order: as_of, settings, customers, invoices,
// history.
struct Pieces {
  std::string as_of, settings, options;
  std::vector<std::string> customers, invoices, notices, cases;

  std::string History() const {
    std::string payload;
    for (const std::string& n : notices) payload += Len(kHistoryNotices, n);
    for (const std::string& c : cases) payload += Len(kHistoryCases, c);
    return Len(kHistory, payload);
  }
  // In field-number order, as protobuf writes it.
  std::string Canonical() const {
    std::string out = Len(kAsOf, as_of) + Len(kSettings, settings);
    for (const std::string& c : customers) out += Len(kCustomers, c);
    for (const std::string& i : invoices) out += Len(kInvoices, i);
    out += History();
    if (!options.empty()) out += Len(kOptions, options);
    return out;
  }
  std::string Customers() const {
    std::string out;
    for (const std::string& c : customers) out += Len(kCustomers, c);
    return out;
  }
  std::string Invoices() const {
    std::string out;
    for (const std::string& i : invoices) out += Len(kInvoices, i);
    return out;
  }
};

inline Pieces SamplePieces(const v1::EvaluateRequest& r = SampleRequest()) {
  Pieces p;
  p.as_of = Bytes(r.as_of());
  p.settings = Bytes(r.settings());
  if (r.has_options()) p.options = Bytes(r.options());
  for (const auto& c : r.customers()) p.customers.push_back(Bytes(c));
  for (const auto& i : r.invoices()) p.invoices.push_back(Bytes(i));
  for (const auto& n : r.history().notices()) p.notices.push_back(Bytes(n));
  for (const auto& c : r.history().collection_cases()) p.cases.push_back(Bytes(c));
  return p;
}

// The response to the canonical encoding of what `bytes` parse to: an
// irregular but valid encoding must give the same response as its canonical
// form (a check on the case, independent of EvaluateBytes).
inline std::string CanonicalResponse(absl::string_view bytes) {
  v1::EvaluateRequest request;
  EXPECT_TRUE(ParseRequest(bytes, &request).ok());
  return Reference(request.SerializeAsString()).bytes;
}

inline void ExpectAcceptedLikeCanonical(absl::string_view bytes, absl::string_view what) {
  const Outcome reference = ExpectSame(bytes, what);
  ASSERT_TRUE(reference.status.ok()) << what << ": " << reference.status;
  EXPECT_EQ(reference.bytes, CanonicalResponse(bytes)) << what;
}

}  // namespace purring::testing_bytes

#endif  // PURRING_TESTS_EVALUATE_BYTES_SUPPORT_H_
