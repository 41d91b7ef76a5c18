#include "large_allocator.h"

#include <cstdint>

#include <sys/mman.h>

namespace purring::internal {
namespace {

constexpr uintptr_t kHugePage = uintptr_t{2} << 20;

uintptr_t RoundUp(uintptr_t n) { return (n + kHugePage - 1) & ~(kHugePage - 1); }
uintptr_t RoundDown(uintptr_t n) { return n & ~(kHugePage - 1); }

}  // namespace

void* AllocateLarge(size_t bytes) {
  if (bytes > SIZE_MAX / 2) throw std::bad_alloc();
  const size_t length = RoundUp(bytes);
  // A huge page's worth more than needed, so that an aligned start is in
  // it; the slop on either side is given back at once.
  const size_t mapped = length + kHugePage;
  void* block = mmap(nullptr, mapped, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (block == MAP_FAILED) throw std::bad_alloc();
  const auto base = reinterpret_cast<uintptr_t>(block);
  const uintptr_t start = RoundUp(base);
  if (start > base) munmap(block, start - base);
  const uintptr_t end = start + length;
  if (base + mapped > end) {
    munmap(reinterpret_cast<void*>(end), base + mapped - end);
  }
  madvise(reinterpret_cast<void*>(start), length, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(start);
}

void FreeLarge(void* block, size_t bytes) {
  if (block != nullptr) munmap(block, RoundUp(bytes));
}

void AdviseHugePages(void* data, size_t bytes) {
  const auto base = reinterpret_cast<uintptr_t>(data);
  const uintptr_t from = RoundUp(base);
  const uintptr_t to = RoundDown(base + bytes);
  if (to > from) {
    madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
  }
}

}  // namespace purring::internal
