// EvaluateBytes (the C ABI's way in) must give exactly what ParseRequest and
// then EvaluateSerialized give: the same bytes on success, the same code and
// message on error (purring/engine.h). A streamed reading of the request's
// bytes may differ from the tree in ways only unusual encodings show, so the
// requests here are written by hand as well as generated: fields out of
// order, repeated, split, unknown, non-minimal varints, wrong wire types,
// nested groups around the depth limit, every cut point, and thousands of
// seeded mutations. Every case also checks what the reference itself does
// (accepts, or refuses with a given message), so that no case is vacuous.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/wire_format_lite.h"
#include "gtest/gtest.h"
#include "hardening/sample_requests.h"
#include "ledger_generator.h"
#include "purring/engine.h"
#include "purring/limits.h"
#include "purring/parse.h"

namespace purring {
namespace {

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
Outcome Reference(absl::string_view bytes) {
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
Outcome ExpectSame(absl::string_view bytes, absl::string_view what = "") {
  Outcome reference = Reference(bytes);
  absl::StatusOr<SerializedResponse> got = EvaluateBytes(bytes);
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
bool Same(absl::string_view bytes, bool* accepted) {
  const Outcome reference = Reference(bytes);
  absl::StatusOr<SerializedResponse> got = EvaluateBytes(bytes);
  *accepted = reference.status.ok();
  if (got.status().code() != reference.status.code() ||
      got.status().message() != reference.status.message()) {
    return false;
  }
  if (!got.ok()) return true;
  return got->data.get()[got->size] == '\0' &&
         absl::string_view(got->data.get(), got->size) == reference.bytes;
}

void ExpectAccepted(absl::string_view bytes, absl::string_view what) {
  const Outcome reference = ExpectSame(bytes, what);
  EXPECT_TRUE(reference.status.ok())
      << what << ": the case should be a valid request: " << reference.status;
}

void ExpectRefused(absl::string_view bytes, absl::StatusCode code,
                   absl::string_view message_part, absl::string_view what) {
  const Outcome reference = ExpectSame(bytes, what);
  EXPECT_EQ(reference.status.code(), code) << what << ": " << reference.status;
  EXPECT_THAT(std::string(reference.status.message()), HasSubstr(message_part))
      << what;
}

// ---------------------------------------------------------------------------
// Writing the wire format by hand.

std::string Varint(uint64_t value) {
  std::string out;
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
  return out;
}

// The same value in `extra` more bytes than needed (valid protobuf).
std::string LongVarint(uint64_t value, int extra) {
  std::string out = Varint(value);
  out.back() = static_cast<char>(out.back() | 0x80);
  for (int i = 1; i < extra; ++i) out.push_back('\x80');
  out.push_back('\0');
  return out;
}

std::string Tag(int field, int wire_type) {
  return Varint((static_cast<uint64_t>(field) << 3) | wire_type);
}

std::string Len(int field, absl::string_view payload) {
  return absl::StrCat(Tag(field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED),
                      Varint(payload.size()), payload);
}

std::string VarintField(int field, uint64_t value) {
  return Tag(field, WireFormatLite::WIRETYPE_VARINT) + Varint(value);
}

std::string Fixed32Field(int field, uint32_t value) {
  std::string out = Tag(field, WireFormatLite::WIRETYPE_FIXED32);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(value >> (8 * i)));
  return out;
}

std::string Fixed64Field(int field, uint64_t value) {
  std::string out = Tag(field, WireFormatLite::WIRETYPE_FIXED64);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(value >> (8 * i)));
  return out;
}

// An unknown group holding `depth - 1` more groups.
std::string NestedGroups(int field, int depth) {
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
std::vector<WireField> SplitFields(absl::string_view bytes) {
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
std::string Payload(const WireField& field) {
  CodedInputStream input(reinterpret_cast<const uint8_t*>(field.raw.data()),
                         static_cast<int>(field.raw.size()));
  input.ReadTag();
  uint32_t length = 0;
  input.ReadVarint32(&length);
  return field.raw.substr(input.CurrentPosition(), length);
}

std::string Join(const std::vector<WireField>& fields) {
  std::string out;
  for (const WireField& f : fields) out += f.raw;
  return out;
}

std::string Bytes(const google::protobuf::MessageLite& message) {
  return message.SerializeAsString();
}

// Field numbers (proto/purring/v1/*.proto).
constexpr int kAsOf = 1, kSettings = 3, kCustomers = 4, kInvoices = 5,
              kHistory = 6, kOptions = 8;
constexpr int kInvoiceNumber = 1, kInvoiceCustomer = 2, kInvoiceComment = 12;
constexpr int kNoticeInvoice = 1, kNoticeLetterId = 9;
constexpr int kHistoryNotices = 1, kHistoryCases = 2;

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

Pieces SamplePieces(const v1::EvaluateRequest& r = SampleRequest()) {
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
std::string CanonicalResponse(absl::string_view bytes) {
  v1::EvaluateRequest request;
  EXPECT_TRUE(ParseRequest(bytes, &request).ok());
  return Reference(request.SerializeAsString()).bytes;
}

void ExpectAcceptedLikeCanonical(absl::string_view bytes, absl::string_view what) {
  const Outcome reference = ExpectSame(bytes, what);
  ASSERT_TRUE(reference.status.ok()) << what << ": " << reference.status;
  EXPECT_EQ(reference.bytes, CanonicalResponse(bytes)) << what;
}

// ---------------------------------------------------------------------------
// Generated ledgers.

v1::EvaluateRequest Ledger(int invoices, uint64_t seed) {
  tools::LedgerOptions options;
  options.invoices = invoices;
  options.seed = seed;
  return tools::GenerateLedger(options);
}

void Shuffle(v1::EvaluateRequest* request, uint32_t seed) {
  auto* invoices = request->mutable_invoices();
  std::mt19937 random(seed);
  for (int i = invoices->size() - 1; i > 0; --i) {
    invoices->SwapElements(i, static_cast<int>(random() % (i + 1)));
  }
}

TEST(EvaluateBytes, GeneratedLedgersOfEverySizeThreadCountAndOption) {
  for (int size : {0, 1, 50, 5000}) {
    v1::EvaluateRequest base = Ledger(size, 7 + size);
    for (bool shuffled : {false, true}) {
      v1::EvaluateRequest request = base;
      if (shuffled) Shuffle(&request, 11);
      for (int threads : {1, 2, 4}) {
        for (bool omit : {false, true}) {
          request.mutable_options()->set_threads(threads);
          request.mutable_options()->set_omit_history_in_results(omit);
          ExpectAccepted(Bytes(request),
                         absl::StrCat(size, " invoices, shuffled ", shuffled,
                                      ", threads ", threads, ", omit ", omit));
        }
      }
    }
  }
}

TEST(EvaluateBytes, LargeGeneratedLedgerOnSeveralShards) {
  // Five shards' worth (a shard has at least 4 096 invoices).
  v1::EvaluateRequest request = Ledger(20000, 3);
  Shuffle(&request, 5);
  for (const auto& [threads, omit] :
       {std::pair<int, bool>{1, false}, {4, false}, {4, true}}) {
    request.mutable_options()->set_threads(threads);
    request.mutable_options()->set_omit_history_in_results(omit);
    ExpectAccepted(Bytes(request),
                   absl::StrCat("20000 invoices, threads ", threads, ", omit ", omit));
  }
}

TEST(EvaluateBytes, GeneratedLedgerWithTheHistoryFirstAndCustomersLast) {
  v1::EvaluateRequest request = Ledger(500, 9);
  std::vector<WireField> fields = SplitFields(Bytes(request));
  // History, then invoices, then customers, then the rest.
  auto rank = [](const WireField& f) {
    switch (f.number) {
      case kHistory: return 0;
      case kInvoices: return 1;
      case kCustomers: return 2;
      default: return 3;
    }
  };
  std::stable_sort(fields.begin(), fields.end(),
                   [&](const WireField& a, const WireField& b) { return rank(a) < rank(b); });
  ExpectAcceptedLikeCanonical(Join(fields), "history first, customers last");
}

// ---------------------------------------------------------------------------
// Irregular but valid encodings of the sample request.

TEST(EvaluateBytes, TheSampleInPiecesIsTheSample) {
  const std::string canonical = SamplePieces().Canonical();
  EXPECT_EQ(canonical, Bytes(SampleRequest()));
  ExpectAccepted(canonical, "sample");
}

TEST(EvaluateBytes, InvoiceFieldsInReverseOrder) {
  Pieces p = SamplePieces();
  for (std::string& invoice : p.invoices) {
    std::vector<WireField> fields = SplitFields(invoice);
    std::reverse(fields.begin(), fields.end());
    invoice = Join(fields);
  }
  ExpectAcceptedLikeCanonical(p.Canonical(), "invoice fields reversed");
}

TEST(EvaluateBytes, InvoiceCustomerBeforeNumber) {
  Pieces p = SamplePieces();
  std::vector<WireField> fields = SplitFields(p.invoices[1]);
  std::swap(fields[0], fields[1]);
  p.invoices[1] = Join(fields);
  ExpectAcceptedLikeCanonical(p.Canonical(), "customer_id before number");
}

TEST(EvaluateBytes, InvoiceNumberAfterOtherFields) {
  Pieces p = SamplePieces();
  std::vector<WireField> fields = SplitFields(p.invoices[2]);
  std::rotate(fields.begin(), fields.begin() + 1, fields.end());  // number last
  p.invoices[2] = Join(fields);
  ExpectAcceptedLikeCanonical(p.Canonical(), "number written last");
}

TEST(EvaluateBytes, InvoiceNumberWrittenTwiceTheLastCounts) {
  // The first value duplicates another invoice's number; the last (which
  // protobuf keeps) does not, and the notices name the last.
  {
    Pieces p = SamplePieces();
    p.invoices[2] = Len(kInvoiceNumber, "1001") + p.invoices[2];  // then "1003"
    ExpectAcceptedLikeCanonical(p.Canonical(), "number twice, first a duplicate");
  }
  // The first is unique, the last duplicates "1001": refused.
  {
    Pieces p = SamplePieces();
    p.invoices[2] += Len(kInvoiceNumber, "1001");
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "duplicate invoice number", "number twice, last a duplicate");
  }
  // A notice names the invoice by its last number only.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_history()->mutable_notices(0)->set_invoice_number("1002-B");
    r.mutable_history()->mutable_notices(1)->set_invoice_number("1002-B");
    Pieces p = SamplePieces(r);
    p.invoices[1] += Len(kInvoiceNumber, "1002-B");
    ExpectAcceptedLikeCanonical(p.Canonical(), "notice names the last number");
  }
  // ... and not by its first.
  {
    Pieces p = SamplePieces();
    p.invoices[1] += Len(kInvoiceNumber, "1002-B");  // the notices say "1002"
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "invoice_number is not an invoice in the request",
                  "notice names the first number");
  }
}

TEST(EvaluateBytes, InvoiceCustomerWrittenTwiceTheLastCounts) {
  {
    Pieces p = SamplePieces();  // invoice 1002 is C2's
    p.invoices[1] = Len(kInvoiceCustomer, "nobody") + p.invoices[1];
    std::vector<WireField> fields = SplitFields(p.invoices[1]);
    std::swap(fields[0], fields[1]);  // number, "nobody", "C2"
    p.invoices[1] = Join(fields);
    ExpectAcceptedLikeCanonical(p.Canonical(), "customer twice, first unknown");
  }
  {
    Pieces p = SamplePieces();
    p.invoices[1] += Len(kInvoiceCustomer, "nobody");
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "is not a customer in the request", "customer twice, last unknown");
  }
  {
    Pieces p = SamplePieces();  // C1's invoice moved to C2 by a later value
    p.invoices[0] += Len(kInvoiceCustomer, "C2");
    ExpectAcceptedLikeCanonical(p.Canonical(), "customer changed by a later value");
  }
}

TEST(EvaluateBytes, InvoiceWithoutCustomerOrNumber) {
  {
    Pieces p = SamplePieces();
    std::vector<WireField> fields = SplitFields(p.invoices[1]);
    fields.erase(fields.begin() + 1);  // customer_id
    p.invoices[1] = Join(fields);
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "is not a customer in the request", "no customer_id");
  }
  {
    Pieces p = SamplePieces();
    std::vector<WireField> fields = SplitFields(p.invoices[1]);
    fields.erase(fields.begin());  // number
    p.invoices[1] = Join(fields);
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "number is required", "no number");
  }
  {
    Pieces p = SamplePieces();  // present but empty
    std::vector<WireField> fields = SplitFields(p.invoices[1]);
    fields[0].raw = Len(kInvoiceNumber, "");
    p.invoices[1] = Join(fields);
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "number is required", "empty number");
  }
  {
    Pieces p = SamplePieces();  // an empty customer id written out
    std::vector<WireField> fields = SplitFields(p.invoices[1]);
    fields[1].raw = Len(kInvoiceCustomer, "");
    p.invoices[1] = Join(fields);
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "is not a customer in the request", "empty customer_id");
  }
  {
    Pieces p = SamplePieces();  // an invoice of no fields at all
    p.invoices.push_back("");
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "number is required", "empty invoice");
  }
}

