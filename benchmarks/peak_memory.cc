// purring_peak_memory: the peak memory of one evaluation through the C ABI,
// relative to the size of the request.
//
//   purring_peak_memory [--invoices N]      (default 1000000)
//
// Generates the ledger, keeps only its serialized bytes, then resets the
// kernel's peak-RSS mark (/proc/self/clear_refs "5", Linux) and calls
// purring_evaluate once. "extra" is the peak RSS during the call minus the
// RSS before it: everything the engine allocated, the response buffer
// included; the request bytes the host already holds are not counted.
// Then the same for the floor: the request parsed on an arena (as
// purring_evaluate parses it) and a buffer of the response's size written,
// so that the engine's own share shows.
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "google/protobuf/arena.h"
#include "ledger_generator.h"
#include "purring.h"
#include "purring/v1/evaluate.pb.h"

namespace {

// A "VmRSS:" or "VmHWM:" line of /proc/self/status, in bytes; -1 if absent.
long long StatusBytes(const char* key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const size_t key_length = std::strlen(key);
  while (std::getline(status, line)) {
    if (line.compare(0, key_length, key) == 0) {
      return std::atoll(line.c_str() + key_length) * 1024;
    }
  }
  return -1;
}

// Peak RSS above the current RSS while the request is parsed on an arena
// and a response-sized buffer is written: what protobuf alone needs.
long long FloorExtraPeak(const std::string& request, size_t response_size) {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
  const long long before = StatusBytes("VmRSS:");
  {
    google::protobuf::ArenaOptions options;  // as capi/purring_c.cc
    options.start_block_size = 16 * 1024;
    options.max_block_size = 1024 * 1024;
    google::protobuf::Arena arena(options);
    auto* parsed = google::protobuf::Arena::CreateMessage<
        purring::v1::EvaluateRequest>(&arena);
    if (!parsed->ParseFromString(request)) return -1;
    char* bytes = static_cast<char*>(std::malloc(response_size));
    if (bytes == nullptr) return -1;
    std::memset(bytes, 1, response_size);
    std::free(bytes);
  }
  return StatusBytes("VmHWM:") - before;
}

}  // namespace

int main(int argc, char** argv) {
  int invoices = 1000000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--invoices") == 0 && i + 1 < argc) {
      invoices = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: purring_peak_memory [--invoices N]\n");
      return 2;
    }
  }
  std::string request;
  {
    purring::tools::LedgerOptions options;
    options.invoices = invoices;
    purring::tools::GenerateLedger(options).SerializeToString(&request);
  }
  malloc_trim(0);  // give the generator's memory back before the baseline

  std::ofstream("/proc/self/clear_refs") << "5";  // reset VmHWM to VmRSS
  const long long before = StatusBytes("VmRSS:");
  purring_buffer out{nullptr, 0};
  const int rc = purring_evaluate(request.data(), request.size(), &out);
  const long long peak = StatusBytes("VmHWM:");
  if (rc != PURRING_OK) {
    std::fprintf(stderr, "purring_evaluate: %s\n", purring_status_name(rc));
    return 1;
  }
  const double mb = 1e6;
  std::printf("invoices %d\nrequest %.1f MB\nresponse %.1f MB\n", invoices,
              request.size() / mb, out.size / mb);
  std::printf("rss before %.1f MB, peak %.1f MB\n", before / mb, peak / mb);
  std::printf("extra peak %.1f MB = %.2f x request\n", (peak - before) / mb,
              static_cast<double>(peak - before) / request.size());
  const size_t response_size = out.size;
  purring_buffer_free(&out);

  // The same evaluation handed to a writer in pieces (purring_evaluate_to),
  // as a host writing the response to a file or a socket would take it: the
  // writer keeps nothing, so the peak is the engine's own.
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
  const long long before_to = StatusBytes("VmRSS:");
  size_t written = 0;
  const int rc_to = purring_evaluate_to(
      request.data(), request.size(),
      [](void* context, const uint8_t*, size_t size) {
        *static_cast<size_t*>(context) += size;
        return 0;
      },
      &written, nullptr);
  const long long peak_to = StatusBytes("VmHWM:");
  if (rc_to != PURRING_OK || written != response_size) {
    std::fprintf(stderr, "purring_evaluate_to: %s, %zu bytes\n",
                 purring_status_name(rc_to), written);
    return 1;
  }
  std::printf("evaluate_to: extra peak %.1f MB = %.2f x request "
              "(the response written in pieces)\n",
              (peak_to - before_to) / mb,
              static_cast<double>(peak_to - before_to) / request.size());
  const long long floor = FloorExtraPeak(request, response_size);
  std::printf("floor extra peak %.1f MB = %.2f x request "
              "(parsed request + response buffer)\n",
              floor / mb, static_cast<double>(floor) / request.size());
  return 0;
}
