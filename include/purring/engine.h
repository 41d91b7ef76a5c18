// purring: the C++ API of the Norwegian dunning engine.
//
// The engine is pure: everything it needs comes in the request (the as-of
// instant, the ledger snapshot, the history, the settings, the rate tables)
// and everything it decides goes out in the response. The same request gives
// the same response, byte for byte.
//
// Thread safety: every function here is reentrant and may be called from any
// number of threads at once; the engine keeps no global state a result
// depends on (only large blocks of memory for the next evaluation,
// ReleaseMemory).
#ifndef PURRING_ENGINE_H_
#define PURRING_ENGINE_H_

#include <cstddef>
#include <memory>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "purring/v1/evaluate.pb.h"

namespace purring {

// Checks a request without evaluating it: required fields, dates, amounts,
// references, duplicates, sizes (see purring/limits.h). An error names the
// offending record and field, e.g.
//   invoice "10023": due_date "2026-02-30" is not a valid date (YYYY-MM-DD,
//   years 1900-2999)
// Returns INVALID_ARGUMENT for bad records, RESOURCE_EXHAUSTED for requests
// over the limits, OUT_OF_RANGE for an as-of date outside the rate tables.
// Evaluation may still refuse what only it can see: OUT_OF_RANGE for a sum
// it would carry past a limit (an invoice's notice charges with its next
// notice's, a month's report), INVALID_ARGUMENT for an objection link over
// 8 192 bytes on a letter it would send; each names the invoice or month.
absl::Status ValidateRequest(const v1::EvaluateRequest& request);

// Validates, then evaluates the request. On error nothing is returned: a
// refused request never yields a partial response.
absl::StatusOr<v1::EvaluateResponse> Evaluate(
    const v1::EvaluateRequest& request);

// The same, writing into *response (which may live on an arena). *response is
// cleared first; on error its contents are unspecified.
// REQUIRES: response != nullptr.
absl::Status EvaluateInto(const v1::EvaluateRequest& request,
                          v1::EvaluateResponse* response);

// Frees SerializedResponse's bytes, which come from malloc or, for a large
// response, from a block the library keeps for the next evaluation when it
// is freed (ReleaseMemory): never free them with std::free.
struct FreeDeleter {
  void operator()(char* bytes) const;
};

// A response serialized (the protobuf binary format, or JSON from
// PrintResponseJson): size bytes, then a NUL not counted in size.
struct SerializedResponse {
  std::unique_ptr<char, FreeDeleter> data;
  size_t size = 0;
};

// Validates, evaluates and serializes: the same bytes as
// Evaluate(request)->SerializeAsString(), but each invoice's result is
// serialized as soon as it is computed instead of kept as a message, so a
// large ledger costs far less time and memory (EvaluateBytes, below, is the
// C ABI's way, from the bytes). Returns RESOURCE_EXHAUSTED for a response of 2 GiB or
// more (protobuf cannot parse messages that large).
absl::StatusOr<SerializedResponse> EvaluateSerialized(
    const v1::EvaluateRequest& request);

// The same for a request still in the protobuf binary format, which is what
// purring_evaluate (the C ABI) receives: exactly what ParseRequest
// (purring/parse.h, limits first) and then EvaluateSerialized give, byte for
// byte on success and code and message on error. A well-formed request is
// never held as a message tree: its invoices and notices are parsed one at a
// time while they are evaluated, so a large ledger costs far less memory and
// time. Requests the streamed reading does not cover (fields out of the
// order protobuf writes them, or any refusal) go the tree's way.
absl::StatusOr<SerializedResponse> EvaluateBytes(absl::string_view request);

// Receives a serialized response in pieces, in order: the pieces together
// are the response. Returns false to stop the evaluation, which then fails
// with CANCELLED.
using ResponseWriter = absl::FunctionRef<bool(absl::string_view piece)>;

// EvaluateBytes with the response handed to `write` in pieces as it is made
// (up to about 1 MiB each), instead of returned in one buffer: the same
// bytes, but on one thread a large ledger's results are never all in memory
// at once, so a host writing them to a file or a socket needs far less
// memory. With options.threads above 1 the results are held until every
// shard is done. On error, what was written is not a response: discard it.
// The error is EvaluateBytes's, or CANCELLED when `write` returned false.
absl::Status EvaluateBytesTo(absl::string_view request, ResponseWriter write);

// The response in the proto3 JSON mapping, as purring_evaluate_json prints
// it: zero amounts, false flags, enums and empty lists included.
// RESOURCE_EXHAUSTED when memory runs out while printing (where protobuf's
// MessageToJsonString would crash).
absl::StatusOr<SerializedResponse> PrintResponseJson(
    const v1::EvaluateResponse& response);

// The same from a serialized response (as EvaluateBytes returns it), printed
// a record at a time: the memory it takes beyond the JSON is about one
// record's, not a tree of the whole response. INTERNAL when `binary_response`
// is not a serialized EvaluateResponse.
absl::StatusOr<SerializedResponse> PrintResponseJson(
    absl::string_view binary_response);

// Gives back to the system the large blocks (2 MiB and up) the library keeps
// between evaluations, up to 1.5 GiB (README, "Memory kept between
// evaluations"): for a process that evaluated a large ledger and will not
// evaluate again soon. Returns the bytes given back. Evaluations may run
// meanwhile; they keep what they free afterwards.
size_t ReleaseMemory();

// The library version, e.g. "1.0.0".
const char* Version();

}  // namespace purring

#endif  // PURRING_ENGINE_H_