TEST(EvaluateBytes, NoticeInvoiceNumberNotFirst) {
  Pieces p = SamplePieces();
  for (std::string& notice : p.notices) {
    std::vector<WireField> fields = SplitFields(notice);
    std::rotate(fields.begin(), fields.begin() + 1, fields.end());
    notice = Join(fields);
  }
  ExpectAcceptedLikeCanonical(p.Canonical(), "notice's invoice_number last");
  // Written twice: the last names the invoice.
  Pieces twice = SamplePieces();
  twice.notices[0] = Len(kNoticeInvoice, "9999") + twice.notices[0];
  ExpectAcceptedLikeCanonical(twice.Canonical(), "notice number twice, first unknown");
  Pieces unknown_last = SamplePieces();
  unknown_last.notices[0] += Len(kNoticeInvoice, "9999");
  ExpectRefused(unknown_last.Canonical(), absl::StatusCode::kInvalidArgument,
                "invoice_number is not an invoice in the request",
                "notice number twice, last unknown");
  // Moved to another invoice by the last value: sent before 1003's
  // invoice_date.
  Pieces moved = SamplePieces();
  moved.notices[0] += Len(kNoticeInvoice, "1003");
  ExpectRefused(moved.Canonical(), absl::StatusCode::kInvalidArgument,
                "is before the invoice_date", "notice moved by a later number");
  // No invoice_number at all.
  Pieces none = SamplePieces();
  none.notices[1] = Join([&] {
    std::vector<WireField> f = SplitFields(none.notices[1]);
    f.erase(f.begin());
    return f;
  }());
  ExpectRefused(none.Canonical(), absl::StatusCode::kInvalidArgument,
                "invoice_number is not an invoice in the request", "notice without number");
}

