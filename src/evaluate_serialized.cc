// EvaluateSerialized: a parsed request evaluated, results serialized as
// they come (EvaluateBytes falls back on it).
#include "evaluator.h"
#include "malloc_buffer.h"
#include "process/request_index.h"
#include "purring/engine.h"
#include "validate.h"

namespace purring {

absl::StatusOr<SerializedResponse> EvaluateSerialized(
    const v1::EvaluateRequest& request) {
  absl::StatusOr<internal::RequestIndex> index =
      internal::ValidateAndIndex(request);
  if (!index.ok()) return index.status();
  internal::MallocBuffer bytes;
  if (absl::Status s =
          internal::EvaluateValidatedToBytes(request, *index, &bytes);
      !s.ok()) {
    return s;
  }
  return internal::HandOver(&bytes);
}

}  // namespace purring
