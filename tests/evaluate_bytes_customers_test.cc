// EvaluateBytes reads each customer from the request's bytes when it needs
// it (CustomerReader) rather than parsing them all up front; on irregular
// but valid encodings of the customers, and on bad ones, it gives exactly
// what ParseRequest and then EvaluateSerialized give: fields out of order
// or written twice, a postal address in two parts or empty, unknown fields,
// known fields with another wire type, invalid UTF-8, and customers written
// among the invoices. The sample's customers have a letter by post (C1) and
// none at all for want of an address (C2).
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "evaluate_bytes_support.h"
#include "evaluate_streamed.h"
#include "gtest/gtest.h"

namespace purring::testing_bytes {
namespace {

// customer.proto's field numbers (ledger.proto).
constexpr int kCustomerId = 1, kCustomerName = 2, kCustomerAddress = 5;
constexpr int kAddressLines = 1, kAddressPostalCode = 2;

// Accepted like its canonical form, and by the streamed reading itself, not
// by the tree's reading it falls back to.
void ExpectStreamedLikeCanonical(const std::string& bytes,
                                 absl::string_view what) {
  ExpectAcceptedLikeCanonical(bytes, what);
  absl::StatusOr<SerializedResponse> streamed =
      internal::EvaluateStreamed(bytes);
  EXPECT_TRUE(streamed.ok()) << what << ": " << streamed.status();
}

TEST(EvaluateBytesCustomers, FieldsInReverseOrder) {
  Pieces p = SamplePieces();
  for (std::string& customer : p.customers) customer = Reversed(customer);
  ExpectStreamedLikeCanonical(p.Canonical(), "customer fields reversed");
}

TEST(EvaluateBytesCustomers, IdWrittenTwiceTheLastCounts) {
  {
    Pieces p = SamplePieces();
    p.customers[0] = Len(kCustomerId, "C2") + p.customers[0];  // then "C1"
    ExpectStreamedLikeCanonical(p.Canonical(), "id twice, first a duplicate");
  }
  {
    Pieces p = SamplePieces();
    p.customers[0] += Len(kCustomerId, "C9");  // invoice 1001 names "C1"
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "is not a customer in the request", "id twice, last unknown");
  }
  {
    Pieces p = SamplePieces();
    p.customers[0] += Len(kCustomerId, "C2");
    ExpectRefused(p.Canonical(), absl::StatusCode::kInvalidArgument,
                  "duplicate customer id", "id twice, last a duplicate");
  }
}

TEST(EvaluateBytesCustomers, PostalAddressInTwoPartsIsMerged) {
  // C1's letter goes by post: its address is read again from the bytes.
  Pieces p = SamplePieces();
  std::vector<WireField> fields = SplitFields(p.customers[0]);
  std::string merged;
  for (const WireField& field : fields) {
    if (field.number != kCustomerAddress) {
      merged += field.raw;
      continue;
    }
    // Its lines in one occurrence, its postal code in a later one.
    std::string lines, rest;
    for (const WireField& part : SplitFields(Payload(field))) {
      (part.number == kAddressLines ? lines : rest) += part.raw;
    }
    ASSERT_FALSE(lines.empty());
    ASSERT_FALSE(rest.empty());
    merged += Len(kCustomerAddress, lines) + Len(kCustomerName, "Kari N.") +
              Len(kCustomerAddress, rest);
  }
  p.customers[0] = merged;
  ExpectStreamedLikeCanonical(p.Canonical(), "address in two parts");
}

TEST(EvaluateBytesCustomers, AnEmptyPostalAddressIsStillNone) {
  // Present but empty: the customer has no address to write to.
  Pieces p = SamplePieces();
  p.customers[1] += Len(kCustomerAddress, "");
  ExpectStreamedLikeCanonical(p.Canonical(), "empty address");
  p.customers[1] += Len(kCustomerAddress, Len(kAddressPostalCode, "0150"));
  ExpectStreamedLikeCanonical(p.Canonical(), "postal code only");
}

TEST(EvaluateBytesCustomers, UnknownFieldsIgnoredKnownOnesMistypedRefused) {
  {
    Pieces p = SamplePieces();
    p.customers[0] += VarintField(99, 7) + Len(100, "from a newer host");
    ExpectAccepted(p.Canonical(), "unknown fields");
    EXPECT_TRUE(internal::EvaluateStreamed(p.Canonical()).ok());
  }
  {
    Pieces p = SamplePieces();
    p.customers[1] += VarintField(kCustomerName, 7);  // a string as a varint
    const Outcome reference = ExpectSame(p.Canonical(), "name as a varint");
    EXPECT_FALSE(reference.status.ok());
  }
  {
    // The customers field itself as a varint: the record would be lost.
    Pieces p = SamplePieces();
    const std::string bytes = p.Canonical() + VarintField(kCustomers, 1);
    const Outcome reference = ExpectSame(bytes, "customers as a varint");
    EXPECT_FALSE(reference.status.ok());
  }
}

TEST(EvaluateBytesCustomers, InvalidUtf8Refused) {
  Pieces p = SamplePieces();
  p.customers[1] += Len(kCustomerName, "Hansen \xc3\x28");
  const Outcome reference = ExpectSame(p.Canonical(), "invalid UTF-8 name");
  EXPECT_EQ(reference.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(reference.status.message()),
              ::testing::EndsWith(": customers[1].name is not UTF-8"));
}

TEST(EvaluateBytesCustomers, WrittenAmongTheInvoicesAndAfterTheHistory) {
  Pieces p = SamplePieces();
  std::string bytes = Len(kAsOf, p.as_of) + Len(kSettings, p.settings);
  bytes += Len(kInvoices, p.invoices[0]) + Len(kCustomers, p.customers[1]);
  for (size_t i = 1; i < p.invoices.size(); ++i) {
    bytes += Len(kInvoices, p.invoices[i]);
  }
  bytes += p.History() + Len(kCustomers, p.customers[0]);
  ExpectStreamedLikeCanonical(bytes, "customers among the records");
}

TEST(EvaluateBytesCustomers, EmptyCustomerRecordsRefusedLikeTheTree) {
  // Every customer an empty record: the customers' bytes are empty, and no
  // record may be parsed from nowhere (evaluate_fuzzer's finding, below).
  Pieces p = SamplePieces();
  for (std::string& customer : p.customers) customer.clear();
  const Outcome reference = ExpectSame(p.Canonical(), "empty customers");
  EXPECT_EQ(reference.status.code(), absl::StatusCode::kInvalidArgument)
      << reference.status;
  // The fuzzer's input: an as-of instant, one empty customer, and a truncated
  // field after it.
  const std::string found(
      "\x0a\x06\x08\xa0\xb0\xf5\xd0\x06\x22\x00\x8d\x60"
      "\x00\x06\x20\x06",
      16);
  ExpectSame(found, "evaluate_fuzzer-crash-c536199b");
}

}  // namespace
}  // namespace purring::testing_bytes
