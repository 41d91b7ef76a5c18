// Resource limits (purring/limits.h): counted on the wire before a binary
// request is parsed, checked again by ValidateRequest for requests built in
// C++, and nesting refused without exhausting the stack.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hardening/sample_requests.h"
#include "purring/limits.h"
#include "validate_limits.h"

namespace purring::testing {
namespace {

using ::testing::HasSubstr;
using Code = absl::StatusCode;

TEST(WireLimits, PaymentsOfOneInvoiceCountedBeforeParsing) {
  v1::EvaluateRequest request = SampleRequest();
  // Invoice "1001" has one payment already.
  for (int i = 0; i < kMaxPaymentsPerInvoice; ++i) request.mutable_invoices(0)->add_payments();
  v1::EvaluateRequest parsed;
  const absl::Status status = ParseRequest(request.SerializeAsString(), &parsed);
  EXPECT_EQ(status.code(), Code::kResourceExhausted) << status;
  // Named as the parsed request's check names it (the JSON path's).
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("invoice \"1001\": has 10001 payments; the limit is 10000"));
  EXPECT_EQ(parsed.ByteSizeLong(), 0u) << "nothing parsed";
  // An invoice without a number is named by its place.
  request.mutable_invoices(0)->clear_number();
  EXPECT_THAT(std::string(ParseRequest(request.SerializeAsString(), &parsed).message()),
              HasSubstr("invoices[0]: has 10001 payments"));
}

TEST(WireLimits, AddressLinesCountedBeforeParsing) {
  // Ten million empty lines are 20 MB on the wire and took 1.2 GB parsed
  // before the parsed request's check refused them: now counted first.
  v1::EvaluateRequest request = SampleRequest();
  v1::PostalAddress* address =
      request.mutable_customers(1)->mutable_postal_address();
  address->clear_lines();
  for (int i = 0; i <= kMaxAddressLines; ++i) address->add_lines();
  v1::EvaluateRequest parsed;
  absl::Status status = ParseRequest(request.SerializeAsString(), &parsed);
  EXPECT_EQ(status.code(), Code::kResourceExhausted) << status;
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("customer \"" + request.customers(1).id() +
                        "\": postal_address.lines has 17 lines; the limit is 16"));
  EXPECT_EQ(parsed.ByteSizeLong(), 0u) << "nothing parsed";
  // At the limit it parses.
  address->mutable_lines()->RemoveLast();
  EXPECT_TRUE(ParseRequest(request.SerializeAsString(), &parsed).ok());

  v1::PostalAddress* company =
      request.mutable_settings()->mutable_company()->mutable_address();
  for (int i = 0; i <= kMaxAddressLines; ++i) company->add_lines("x");
  status = ParseRequest(request.SerializeAsString(), &parsed);
  EXPECT_EQ(status.code(), Code::kResourceExhausted) << status;
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("settings: company.address.lines has"));
}

TEST(WireLimits, ProfilesCountedBeforeParsing) {
  v1::EvaluateRequest request = SampleRequest();
  for (int i = 0; i < kMaxProfiles; ++i) request.mutable_settings()->add_profiles();
  v1::EvaluateRequest parsed;
  const absl::Status status = ParseRequest(request.SerializeAsString(), &parsed);
  EXPECT_EQ(status.code(), Code::kResourceExhausted) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("profiles"));
}

TEST(WireLimits, RateRowsCountedBeforeParsing) {
  v1::EvaluateRequest request = SampleRequest();
  for (int i = 0; i <= kMaxRateRows; ++i) request.mutable_rate_tables()->add_fee_fractions();
  v1::EvaluateRequest parsed;
  const absl::Status status = ParseRequest(request.SerializeAsString(), &parsed);
  EXPECT_EQ(status.code(), Code::kResourceExhausted) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("rate table rows"));
}

