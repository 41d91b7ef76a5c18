// The extern "C" facade over the C++ API: bytes in, bytes out, no exception
// crossing the boundary.
#include "purring.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/stubs/common.h"
#include "purring/engine.h"
#include "purring/limits.h"
#include "purring/parse.h"

namespace {

using purring::v1::EvaluateRequest;
using purring::v1::EvaluateResponse;

// Copies bytes into a library-allocated buffer with a trailing NUL.
int Fill(purring_buffer* out, const char* data, size_t size) noexcept {
  auto* bytes = static_cast<uint8_t*>(std::malloc(size + 1));
  if (bytes == nullptr) return PURRING_RESOURCE_EXHAUSTED;
  if (size > 0) std::memcpy(bytes, data, size);
  bytes[size] = 0;
  out->data = bytes;
  out->size = size;
  return PURRING_OK;
}

// The header promises a UTF-8 C string, but parsers' messages may quote
// the request's bytes: each NUL and each byte that is not part of valid
// UTF-8 (protobuf's own check) becomes '?'.
void MakeUtf8CString(uint8_t* bytes, size_t size) noexcept {
  size_t at = 0;
  while (at < size) {
    const size_t rest = std::min(size - at, size_t{INT_MAX});
    at += static_cast<size_t>(google::protobuf::internal::UTF8SpnStructurallyValid(
        google::protobuf::StringPiece(reinterpret_cast<char*>(bytes) + at,
                                      rest)));
    if (at < size) bytes[at++] = '?';
  }
  std::replace(bytes, bytes + size, uint8_t{0}, uint8_t{'?'});
}

// Reports a status: code as the return value, message in *out (nothing for
// OK: the buffer stays {NULL, 0}). Never throws (the message view is copied
// by malloc alone), so it is safe inside the exception handlers of Guard.
int Report(const absl::Status& status, purring_buffer* out) noexcept {
  if (out != nullptr && !status.ok()) {
    const absl::string_view message = status.message();
    if (Fill(out, message.data(), message.size()) == PURRING_OK) {
      MakeUtf8CString(out->data, out->size);
    }
  }
  return static_cast<int>(status.code());
}

// A request pointer and size a call may read: not NULL unless empty, and no
// larger than purring/limits.h allows (checked before any view of it is
// made: a size near SIZE_MAX is not a valid string_view).
absl::Status CheckRequest(const void* request, size_t size) {
  if (request == nullptr && size != 0) {
    return absl::InvalidArgumentError("request is NULL but request_size is not 0");
  }
  if (size > purring::kMaxRequestBytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat("request is ", size, " bytes; the limit is ",
                     purring::kMaxRequestBytes));
  }
  return absl::OkStatus();
}

// Reports a code with a fixed message, allocating nothing but the buffer:
// for when building an absl::Status could itself fail.
int ReportFixed(int code, const char* message, purring_buffer* out) noexcept {
  if (out != nullptr) Fill(out, message, std::strlen(message));
  return code;
}

// Both parsers apply purring/limits.h before any work (purring/parse.h).
absl::Status ParseBinary(const void* request, size_t size,
                         EvaluateRequest* parsed) {
  if (absl::Status s = CheckRequest(request, size); !s.ok()) return s;
  if (size == 0) return absl::OkStatus();  // the empty message
  return purring::ParseRequest(
      absl::string_view(static_cast<const char*>(request), size), parsed);
}

absl::Status ParseJson(const char* request, size_t size,
                       EvaluateRequest* parsed) {
  if (absl::Status s = CheckRequest(request, size); !s.ok()) return s;
  return purring::ParseRequestJson(absl::string_view(request, size), parsed);
}

// Runs body, turning any exception into a status: nothing C++ leaves here.
// The handlers allocate nothing that could throw again.
template <typename Body>
int Guard(purring_buffer* out, Body body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return ReportFixed(PURRING_RESOURCE_EXHAUSTED, "out of memory", out);
  } catch (const std::exception& e) {
    if (out != nullptr) {
      static constexpr char kPrefix[] = "internal error: ";
      const size_t prefix = sizeof kPrefix - 1, what = std::strlen(e.what());
      auto* bytes = static_cast<uint8_t*>(std::malloc(prefix + what + 1));
      if (bytes != nullptr) {
        std::memcpy(bytes, kPrefix, prefix);
        std::memcpy(bytes + prefix, e.what(), what + 1);
        out->data = bytes;
        out->size = prefix + what;
      }
    }
    return PURRING_INTERNAL;
  } catch (...) {
    return ReportFixed(PURRING_INTERNAL, "internal error", out);
  }
}