TEST(EvaluateBytes, HistorySplitIntoSeveralFields) {
  const Pieces p = SamplePieces();
  // Notice, then the other notice and the case.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), p.Customers(),
                   p.Invoices(), Len(kHistory, Len(kHistoryNotices, p.notices[0])),
                   Len(kHistory, Len(kHistoryNotices, p.notices[1]) +
                                     Len(kHistoryCases, p.cases[0]))),
      "history in two fields");
  // Cases first, notices in a later field; one empty history field.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), p.Customers(),
                   Len(kHistory, Len(kHistoryCases, p.cases[0])),
                   Len(kHistory, ""), p.Invoices(),
                   Len(kHistory, Len(kHistoryNotices, p.notices[0]) +
                                     Len(kHistoryNotices, p.notices[1]))),
      "history in three fields around the invoices");
  // Notice, case, notice inside one history field.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), p.Customers(),
                   p.Invoices(),
                   Len(kHistory, Len(kHistoryNotices, p.notices[0]) +
                                     Len(kHistoryCases, p.cases[0]) +
                                     Len(kHistoryNotices, p.notices[1]))),
      "notices and cases interleaved");
  // The notices in reverse order: a different request (history order is
  // the request's), still the same on both paths.
  ExpectAccepted(absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings),
                              p.Customers(), p.Invoices(),
                              Len(kHistory, Len(kHistoryNotices, p.notices[1]) +
                                                Len(kHistoryNotices, p.notices[0]) +
                                                Len(kHistoryCases, p.cases[0]))),
                 "notices reversed");
}

TEST(EvaluateBytes, TopLevelFieldsInUnusualOrders) {
  const Pieces p = SamplePieces();
  const std::string as_of = Len(kAsOf, p.as_of), settings = Len(kSettings, p.settings);
  ExpectAcceptedLikeCanonical(
      absl::StrCat(as_of, settings, p.Invoices(), p.History(), p.Customers()),
      "customers after invoices and history");
  ExpectAcceptedLikeCanonical(
      absl::StrCat(p.History(), p.Invoices(), p.Customers(), settings, as_of),
      "every field in reverse order");
  ExpectAcceptedLikeCanonical(
      absl::StrCat(as_of, settings, Len(kCustomers, p.customers[0]),
                   Len(kInvoices, p.invoices[0]), Len(kCustomers, p.customers[1]),
                   Len(kInvoices, p.invoices[1]), p.History(),
                   Len(kInvoices, p.invoices[2])),
      "customers, invoices and history interleaved");
  // The second invoice's customer comes only after it.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(as_of, settings, Len(kCustomers, p.customers[0]), p.Invoices(),
                   Len(kCustomers, p.customers[1]), p.History()),
      "a customer after its invoices");
  // as_of last, after everything.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(settings, p.Customers(), p.Invoices(), p.History(), as_of),
      "as_of last");
}

TEST(EvaluateBytes, LastSynchronizedAndRateTablesAnywhere) {
  const Pieces p = SamplePieces();
  constexpr int kLastSynchronized = 2, kRateTables = 7;
  const std::string synced =
      Len(kLastSynchronized, VarintField(1, testing::kAsOfSeconds - 3600));
  v1::InterestRate row;
  row.set_valid_from("2026-01-01");
  row.set_rate_basis_points(1350);
  v1::InterestRate other;
  other.set_valid_from("2025-07-01");
  other.set_rate_basis_points(1400);
  const std::string rates = Len(kRateTables, Len(1, Bytes(row)));
  ExpectAcceptedLikeCanonical(p.Canonical() + synced + rates,
                              "last_synchronized and rate_tables after the ledger");
  ExpectAcceptedLikeCanonical(rates + synced + p.Canonical(),
                              "last_synchronized and rate_tables first");
  // Rate rows in two rate_tables fields, around the invoices.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), p.Customers(),
                   Len(kRateTables, Len(1, Bytes(other))), p.Invoices(), p.History(),
                   rates, synced, Len(kLastSynchronized, VarintField(2, 5))),
      "rate tables in two fields, last_synchronized twice");
  // A rate row that is refused, after the ledger.
  v1::InterestRate bad;
  bad.set_valid_from("2026-02-30");
  bad.set_rate_basis_points(1000);
  const Outcome refused =
      ExpectSame(p.Canonical() + Len(kRateTables, Len(1, Bytes(bad))), "bad rate row");
  EXPECT_EQ(refused.status.code(), absl::StatusCode::kInvalidArgument) << refused.status;
}

TEST(EvaluateBytes, NothingCarriesOverFromOneRecordToTheNext) {
  // A streamed reading may parse each invoice and notice into one reused
  // message: a full record followed by a bare one must not lend it anything.
  v1::EvaluateRequest r = SampleRequest();
  v1::Invoice* full = r.mutable_invoices(0);
  full->set_do_not_dun(true);
  full->set_payment_reference("1234567890");
  full->set_comment("everything set");
  v1::CreditNote* credit = full->add_credit_notes();
  credit->set_number("K9");
  credit->set_date("2026-01-05");
  credit->set_amount(1000);
  v1::Hold* hold = full->add_holds();
  hold->set_kind(v1::HOLD_KIND_MANUAL);
  hold->set_start_date("2026-01-20");
  hold->set_end_date("2026-01-25");
  v1::Invoice* bare = r.add_invoices();
  bare->set_number("1004");
  bare->set_customer_id("C1");
  bare->set_invoice_date("2025-10-01");
  bare->set_due_date("2025-10-15");
  bare->set_amount(70000);
  v1::Notice* full_notice = r.mutable_history()->add_notices();
  full_notice->set_invoice_number("1001");
  full_notice->set_step(v1::STEP_KIND_REMINDER);
  full_notice->set_sent_date("2026-01-20");
  full_notice->set_deadline("2026-02-03");
  full_notice->set_fee(3500);
  full_notice->set_compensation(1000);
  full_notice->set_interest(250);
  full_notice->set_channel(v1::CHANNEL_POST);
  full_notice->set_letter_id("C1/reminder/2026-01-20");
  full_notice->set_fee_waived_date("2026-01-22");
  v1::Notice* bare_notice = r.mutable_history()->add_notices();
  bare_notice->set_invoice_number("1004");
  bare_notice->set_step(v1::STEP_KIND_REMINDER);
  bare_notice->set_sent_date("2025-11-01");
  bare_notice->set_deadline("2025-11-15");
  ExpectAccepted(Bytes(r), "full records, then bare ones");
  // And the bare ones first.
  r.mutable_invoices()->SwapElements(0, 3);
  r.mutable_history()->mutable_notices()->SwapElements(2, 3);
  ExpectAccepted(Bytes(r), "bare records, then full ones");
  for (bool omit : {false, true}) {
    r.mutable_options()->set_omit_history_in_results(omit);
    ExpectAccepted(Bytes(r), absl::StrCat("omit ", omit));
  }
}