TEST(WireLimits, AtTheLimitParses) {
  v1::EvaluateRequest request = SampleRequest();
  for (int i = 0; i < kMaxPaymentsPerInvoice; ++i) {
    v1::Payment* p = request.mutable_invoices(1)->add_payments();
    p->set_date("2026-02-01");
    p->set_amount(1);
  }
  v1::EvaluateRequest parsed;
  EXPECT_TRUE(ParseRequest(request.SerializeAsString(), &parsed).ok());
  EXPECT_EQ(parsed.invoices(1).payments_size(), kMaxPaymentsPerInvoice);
  EXPECT_TRUE(ValidateRequest(parsed).ok()) << ValidateRequest(parsed);
}

// The same limits hold for a request built in C++ (no wire to count).
TEST(ValidateLimits, CountsCheckedForRequestsBuiltInCpp) {
  v1::EvaluateRequest request = SampleRequest();
  for (int i = 0; i < kMaxPaymentsPerInvoice; ++i) request.mutable_invoices(0)->add_payments();
  const absl::Status status = ValidateRequest(request);
  EXPECT_EQ(status.code(), Code::kResourceExhausted) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("invoice \"1001\""));
}

// The binary reading skips CheckInvoiceLimits and CheckNoticeLimits for
// records of at most kRecordBytesWithinLimits bytes. Each limit they check,
// exceeded in the fewest bytes possible (empty elements, one byte too
// many), makes a record larger than that: the checks skipped are only ones
// that pass.
TEST(RecordBytesWithinLimits, EveryRecordOverALimitIsLargerThanIt) {
  using internal::kRecordBytesWithinLimits;
  v1::Invoice holds, payments, credit_notes, comment, payment_id;
  for (int i = 0; i <= kMaxHoldsPerInvoice; ++i) holds.add_holds();
  for (int i = 0; i <= kMaxPaymentsPerInvoice; ++i) payments.add_payments();
  for (int i = 0; i <= kMaxCreditNotesPerInvoice; ++i) {
    credit_notes.add_credit_notes();
  }
  comment.set_comment(std::string(kMaxStringBytes + 1, 'x'));
  payment_id.add_payments()->set_id(std::string(kMaxStringBytes + 1, 'p'));
  for (const v1::Invoice* invoice :
       {&holds, &payments, &credit_notes, &comment, &payment_id}) {
    EXPECT_FALSE(internal::CheckInvoiceLimits(*invoice).ok());
    EXPECT_GT(invoice->ByteSizeLong(), kRecordBytesWithinLimits);
  }
  v1::Notice notice;
  notice.set_letter_id(std::string(kMaxStringBytes + 1, 'L'));
  EXPECT_FALSE(internal::CheckNoticeLimits(0, notice).ok());
  EXPECT_GT(notice.ByteSizeLong(), kRecordBytesWithinLimits);
  // And the densest records within every limit are checked and pass.
  v1::Invoice dense;
  for (int i = 0; i < kMaxHoldsPerInvoice; ++i) dense.add_holds();
  EXPECT_TRUE(internal::CheckInvoiceLimits(dense).ok());
}

// Nesting: the schema is 5 levels deep. Deeper wire data (unknown groups, or
// length-delimited fields inside each other) is refused, not recursed into.
TEST(Nesting, DeepUnknownGroupsAreRefused) {
  for (int depth : {kMaxNestingDepth + 1, 1000, 1000000}) {
    std::string bytes;
    for (int i = 0; i < depth; ++i) bytes += "\xA3\x06";
    for (int i = 0; i < depth; ++i) bytes += "\xA4\x06";
    const Outcome out = EvaluateBinary(bytes);
    EXPECT_EQ(out.status.code(), Code::kInvalidArgument) << depth;
  }
}

TEST(Nesting, ShallowUnknownGroupsAreTolerated) {
  // Unknown fields are tolerated (schema evolution): a group 3 deep, then a
  // valid as_of.
  std::string bytes;
  for (int i = 0; i < 3; ++i) bytes += "\xA3\x06";
  for (int i = 0; i < 3; ++i) bytes += "\xA4\x06";
  bytes += SampleRequest().SerializeAsString();
  const Outcome out = EvaluateBinary(bytes);
  EXPECT_TRUE(out.status.ok()) << out.status;
}

