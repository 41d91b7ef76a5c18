#include "malloc_buffer.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include <sys/mman.h>
#include <unistd.h>

#include "block_pool.h"

namespace purring::internal {
namespace {

// Small enough for a small ledger's response, large enough that doubling
// from it takes few steps.
constexpr size_t kFirstCapacity = 64 * 1024;
// Past kDoublingLimit the buffer jumps to kLargeCapacity: doubling through
// the heap copied a 34 MB response about twice, ~10 % of an evaluation, and
// the response buffers reserve their expected size at once (TryReserve).
// From kPooledBlockBytes up a buffer is a block of the pool, kept for the
// next evaluation when freed: a 100 000-invoice response (35 MB) mapped
// afresh and faulted in 4 KiB at a time cost two fifths of its evaluation
// (benchmarks/HISTORY.md, the thirty-third session). Pages never written
// are never resident.
constexpr size_t kDoublingLimit = 1024 * 1024;
constexpr size_t kLargeCapacity = 64 * 1024 * 1024;
// A large buffer is written from start to end once, and each fresh page
// would be a page fault of its own: 4 KiB at a time, a quarter of a
// million faults for a million invoices, about half a second of kernel
// time on the benchmark machine.
// Asking the kernel to map the next kPopulateStep bytes at once
// (MADV_POPULATE_WRITE, Linux 5.14) costs one call instead. A kernel without
// it refuses the advice and the pages fault as before; the resident size
// runs at most one step ahead of the bytes written.
constexpr size_t kPopulateStep = 4 * 1024 * 1024;

}  // namespace

MallocBuffer::~MallocBuffer() { FreeStorage(); }

void MallocBuffer::FreeStorage() noexcept {
  if (pooled_) {
    GiveBackBlock(data_, capacity_, WrittenBytes());
  } else {
    std::free(data_);
  }
}

char* MallocBuffer::GrowFor(size_t n) {
  if (n > SIZE_MAX / 2 - size_) throw std::bad_alloc();
  size_t capacity = std::max({size_ + n, capacity_ * 2, kFirstCapacity});
  if (capacity > kDoublingLimit) capacity = std::max(capacity, kLargeCapacity);
  return Grow(capacity);
}

char* MallocBuffer::ReserveExact(size_t n) {
  // Not populated here: the bytes may come in pieces (Append), each asking
  // for its own pages, while what they are copied from is freed.
  if (capacity_ - size_ >= n) return data_ + size_;
  if (n > SIZE_MAX / 2 - size_) throw std::bad_alloc();
  return Grow(size_ + n);
}

bool MallocBuffer::TryReserve(size_t capacity) {
  if (capacity <= capacity_) return true;
  if (capacity >= kPooledBlockBytes) {
    // A block of the pool, mapped for huge pages (large_allocator.h says
    // why), or one an earlier evaluation left.
    void* block = nullptr;
    try {
      block = TakeBlock(capacity, role_);
    } catch (const std::bad_alloc&) {
      return false;
    }
    if (size_ > 0) std::memcpy(block, data_, size_);
    FreeStorage();
    data_ = static_cast<char*>(block);
    capacity_ = BlockClassBytes(capacity);
    pooled_ = true;
  } else {
    void* grown = std::realloc(data_, capacity);
    if (grown == nullptr) return false;
    data_ = static_cast<char*>(grown);
    capacity_ = capacity;
  }
  populated_ = size_;
  return true;
}

void MallocBuffer::ShrinkToFit(size_t spare) {
  if (data_ == nullptr || pooled_ || capacity_ - size_ <= spare) return;
  void* shrunk = std::realloc(data_, size_ + spare);
  if (shrunk == nullptr) return;  // keeps the larger block
  data_ = static_cast<char*>(shrunk);
  capacity_ = size_ + spare;
  populated_ = std::min(populated_, capacity_);
}

char* MallocBuffer::Grow(size_t capacity) {
  if (!TryReserve(capacity)) throw std::bad_alloc();
  return data_ + size_;
}

void MallocBuffer::Populate(size_t end) {
  if (!pooled_) {  // few pages, mostly reused by malloc
    populated_ = capacity_;
    return;
  }
  const size_t upto =
      std::min(capacity_, std::max(end, populated_ + kPopulateStep));
  const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto base = reinterpret_cast<uintptr_t>(data_);
  const uintptr_t from = (base + populated_) & ~(page - 1);
  const uintptr_t to = (base + upto) & ~(page - 1);
  if (to > from) {
    madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
  }
  populated_ = upto;
}

void MallocBuffer::Append(const char* bytes, size_t n) {
  if (n == 0) return;
  std::memcpy(Reserve(n), bytes, n);
  Commit(n);
}

void MallocBuffer::swap(MallocBuffer& other) noexcept {
  std::swap(data_, other.data_);
  std::swap(size_, other.size_);
  std::swap(capacity_, other.capacity_);
  std::swap(populated_, other.populated_);
  std::swap(pooled_, other.pooled_);
  std::swap(role_, other.role_);
}

char* MallocBuffer::Release() {
  if (pooled_) HandOverBlock(data_, capacity_, WrittenBytes());
  char* data = data_;
  data_ = nullptr;
  size_ = capacity_ = populated_ = 0;
  pooled_ = false;
  return data;
}

}  // namespace purring::internal