TEST(EvaluateBytes, RepeatedSingularMessagesMerge) {
  const Pieces p = SamplePieces();
  const std::string body = absl::StrCat(p.Customers(), p.Invoices(), p.History());
  // Settings twice: the second's fields win or add (a profile added later,
  // the default business profile replaced).
  v1::DunningSettings more;
  v1::DunningProfile* later = more.add_profiles();
  later->set_id("later");
  later->set_sequence(v1::STEP_SEQUENCE_DUNNING_WARNING);
  more.set_default_business_profile("later");
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), body,
                   Len(kSettings, Bytes(more))),
      "settings twice");
  // The second settings names a profile the first defines.
  v1::DunningSettings refers;
  refers.set_default_person_profile("b2b");
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, Bytes(refers)), body,
                   Len(kSettings, p.settings)),
      "settings twice, reference before definition");
  // as_of twice: seconds from the first, nanos from the second.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), body,
                   Len(kAsOf, VarintField(2, 500000000))),
      "as_of twice");
  // as_of twice, the later one moving the as-of date by a day.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), body,
                   Len(kAsOf, VarintField(1, testing::kAsOfSeconds + 86400))),
      "as_of replaced by a later field");
  // Options twice: threads from one, omit_history from the other, and a
  // threads value written twice.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kOptions, VarintField(3, 4) + VarintField(3, 1)),
                   Len(kAsOf, p.as_of), Len(kSettings, p.settings), body,
                   Len(kOptions, VarintField(4, 1))),
      "options twice");
  // An int32 written with the high bits set: protobuf keeps the low 32.
  ExpectAcceptedLikeCanonical(
      absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings), body,
                   Len(kOptions, VarintField(3, (uint64_t{1} << 32) + 2))),
      "threads with high bits");
}

TEST(EvaluateBytes, UnknownFieldsEverywhere) {
  const std::string unknowns =
      absl::StrCat(VarintField(99, 12345), Len(100, "opaque \xff bytes"),
                   Fixed32Field(101, 7), Fixed64Field(102, 8), NestedGroups(103, 3));
  {
    Pieces p = SamplePieces();
    ExpectAcceptedLikeCanonical(unknowns + p.Canonical() + unknowns, "top level");
  }
  {
    Pieces p = SamplePieces();
    for (std::string& i : p.invoices) i = unknowns + i + unknowns;
    ExpectAcceptedLikeCanonical(p.Canonical(), "inside invoices, first and last");
  }
  {
    Pieces p = SamplePieces();
    for (std::string& i : p.invoices) {
      std::vector<WireField> f = SplitFields(i);
      i = f[0].raw + unknowns + f[1].raw + unknowns;
      for (size_t k = 2; k < f.size(); ++k) i += f[k].raw;
    }
    ExpectAcceptedLikeCanonical(p.Canonical(), "inside invoices, between number and customer");
  }
  {
    Pieces p = SamplePieces();
    for (std::string& n : p.notices) n = unknowns + n + unknowns;
    ExpectAcceptedLikeCanonical(p.Canonical(), "inside notices");
  }
  {
    Pieces p = SamplePieces();
    std::string history = Len(kHistory, unknowns + Len(kHistoryNotices, p.notices[0]) +
                                             unknowns + Len(kHistoryNotices, p.notices[1]) +
                                             Len(kHistoryCases, p.cases[0]));
    ExpectAcceptedLikeCanonical(absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings),
                                             p.Customers(), p.Invoices(), history),
                                "inside the history");
  }
  {
    // Inside payments, credit notes and holds of an invoice.
    Pieces p = SamplePieces();
    std::vector<WireField> f = SplitFields(p.invoices[0]);
    for (WireField& field : f) {
      if (field.number == 7) field.raw = Len(7, unknowns + Payload(field) + unknowns);
    }
    p.invoices[0] = Join(f);
    ExpectAcceptedLikeCanonical(p.Canonical(), "inside a payment");
  }
}

TEST(EvaluateBytes, KnownFieldNumbersWithTheWrongWireTypeAreUnknownFields) {
  // protobuf parses a known field number with another wire type as an
  // unknown field.
  const Pieces p = SamplePieces();
  ExpectAcceptedLikeCanonical(VarintField(kInvoices, 3) + p.Canonical() +
                                  Fixed32Field(kHistory, 1) + VarintField(kCustomers, 1),
                              "top-level invoices/history/customers as scalars");
  {
    Pieces q = SamplePieces();
    q.invoices[1] = VarintField(kInvoiceNumber, 1001) +
                    Fixed64Field(kInvoiceCustomer, 2) + q.invoices[1];
    ExpectAcceptedLikeCanonical(q.Canonical(), "invoice number/customer as scalars first");
  }
  {
    Pieces q = SamplePieces();
    std::vector<WireField> f = SplitFields(q.invoices[1]);
    f[0].raw = VarintField(kInvoiceNumber, 1002);  // the only number: a scalar
    q.invoices[1] = Join(f);
    ExpectRefused(q.Canonical(), absl::StatusCode::kInvalidArgument,
                  "number is required", "invoice number only as a scalar");
  }
  {
    Pieces q = SamplePieces();
    q.notices[0] = VarintField(kNoticeInvoice, 9999) + q.notices[0];
    ExpectAcceptedLikeCanonical(q.Canonical(), "notice number as a scalar first");
  }
  {
    // A history field that is a group: unknown, so the request has no
    // notices there.
    Pieces q = SamplePieces();
    const std::string group = Tag(kHistory, WireFormatLite::WIRETYPE_START_GROUP) +
                              Len(kHistoryNotices, "\x0a\x04" "9999") +
                              Tag(kHistory, WireFormatLite::WIRETYPE_END_GROUP);
    ExpectAcceptedLikeCanonical(q.Canonical() + group, "history as a group");
  }
}

TEST(EvaluateBytes, NonMinimalVarints) {
  const Pieces p = SamplePieces();
  // Lengths of every invoice written in more bytes than needed.
  std::string invoices;
  for (const std::string& i : p.invoices) {
    invoices += Tag(kInvoices, 2) + LongVarint(i.size(), 3) + i;
  }
  ExpectAcceptedLikeCanonical(absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings),
                                           p.Customers(), invoices, p.History()),
                              "long invoice lengths");
  // Tags written in more bytes than needed, at the top and inside invoices
  // and notices.
  auto long_tags = [](absl::string_view message) {
    std::string out;
    for (const WireField& f : SplitFields(message)) {
      if (f.wire_type != 2) {
        out += f.raw;
        continue;
      }
      const std::string payload = Payload(f);
      out += LongVarint((static_cast<uint64_t>(f.number) << 3) | 2, 2) +
             LongVarint(payload.size(), 1) + payload;
    }
    return out;
  };
  Pieces q = SamplePieces();
  for (std::string& i : q.invoices) i = long_tags(i);
  for (std::string& n : q.notices) n = long_tags(n);
  ExpectAcceptedLikeCanonical(long_tags(q.Canonical()), "long tags and lengths everywhere");
}