TEST(Nesting, DeepJsonIsRefusedWithoutRecursion) {
  for (int depth : {200, 100000, 1000000}) {
    for (const auto& [open, close] : {std::pair<std::string, std::string>{"[", "]"},
                                      {"{\"a\":", "}"},
                                      {"{\"settings\":", "}"}}) {
      std::string json;
      for (int i = 0; i < depth; ++i) json += open;
      json += "1";
      for (int i = 0; i < depth; ++i) json += close;
      const Outcome out = EvaluateJsonText(json);
      EXPECT_EQ(out.status.code(), Code::kInvalidArgument) << open << depth;
    }
  }
}

TEST(Nesting, ArraysInArraysAreRefusedNotFlattened) {
  // Protobuf's JSON parser alone read `"invoices": [[...]]` as the
  // invoices, and nested arrays inside a field at any depth; no field of
  // the schema is a list of lists.
  const Outcome flattened = EvaluateJsonText(
      R"({"asOf": "2026-11-28T10:00:00Z", "invoices": [[]]})");
  EXPECT_EQ(flattened.status.code(), Code::kInvalidArgument);
  EXPECT_THAT(std::string(flattened.status.message()),
              HasSubstr("an array inside an array at byte 46"));
  for (int depth : {2, 101, 100000}) {
    std::string json = R"({"settings": {"company": {"address": {"lines": )";
    for (int i = 0; i < depth; ++i) json += "[";
    json += R"("Storgata 1")";
    for (int i = 0; i < depth; ++i) json += "]";
    json += "}}}}";
    const Outcome out = EvaluateJsonText(json);
    EXPECT_EQ(out.status.code(), Code::kInvalidArgument) << depth;
    EXPECT_THAT(std::string(out.status.message()),
                HasSubstr("an array inside an array"));
  }
  // Brackets inside strings are text.
  const Outcome text = EvaluateJsonText(
      R"({"asOf": "2026-11-28T10:00:00Z", "settings": {"company": )"
      R"({"name": "[[\"{["}}})");
  EXPECT_TRUE(text.status.ok()) << text.status;
}

TEST(JsonShape, AListIsWrittenAsAnArray) {
  // Protobuf's JSON parser alone took a single value for a list of one; the
  // proto3 JSON mapping writes every repeated field as an array.
  struct Case {
    const char* json;
    const char* refusal;
  };
  const Case cases[] = {
      {R"({"asOf": "2026-11-28T10:00:00Z", "invoices": {"number": "1"}})",
       "field invoices is a list: its value must be an array (at byte 45)"},
      {R"({"settings": {"company": {"address": {"lines": "Storgata 1"}}}})",
       "field lines is a list"},
      // Under its proto name, inside a list of messages.
      {R"({"customers": [{"id": "K1"}, {"postal_address": {"lines": 7}}]})",
       "field lines is a list"},
      {R"({"history": {"notices": [], "collectionCases": {"invoiceNumber": "1"}}})",
       "field collection_cases is a list"},
      // A key with escapes names its field as protobuf reads it.
      {R"({"settings": {"company": {"address": {"\u006cines": "Storgata 1"}}}})",
       "field lines is a list"},
      {R"({"invoices": [{"h\u006Flds": {"startDate": "2026-01-01"}}]})",
       "field holds is a list"},
  };
  for (const Case& c : cases) {
    const Outcome out = EvaluateJsonText(c.json);
    EXPECT_EQ(out.status.code(), Code::kInvalidArgument) << c.json;
    EXPECT_THAT(std::string(out.status.message()), HasSubstr(c.refusal))
        << c.json;
  }
  // null is a list's default (empty); a key or a string that only looks
  // like a list field is text.
  const Outcome null_list = EvaluateJsonText(
      R"({"asOf": "2026-11-28T10:00:00Z", "invoices": null, "customers": [],)"
      R"( "settings": {"company": {"name": "lines: \"invoices\": 1"}}})");
  EXPECT_TRUE(null_list.status.ok()) << null_list.status;
}

