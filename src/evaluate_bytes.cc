// EvaluateBytes: the C ABI's way in, from the request's bytes. A request laid
// out as protobuf writes it is evaluated without ever being a message tree
// (SplitRequest, SplitInvoiceSource); anything else, and every refusal, is
// left to the tree's reading (ParseRequest, EvaluateSerialized), which says
// why in its documented order.
#include <utility>

#include "arena_options.h"
#include "evaluate_streamed.h"
#include "evaluator.h"
#include "google/protobuf/arena.h"
#include "malloc_buffer.h"
#include "purring/engine.h"
#include "purring/parse.h"
#include "request_split.h"
#include "split_invoice_source.h"
#include "validate_split.h"

namespace purring {
namespace internal {

absl::StatusOr<SerializedResponse> EvaluateStreamed(absl::string_view bytes) {
  google::protobuf::Arena arena(LargeArenaOptions());
  auto* rest =
      google::protobuf::Arena::CreateMessage<v1::EvaluateRequest>(&arena);
  RequestSplit split;
  if (!SplitRequest(bytes, rest, &split)) {
    return absl::InvalidArgumentError("not laid out as protobuf writes it");
  }
  SplitIndex index;
  if (absl::Status s = ValidateSplit(*rest, split, &index); !s.ok()) {
    return s;
  }
  SplitInvoiceSource source(bytes, std::move(split), std::move(index));
  MallocBuffer out;
  if (absl::Status s = EvaluateSourceToBytes(*rest, source, &out);
      !s.ok()) {
    return s;
  }
  return HandOver(&out);
}

}  // namespace internal

namespace {

// The tree's reading: what EvaluateBytes promises to give, byte for byte
// and error for error.
absl::StatusOr<SerializedResponse> EvaluateTree(absl::string_view bytes) {
  google::protobuf::Arena arena(internal::LargeArenaOptions());
  auto* parsed =
      google::protobuf::Arena::CreateMessage<v1::EvaluateRequest>(&arena);
  if (absl::Status s = ParseRequest(bytes, parsed); !s.ok()) return s;
  return EvaluateSerialized(*parsed);
}

}  // namespace

absl::StatusOr<SerializedResponse> EvaluateBytes(absl::string_view request) {
  absl::StatusOr<SerializedResponse> response =
      internal::EvaluateStreamed(request);
  if (response.ok()) return response;
  return EvaluateTree(request);
}

}  // namespace purring
