// Error paths of the C ABI, seen from a C++ host: every failure returns its
// pinned absl::StatusCode number and a message in the response buffer.
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "purring.h"

namespace purring {
namespace {

using ::testing::HasSubstr;

struct Result {
  int code;
  std::string text;
};

Result EvaluateBytes(const std::string& bytes) {
  purring_buffer response{nullptr, 0};
  const int code = purring_evaluate(bytes.data(), bytes.size(), &response);
  Result result{code, std::string(reinterpret_cast<const char*>(response.data),
                                  response.size)};
  purring_buffer_free(&response);
  return result;
}

Result EvaluateJson(const std::string& json) {
  purring_buffer response{nullptr, 0};
  const int code = purring_evaluate_json(json.data(), json.size(), &response);
  Result result{code, std::string(reinterpret_cast<const char*>(response.data),
                                  response.size)};
  purring_buffer_free(&response);
  return result;
}

TEST(CapiCodes, PinnedToAbslStatusCodes) {
  EXPECT_EQ(PURRING_OK, static_cast<int>(absl::StatusCode::kOk));
  EXPECT_EQ(PURRING_INVALID_ARGUMENT,
            static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(PURRING_OUT_OF_RANGE, static_cast<int>(absl::StatusCode::kOutOfRange));
  EXPECT_EQ(PURRING_RESOURCE_EXHAUSTED,
            static_cast<int>(absl::StatusCode::kResourceExhausted));
  EXPECT_EQ(PURRING_INTERNAL, static_cast<int>(absl::StatusCode::kInternal));
  EXPECT_EQ(PURRING_UNAUTHENTICATED,
            static_cast<int>(absl::StatusCode::kUnauthenticated));
}

// EvaluateRequest{as_of: {seconds: 1795860000}}, encoded by hand (this host
// has no protobuf runtime of its own, as the CMake comment explains).
const std::string kMinimalRequest("\x0A\x06\x08\xA0\xCC\xAA\xD8\x06", 8);

TEST(CapiErrors, MinimalBinaryRequestIsAccepted) {
  const Result result = EvaluateBytes(kMinimalRequest);
  EXPECT_EQ(result.code, PURRING_OK) << result.text;
}

TEST(CapiErrors, TruncatedBinaryIsRefused) {
  for (size_t size = 1; size < kMinimalRequest.size(); ++size) {
    const Result result = EvaluateBytes(kMinimalRequest.substr(0, size));
    EXPECT_EQ(result.code, PURRING_INVALID_ARGUMENT) << size;
    EXPECT_THAT(result.text, HasSubstr("not a valid serialized")) << size;
  }
}

TEST(CapiErrors, InvalidRecordNamesIt) {
  const Result result = EvaluateJson(R"({"asOf":"2026-11-28T10:00:00Z",
      "customers":[{"id":"K1"}],
      "invoices":[{"number":"10023","customerId":"K1","invoiceDate":"2026-02-01",
                   "dueDate":"2026-02-30","amount":"1000"}]})");
  EXPECT_EQ(result.code, PURRING_INVALID_ARGUMENT);
  EXPECT_THAT(result.text, HasSubstr("invoice \"10023\""));
  EXPECT_THAT(result.text, HasSubstr("due_date"));
}

TEST(CapiErrors, UnknownCustomerIsRefused) {
  const Result result = EvaluateJson(R"({"asOf":"2026-11-28T10:00:00Z",
      "invoices":[{"number":"7","customerId":"nobody","invoiceDate":"2026-01-01",
                   "dueDate":"2026-01-15","amount":"100"}]})");
  EXPECT_EQ(result.code, PURRING_INVALID_ARGUMENT);
  EXPECT_THAT(result.text, HasSubstr("invoice \"7\""));
  EXPECT_THAT(result.text, HasSubstr("\"nobody\""));
}

TEST(CapiErrors, InvalidJsonIsRefused) {
  for (const std::string json : {"", "{", "[]", "{\"asOf\": 12}", "nul",
                                 "{\"invoices\": [{\"amount\": \"abc\"}]}",
                                 "{\"unknownField\": 1}"}) {
    const Result result = EvaluateJson(json);
    EXPECT_EQ(result.code, PURRING_INVALID_ARGUMENT) << json;
    EXPECT_FALSE(result.text.empty()) << json;
  }
}

TEST(CapiErrors, UnknownEnumNameInJsonIsRefused) {
  const Result result = EvaluateJson(
      R"({"asOf":"2026-11-28T10:00:00Z","settings":{"progression":"MODE_SOMETIMES"}})");
  EXPECT_EQ(result.code, PURRING_INVALID_ARGUMENT);
  EXPECT_NE(result.text.find("(settings.progression): invalid value "
                             "\"MODE_SOMETIMES\""),
            std::string::npos)
      << result.text;
}

TEST(CapiErrors, AnUnknownJsonKeyIsShownPrintableAndShort) {
  // protobuf's parser names an unknown key as it is: a control character in
  // it would reach the host's log or terminal raw, and a 100 000-byte key
  // would make a 100 000-byte message.
  const Result control = EvaluateJson(
      "{\"asOf\":\"2026-11-28T10:00:00Z\",\"x\\nERROR \\u001b[2J\":1}");
  EXPECT_EQ(control.code, PURRING_INVALID_ARGUMENT);
  EXPECT_NE(control.text.find("x\\x0aERROR \\x1b[2J"), std::string::npos)
      << control.text;
  for (const char c : control.text) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << control.text;
  }
  const Result long_key = EvaluateJson("{\"asOf\":\"2026-11-28T10:00:00Z\",\"" +
                                       std::string(100000, 'k') + "\":1}");
  EXPECT_EQ(long_key.code, PURRING_INVALID_ARGUMENT);
  EXPECT_LT(long_key.text.size(), 700u) << long_key.text.size();
  EXPECT_NE(long_key.text.find("kkk..."), std::string::npos);
  // Cut once escaped: 400 control characters are 1 600 bytes escaped.
  std::string controls;
  for (int i = 0; i < 400; ++i) controls += "\\u0001";
  const Result escaped = EvaluateJson("{\"asOf\":\"2026-11-28T10:00:00Z\",\"" +
                                      controls + "\":1}");
  EXPECT_EQ(escaped.code, PURRING_INVALID_ARGUMENT);
  EXPECT_LT(escaped.text.size(), 700u) << escaped.text;
  EXPECT_NE(escaped.text.find("\\x01\\x01..."), std::string::npos)
      << escaped.text;
}

