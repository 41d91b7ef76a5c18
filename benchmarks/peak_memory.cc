// purring_peak_memory: the peak memory of one evaluation through the C ABI,
// relative to the size of the request.
//
//   purring_peak_memory [--invoices N]      (default 1000000)
//
// Generates the ledger and keeps only its serialized bytes. Then each
// measurement runs in a child process of its own (fork), so that what one
// freed and glibc kept does not count in the next: the child resets the
// kernel's peak-RSS mark (/proc/self/clear_refs "5", Linux) and makes the
// call. "extra" is the peak RSS during the call minus the RSS before the
// process's first call: everything the engine allocated, the response
// buffer included, and for a second call what the first kept for it; the
// request bytes the host already holds are not counted. Measured:
// purring_evaluate (the response in one buffer), purring_evaluate_to (the
// response handed to a writer that keeps nothing, as a host writing it to
// a file or a socket), each also as the second call in a process, and the
// floor: the request parsed on an arena (as the tree's reading parses it)
// and a buffer of the response's size written.
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

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

// What protobuf alone needs: the request parsed on an arena and a
// response-sized buffer written. False when the request does not parse.
bool Floor(const std::string& request, size_t response_size) {
  {
    google::protobuf::ArenaOptions options;  // as capi/purring_c.cc
    options.start_block_size = 16 * 1024;
    options.max_block_size = 1024 * 1024;
    google::protobuf::Arena arena(options);
    auto* parsed = google::protobuf::Arena::CreateMessage<
        purring::v1::EvaluateRequest>(&arena);
    if (!parsed->ParseFromString(request)) return false;
    char* bytes = static_cast<char*>(std::malloc(response_size));
    if (bytes == nullptr) return false;
    std::memset(bytes, 1, response_size);
    std::free(bytes);
  }
  return true;
}

// purring_evaluate; the response's size, 0 on failure.
size_t Evaluate(const std::string& request) {
  purring_buffer out{nullptr, 0};
  const int rc = purring_evaluate(request.data(), request.size(), &out);
  const size_t size = rc == PURRING_OK ? out.size : 0;
  purring_buffer_free(&out);
  return size;
}

// purring_evaluate_to with a writer that counts the bytes and keeps none;
// the response's size, 0 on failure.
size_t EvaluateTo(const std::string& request) {
  size_t written = 0;
  const int rc = purring_evaluate_to(
      request.data(), request.size(),
      [](void* context, const uint8_t*, size_t size) {
        *static_cast<size_t*>(context) += size;
        return 0;
      },
      &written, nullptr);
  return rc == PURRING_OK ? written : 0;
}

// Runs call() in a child process; `warm_up` first runs it once unmeasured
// (the second call in a process). Prints the peak above the RSS before the
// first call, relative to the request's size. Returns what the call
// returned (a size; 0 means it failed).
template <typename Call>
size_t Measure(const char* what, bool warm_up, size_t request_size,
               Call call) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return 0;
  std::fflush(stdout);
  const pid_t child = fork();
  if (child < 0) return 0;
  if (child == 0) {
    close(pipe_fds[0]);
    size_t result = 0;
    malloc_trim(0);
    // Before the first call: a second call's peak includes what the first
    // left kept for it (the library's block pool, README "Memory kept
    // between evaluations").
    const long long before = StatusBytes("VmRSS:");
    if (!warm_up || call() != 0) {
      malloc_trim(0);
      std::ofstream("/proc/self/clear_refs") << "5";  // VmHWM := VmRSS
      result = call();
      const long long extra = StatusBytes("VmHWM:") - before;
      std::printf("%-44s extra peak %6.1f MB = %.2f x request\n", what,
                  extra / 1e6, static_cast<double>(extra) / request_size);
      std::fflush(stdout);
    }
    const bool sent = write(pipe_fds[1], &result, sizeof result) ==
                      static_cast<ssize_t>(sizeof result);
    _exit(sent ? 0 : 1);
  }
  close(pipe_fds[1]);
  size_t result = 0;
  if (read(pipe_fds[0], &result, sizeof result) !=
      static_cast<ssize_t>(sizeof result)) {
    result = 0;
  }
  close(pipe_fds[0]);
  waitpid(child, nullptr, 0);
  return result;
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
  malloc_trim(0);  // give the generator's memory back before the children
  const size_t n = request.size();
  auto evaluate = [&] { return Evaluate(request); };
  auto evaluate_to = [&] { return EvaluateTo(request); };
  std::printf("invoices %d\nrequest %.1f MB\n", invoices, n / 1e6);
  const size_t response_size =
      Measure("purring_evaluate (one buffer)", false, n, evaluate);
  if (response_size == 0) {
    std::fprintf(stderr, "purring_evaluate failed\n");
    return 1;
  }
  auto floor = [&] { return Floor(request, response_size) ? size_t{1} : 0; };
  const bool ok =
      Measure("purring_evaluate_to (pieces)", false, n, evaluate_to) ==
          response_size &&
      Measure("purring_evaluate, second call", true, n, evaluate) ==
          response_size &&
      Measure("purring_evaluate_to, second call", true, n, evaluate_to) ==
          response_size &&
      Measure("floor (parsed request + response buffer)", false, n, floor) !=
          0;
  std::printf("response %.1f MB\n", response_size / 1e6);
  if (!ok) {
    std::fprintf(stderr, "a measurement failed\n");
    return 1;
  }
  return 0;
}