TEST(JsonShape, AFieldGivenTwiceIsRefused) {
  // protobuf's JSON parser keeps the last of two values for one field,
  // where a host's own JSON reader may keep the first: the engine and the
  // host would read two ledgers. Refused, under either name.
  struct Case {
    const char* json;
    const char* refusal;
  };
  const Case cases[] = {
      {R"({"asOf": "2026-12-03T10:00:00Z", "asOf": "2026-12-20T10:00:00Z"})",
       "field as_of is given twice in one object (at byte 33)"},
      {R"({"as_of": "2026-12-03T10:00:00Z", "asOf": "2026-12-20T10:00:00Z"})",
       "field as_of is given twice"},
      {R"({"invoices": [{"number": "1"}, {"payments": [{"amount": "-5", )"
       R"("amount": "1000"}]}]})",
       "field amount is given twice"},
      {R"({"invoices": [{"number": "1", "number": "2"}]})",
       "field number is given twice"},
  };
  for (const Case& c : cases) {
    const Outcome out = EvaluateJsonText(c.json);
    EXPECT_EQ(out.status.code(), Code::kInvalidArgument) << c.json;
    EXPECT_THAT(std::string(out.status.message()), HasSubstr(c.refusal))
        << c.json;
  }
  // The same key in two objects, or in an object and the one inside it, is
  // no repetition.
  const Outcome apart = EvaluateJsonText(
      R"({"asOf": "2026-11-28T10:00:00Z", "customers": [{"id": "K1", )"
      R"("name": "A"}, {"id": "K2", "name": "B"}]})");
  EXPECT_TRUE(apart.status.ok()) << apart.status;
}