TEST(EvaluateBytes, NestingDepthAroundTheLimit) {
  // Unknown groups nested in an invoice (depth 2), in a notice (depth 3)
  // and at the top: the same depth must be refused on both paths, whatever
  // depth the streamed reading starts an invoice or a notice at.
  int accepted = 0, refused = 0;
  for (int depth = 24; depth <= 36; ++depth) {
    for (int where = 0; where < 4; ++where) {
      Pieces p = SamplePieces();
      std::string bytes;
      if (where == 0) {
        bytes = NestedGroups(200, depth) + p.Canonical();
      } else if (where == 1) {
        p.invoices[1] += NestedGroups(200, depth);
        bytes = p.Canonical();
      } else if (where == 2) {
        p.notices[1] += NestedGroups(200, depth);
        bytes = p.Canonical();
      } else {
        // Inside a payment of an invoice (depth 3).
        v1::EvaluateRequest r = SampleRequest();
        Pieces s = SamplePieces(r);
        std::vector<WireField> f = SplitFields(s.invoices[0]);
        for (WireField& field : f) {
          if (field.number == 7) field.raw = Len(7, Payload(field) + NestedGroups(200, depth));
        }
        s.invoices[0] = Join(f);
        bytes = s.Canonical();
      }
      const Outcome o = ExpectSame(bytes, absl::StrCat("depth ", depth, " where ", where));
      (o.status.ok() ? accepted : refused)++;
    }
  }
  // The sweep crosses the limit.
  EXPECT_GT(accepted, 0);
  EXPECT_GT(refused, 0);
}

TEST(EvaluateBytes, EmptyAndMinimalRequests) {
  ExpectRefused("", absl::StatusCode::kInvalidArgument, "as_of is required", "empty");
  const Pieces p = SamplePieces();
  ExpectAccepted(Len(kAsOf, p.as_of), "only as_of");
  ExpectRefused(Len(kAsOf, ""), absl::StatusCode::kOutOfRange,
                "before the rate tables begin", "as_of present but empty (1970)");
  ExpectAccepted(Len(kAsOf, p.as_of) + Len(kHistory, "") + Len(kSettings, ""),
                 "as_of, empty history and settings");
  ExpectRefused(p.Customers() + p.Invoices() + p.History(),
                absl::StatusCode::kInvalidArgument, "as_of is required", "no as_of");
  ExpectAccepted(Len(kAsOf, p.as_of) + p.Customers(), "customers without invoices");
}

// ---------------------------------------------------------------------------
// Refusals: the same code and message as the tree.

TEST(EvaluateBytes, RefusedRecords) {
  struct Case {
    const char* name;
    void (*damage)(v1::EvaluateRequest&);
    absl::StatusCode code;
    const char* message_part;
  };
  const Case cases[] = {
      {"duplicate invoice number",
       [](v1::EvaluateRequest& r) { r.mutable_invoices(2)->set_number("1001"); },
       absl::StatusCode::kInvalidArgument, "duplicate invoice number"},
      {"customer_id not a customer",
       [](v1::EvaluateRequest& r) { r.mutable_invoices(1)->set_customer_id("C9"); },
       absl::StatusCode::kInvalidArgument, "is not a customer in the request"},
      {"notice naming an unknown invoice",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(1)->set_invoice_number("9999");
       },
       absl::StatusCode::kInvalidArgument, "invoice_number is not an invoice"},
      {"notice before its invoice's invoice_date",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(0)->set_sent_date("2025-11-01");
       },
       absl::StatusCode::kInvalidArgument, "is before the invoice_date"},
      {"notice with a bad sent_date",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(1)->set_sent_date("2026-02-30");
       },
       absl::StatusCode::kInvalidArgument, "sent_date"},
      {"notice without a step",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(1)->set_step(v1::STEP_KIND_UNSPECIFIED);
       },
       absl::StatusCode::kInvalidArgument, "step is required"},
      {"collection case before its invoice's invoice_date",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_collection_cases(0)->set_transferred_date(
             "2025-12-31");
       },
       absl::StatusCode::kInvalidArgument, "is before the invoice_date"},
      {"duplicate collection case",
       [](v1::EvaluateRequest& r) {
         *r.mutable_history()->add_collection_cases() =
             r.history().collection_cases(0);
       },
       absl::StatusCode::kInvalidArgument, "duplicate collection case"},
      {"collection case of an unknown invoice",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_collection_cases(0)->set_invoice_number("77");
       },
       absl::StatusCode::kInvalidArgument, "invoice_number is not an invoice"},
      {"payment with a bad date",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(0)->mutable_payments(0)->set_date("2026-02-30");
       },
       absl::StatusCode::kInvalidArgument, "payments[0].date"},
      {"payment of zero",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(0)->mutable_payments(0)->set_amount(0);
       },
       absl::StatusCode::kInvalidArgument, "payments[0].amount"},
      {"credit notes over the invoice amount",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(1)->mutable_credit_notes(0)->set_amount(2500001);
       },
       absl::StatusCode::kInvalidArgument, "exceed the invoice amount"},
      {"invoice due before its date",
       [](v1::EvaluateRequest& r) { r.mutable_invoices(2)->set_due_date("2026-01-01"); },
       absl::StatusCode::kInvalidArgument, "is before invoice_date"},
      {"invoice amount over kMaxAmount",
       [](v1::EvaluateRequest& r) { r.mutable_invoices(2)->set_amount(kMaxAmount + 1); },
       absl::StatusCode::kInvalidArgument, "amount"},
      {"negative invoice amount",
       [](v1::EvaluateRequest& r) { r.mutable_invoices(2)->set_amount(-5); },
       absl::StatusCode::kInvalidArgument, "amount"},
      {"invoice amounts over kMaxLedgerTotal together",
       [](v1::EvaluateRequest& r) {
         for (int i = 0; i <= kMaxLedgerTotal / kMaxAmount; ++i) {
           v1::Invoice* inv = r.add_invoices();
           inv->set_number(absl::StrCat("big-", i));
           inv->set_customer_id("C1");
           inv->set_invoice_date("2026-01-02");
           inv->set_due_date("2026-01-16");
           inv->set_amount(kMaxAmount);
         }
       },
       absl::StatusCode::kInvalidArgument, "invoice amounts together"},
      {"payments over kMaxLedgerTotal together",
       [](v1::EvaluateRequest& r) {
         for (int i = 0; i <= kMaxLedgerTotal / kMaxAmount; ++i) {
           v1::Invoice* inv = r.add_invoices();
           inv->set_number(absl::StrCat("paid-", i));
           inv->set_customer_id("C1");
           inv->set_invoice_date("2026-01-02");
           inv->set_due_date("2026-01-16");
           inv->set_amount(100);
           v1::Payment* pay = inv->add_payments();
           pay->set_date("2026-01-10");
           pay->set_amount(kMaxAmount);
         }
       },
       absl::StatusCode::kInvalidArgument, "payments of all invoices together"},
      {"a notice's charges overflowing",
       [](v1::EvaluateRequest& r) {
         v1::Notice* n = r.mutable_history()->mutable_notices(0);
         n->set_fee(kMaxAmount);
         n->set_interest(1);
       },
       absl::StatusCode::kInvalidArgument, "the charges of the invoice's notices together"},
      {"two notices' charges overflowing",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(0)->set_interest(kMaxAmount / 2 + 1);
         r.mutable_history()->mutable_notices(1)->set_compensation(kMaxAmount / 2);
       },
       absl::StatusCode::kInvalidArgument, "the charges of the invoice's notices together"},
      {"too many payments on one invoice",
       [](v1::EvaluateRequest& r) {
         v1::Invoice* inv = r.mutable_invoices(1);
         for (int i = 0; i <= kMaxPaymentsPerInvoice; ++i) {
           v1::Payment* pay = inv->add_payments();
           pay->set_date("2026-01-20");
           pay->set_amount(1);
         }
       },
       absl::StatusCode::kResourceExhausted, "payments on one invoice"},
      {"too many holds on one invoice",
       [](v1::EvaluateRequest& r) {
         v1::Invoice* inv = r.mutable_invoices(0);
         for (int i = 0; i <= kMaxHoldsPerInvoice; ++i) {
           v1::Hold* h = inv->add_holds();
           h->set_kind(v1::HOLD_KIND_OBJECTION);
           h->set_start_date("2026-02-01");
         }
       },
       absl::StatusCode::kResourceExhausted, "holds on one invoice"},
      {"an invoice string over kMaxStringBytes",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(1)->set_comment(std::string(kMaxStringBytes + 1, 'x'));
       },
       absl::StatusCode::kResourceExhausted, "comment"},
      {"an invoice number over kMaxStringBytes",
       [](v1::EvaluateRequest& r) {
         const std::string number(kMaxStringBytes + 1, '7');
         r.mutable_invoices(1)->set_number(number);
         r.mutable_history()->mutable_notices(0)->set_invoice_number(number);
         r.mutable_history()->mutable_notices(1)->set_invoice_number(number);
       },
       absl::StatusCode::kResourceExhausted, "number"},
      {"a notice string over kMaxStringBytes",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(1)->set_letter_id(
             std::string(kMaxStringBytes + 1, 'L'));
       },
       absl::StatusCode::kResourceExhausted, "letter_id"},
      {"a payment id over kMaxStringBytes",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(0)->mutable_payments(0)->set_id(
             std::string(kMaxStringBytes + 1, 'p'));
       },
       absl::StatusCode::kResourceExhausted, "payments[0].id"},
      {"a notice of an unknown enum step",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(0)->set_step(static_cast<v1::StepKind>(77));
       },
       absl::StatusCode::kInvalidArgument, "step"},
      {"threads negative",
       [](v1::EvaluateRequest& r) { r.mutable_options()->set_threads(-1); },
       absl::StatusCode::kInvalidArgument, "threads"},
      {"threads over kMaxThreads",
       [](v1::EvaluateRequest& r) { r.mutable_options()->set_threads(kMaxThreads + 1); },
       absl::StatusCode::kResourceExhausted, "threads"},
      {"duplicate customer",
       [](v1::EvaluateRequest& r) { *r.add_customers() = r.customers(0); },
       absl::StatusCode::kInvalidArgument, "duplicate customer id"},
  };
  for (const Case& c : cases) {
    v1::EvaluateRequest request = SampleRequest();
    c.damage(request);
    ExpectRefused(Bytes(request), c.code, c.message_part, c.name);
  }
}

