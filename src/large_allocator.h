// Memory for the vectors that grow with the ledger (the request's spans,
// the references resolved, one entry per invoice or action): a block of
// kLargeAllocationBytes or more is a mapping of its own, advised for
// transparent huge pages, so that its fresh memory arrives 2 MiB per page
// fault instead of 4 KiB. On the benchmark machine (a virtual machine) a
// 4 KiB fault cost about 12 us: at that rate 57 MB of fresh memory (a
// million invoices' spans, when a span was 48 bytes) cost 0.17 s, as much
// as evaluating 80 000 invoices. Such blocks come from the block pool
// (block_pool.h), which keeps them for the next evaluation.
// Where the kernel offers no huge pages, the advice is refused and the
// pages fault 4 KiB at a time, as before.
#ifndef PURRING_SRC_LARGE_ALLOCATOR_H_
#define PURRING_SRC_LARGE_ALLOCATOR_H_

#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

#include "block_pool.h"

namespace purring::internal {

// Smaller blocks come from operator new, and malloc reuses their memory
// from one evaluation to the next. (Before the block pool, at a million
// invoices 4 MiB gave the least kernel time a call, 0.08 s against 0.14 s
// with 2 MiB, which mapped afresh blocks malloc would have reused; the pool
// keeps them now.)
inline constexpr size_t kLargeAllocationBytes = kPooledBlockBytes;

// `bytes` of memory: a block of the pool (TakeBlock: aligned to a huge page,
// its contents unspecified) from kLargeAllocationBytes up, operator new's
// below. Free with FreeBlock and the same size. (Also the blocks of
// LargeArenaOptions' arenas.)
inline void* AllocateBlock(size_t bytes) {
  return bytes >= kLargeAllocationBytes ? TakeBlock(bytes)
                                        : ::operator new(bytes);
}
inline void FreeBlock(void* block, size_t bytes) noexcept {
  if (bytes >= kLargeAllocationBytes) {
    GiveBackBlock(block, bytes, bytes);  // a vector's or an arena's, filled
  } else {
    ::operator delete(block);
  }
}

template <typename T>
class LargeAllocator {
 public:
  using value_type = T;

  LargeAllocator() = default;
  template <typename U>
  LargeAllocator(const LargeAllocator<U>& /*other*/) noexcept {}  // NOLINT

  T* allocate(size_t n) {
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_alloc();
    return static_cast<T*>(AllocateBlock(n * sizeof(T)));
  }
  void deallocate(T* block, size_t n) noexcept {
    FreeBlock(block, n * sizeof(T));
  }

  template <typename U>
  bool operator==(const LargeAllocator<U>& /*other*/) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const LargeAllocator<U>& /*other*/) const noexcept {
    return false;
  }
};

template <typename T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

}  // namespace purring::internal

#endif  // PURRING_SRC_LARGE_ALLOCATOR_H_
