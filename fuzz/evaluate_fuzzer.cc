// libFuzzer target: arbitrary bytes into purring_evaluate (the binary C ABI).
// Every input must come back with a status and a well-formed buffer; a crash,
// a leak or undefined behaviour is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "purring.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  purring_buffer response = {nullptr, 0};
  const int code = purring_evaluate(data, size, &response);
  // The contract: a known status code, and a NUL after the bytes.
  if (code < PURRING_OK || code > PURRING_UNAUTHENTICATED) std::abort();
  if (response.data != nullptr && response.data[response.size] != 0) std::abort();
  // A refused request carries a message and never a partial response.
  if (code != PURRING_OK && response.size == 0) std::abort();
  purring_buffer_free(&response);

  purring_buffer message = {nullptr, 0};
  const int validated = purring_validate(data, size, &message);
  if (validated < PURRING_OK || validated > PURRING_UNAUTHENTICATED) std::abort();
  purring_buffer_free(&message);
  return 0;
}
