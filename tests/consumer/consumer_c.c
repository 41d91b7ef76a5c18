/* Evaluates a JSON ledger through the installed C ABI. */
#include <stdio.h>
#include <string.h>

#include <purring.h>

int main(void) {
  static const char request[] =
      "{\"asOf\":\"2026-11-28T10:00:00Z\","
      "\"customers\":[{\"id\":\"K1\",\"name\":\"Kari Nordmann\"}],"
      "\"invoices\":[{\"number\":\"1001\",\"customerId\":\"K1\","
      "\"invoiceDate\":\"2026-10-01\",\"dueDate\":\"2026-10-15\","
      "\"amount\":\"100000\"}]}";
  purring_buffer response = {NULL, 0};
  int rc = purring_evaluate_json(request, strlen(request), &response);
  if (rc != PURRING_OK) {
    fprintf(stderr, "%s: %s\n", purring_status_name(rc), (const char*)response.data);
    purring_buffer_free(&response);
    return 1;
  }
  printf("purring %s (ABI %d): %zu bytes of JSON\n", purring_version(),
         purring_abi_version(), response.size);
  purring_buffer_free(&response);
  return purring_abi_version() == PURRING_ABI_VERSION ? 0 : 1;
}
