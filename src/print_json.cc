// PrintResponseJson: the response in the proto3 JSON mapping, into malloc'd
// memory that the C ABI hands to the host as it is.
#include <algorithm>
#include <climits>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "evaluator.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/type_resolver_util.h"
#include "google/protobuf/wire_format_lite.h"
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

// The response's top-level fields: each repeated message field's records
// (by the field's index), and every other field's wire bytes (`head`).
struct ResponseParts {
  std::string head;
  std::vector<std::vector<absl::string_view>> records;
};

absl::Status SplitResponse(absl::string_view binary,
                           const google::protobuf::Descriptor& type,
                           ResponseParts* parts) {
  using google::protobuf::internal::WireFormatLite;
  parts->records.assign(static_cast<size_t>(type.field_count()), {});
  if (binary.size() > static_cast<size_t>(INT_MAX)) {
    return absl::ResourceExhaustedError(
        "the response is over 2 GiB: evaluate the ledger in parts");
  }
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(binary.data()),
      static_cast<int>(binary.size()));
  in.SetTotalBytesLimit(INT_MAX);
  const auto malformed = [] {
    return absl::InternalError("internal error: a malformed response");
  };
  while (true) {
    const int start = in.CurrentPosition();
    const uint32_t tag = in.ReadTag();
    if (tag == 0) break;
    const google::protobuf::FieldDescriptor* field =
        type.FindFieldByNumber(WireFormatLite::GetTagFieldNumber(tag));
    if (field != nullptr && field->is_repeated() && !field->is_map() &&
        field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE &&
        WireFormatLite::GetTagWireType(tag) ==
            WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      uint32_t length = 0;
      if (!in.ReadVarint32(&length)) return malformed();
      const int payload = in.CurrentPosition();
      if (!in.Skip(static_cast<int>(length))) return malformed();
      parts->records[static_cast<size_t>(field->index())].push_back(
          binary.substr(static_cast<size_t>(payload), length));
      continue;
    }
    if (!WireFormatLite::SkipField(&in, tag)) return malformed();
    parts->head.append(binary.data() + start,
                       static_cast<size_t>(in.CurrentPosition() - start));
  }
  if (static_cast<size_t>(in.CurrentPosition()) != binary.size()) {
    return malformed();
  }
  return absl::OkStatus();
}

// Where each list in `parts` goes in the JSON of the head alone, which
// prints it empty ("name":[]): the offset of its "]", in order. Only the
// top-level object's keys are looked at; a key follows "{" or ",".
std::vector<std::pair<size_t, size_t>> ListEnds(
    absl::string_view head_json, const google::protobuf::Descriptor& type,
    const ResponseParts& parts) {
  std::vector<std::pair<size_t, size_t>> ends;  // (offset, field index)
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < head_json.size(); ++i) {
    const char c = head_json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    if (c != '"') continue;
    if (depth == 1 && i > 0 &&
        (head_json[i - 1] == '{' || head_json[i - 1] == ',')) {
      for (int f = 0; f < type.field_count(); ++f) {
        if (parts.records[static_cast<size_t>(f)].empty()) continue;
        const std::string key =
            absl::StrCat("\"", type.field(f)->json_name(), "\":[]");
        if (head_json.substr(i, key.size()) == key) {
          ends.push_back({i + key.size() - 1, static_cast<size_t>(f)});
        }
      }
    }
    in_string = true;
  }
  return ends;
}

}  // namespace

absl::StatusOr<SerializedResponse> PrintResponseJson(
    const v1::EvaluateResponse& response) {
  return PrintResponseJson(response.SerializeAsString());
}

absl::StatusOr<SerializedResponse> PrintResponseJson(
    absl::string_view binary_response) {
  const google::protobuf::Descriptor& type =
      *v1::EvaluateResponse::descriptor();
  ResponseParts parts;
  if (absl::Status status = SplitResponse(binary_response, type, &parts);
      !status.ok()) {
    return status;
  }
  const std::unique_ptr<google::protobuf::util::TypeResolver> resolver(
      google::protobuf::util::NewTypeResolverForDescriptorPool(
          "type.googleapis.com",
          google::protobuf::DescriptorPool::generated_pool()));
  // A stream that fails part-way makes protobuf's JSON writer log that it
  // was not closed; the caller is told by the status, not on stderr.
  const google::protobuf::LogSilencer quiet;
  google::protobuf::util::JsonPrintOptions options;
  // Zero amounts, false flags, enums and empty lists are printed, so that
  // hosts without a protobuf runtime find those keys; an unset message
  // field (e.g. a result's hold) is still left out: protobuf has no option
  // to print it.
  options.always_print_primitive_fields = true;
  // Printed a record at a time: protobuf's printer of defaults builds a tree
  // of the whole message first, about 20 bytes of memory per byte of JSON.
  const auto print = [&](const google::protobuf::Descriptor& message_type,
                         absl::string_view bytes,
                         internal::MallocBuffer* out) -> absl::Status {
    google::protobuf::io::ArrayInputStream input(
        bytes.data(), static_cast<int>(bytes.size()));
    BufferOutputStream output(out);
    // What MessageToJsonString calls, with a stream that fails, not throws.
    const auto status = google::protobuf::util::BinaryToJsonStream(
        resolver.get(),
        absl::StrCat("type.googleapis.com/", message_type.full_name()), &input,
        &output, options);
    if (output.out_of_memory()) {
      return absl::ResourceExhaustedError("out of memory");
    }
    if (!status.ok()) {
      return absl::InternalError(absl::StrCat(
          "cannot print the response as JSON: ", status.message().as_string()));
    }
    return absl::OkStatus();
  };
  internal::MallocBuffer head;
  if (absl::Status status = print(type, parts.head, &head); !status.ok()) {
    return status;
  }
  const absl::string_view head_json(head.data(), head.size());

  internal::MallocBuffer bytes;
  size_t copied = 0;
  for (const auto& [end, field] : ListEnds(head_json, type, parts)) {
    bytes.Append(head_json.data() + copied, end - copied);
    copied = end;
    const google::protobuf::Descriptor& record_type =
        *type.field(static_cast<int>(field))->message_type();
    bool first = true;
    for (const absl::string_view record : parts.records[field]) {
      if (!first) bytes.Append(",", 1);
      first = false;
      if (absl::Status status = print(record_type, record, &bytes);
          !status.ok()) {
        return status;
      }
    }
  }
  bytes.Append(head_json.data() + copied, head_json.size() - copied);
  bytes.ReserveExact(1)[0] = '\0';  // not counted
  bytes.ShrinkToFit(1);
  return internal::HandOver(&bytes);
}

}  // namespace purring
