#include "malloc_buffer.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace purring::internal {
namespace {

// Small enough for a small ledger's response, large enough that doubling
// from it takes few steps.
constexpr size_t kFirstCapacity = 64 * 1024;
// Past kDoublingLimit the buffer jumps to kLargeCapacity: above glibc's
// largest dynamic mmap threshold (32 MiB on 64-bit), so the block is mmap'd
// and every later realloc, growing or shrinking, is an mremap that moves
// pages instead of copying bytes (doubling through the heap copied a 34 MB
// response about twice, ~10 % of an evaluation). Pages never written are
// never resident.
constexpr size_t kDoublingLimit = 1024 * 1024;
constexpr size_t kLargeCapacity = 64 * 1024 * 1024;

}  // namespace

MallocBuffer::~MallocBuffer() { std::free(data_); }

char* MallocBuffer::Reserve(size_t n) {
  if (capacity_ - size_ >= n) return data_ + size_;
  if (n > SIZE_MAX / 2 - size_) throw std::bad_alloc();
  size_t capacity = std::max({size_ + n, capacity_ * 2, kFirstCapacity});
  if (capacity > kDoublingLimit) capacity = std::max(capacity, kLargeCapacity);
  return Grow(capacity);
}

char* MallocBuffer::ReserveExact(size_t n) {
  if (capacity_ - size_ >= n) return data_ + size_;
  if (n > SIZE_MAX / 2 - size_) throw std::bad_alloc();
  return Grow(size_ + n);
}

char* MallocBuffer::Grow(size_t capacity) {
  void* grown = std::realloc(data_, capacity);
  if (grown == nullptr) throw std::bad_alloc();
  data_ = static_cast<char*>(grown);
  capacity_ = capacity;
  return data_ + size_;
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
}

char* MallocBuffer::Release() {
  char* data = data_;
  data_ = nullptr;
  size_ = capacity_ = 0;
  return data;
}

}  // namespace purring::internal