TEST(EvaluateBytes, AtTheLimitsIsAccepted) {
  {
    v1::EvaluateRequest r = SampleRequest();
    v1::Invoice* inv = r.mutable_invoices(1);
    for (int i = 0; i < kMaxPaymentsPerInvoice - 1; ++i) {
      v1::Payment* pay = inv->add_payments();
      pay->set_date("2026-01-20");
      pay->set_amount(1);
    }
    inv->add_credit_notes()->CopyFrom(inv->credit_notes(0));
    inv->mutable_credit_notes(1)->set_number("K2");
    ASSERT_EQ(inv->payments_size(), kMaxPaymentsPerInvoice - 1);
    inv->add_payments()->CopyFrom(inv->payments(0));
    ExpectAccepted(Bytes(r), "kMaxPaymentsPerInvoice payments");
  }
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_invoices(1)->set_comment(std::string(kMaxStringBytes, 'x'));
    r.mutable_history()->mutable_notices(1)->set_letter_id(std::string(kMaxStringBytes, 'L'));
    ExpectAccepted(Bytes(r), "strings of kMaxStringBytes");
  }
  {
    // Exactly kMaxLedgerTotal.
    v1::EvaluateRequest r = SampleRequest();
    int64_t total = 0;
    for (const auto& inv : r.invoices()) total += inv.amount();
    for (int i = 0; total < kMaxLedgerTotal; ++i) {
      v1::Invoice* inv = r.add_invoices();
      inv->set_number(absl::StrCat("big-", i));
      inv->set_customer_id("C2");
      inv->set_invoice_date("2026-01-02");
      inv->set_due_date("2026-01-16");
      inv->set_amount(std::min(kMaxAmount, kMaxLedgerTotal - total));
      total += inv->amount();
    }
    ExpectAccepted(Bytes(r), "invoice amounts of exactly kMaxLedgerTotal");
  }
  {
    // One notice's charges of exactly kMaxAmount.
    v1::EvaluateRequest r = SampleRequest();
    v1::Notice* n = r.mutable_history()->mutable_notices(0);
    n->set_fee(kMaxAmount - 3750 - 2);
    n->set_compensation(1);
    n->set_interest(1);
    ExpectAccepted(Bytes(r), "an invoice's notice charges of exactly kMaxAmount");
  }
}

// The sample with `marker` (a string the sample does not contain) replaced
// by `bytes` of the same length in its serialized form.
std::string WithBytes(v1::EvaluateRequest request, absl::string_view marker,
                      absl::string_view bytes) {
  std::string out = Bytes(request);
  const size_t at = out.find(std::string(marker));
  EXPECT_NE(at, std::string::npos);
  EXPECT_EQ(marker.size(), bytes.size());
  EXPECT_EQ(out.find(std::string(marker), at + 1), std::string::npos);
  out.replace(at, marker.size(), std::string(bytes));
  return out;
}