TEST(CapiErrors, AJsonSyntaxErrorNamesItsByte) {
  // protobuf's parser puts the text around the error and a caret under it on
  // lines of their own, which a log shows as "\x0a" runs: the message gives
  // the byte the caret points at instead.
  const Result missing_comma = EvaluateJson(
      "{\"asOf\": \"2026-11-28T10:00:00Z\",\n \"invoices\": [{\"number\": "
      "\"1\" \"amount\": 1}]}");
  EXPECT_EQ(missing_comma.code, PURRING_INVALID_ARGUMENT);
  EXPECT_NE(missing_comma.text.find(
                "Expected , or } after key:value pair. (at byte 62: "
                "\"amount\": 1}]})"),
            std::string::npos)
      << missing_comma.text;
  const Result cut = EvaluateJson("{\"asOf\": ");
  EXPECT_NE(cut.text.find("Expected a value. (at the end of the request)"),
            std::string::npos)
      << cut.text;
  for (const Result* result : {&missing_comma, &cut}) {
    EXPECT_EQ(result->text.find("\\x0a"), std::string::npos) << result->text;
  }
}

TEST(CapiErrors, NullArgumentsAreRefused) {
  purring_buffer response{nullptr, 0};
  EXPECT_EQ(purring_evaluate(nullptr, 5, &response), PURRING_INVALID_ARGUMENT);
  purring_buffer_free(&response);
  EXPECT_EQ(purring_evaluate_json(nullptr, 5, &response), PURRING_INVALID_ARGUMENT);
  purring_buffer_free(&response);
  EXPECT_EQ(purring_evaluate("", 0, nullptr), PURRING_INVALID_ARGUMENT);
  EXPECT_EQ(purring_evaluate_json("{}", 2, nullptr), PURRING_INVALID_ARGUMENT);
}

