// libFuzzer target: arbitrary bytes into purring_evaluate_json (the JSON C
// ABI). Seeded from examples/*.json; mutations give damaged JSON, unknown enum
// names, odd numbers and deep nesting.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "purring.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  purring_buffer response = {nullptr, 0};
  const int code = purring_evaluate_json(reinterpret_cast<const char*>(data),
                                         size, &response);
  if (code < PURRING_OK || code > PURRING_UNAUTHENTICATED) std::abort();
  if (response.data != nullptr && response.data[response.size] != 0) std::abort();
  if (code != PURRING_OK && response.size == 0) std::abort();
  purring_buffer_free(&response);
  return 0;
}