TEST(EvaluateBytes, InvalidUtf8Strings) {
  const google::protobuf::LogSilencer quiet;  // protobuf logs each bad string
  const std::string bad = "ok\xff\xfe";  // four bytes, not UTF-8
  const char* where[] = {"invoice comment", "invoice number", "invoice customer_id",
                         "notice letter_id", "notice invoice_number",
                         "payment id", "collection case agency"};
  for (int k = 0; k < 7; ++k) {
    v1::EvaluateRequest r = SampleRequest();
    const std::string marker = "@@@@";
    switch (k) {
      case 0: r.mutable_invoices(1)->set_comment(marker); break;
      case 1: r.mutable_invoices(2)->set_number(marker); break;
      case 2:
        r.mutable_customers(1)->set_id("ok??");
        r.mutable_invoices(2)->set_customer_id(marker);
        break;
      case 3: r.mutable_history()->mutable_notices(1)->set_letter_id(marker); break;
      case 4:
        r.mutable_invoices(1)->set_number("ok??");
        r.mutable_history()->mutable_notices(0)->set_invoice_number("ok??");
        r.mutable_history()->mutable_notices(1)->set_invoice_number(marker);
        break;
      case 5: r.mutable_invoices(0)->mutable_payments(0)->set_id(marker); break;
      case 6: r.mutable_history()->mutable_collection_cases(0)->set_agency(marker); break;
    }
    ExpectRefused(WithBytes(r, marker, bad), absl::StatusCode::kInvalidArgument,
                  "not a valid serialized", where[k]);
  }
  // The same bytes in an unknown length-delimited field are not a string:
  // accepted.
  Pieces p = SamplePieces();
  p.invoices[0] += Len(150, bad);
  p.notices[0] += Len(150, bad);
  ExpectAcceptedLikeCanonical(p.Canonical(), "non-UTF-8 bytes in unknown fields");
}

TEST(EvaluateBytes, EveryCutOfTheSample) {
  const google::protobuf::LogSilencer quiet;  // cut UTF-8 is logged
  const std::string bytes = Bytes(SampleRequest());
  int refused = 0;
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    const Outcome o = ExpectSame(absl::string_view(bytes).substr(0, cut),
                                 absl::StrCat("cut at ", cut));
    if (!o.status.ok()) ++refused;
  }
  // Most cuts land inside a field.
  EXPECT_GT(refused, static_cast<int>(bytes.size() / 2));
}

TEST(EvaluateBytes, EveryCutOfAnIrregularEncoding) {
  const google::protobuf::LogSilencer quiet;  // cut UTF-8 is logged
  // The history first and split, unknown fields inside records.
  Pieces p = SamplePieces();
  p.invoices[1] += VarintField(99, 1);
  const std::string bytes = absl::StrCat(
      Len(kHistory, Len(kHistoryNotices, p.notices[0])), Len(kAsOf, p.as_of),
      p.Invoices(), Len(kSettings, p.settings), p.Customers(),
      Len(kHistory, Len(kHistoryNotices, p.notices[1]) + Len(kHistoryCases, p.cases[0])));
  ExpectAccepted(bytes, "irregular whole");
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    ExpectSame(absl::string_view(bytes).substr(0, cut), absl::StrCat("cut at ", cut));
  }
}

TEST(EvaluateBytes, SeveralErrorsTheFirstReportedIsTheSame) {
  // A bad notice and a later bad invoice: invoices are validated first.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_history()->mutable_notices(0)->set_invoice_number("9999");
    r.mutable_invoices(2)->set_due_date("2026-13-01");
    ExpectRefused(Bytes(r), absl::StatusCode::kInvalidArgument, "due_date",
                  "bad notice and bad invoice");
  }
  // The same with the history written before the invoices.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_history()->mutable_notices(0)->set_invoice_number("9999");
    r.mutable_invoices(2)->set_due_date("2026-13-01");
    const Pieces p = SamplePieces(r);
    ExpectRefused(absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings),
                               p.Customers(), p.History(), p.Invoices()),
                  absl::StatusCode::kInvalidArgument, "due_date",
                  "bad notice written before a bad invoice");
  }
  // Two bad invoices: the first in request order.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_invoices(0)->set_invoice_date("2026-02-31");
    r.mutable_invoices(2)->set_customer_id("C9");
    ExpectRefused(Bytes(r), absl::StatusCode::kInvalidArgument, "invoice_date",
                  "two bad invoices");
  }
  // A bad invoice date, and a string over the limit in a later invoice:
  // every size limit is reported before any other check.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_invoices(0)->set_invoice_date("2026-02-31");
    r.mutable_invoices(2)->set_comment(std::string(kMaxStringBytes + 1, 'x'));
    ExpectRefused(Bytes(r), absl::StatusCode::kResourceExhausted, "comment",
                  "bad date, then a string over the limit");
  }
  // A bad notice, and a string over the limit in a later notice.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_history()->mutable_notices(0)->set_deadline("2025-01-01");
    r.mutable_history()->mutable_notices(1)->set_letter_id(
        std::string(kMaxStringBytes + 1, 'L'));
    ExpectRefused(Bytes(r), absl::StatusCode::kResourceExhausted, "letter_id",
                  "bad notice, then a notice string over the limit");
  }
  // A bad notice and a bad collection case: notices first.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_history()->mutable_collection_cases(0)->set_invoice_number("77");
    r.mutable_history()->mutable_notices(1)->set_deadline("2026-01-01");
    ExpectRefused(Bytes(r), absl::StatusCode::kInvalidArgument, "deadline",
                  "bad case and bad notice");
  }
  // A bad invoice and bytes damaged at the end: the parse error wins.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_invoices(0)->set_invoice_date("2026-02-31");
    ExpectRefused(Bytes(r) + "\x0a\x05" "ab", absl::StatusCode::kInvalidArgument,
                  "not a valid serialized", "bad invoice and truncated end");
  }
  // A bad settings field written after a fine ledger.
  {
    const Pieces p = SamplePieces();
    v1::DunningSettings bad;
    bad.set_default_person_profile("nope");
    ExpectRefused(p.Canonical() + Len(kSettings, Bytes(bad)),
                  absl::StatusCode::kInvalidArgument, "default_person_profile",
                  "bad settings after the ledger");
  }
  // A bad customer after the invoices.
  {
    const Pieces p = SamplePieces();
    v1::Customer bad;
    bad.set_id("C3");
    bad.set_profile_id("nope");
    ExpectRefused(p.Canonical() + Len(kCustomers, Bytes(bad)),
                  absl::StatusCode::kInvalidArgument, "profile_id",
                  "bad customer after the ledger");
  }
}

// ---------------------------------------------------------------------------
// Seeded mutations of a small valid request.

