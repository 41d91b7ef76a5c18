// Fields protobuf would drop without a word: a field number the schema
// knows, written with another wire type (an invoice written as a group,
// say), is kept as an unknown field, so the record it carries would be
// left out of the evaluation. Unknown numbers are a newer host's fields and
// stay ignored.
#ifndef PURRING_SRC_KNOWN_FIELDS_H_
#define PURRING_SRC_KNOWN_FIELDS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// Whether a generated message of type T has unknown fields. The type's
// Reflection is looked up once: through the message it costs ~100
// instructions a call (GetMetadata), on every invoice and notice.
template <typename T>
bool HasUnknownFields(const T& message) {
  static const google::protobuf::Reflection* const reflection =
      T::GetReflection();
  return !reflection->GetUnknownFields(message).empty();
}

// INVALID_ARGUMENT "<record>: field <n> (<name>) ..." when one of message's
// unknown fields has a number its type defines; OK otherwise.
absl::Status CheckUnknownFieldsAreUnknown(const google::protobuf::Message& message,
                                          absl::string_view record);

// The same over the request's own fields, its history's, and those of each
// customer, invoice and notice (ParseRequest). Deeper messages (payments,
// addresses, settings) are not looked into.
absl::Status CheckRequestUnknownFields(const v1::EvaluateRequest& request);

}  // namespace purring::internal

#endif  // PURRING_SRC_KNOWN_FIELDS_H_
