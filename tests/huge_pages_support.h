// Whether a mapping was advised for transparent huge pages, read from
// /proc/self/smaps: for the tests of large_allocator.h and MallocBuffer.
#ifndef PURRING_TESTS_HUGE_PAGES_SUPPORT_H_
#define PURRING_TESTS_HUGE_PAGES_SUPPORT_H_

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

namespace purring::internal {

// The VmFlags line of the mapping of /proc/self/smaps that holds `address`,
// or "" when none does.
inline std::string VmFlagsAt(const void* address) {
  const auto target = reinterpret_cast<uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long from = 0;
    unsigned long to = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &from, &to) == 2 &&
        line.find(':') > line.find(' ')) {
      inside = from <= target && target < to;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

inline bool KernelOffersHugePages() {
  std::ifstream enabled("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(enabled, modes);
  return modes.find("[never]") == std::string::npos && !modes.empty();
}

}  // namespace purring::internal

#endif  // PURRING_TESTS_HUGE_PAGES_SUPPORT_H_
