// PrintResponseJson: the response in the proto3 JSON mapping, into malloc'd
// memory that the C ABI hands to the host as it is.
#include <algorithm>
#include <climits>
#include <memory>
#include <new>
#include <string>

#include "absl/strings/str_cat.h"
#include "evaluator.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/zero_copy_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/type_resolver_util.h"
#include "malloc_buffer.h"
#include "purring/engine.h"

namespace purring {
namespace {

// An output stream into a MallocBuffer whose Next() says when memory runs
// out by returning false. protobuf's StringOutputStream throws from inside
// its coded stream instead, whose destructor then writes through the
// pointers the throw left stale: a crash, not an error
// (tests/capi_allocation_failure_test.cc).
class BufferOutputStream final
    : public google::protobuf::io::ZeroCopyOutputStream {
 public:
  explicit BufferOutputStream(internal::MallocBuffer* buffer)
      : buffer_(buffer) {}

  bool Next(void** data, int* size) override {
    // As much room again as there are bytes (the buffer doubles), at least
    // 64 KiB; at most what a ZeroCopyOutputStream hands out at once.
    const size_t room =
        std::clamp(buffer_->size(), size_t{64} << 10, size_t{INT_MAX});
    try {
      *data = buffer_->Reserve(room);
    } catch (const std::bad_alloc&) {
      out_of_memory_ = true;
      return false;
    }
    buffer_->Commit(room);
    *size = static_cast<int>(room);
    return true;
  }
  void BackUp(int count) override {
    buffer_->Uncommit(static_cast<size_t>(count));
  }
  int64_t ByteCount() const override {
    return static_cast<int64_t>(buffer_->size());
  }

  bool out_of_memory() const { return out_of_memory_; }

 private:
  internal::MallocBuffer* buffer_;
  bool out_of_memory_ = false;
};

}  // namespace

absl::StatusOr<SerializedResponse> PrintResponseJson(
    const v1::EvaluateResponse& response) {
  const std::string binary = response.SerializeAsString();
  const std::unique_ptr<google::protobuf::util::TypeResolver> resolver(
      google::protobuf::util::NewTypeResolverForDescriptorPool(
          "type.googleapis.com",
          google::protobuf::DescriptorPool::generated_pool()));
  google::protobuf::io::ArrayInputStream input(binary.data(),
                                               static_cast<int>(binary.size()));
  internal::MallocBuffer bytes;
  BufferOutputStream output(&bytes);
  // A stream that fails part-way makes protobuf's JSON writer log that it
  // was not closed; the caller is told by the status, not on stderr.
  const google::protobuf::LogSilencer quiet;
  google::protobuf::util::JsonPrintOptions options;
  // Zero amounts, false flags, enums and empty lists are printed, so that
  // hosts without a protobuf runtime find those keys; an unset message
  // field (e.g. a result's hold) is still left out: protobuf has no option
  // to print it.
  options.always_print_primitive_fields = true;
  // What MessageToJsonString calls, with a stream that fails, not throws.
  const auto status = google::protobuf::util::BinaryToJsonStream(
      resolver.get(),
      absl::StrCat("type.googleapis.com/",
                   response.GetDescriptor()->full_name()),
      &input, &output, options);
  if (output.out_of_memory())
    return absl::ResourceExhaustedError("out of memory");
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat(
        "cannot print the response as JSON: ", status.message().as_string()));
  }
  bytes.ReserveExact(1)[0] = '\0';  // not counted
  bytes.ShrinkToFit(1);
  return internal::HandOver(&bytes);
}

}  // namespace purring
