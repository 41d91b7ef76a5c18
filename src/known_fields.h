// Fields protobuf would drop without a word: a field number the schema
// knows, written with another wire type (an invoice written as a group, a
// payment's allocation as a string, say), is kept as an unknown field, so
// what it carries would be left out of the evaluation. Unknown numbers are a
// newer host's fields and stay ignored.
#ifndef PURRING_SRC_KNOWN_FIELDS_H_
#define PURRING_SRC_KNOWN_FIELDS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// Whether a generated message of type T has unknown fields of its own. The
// type's Reflection is looked up once: through the message it costs ~100
// instructions a call (GetMetadata), on every invoice and notice.
template <typename T>
bool HasUnknownFields(const T& message) {
  static const google::protobuf::Reflection* const reflection =
      T::GetReflection();
  return !reflection->GetUnknownFields(message).empty();
}

// Whether the record or a message inside it (a customer's postal address, an
// invoice's payments, credit notes and holds) has unknown fields: the cheap
// test run on every record before CheckUnknownFieldsAreUnknown names one.
// known_fields_test walks each type's descriptor so that a message field
// added to the schema cannot be missed here.
bool HasUnknownFieldsInside(const v1::Customer& customer);
bool HasUnknownFieldsInside(const v1::Invoice& invoice);
bool HasUnknownFieldsInside(const v1::Notice& notice);

// INVALID_ARGUMENT "<record>[.<path>]: field <n> (<name>) ..." for the first
// unknown field, in message or in any message inside it, whose number its
// type defines; OK otherwise.
absl::Status CheckUnknownFieldsAreUnknown(const google::protobuf::Message& message,
                                          absl::string_view record);

// The same over the whole request: its own fields and every message inside
// them (as_of, settings, rate tables, options, the history's collection
// cases), and each customer, invoice and notice, named by its position.
absl::Status CheckRequestUnknownFields(const v1::EvaluateRequest& request);

}  // namespace purring::internal

#endif  // PURRING_SRC_KNOWN_FIELDS_H_
