// PrintResponseJson prints a record at a time (F20: the proto3 JSON
// mapping): the text must be exactly what protobuf prints for the whole
// response at once, with zero amounts, false flags, enums and empty lists.
#include <string>

#include "absl/status/statusor.h"
#include "generated_ledgers.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "purring/engine.h"

namespace purring {
namespace {

std::string WholeAtOnce(const v1::EvaluateResponse& response) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  EXPECT_TRUE(
      google::protobuf::util::MessageToJsonString(response, &json, options)
          .ok());
  return json;
}

std::string Printed(const v1::EvaluateResponse& response) {
  absl::StatusOr<SerializedResponse> json = PrintResponseJson(response);
  EXPECT_TRUE(json.ok()) << json.status();
  if (!json.ok()) return "";
  EXPECT_EQ(json->data.get()[json->size], '\0');
  return std::string(json->data.get(), json->size);
}

TEST(PrintJsonTest, AGeneratedLedgerPrintsAsTheWholeResponseWould) {
  absl::StatusOr<v1::EvaluateResponse> response =
      Evaluate(generated::Ledger(2000, 7));
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_GT(response->results_size(), 0);
  ASSERT_GT(response->letters_size(), 0);
  ASSERT_GT(response->collection_hand_offs_size(), 0);
  EXPECT_EQ(Printed(*response), WholeAtOnce(*response));
}

TEST(PrintJsonTest, EmptyListsAndListLookalikesInText) {
  // A list's key written inside a string is text, not a list to fill; an
  // empty response prints every list as [].
  v1::EvaluateResponse response;
  EXPECT_EQ(Printed(response), WholeAtOnce(response));
  response.set_engine_version("\",\"results\":[],\"x\":\"");
  response.add_warnings()->set_message("\"actions\":[]");
  response.add_warnings()->set_code("{\"results\":[]}");
  response.mutable_next_dispatch()->add_action_ids("\"letters\":[]");
  response.add_results()->set_invoice_number("\\\"results\\\":[]");
  EXPECT_EQ(Printed(response), WholeAtOnce(response));
}

TEST(PrintJsonTest, BytesThatAreNotAResponseAreAnInternalError) {
  const std::string garbage = "\x0a\xff\xff\xff\xff\x0f";
  absl::StatusOr<SerializedResponse> json = PrintResponseJson(garbage);
  EXPECT_EQ(json.status().code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace purring
