/* A host that loads libpurring.so with dlopen, evaluates, unloads it with
 * dlclose and loads it again, as plug-in hosts and test runners do. The
 * generated protobuf code registers purring.v1's descriptors with the shared
 * libprotobuf once per load and never takes them back, so a second load
 * would register them twice and abort the host: the library is linked
 * -z nodelete, and dlclose leaves it loaded. argv[1] is the library's path. */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "purring.h"

typedef int (*evaluate_json_fn)(const char*, size_t, purring_buffer*);
typedef void (*buffer_free_fn)(purring_buffer*);

/* Loads the library, evaluates a minimal JSON request and unloads it.
 * Returns 0 when the evaluation answered OK with the as-of echoed. */
static int load_evaluate_unload(const char* path) {
  static const char kRequest[] = "{\"asOf\": \"2026-11-28T10:00:00Z\"}";
  purring_buffer response = {NULL, 0};
  evaluate_json_fn evaluate_json;
  buffer_free_fn buffer_free;
  int rc;
  void* library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  /* ISO C has no cast from void* to a function pointer; copy the bytes. */
  {
    void* symbol = dlsym(library, "purring_evaluate_json");
    memcpy(&evaluate_json, &symbol, sizeof evaluate_json);
    symbol = dlsym(library, "purring_buffer_free");
    memcpy(&buffer_free, &symbol, sizeof buffer_free);
  }
  if (evaluate_json == NULL || buffer_free == NULL) {
    fprintf(stderr, "dlsym: %s\n", dlerror());
    dlclose(library);
    return 1;
  }
  rc = evaluate_json(kRequest, sizeof kRequest - 1, &response);
  if (rc != PURRING_OK || response.data == NULL ||
      strstr((const char*)response.data, "2026-11-28T10:00:00Z") == NULL) {
    fprintf(stderr, "purring_evaluate_json: %d %s\n", rc,
            response.data != NULL ? (const char*)response.data : "");
    rc = 1;
  } else {
    rc = 0;
  }
  buffer_free(&response);
  if (dlclose(library) != 0) {
    fprintf(stderr, "dlclose: %s\n", dlerror());
    return 1;
  }
  return rc;
}

int main(int argc, char** argv) {
  int round;
  if (argc != 2) {
    fprintf(stderr, "usage: %s path/to/libpurring.so\n", argv[0]);
    return 2;
  }
  for (round = 1; round <= 3; ++round) {
    if (load_evaluate_unload(argv[1]) != 0) {
      fprintf(stderr, "load %d failed\n", round);
      return 1;
    }
  }
  puts("loaded, evaluated and unloaded three times");
  return 0;
}
