// EvaluateBytes: the C ABI's way in, from the request's bytes.
#include "google/protobuf/arena.h"
#include "purring/engine.h"
#include "purring/parse.h"

namespace purring {

absl::StatusOr<SerializedResponse> EvaluateBytes(absl::string_view request) {
  google::protobuf::ArenaOptions options;
  options.start_block_size = 16 * 1024;
  options.max_block_size = 1024 * 1024;
  google::protobuf::Arena arena(options);
  auto* parsed =
      google::protobuf::Arena::CreateMessage<v1::EvaluateRequest>(&arena);
  if (absl::Status s = ParseRequest(request, parsed); !s.ok()) return s;
  return EvaluateSerialized(*parsed);
}

}  // namespace purring
