// Differential libFuzzer target: EvaluateBytes (the C ABI's streamed way in)
// against its definition, ParseRequest then EvaluateSerialized
// (purring/engine.h). Any difference in status code, message or response
// bytes traps; so does INTERNAL (a defect, whatever both ways say), a crash,
// a leak or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/stubs/logging.h"
#include "purring/engine.h"
#include "purring/parse.h"
#include "purring/v1/evaluate.pb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // protobuf logs every string that is not UTF-8; the fuzzer makes many.
  static google::protobuf::LogSilencer* const quiet =
      new google::protobuf::LogSilencer;
  (void)quiet;
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);

  purring::v1::EvaluateRequest request;
  const absl::Status parsed = purring::ParseRequest(bytes, &request);
  const absl::StatusOr<purring::SerializedResponse> reference =
      parsed.ok() ? purring::EvaluateSerialized(request)
                  : absl::StatusOr<purring::SerializedResponse>(parsed);
  const absl::StatusOr<purring::SerializedResponse> got =
      purring::EvaluateBytes(bytes);

  if (reference.status().code() == absl::StatusCode::kInternal) {
    __builtin_trap();
  }
  if (got.status().code() != reference.status().code()) __builtin_trap();
  if (got.status().message() != reference.status().message()) __builtin_trap();
  if (!got.ok()) return 0;
  if (got->size != reference->size) __builtin_trap();
  if (got->data.get()[got->size] != '\0') __builtin_trap();
  if (got->size != 0 &&
      std::memcmp(got->data.get(), reference->data.get(), got->size) != 0) {
    __builtin_trap();
  }
  return 0;
}
