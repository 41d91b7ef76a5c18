// Entry points of the C++ API. The evaluation itself lives in evaluator.cc.
#include "purring/engine.h"

#include "block_pool.h"
#include "evaluator.h"
#include "process/request_index.h"
#include "validate.h"

namespace purring {

absl::Status ValidateRequest(const v1::EvaluateRequest& request) {
  return internal::ValidateRequestInto(request, /*index=*/nullptr);
}

absl::Status EvaluateInto(const v1::EvaluateRequest& request,
                          v1::EvaluateResponse* response) {
  response->Clear();
  absl::StatusOr<internal::RequestIndex> index =
      internal::ValidateAndIndex(request);
  if (!index.ok()) return index.status();
  absl::Status s = internal::EvaluateValidated(request, *index, response);
  if (!s.ok()) response->Clear();
  return s;
}

absl::StatusOr<v1::EvaluateResponse> Evaluate(
    const v1::EvaluateRequest& request) {
  v1::EvaluateResponse response;
  if (absl::Status s = EvaluateInto(request, &response); !s.ok()) return s;
  return response;
}

void FreeDeleter::operator()(char* bytes) const {
  internal::FreeHandedOver(bytes);
}

size_t ReleaseMemory() { return internal::ReleaseKeptBlocks(); }

const char* Version() { return PURRING_VERSION_STRING_INTERNAL; }

}  // namespace purring
