// What protobuf 3.21's JSON parser lets through though the proto3 JSON
// mapping does not allow it, checked in one pass over the text before
// protobuf reads it:
// - a list written as a single value (`"lines": "Storgata 1"`,
//   `"invoices": {...}`), which protobuf takes as a list of one;
// - an array nested in an array, which it reads as the outer array's
//   elements (`"invoices": [[...]]`); no field of the schema is a list of
//   lists;
// - objects and arrays together nested deeper than kMaxJsonDepth (its own
//   limit counts objects only);
// - a field given twice in one object, under one name or its proto and its
//   JSON names (protobuf keeps the last value, other readers the first);
// - null as a list's element (protobuf drops it);
// - single-quoted strings, unquoted keys, a comma before a closing } or ],
//   a control character inside a string, an escape JSON does not have
//   (protobuf drops its backslash), a form feed or vertical tab between
//   tokens, a number ending in '.', and a byte order mark;
// - a bool in quotes ("yes", "1", "t"), a Timestamp as an object, and one
//   with more than nine fractional digits (protobuf drops the rest).
// What is not well-formed JSON is left to protobuf to refuse.
#ifndef PURRING_SRC_JSON_SHAPE_H_
#define PURRING_SRC_JSON_SHAPE_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace purring::internal {

inline constexpr size_t kMaxJsonDepth = 100;

// INVALID_ARGUMENT "request is not valid purring.v1.EvaluateRequest JSON:
// <why>": every refusal of a JSON request reads so. `why` is shown with its
// control characters escaped (\xNN), cut to 512 bytes once escaped.
absl::Status InvalidJsonRequest(absl::string_view why);

// InvalidJsonRequest for protobuf's JSON parser's refusal of `json`. A syntax
// error there ends with the text around it and a caret under it, on lines of
// their own; they are replaced by the byte offset it points at and the text
// from there: `{"asOf"  1}` gives "Expected : between key:value pair. (at
// byte 9: 1})".
absl::Status InvalidJsonSyntax(absl::string_view why, absl::string_view json);

// OK, or INVALID_ARGUMENT naming the field or the byte offset. `root` is the
// message type of the outermost object.
absl::Status CheckJsonShape(absl::string_view json,
                            const google::protobuf::Descriptor* root);

}  // namespace purring::internal

#endif  // PURRING_SRC_JSON_SHAPE_H_