TEST(JsonShape, NullElementsAndSingleQuotesAreRefused) {
  // protobuf drops a null element of a list: the host would count one
  // invoice more than the engine accounts for.
  const Outcome null_invoice = EvaluateJsonText(
      R"({"asOf": "2026-11-28T10:00:00Z", "invoices": [null, {"number": "1"}]})");
  EXPECT_EQ(null_invoice.status.code(), Code::kInvalidArgument);
  EXPECT_THAT(std::string(null_invoice.status.message()),
              HasSubstr("null in the list invoices (at byte 46)"));
  const Outcome null_line = EvaluateJsonText(
      R"({"settings": {"company": {"address": {"lines": ["a", null]}}}})");
  EXPECT_THAT(std::string(null_line.status.message()),
              HasSubstr("null in the list lines"));
  const Outcome quoted = EvaluateJsonText(R"({'asOf': "2026-11-28T10:00:00Z"})");
  EXPECT_EQ(quoted.status.code(), Code::kInvalidArgument);
  EXPECT_THAT(std::string(quoted.status.message()),
              HasSubstr("a single quote at byte 1"));
  // A quote inside a string is text.
  const Outcome apostrophe = EvaluateJsonText(
      R"({"asOf": "2026-11-28T10:00:00Z", "customers": [{"id": "K1", )"
      R"("name": "O'Brien"}]})");
  EXPECT_TRUE(apostrophe.status.ok()) << apostrophe.status;
}

TEST(JsonShape, WhatIsNotJsonIsRefusedThoughProtobufWouldReadIt) {
  // protobuf 3.21's parser reads all of these; other readers of the same
  // request would not (RFC 8259), so the host and the engine could disagree.
  const struct {
    const char* json;
    const char* refusal;
  } cases[] = {
      {R"({asOf: "2026-11-28T10:00:00Z"})",
       "an object key without quotes at byte 1"},
      {R"({"asOf": "2026-11-28T10:00:00Z",})", "a comma before the closing }"},
      {R"({"asOf": "2026-11-28T10:00:00Z", "customers": [{"id": "K1"},]})",
       "a comma before the closing ]"},
      {"{\"asOf\": \"2026-11-28T10:00:00Z\", \"customers\": [{\"id\": "
       "\"K\n1\"}]}",
       "a control character inside a string at byte 56"},
      {R"({"asOf": "2026-11-28T10:00:00Z", "invoices": [{"amount": 100000.}]})",
       "a number ending in '.' at byte 63"},
      {"\xEF\xBB\xBF{\"asOf\": \"2026-11-28T10:00:00Z\"}",
       "a UTF-8 byte order mark at byte 0"},
      // protobuf drops the backslash of an escape JSON does not have: a
      // notice of "100\1" would be one of invoice "1001".
      {R"({"history": {"notices": [{"invoiceNumber": "100\1"}]}})",
       "a backslash before '1' at byte 47"},
      {R"({"customers": [{"name": "Kari \x41"}]})",
       "a backslash before 'x' at byte 30"},
      {R"({"customers": [{"name": "\u00e"}]})",
       "an escape \\u without four hex digits at byte 25"},
      {"{\"asOf\":\f\"2026-11-28T10:00:00Z\"}", "a form feed at byte 8"},
      {"{\"asOf\": \"2026-11-28T10:00:00Z\"}\v", "a vertical tab at byte 32"},
      // The mapping's bool is true or false, its Timestamp a string of at
      // most nanoseconds; protobuf reads "y", an object, and 12 digits.
      {R"({"customers": [{"id": "K1", "doNotDun": "y"}]})",
       "field do_not_dun is a bool: true or false without quotes (at byte "
       "40)"},
      {R"({"asOf": {"seconds": "1764320400"}})",
       "field as_of is an instant: an RFC 3339 string (at byte 9)"},
      {R"({"asOf": "2026-11-28T09:00:00.123456789999Z"})",
       "an instant with 12 fractional digits at byte 9"},
      // Counted as protobuf reads it: \u0030 is a tenth digit.
      {R"({"lastSynchronized": "2026-11-28T09:00:00.123456789\u0030Z"})",
       "an instant with 10 fractional digits at byte 21"},
  };
  for (const auto& c : cases) {
    const Outcome out = EvaluateJsonText(c.json);
    EXPECT_EQ(out.status.code(), Code::kInvalidArgument) << c.json;
    EXPECT_THAT(std::string(out.status.message()), HasSubstr(c.refusal))
        << c.json;
  }
  // Escapes, a decimal fraction and an empty object or list are JSON, and
  // so is an instant in nanoseconds, or null.
  const Outcome fine = EvaluateJsonText(
      R"({"asOf": "2026-11-28T10:00:00.123456789Z", "customers": [{"id": )"
      R"("K\u00e91", "name": "A\"\\\/\b\f\n\r\t", "doNotDun": true}], )"
      R"("lastSynchronized": null, "settings": {}, "invoices": []})");
  EXPECT_TRUE(fine.status.ok()) << fine.status;
}

TEST(Nesting, ObjectsAndArraysTogetherNestAtMostAHundredDeep) {
  // 99 objects, then an array: 100 levels, which protobuf refuses for its
  // own reasons (no such field), not for the depth; one more is refused
  // for the depth before protobuf reads it.
  for (int objects : {99, 100}) {
    std::string json;
    for (int i = 0; i < objects; ++i) json += R"({"a":)";
    json += "[1]";
    for (int i = 0; i < objects; ++i) json += "}";
    const Outcome out = EvaluateJsonText(json);
    EXPECT_EQ(out.status.code(), Code::kInvalidArgument);
    EXPECT_EQ(out.status.message().find("nested deeper than 100 levels") !=
                  absl::string_view::npos,
              objects == 100)
        << objects << ": " << out.status;
  }
}

}  // namespace
}  // namespace purring::testing
