// A byte buffer that the C facade can hand to the host as it is: small ones
// are malloc'd and grow by realloc; from kPooledBlockBytes up the bytes are in
// a block of the block pool (block_pool.h), kept for the next evaluation
// when freed. Either kind is freed with FreeHandedOver once Release gave it
// away (purring_buffer_free and purring::FreeDeleter call it).
#ifndef PURRING_SRC_MALLOC_BUFFER_H_
#define PURRING_SRC_MALLOC_BUFFER_H_

#include <cstddef>
#include <utility>

namespace purring::internal {

class MallocBuffer {
 public:
  MallocBuffer() = default;
  // role: what the buffer is for, a name that outlives it (a string
  // literal): its block of the pool is taken for that role (TakeBlock).
  explicit MallocBuffer(const char* role) : role_(role) {}
  MallocBuffer(const MallocBuffer&) = delete;
  MallocBuffer& operator=(const MallocBuffer&) = delete;
  MallocBuffer(MallocBuffer&& other) noexcept { swap(other); }
  MallocBuffer& operator=(MallocBuffer&& other) noexcept {
    MallocBuffer(std::move(other)).swap(*this);
    return *this;
  }
  ~MallocBuffer();

  // Room for at least n more bytes after the end; returns where they start.
  // Throws std::bad_alloc when memory runs out.
  char* Reserve(size_t n) {
    if (capacity_ - size_ < n) return GrowFor(n);
    if (size_ + n > populated_) Populate(size_ + n);
    return data_ + size_;
  }
  // The n bytes after the end (within the last Reserve) are now content.
  void Commit(size_t n) { size_ += n; }
  // The last n bytes committed are not content after all.
  void Uncommit(size_t n) { size_ -= n; }
  void Append(const char* bytes, size_t n);
  // Empties the buffer and keeps its memory, for the next bytes.
  void Clear() { size_ = 0; }
  // Like Reserve, but grows to exactly n more bytes: for the last bytes.
  char* ReserveExact(size_t n);
  // Grows to a capacity of at least `capacity` bytes if memory allows, so
  // that appends up to it never move the bytes; otherwise changes nothing
  // (the buffer still grows as it fills). False when memory did not allow.
  bool TryReserve(size_t capacity);
  // Gives back the capacity beyond the bytes and `spare` more bytes, for a
  // buffer about to be handed over (glibc's realloc shrinks in place). A
  // pooled block stays whole, for the pool to reuse.
  void ShrinkToFit(size_t spare);

  void swap(MallocBuffer& other) noexcept;

  char* data() { return data_; }
  const char* data() const { return data_; }
  size_t size() const { return size_; }

  // Gives the memory to the caller (free it with FreeHandedOver); the
  // buffer is empty afterwards. Throws std::bad_alloc when the pool cannot
  // note a pooled block handed over (the buffer still holds it then).
  char* Release();

 private:
  // Gives data_ back where it came from (the pool or malloc).
  void FreeStorage() noexcept;
  char* GrowFor(size_t n);
  char* Grow(size_t capacity);
  void Populate(size_t end);
  // How far from data_ the pages were written or asked for.
  size_t WrittenBytes() const {
    return populated_ > size_ ? populated_ : size_;
  }

  char* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
  // Bytes from data_ whose pages have been asked for (Populate).
  size_t populated_ = 0;
  // data_ is a block of the pool (capacity_ >= kPooledBlockBytes), else
  // malloc's.
  bool pooled_ = false;
  const char* role_ = nullptr;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_MALLOC_BUFFER_H_
