#include "host_bytes.h"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace purring::bench {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

}  // namespace

HostBytes::HostBytes(const std::string& bytes) : size_(bytes.size()) {
  mapped_ = (bytes.size() + kHugePage) & ~(kHugePage - 1);
  void* mapping = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping == MAP_FAILED) {
    std::fprintf(stderr, "purring benchmark: cannot map %zu bytes\n", mapped_);
    std::abort();
  }
  // Refused where the kernel has no transparent huge pages: 4 KiB pages then.
  madvise(mapping, mapped_, MADV_HUGEPAGE);
  data_ = static_cast<char*>(mapping);
  std::memcpy(data_, bytes.data(), bytes.size());
}

HostBytes::HostBytes(HostBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      mapped_(std::exchange(other.mapped_, 0)) {}

HostBytes& HostBytes::operator=(HostBytes&& other) noexcept {
  if (this != &other) {
    Unmap();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mapped_ = std::exchange(other.mapped_, 0);
  }
  return *this;
}

HostBytes::~HostBytes() { Unmap(); }

void HostBytes::Unmap() noexcept {
  if (data_ != nullptr) munmap(data_, mapped_);
  data_ = nullptr;
}

}  // namespace purring::bench
