// purring: the C++ API of the Norwegian dunning engine.
//
// The engine is pure: everything it needs comes in the request (the as-of
// instant, the ledger snapshot, the history, the settings, the rate tables)
// and everything it decides goes out in the response. The same request gives
// the same response, byte for byte.
//
// Thread safety: every function here is reentrant and may be called from any
// number of threads at once; the engine keeps no global mutable state.
#ifndef PURRING_ENGINE_H_
#define PURRING_ENGINE_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "purring/v1/evaluate.pb.h"

namespace purring {

// Checks a request without evaluating it: required fields, dates, amounts,
// references, duplicates, sizes (see purring/limits.h). An error names the
// offending record and field, e.g.
//   invoice "10023": due_date "2026-02-30" is not a valid date.
// Returns INVALID_ARGUMENT for bad records, RESOURCE_EXHAUSTED for requests
// over the limits, OUT_OF_RANGE for an as-of date outside the rate tables.
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

// The library version, e.g. "1.0.0".
const char* Version();

}  // namespace purring

#endif  // PURRING_ENGINE_H_
