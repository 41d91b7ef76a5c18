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

}  // namespace

MallocBuffer::~MallocBuffer() { std::free(data_); }

char* MallocBuffer::Reserve(size_t n) {
  if (capacity_ - size_ >= n) return data_ + size_;
  if (n > SIZE_MAX / 2 - size_) throw std::bad_alloc();
  return Grow(std::max({size_ + n, capacity_ * 2, kFirstCapacity}));
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
