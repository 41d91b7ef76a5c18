/* A plain C99 host of the C ABI: includes the header and calls every
 * function. Built with -std=c99 -pedantic -Wall -Wextra -Werror. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "purring.h"

static int failures = 0;

#define CHECK(cond)                                                  \
  do {                                                               \
    if (!(cond)) {                                                   \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, \
              #cond);                                                \
      ++failures;                                                    \
    }                                                                \
  } while (0)

/* EvaluateRequest{as_of: {seconds: 1795860000}} (2026-11-28T10:00:00Z),
 * encoded by hand: field 1 (length-delimited) holding Timestamp field 1
 * (varint). */
static const unsigned char kMinimalRequest[] = {
    0x0A, 0x06, 0x08, 0xA0, 0xCC, 0xAA, 0xD8, 0x06};

static void test_version(void) {
  CHECK(strcmp(purring_version(), PURRING_VERSION_STRING) == 0);
  CHECK(purring_abi_version() == PURRING_ABI_VERSION);
  CHECK(strcmp(purring_status_name(PURRING_OK), "OK") == 0);
  CHECK(strcmp(purring_status_name(PURRING_INVALID_ARGUMENT),
               "INVALID_ARGUMENT") == 0);
  CHECK(strcmp(purring_status_name(PURRING_RESOURCE_EXHAUSTED),
               "RESOURCE_EXHAUSTED") == 0);
  CHECK(strcmp(purring_status_name(99), "UNKNOWN_CODE") == 0);
}

static void test_binary_ok(void) {
  purring_buffer response = {NULL, 0};
  int rc = purring_evaluate(kMinimalRequest, sizeof kMinimalRequest, &response);
  if (rc != PURRING_OK) {
    fprintf(stderr, "purring_evaluate: %d %s\n", rc,
            response.data ? (const char*)response.data : "");
  }
  CHECK(rc == PURRING_OK);
  /* The response echoes as_of: field 1 comes first. */
  CHECK(response.size > 0 && response.data != NULL && response.data[0] == 0x0A);
  purring_buffer_free(&response);
  CHECK(response.data == NULL && response.size == 0);
}

static void test_binary_errors(void) {
  purring_buffer response = {NULL, 0};
  static const unsigned char garbage[] = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
  int rc = purring_evaluate(garbage, sizeof garbage, &response);
  CHECK(rc == PURRING_INVALID_ARGUMENT);
  CHECK(response.data != NULL &&
        strstr((const char*)response.data, "EvaluateRequest") != NULL);
  purring_buffer_free(&response);

  /* An empty request parses but has no as_of. */
  rc = purring_evaluate(NULL, 0, &response);
  CHECK(rc == PURRING_INVALID_ARGUMENT);
  CHECK(response.data != NULL &&
        strstr((const char*)response.data, "as_of") != NULL);
  purring_buffer_free(&response);

  rc = purring_evaluate(NULL, 10, &response);
  CHECK(rc == PURRING_INVALID_ARGUMENT);
  purring_buffer_free(&response);

  CHECK(purring_evaluate(kMinimalRequest, sizeof kMinimalRequest, NULL) ==
        PURRING_INVALID_ARGUMENT);
}

/* purring_evaluate_to's write function: copies each piece into a fixed
 * buffer (context, a struct piece_sink); stops the evaluation when full. */
struct piece_sink {
  unsigned char bytes[4096];
  size_t size;
  int calls;
};

static int sink_write(void* context, const uint8_t* data, size_t size) {
  struct piece_sink* sink = (struct piece_sink*)context;
  ++sink->calls;
  if (sink->size + size > sizeof sink->bytes) return 1; /* stop */
  memcpy(sink->bytes + sink->size, data, size);
  sink->size += size;
  return 0;
}

static void test_evaluate_to(void) {
  struct piece_sink sink;
  purring_buffer whole = {NULL, 0};
  purring_buffer error = {NULL, 0};
  int rc;
  sink.size = 0;
  sink.calls = 0;
  rc = purring_evaluate_to(kMinimalRequest, sizeof kMinimalRequest,
                           sink_write, &sink, &error);
  CHECK(rc == PURRING_OK);
  CHECK(error.data == NULL);
  CHECK(sink.calls >= 1);
  CHECK(purring_evaluate(kMinimalRequest, sizeof kMinimalRequest, &whole) ==
        PURRING_OK);
  CHECK(whole.size == sink.size &&
        memcmp(whole.data, sink.bytes, sink.size) == 0);
  purring_buffer_free(&whole);

  rc = purring_evaluate_to(NULL, 0, sink_write, &sink, &error);
  CHECK(rc == PURRING_INVALID_ARGUMENT);
  CHECK(error.data != NULL && strstr((const char*)error.data, "as_of") != NULL);
  purring_buffer_free(&error);
}

static void test_json(void) {
  static const char ok[] = "{\"asOf\": \"2026-11-28T10:00:00Z\"}";
  static const char bad[] = "{\"asOf\": \"2026-11-28T10:00:00Z\", ";
  purring_buffer response = {NULL, 0};
  int rc = purring_evaluate_json(ok, strlen(ok), &response);
  CHECK(rc == PURRING_OK);
  CHECK(response.data != NULL && response.data[response.size] == '\0');
  CHECK(response.data != NULL &&
        strstr((const char*)response.data, "\"asOfDate\":\"2026-11-28\"") != NULL);
  purring_buffer_free(&response);

  rc = purring_evaluate_json(bad, strlen(bad), &response);
  CHECK(rc == PURRING_INVALID_ARGUMENT);
  CHECK(response.data != NULL && strstr((const char*)response.data, "JSON") != NULL);
  purring_buffer_free(&response);
}

static void test_validate(void) {
  purring_buffer message = {NULL, 0};
  CHECK(purring_validate(kMinimalRequest, sizeof kMinimalRequest, &message) ==
        PURRING_OK);
  purring_buffer_free(&message);
  CHECK(purring_validate(NULL, 0, &message) == PURRING_INVALID_ARGUMENT);
  CHECK(message.data != NULL);
  purring_buffer_free(&message);
  /* The message buffer is optional. */
  CHECK(purring_validate(NULL, 0, NULL) == PURRING_INVALID_ARGUMENT);
}

static void test_free_accepts_null(void) {
  purring_buffer empty = {NULL, 0};
  purring_buffer_free(NULL);
  purring_buffer_free(&empty);
  CHECK(empty.data == NULL && empty.size == 0);
}

/* A small evaluation keeps no block for the next one (tests/
 * engine_release_memory_test.cc has a large one); releasing twice gives
 * back nothing the second time. */
static void test_release_memory(void) {
  purring_buffer response = {NULL, 0};
  (void)purring_release_memory();
  CHECK(purring_evaluate(kMinimalRequest, sizeof kMinimalRequest, &response) ==
        PURRING_OK);
  purring_buffer_free(&response);
  CHECK(purring_release_memory() == 0);
  CHECK(purring_release_memory() == 0);
}

int main(void) {
  test_version();
  test_binary_ok();
  test_binary_errors();
  test_evaluate_to();
  test_json();
  test_validate();
  test_free_accepts_null();
  test_release_memory();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("capi_test: all checks passed\n");
  return 0;
}
