/*
 * purring: the Norwegian dunning (purring) engine, C ABI.
 *
 * This header is the library's only ABI promise. It is C99 and uses C types
 * only. Requests and responses are serialized purring.v1 protobuf messages
 * (the .proto files under proto/purring/v1): binary, or the proto3 JSON mapping.
 *
 * Ownership: one rule. The caller lends request bytes for the duration of a
 * call. Every purring_buffer the library fills is allocated by the library
 * and released only by purring_buffer_free(); never by free().
 *
 * Errors: every fallible call returns int: 0 (PURRING_OK) or an
 * absl::StatusCode number (pinned forever, see PURRING_* codes below). On
 * failure the response buffer holds the error message instead (UTF-8 text
 * naming the offending record and field); free it the same way.
 *
 * Threads: every function is thread-safe and reentrant; the engine keeps no
 * global state a result depends on (only large blocks of memory for the
 * next evaluation, purring_release_memory). No C++ exception crosses this
 * boundary.
 */
#ifndef PURRING_CAPI_PURRING_H_
#define PURRING_CAPI_PURRING_H_

#include <stddef.h>
#include <stdint.h>

/* Compile-time version. The run-time version is purring_version(). */
#define PURRING_VERSION_MAJOR 1
#define PURRING_VERSION_MINOR 0
#define PURRING_VERSION_PATCH 0
#define PURRING_VERSION_STRING "1.0.0"
/* Bumped on any incompatible change of this header; bindings compare it with
 * purring_abi_version() when they load the library. */
#define PURRING_ABI_VERSION 1

#if defined(_WIN32)
#if defined(PURRING_BUILDING_LIBRARY)
#define PURRING_API __declspec(dllexport)
#else
#define PURRING_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define PURRING_API __attribute__((visibility("default")))
#else
#define PURRING_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes: the absl::StatusCode numbers, never renumbered. */
enum {
  PURRING_OK = 0,
  PURRING_CANCELLED = 1,
  PURRING_UNKNOWN = 2,
  PURRING_INVALID_ARGUMENT = 3,
  PURRING_DEADLINE_EXCEEDED = 4,
  PURRING_NOT_FOUND = 5,
  PURRING_ALREADY_EXISTS = 6,
  PURRING_PERMISSION_DENIED = 7,
  PURRING_RESOURCE_EXHAUSTED = 8,
  PURRING_FAILED_PRECONDITION = 9,
  PURRING_ABORTED = 10,
  PURRING_OUT_OF_RANGE = 11,
  PURRING_UNIMPLEMENTED = 12,
  PURRING_INTERNAL = 13,
  PURRING_UNAVAILABLE = 14,
  PURRING_DATA_LOSS = 15,
  PURRING_UNAUTHENTICATED = 16
};

/* Library-allocated bytes. data is followed by one NUL byte not counted in
 * size, so a JSON response or an error message is also a C string. An empty
 * buffer is {NULL, 0}. */
typedef struct purring_buffer {
  uint8_t* data;
  size_t size;
} purring_buffer;

/* The library's version, e.g. "1.0.0". Static storage; never free it. */
PURRING_API const char* purring_version(void);

/* The ABI number the library was built with (PURRING_ABI_VERSION). */
PURRING_API int purring_abi_version(void);

/* The name of a status code, e.g. "INVALID_ARGUMENT". Static storage. */
PURRING_API const char* purring_status_name(int code);

/* Evaluates a serialized purring.v1.EvaluateRequest and fills *response with a
 * serialized purring.v1.EvaluateResponse. On failure *response holds the
 * error message. REQUIRES: response != NULL; request may be NULL only when
 * request_size is 0. *response is overwritten, not freed: free an earlier
 * buffer first. */
PURRING_API int purring_evaluate(const void* request, size_t request_size,
                                 purring_buffer* response);

/* Receives a response in pieces (purring_evaluate_to): size bytes at data,
 * valid only during the call. Returns 0 to go on; anything else stops the
 * evaluation. */
typedef int (*purring_write_fn)(void* context, const uint8_t* data,
                                size_t size);

/* Like purring_evaluate, but the serialized EvaluateResponse is handed to
 * write(context, ...) in pieces, in order, as it is made (up to about 1 MiB
 * each): together they are exactly purring_evaluate's response. For a host
 * that writes the response to a file or a socket: on one thread
 * (options.threads 0 or 1) the invoices' results, most of a response, are
 * handed over as they are made, so neither side holds a large ledger's
 * response whole; what follows them (actions, letters, postings, case
 * files, reports) is held until the results are written. The library owns
 * the pieces; write copies what it keeps.
 * On failure *error (when not NULL) holds the message, as for
 * purring_evaluate, and what write received is not a response: discard it.
 * A write returning nonzero stops the evaluation: PURRING_CANCELLED.
 * REQUIRES: write != NULL; request may be NULL only when request_size is 0.
 * *error is overwritten, not freed. */
PURRING_API int purring_evaluate_to(const void* request, size_t request_size,
                                    purring_write_fn write, void* context,
                                    purring_buffer* error);

/* The same in the proto3 JSON mapping: request is UTF-8 JSON (not necessarily
 * NUL-terminated), *response is the EvaluateResponse as JSON. */
PURRING_API int purring_evaluate_json(const char* request, size_t request_size,
                                      purring_buffer* response);

/* Validates a serialized EvaluateRequest without evaluating it. On failure
 * *message (when not NULL) holds the error message. An evaluation may still
 * refuse what only it sees (README "Errors"): an objection link over 8 192
 * bytes on a letter it would send, a sum past a limit (OUT_OF_RANGE). */
PURRING_API int purring_validate(const void* request, size_t request_size,
                                 purring_buffer* message);

/* Releases a buffer filled by this library and resets it to {NULL, 0}.
 * Accepts NULL and an empty buffer. A large response's memory is kept for
 * the next evaluation (purring_release_memory). */
PURRING_API void purring_buffer_free(purring_buffer* buffer);

/* Gives back to the system the large blocks (2 MiB and up, up to 1.5 GiB in
 * all) that the library keeps between evaluations, so that the next one
 * does not map and fault in its memory afresh: for a host that evaluated a
 * large ledger and will not evaluate again soon. Returns the bytes given
 * back. Thread-safe; evaluations may run meanwhile (they keep what they free
 * afterwards). */
PURRING_API size_t purring_release_memory(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PURRING_CAPI_PURRING_H_ */
