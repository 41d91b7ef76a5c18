// Parsing of serialized requests, with the limits of purring/limits.h applied
// before any work: the C ABI and C++ hosts that receive bytes use the same
// code, so both refuse the same input the same way.
#ifndef PURRING_PARSE_H_
#define PURRING_PARSE_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "purring/v1/evaluate.pb.h"

namespace purring {

// Parses a binary purring.v1.EvaluateRequest into *request (cleared first).
// Before parsing, the record counts on the wire are checked against the limits
// (RESOURCE_EXHAUSTED naming the limit), so that a small request cannot make
// the engine allocate millions of records. Nesting deeper than
// kMaxNestingDepth, truncated or malformed bytes: INVALID_ARGUMENT.
// REQUIRES: request != nullptr.
absl::Status ParseRequest(absl::string_view bytes, v1::EvaluateRequest* request);

// The same for the proto3 JSON mapping (unknown fields and unknown enum names
// refused; deep nesting refused by the parser without recursion).
absl::Status ParseRequestJson(absl::string_view json,
                              v1::EvaluateRequest* request);

}  // namespace purring

#endif  // PURRING_PARSE_H_
