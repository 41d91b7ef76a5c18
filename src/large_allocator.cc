#include "large_allocator.h"

#include <cstdint>
#include <new>

#include "region_cache.h"

namespace purring::internal {

void* AllocateLarge(size_t bytes) {
  const size_t length = RegionLength(bytes);
  if (length == 0 || bytes > SIZE_MAX / 2) throw std::bad_alloc();
  void* block = TakeRegion(length);
  if (block == nullptr) throw std::bad_alloc();
  return block;
}

void FreeLarge(void* block, size_t bytes) {
  GiveRegion(block, RegionLength(bytes));
}

}  // namespace purring::internal
