#include "failing_field.h"

#include <cstdint>
#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/message.h"
#include "google/protobuf/wire_format_lite.h"
#include "purring/limits.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {
namespace {

using google::protobuf::Message;
using google::protobuf::io::CodedInputStream;
using google::protobuf::internal::WireFormatLite;

// Whether the field at [begin, end) parses on its own into a `prototype`,
// `depth` levels below the request.
bool ParsesAlone(const Message& prototype, const uint8_t* begin,
                 const uint8_t* end, int depth) {
  std::unique_ptr<Message> one(prototype.New());
  CodedInputStream in(begin, static_cast<int>(end - begin));
  in.SetRecursionLimit(kMaxNestingDepth - depth);
  return one->MergeFromCodedStream(&in) && in.ConsumedEntireMessage();
}

// FailingField within the `prototype` message at [begin, end), its fields'
// names prefixed with `prefix`.
std::string FailingFieldIn(const Message& prototype, const uint8_t* begin,
                           const uint8_t* end, int depth,
                           absl::string_view prefix) {
  CodedInputStream in(begin, static_cast<int>(end - begin));
  in.SetRecursionLimit(kMaxNestingDepth - depth);
  std::map<int, int> seen;  // occurrences so far, by field number
  while (true) {
    const uint8_t* const field_begin = begin + in.CurrentPosition();
    const uint32_t tag = in.ReadTag();
    if (tag == 0) return "";
    const int number = WireFormatLite::GetTagFieldNumber(tag);
    const uint8_t* payload = nullptr;
    uint32_t length = 0;
    if (WireFormatLite::GetTagWireType(tag) ==
        WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      if (!in.ReadVarint32(&length) ||
          length > static_cast<uint32_t>(in.BytesUntilLimit())) {
        return "";
      }
      payload = begin + in.CurrentPosition();
      if (!in.Skip(static_cast<int>(length))) return "";
    } else if (!WireFormatLite::SkipField(&in, tag)) {
      return "";
    }
    const uint8_t* const field_end = begin + in.CurrentPosition();
    const int occurrence = seen[number]++;
    if (ParsesAlone(prototype, field_begin, field_end, depth)) continue;
    const google::protobuf::FieldDescriptor* field =
        prototype.GetDescriptor()->FindFieldByNumber(number);
    std::string name = absl::StrCat(
        prefix, field != nullptr ? field->name() : absl::StrCat("field ", number));
    if (field != nullptr && field->is_repeated()) {
      absl::StrAppend(&name, "[", occurrence, "]");
    }
    // The history holds the notices: name the one that fails.
    if (payload != nullptr && field != nullptr &&
        field->message_type() == v1::DunningHistory::descriptor()) {
      const std::string inner =
          FailingFieldIn(v1::DunningHistory::default_instance(), payload,
                         payload + length, depth + 1, absl::StrCat(name, "."));
      if (!inner.empty()) return inner;
    }
    return name;
  }
}

}  // namespace

std::string FailingField(absl::string_view bytes) {
  const auto* begin = reinterpret_cast<const uint8_t*>(bytes.data());
  return FailingFieldIn(v1::EvaluateRequest::default_instance(), begin,
                        begin + bytes.size(), /*depth=*/0, "");
}

}  // namespace purring::internal
