// Request validation: refuses bad input before any work, naming the record.
#ifndef PURRING_SRC_VALIDATE_H_
#define PURRING_SRC_VALIDATE_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "process/request_index.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// Checks record counts and string sizes against purring/limits.h
// (RESOURCE_EXHAUSTED). Cheap; runs first.
absl::Status CheckLimits(const v1::EvaluateRequest& request);

// Checks every record: required fields, dates, amounts, enum values,
// references and duplicates (INVALID_ARGUMENT). On success, and unless index
// is null, stores the request's index, built from the references the checks
// resolve anyway.
absl::Status ValidateRecords(const v1::EvaluateRequest& request,
                             RequestIndex* index = nullptr);

// What CheckLimits, then ValidateRecords report, in one pass over the
// records when the request is valid. Unless index is null, stores the
// request's index on success.
absl::Status ValidateRequestInto(const v1::EvaluateRequest& request,
                                 RequestIndex* index);

// ValidateRequestInto: the request's index, or why there is none. The way in
// for evaluation (one pass instead of validation and RequestIndex::Build).
absl::StatusOr<RequestIndex> ValidateAndIndex(
    const v1::EvaluateRequest& request);

}  // namespace purring::internal

#endif  // PURRING_SRC_VALIDATE_H_