TEST(CapiErrors, ErrorLeavesNoPartialResponse) {
  // A refused request yields the message only, never response bytes.
  const Result result = EvaluateJson(R"({"invoices":[]})");
  EXPECT_EQ(result.code, PURRING_INVALID_ARGUMENT);
  EXPECT_EQ(result.text, "request: as_of is required");
}

TEST(CapiErrors, AbsurdSizesAreRefusedBeforeTheBytesAreRead) {
  // A size no buffer can have (2^63 and more) gets RESOURCE_EXHAUSTED from
  // every entry point; the pointer is never read (a one-byte request here).
  const char one = 0;
  for (const size_t size : {size_t{1} << 63, SIZE_MAX}) {
    purring_buffer out{nullptr, 0};
    EXPECT_EQ(purring_evaluate(&one, size, &out), PURRING_RESOURCE_EXHAUSTED);
    EXPECT_THAT(std::string(reinterpret_cast<const char*>(out.data)),
                HasSubstr("the limit is"));
    purring_buffer_free(&out);
    EXPECT_EQ(purring_evaluate_json(&one, size, &out),
              PURRING_RESOURCE_EXHAUSTED);
    purring_buffer_free(&out);
    EXPECT_EQ(purring_validate(&one, size, &out), PURRING_RESOURCE_EXHAUSTED);
    purring_buffer_free(&out);
    auto ignore = [](void*, const uint8_t*, size_t) { return 0; };
    EXPECT_EQ(purring_evaluate_to(&one, size, ignore, nullptr, &out),
              PURRING_RESOURCE_EXHAUSTED);
    purring_buffer_free(&out);
  }
}

TEST(CapiErrors, ValidRequestLeavesTheMessageEmpty) {
  // An empty buffer is {NULL, 0} (purring.h): nothing to free on success.
  const std::string request = "\x0a\x06\x08\x80\xd8\x8a\xca\x06";  // as_of
  purring_buffer message{nullptr, 0};
  ASSERT_EQ(purring_validate(request.data(), request.size(), &message),
            PURRING_OK);
  EXPECT_EQ(message.data, nullptr);
  EXPECT_EQ(message.size, 0u);
}

TEST(CapiErrors, MessagesAreUtf8CStrings) {
  // The JSON parser quotes the request; a NUL or a byte that is not UTF-8
  // must not reach the host's message as such (purring.h: UTF-8 text, a C
  // string).
  for (const std::string json :
       {std::string("{\"asOf\": \"a\0b\"}", 15),
        std::string("{\"asOf\": \"\xff\xfe\"}"),
        std::string("{\"\xc3\"\xff: 1}")}) {
    const Result result = EvaluateJson(json);
    EXPECT_EQ(result.code, PURRING_INVALID_ARGUMENT);
    EXPECT_EQ(result.text.find('\0'), std::string::npos) << result.text;
    for (const char c : result.text) {
      EXPECT_LT(static_cast<unsigned char>(c), 0x80) << result.text;
    }
  }
  // Valid UTF-8 in a message is kept.
  const Result norwegian = EvaluateJson("{\"asOf\": \"blåbær\"}");
  EXPECT_EQ(norwegian.code, PURRING_INVALID_ARGUMENT);
  EXPECT_THAT(norwegian.text, HasSubstr("blåbær"));
}

TEST(CapiVersion, MatchesHeader) {
  EXPECT_STREQ(purring_version(), PURRING_VERSION_STRING);
  EXPECT_EQ(purring_abi_version(), PURRING_ABI_VERSION);
}

}  // namespace
}  // namespace purring
