// Request validation: refuses bad input before any work, naming the record.
#ifndef PURRING_SRC_VALIDATE_H_
#define PURRING_SRC_VALIDATE_H_

#include "absl/status/status.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// Checks record counts and string sizes against purring/limits.h
// (RESOURCE_EXHAUSTED). Cheap; runs first.
absl::Status CheckLimits(const v1::EvaluateRequest& request);

// Checks every record: required fields, dates, amounts, enum values,
// references and duplicates (INVALID_ARGUMENT).
absl::Status ValidateRecords(const v1::EvaluateRequest& request);

}  // namespace purring::internal

#endif  // PURRING_SRC_VALIDATE_H_