// ~30 invoices with notices, payments, credit notes, holds and a collection
// case.
v1::EvaluateRequest MutationBase() {
  v1::EvaluateRequest r = Ledger(30, 42);
  for (int i = 0; i < r.invoices_size(); i += 4) {
    v1::Invoice* inv = r.mutable_invoices(i);
    v1::CreditNote* c = inv->add_credit_notes();
    c->set_number(absl::StrCat("K", i));
    c->set_date(inv->invoice_date());
    c->set_amount(std::max<int64_t>(1, inv->amount() / 10));
  }
  for (int i = 1; i < r.invoices_size(); i += 7) {
    v1::Hold* h = r.mutable_invoices(i)->add_holds();
    h->set_kind(v1::HOLD_KIND_OBJECTION);
    h->set_start_date(r.invoices(i).due_date());
  }
  if (r.history().collection_cases_size() == 0) {
    v1::CollectionCase* k = r.mutable_history()->add_collection_cases();
    k->set_invoice_number(r.invoices(3).number());
    k->set_transferred_date("2026-11-01");
    k->set_state(v1::COLLECTION_CASE_STATE_ACTIVE);
  }
  return r;
}

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : random_(seed) {}

  std::string Mutate(std::string bytes) {
    const int count = 1 + Below(3);
    for (int k = 0; k < count && !bytes.empty(); ++k) bytes = MutateOnce(std::move(bytes));
    return bytes;
  }

 private:
  int Below(int n) { return n <= 0 ? 0 : static_cast<int>(random_() % n); }

  std::string MutateOnce(std::string bytes) {
    switch (Below(10)) {
      case 0: {  // flip a bit
        bytes[Below(bytes.size())] ^= static_cast<char>(1 << Below(8));
        return bytes;
      }
      case 1: {  // set a byte to any value
        bytes[Below(bytes.size())] = static_cast<char>(Below(256));
        return bytes;
      }
      case 2: {  // delete a range
        const int at = Below(bytes.size());
        bytes.erase(at, 1 + Below(16));
        return bytes;
      }
      case 3: {  // duplicate a range
        const int at = Below(bytes.size());
        const std::string range = bytes.substr(at, 1 + Below(32));
        bytes.insert(Below(bytes.size() + 1), range);
        return bytes;
      }
      case 4:
      case 5:
      case 6: return MutateFields(bytes, /*levels=*/0);
      default: return MutateFields(bytes, /*levels=*/1 + Below(2));
    }
  }

  // Rearranges the fields of the message `bytes`, or, `levels` deep, those
  // of one of its length-delimited fields (lengths rewritten to match).
  std::string MutateFields(const std::string& bytes, int levels) {
    std::vector<WireField> fields = SplitFields(bytes);
    if (fields.empty()) return bytes;
    if (levels > 0) {
      std::vector<int> nested;
      for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
        if (fields[i].wire_type == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
          nested.push_back(i);
        }
      }
      if (!nested.empty()) {
        WireField& f = fields[nested[Below(nested.size())]];
        f.raw = Len(f.number, MutateFields(Payload(f), levels - 1));
        return Join(fields);
      }
    }
    const int a = Below(fields.size()), b = Below(fields.size());
    switch (Below(7)) {
      case 0: std::swap(fields[a], fields[b]); break;
      case 1: fields.insert(fields.begin() + b, fields[a]); break;
      case 2: fields.erase(fields.begin() + a); break;
      case 3: {  // one of its bytes changed, the length kept right
        if (fields[a].wire_type != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
          fields[a].raw[Below(fields[a].raw.size())] ^= 1;
          break;
        }
        std::string payload = Payload(fields[a]);
        if (payload.empty()) break;
        char& c = payload[Below(payload.size())];
        // Mostly a digit for a digit: dates and amounts that stay valid.
        c = Below(4) == 0 ? static_cast<char>(Below(256))
                          : static_cast<char>('0' + Below(10));
        fields[a].raw = Len(fields[a].number, payload);
        break;
      }
      case 4: {  // a varint field set to a nearby or extreme value
        if (fields[a].wire_type != WireFormatLite::WIRETYPE_VARINT) break;
        const uint64_t values[] = {0, 1, 2, 3, 7, 1000, 0x7fffffff, 0xffffffffull,
                                   static_cast<uint64_t>(kMaxAmount),
                                   static_cast<uint64_t>(kMaxAmount) + 1,
                                   ~uint64_t{0}};
        fields[a].raw = VarintField(fields[a].number, values[Below(11)]);
        break;
      }
      case 5: {  // the field renumbered (another known or an unknown field)
        const int number = 1 + Below(14);
        if (fields[a].wire_type == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
          fields[a].raw = Len(number, Payload(fields[a]));
        }
        break;
      }
      default:  // moved to the front
        std::rotate(fields.begin(), fields.begin() + a, fields.begin() + a + 1);
        break;
    }
    return Join(fields);
  }

  std::mt19937_64 random_;
};

// The base written irregularly: the history first and split in two, the
// customers last, each invoice's fields reversed.
std::string IrregularMutationBase() {
  const v1::EvaluateRequest r = MutationBase();
  Pieces p = SamplePieces(r);
  for (std::string& invoice : p.invoices) {
    std::vector<WireField> fields = SplitFields(invoice);
    std::reverse(fields.begin(), fields.end());
    invoice = Join(fields);
  }
  std::string first_half, second_half;
  for (size_t i = 0; i < p.notices.size(); ++i) {
    (i % 2 == 0 ? first_half : second_half) += Len(kHistoryNotices, p.notices[i]);
  }
  for (const std::string& c : p.cases) second_half += Len(kHistoryCases, c);
  return absl::StrCat(Len(kHistory, first_half), Len(kAsOf, p.as_of),
                      Len(kSettings, p.settings), p.Invoices(),
                      Len(kHistory, second_half), p.Customers(),
                      Len(kOptions, Bytes(r.options())));
}

// Runs `count` seeded mutants of `base` through both paths; returns how
// many the reference accepted.
int ExpectSameOnMutants(const std::string& base, uint64_t seed, int count) {
  const google::protobuf::LogSilencer quiet;  // protobuf logs each bad string
  Mutator mutator(seed);
  int accepted = 0, differing = 0;
  for (int i = 0; i < count; ++i) {
    const std::string mutant = mutator.Mutate(base);
    bool ok = false;
    if (!Same(mutant, &ok) && ++differing <= 3) {
      ExpectSame(mutant, absl::StrCat("seed ", seed, " mutant ", i));
    }
    accepted += ok;
  }
  EXPECT_EQ(differing, 0) << "seed " << seed;
  return accepted;
}

TEST(EvaluateBytes, SeededMutationsOfASmallLedger) {
  const std::string base = Bytes(MutationBase());
  ExpectAccepted(base, "mutation base");
  constexpr int kMutants = 8000;
  const int accepted = ExpectSameOnMutants(base, 20240611, kMutants);
  // The mutants reach both the accepting and the refusing paths.
  EXPECT_GT(accepted, kMutants / 20);
  EXPECT_LT(accepted, kMutants * 19 / 20);
  std::printf("%d of %d mutants accepted\n", accepted, kMutants);
}

TEST(EvaluateBytes, SeededMutationsOfAnIrregularEncoding) {
  const std::string base = IrregularMutationBase();
  ExpectAcceptedLikeCanonical(base, "irregular mutation base");
  constexpr int kMutants = 4000;
  const int accepted = ExpectSameOnMutants(base, 77, kMutants);
  EXPECT_GT(accepted, kMutants / 20);
  EXPECT_LT(accepted, kMutants * 19 / 20);
  std::printf("%d of %d mutants accepted\n", accepted, kMutants);
}

}  // namespace
}  // namespace purring
