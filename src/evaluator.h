// The evaluation of a validated request.
#ifndef PURRING_SRC_EVALUATOR_H_
#define PURRING_SRC_EVALUATOR_H_

#include "absl/status/status.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// REQUIRES: ValidateRequest(request).ok(); response is empty.
absl::Status EvaluateValidated(const v1::EvaluateRequest& request,
                               v1::EvaluateResponse* response);

}  // namespace purring::internal

#endif  // PURRING_SRC_EVALUATOR_H_