// The JSON path's request and response live on one arena (the binary path
// streams: purring::EvaluateBytes).
// Protobuf's default blocks stop growing at 8 KiB, so a large ledger took
// tens of thousands of blocks (and as many mallocs); blocks grow here up to
// 1 MiB, wasting at most that much at the end.
google::protobuf::ArenaOptions RequestArenaOptions() {
  google::protobuf::ArenaOptions options;
  options.start_block_size = 16 * 1024;
  options.max_block_size = 1024 * 1024;
  return options;
}

int CheckOut(purring_buffer* out) {
  if (out == nullptr) return PURRING_INVALID_ARGUMENT;
  out->data = nullptr;
  out->size = 0;
  return PURRING_OK;
}

}  // namespace

extern "C" {

const char* purring_version(void) { return PURRING_VERSION_STRING; }

int purring_abi_version(void) { return PURRING_ABI_VERSION; }

const char* purring_status_name(int code) {
  static const char* const kNames[] = {
      "OK",        "CANCELLED",          "UNKNOWN",         "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED", "NOT_FOUND",  "ALREADY_EXISTS",  "PERMISSION_DENIED",
      "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
      "UNIMPLEMENTED", "INTERNAL",       "UNAVAILABLE",     "DATA_LOSS",
      "UNAUTHENTICATED"};
  if (code < 0 || code > 16) return "UNKNOWN_CODE";
  return kNames[code];
}

int purring_evaluate(const void* request, size_t request_size,
                     purring_buffer* response) {
  if (int rc = CheckOut(response); rc != PURRING_OK) return rc;
  return Guard(response, [&]() -> int {
    if (absl::Status s = CheckRequest(request, request_size); !s.ok()) {
      return Report(s, response);
    }
    // Results are serialized as they are computed, into malloc'd memory
    // that is handed over as it is.
    absl::StatusOr<purring::SerializedResponse> result = purring::EvaluateBytes(
        absl::string_view(static_cast<const char*>(request), request_size));
    if (!result.ok()) return Report(result.status(), response);
    response->size = result->size;
    response->data = reinterpret_cast<uint8_t*>(result->data.release());
    return PURRING_OK;
  });
}

int purring_evaluate_to(const void* request, size_t request_size,
                        purring_write_fn write, void* context,
                        purring_buffer* error) {
  if (error != nullptr) CheckOut(error);
  return Guard(error, [&]() -> int {
    if (write == nullptr) {
      return Report(absl::InvalidArgumentError("write is NULL"), error);
    }
    if (absl::Status s = CheckRequest(request, request_size); !s.ok()) {
      return Report(s, error);
    }
    const absl::Status status = purring::EvaluateBytesTo(
        absl::string_view(static_cast<const char*>(request), request_size),
        [&](absl::string_view piece) {
          return write(context, reinterpret_cast<const uint8_t*>(piece.data()),
                       piece.size()) == 0;
        });
    return status.ok() ? PURRING_OK : Report(status, error);
  });
}

int purring_evaluate_json(const char* request, size_t request_size,
                          purring_buffer* response) {
  if (int rc = CheckOut(response); rc != PURRING_OK) return rc;
  return Guard(response, [&]() -> int {
    // Evaluated into bytes (the same response, in less memory than a tree
    // of it), then printed a record at a time.
    absl::StatusOr<purring::SerializedResponse> result;
    {
      google::protobuf::Arena arena(RequestArenaOptions());
      auto* parsed =
          google::protobuf::Arena::CreateMessage<EvaluateRequest>(&arena);
      if (absl::Status s = ParseJson(request, request_size, parsed); !s.ok()) {
        return Report(s, response);
      }
      result = purring::EvaluateSerialized(*parsed);
    }
    if (!result.ok()) return Report(result.status(), response);
    absl::StatusOr<purring::SerializedResponse> json =
        purring::PrintResponseJson(
            absl::string_view(result->data.get(), result->size));
    result->data.reset();
    if (!json.ok()) return Report(json.status(), response);
    response->size = json->size;
    response->data = reinterpret_cast<uint8_t*>(json->data.release());
    return PURRING_OK;
  });
}

int purring_validate(const void* request, size_t request_size,
                     purring_buffer* message) {
  if (message != nullptr) CheckOut(message);
  return Guard(message, [&]() -> int {
    EvaluateRequest parsed;
    if (absl::Status s = ParseBinary(request, request_size, &parsed); !s.ok()) {
      return Report(s, message);
    }
    return Report(purring::ValidateRequest(parsed), message);
  });
}

void purring_buffer_free(purring_buffer* buffer) {
  if (buffer == nullptr) return;
  purring::FreeDeleter()(reinterpret_cast<char*>(buffer->data));
  buffer->data = nullptr;
  buffer->size = 0;
}

size_t purring_release_memory(void) { return purring::ReleaseMemory(); }

}  // extern "C"
