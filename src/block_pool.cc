#include "block_pool.h"

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>

#include <sys/mman.h>

#include "absl/base/config.h"
#include "absl/container/flat_hash_map.h"

#ifdef ABSL_HAVE_ADDRESS_SANITIZER
#include <sanitizer/asan_interface.h>
#endif

namespace purring::internal {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;
// Up to this many huge pages every whole number of pages is a class.
constexpr size_t kFinePages = 8;
// kKeptBytesLimit / kPooledBlockBytes blocks fit under the limit; room for
// twice as many, so the table is never what evicts.
constexpr size_t kMaxKept = 2 * (kKeptBytesLimit / kPooledBlockBytes);

// A kept block is poisoned under AddressSanitizer, so that a use of a
// block after it was given back is reported as for malloc's memory.
void MarkKept(void* block, size_t bytes) {
#ifdef ABSL_HAVE_ADDRESS_SANITIZER
  ASAN_POISON_MEMORY_REGION(block, bytes);
#else
  (void)block;
  (void)bytes;
#endif
}

void MarkInUse(void* block, size_t bytes) {
#ifdef ABSL_HAVE_ADDRESS_SANITIZER
  ASAN_UNPOISON_MEMORY_REGION(block, bytes);
#else
  (void)block;
  (void)bytes;
#endif
}

// Unmaps a block that was kept.
void UnmapKept(void* block, size_t bytes) {
  MarkInUse(block, bytes);
  munmap(block, bytes);
}

uintptr_t RoundUpToHugePage(uintptr_t n) {
  return (n + kHugePage - 1) & ~uintptr_t{kHugePage - 1};
}

// A fresh mapping of `bytes` (a class size), aligned to a huge page.
void* MapBlock(size_t bytes) {
  // A huge page more than needed, so that an aligned start is in it; the
  // slop on either side is given back at once.
  const size_t mapped = bytes + kHugePage;
  void* block = mmap(nullptr, mapped, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (block == MAP_FAILED) throw std::bad_alloc();
  const auto base = reinterpret_cast<uintptr_t>(block);
  const uintptr_t start = RoundUpToHugePage(base);
  if (start > base) munmap(block, start - base);
  const uintptr_t end = start + bytes;
  if (base + mapped > end) {
    munmap(reinterpret_cast<void*>(end), base + mapped - end);
  }
  // Refused where the kernel offers no huge pages: then 4 KiB pages.
  madvise(reinterpret_cast<void*>(start), bytes, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(start);
}

struct KeptBlock {
  void* block;
  size_t bytes;
  uint64_t kept_at;  // a counter: the smallest is the oldest
};

class BlockPool {
 public:
  void* Take(size_t class_bytes) {
    void* block = TakeKept(class_bytes);
    if (block == nullptr) return MapBlock(class_bytes);
    MarkInUse(block, class_bytes);
    return block;
  }

  void GiveBack(void* block, size_t class_bytes) noexcept {
    if (class_bytes > kKeptBytesLimit) {
      munmap(block, class_bytes);
      return;
    }
    MarkKept(block, class_bytes);  // before another thread can take it
    KeptBlock evicted[kMaxKept + 1];
    size_t evicted_count = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      kept_[count_++] = KeptBlock{block, class_bytes, ++clock_};
      kept_bytes_ += class_bytes;
      while (kept_bytes_ > kKeptBytesLimit || count_ == kMaxKept + 1) {
        size_t oldest = 0;
        for (size_t i = 1; i < count_; ++i) {
          if (kept_[i].kept_at < kept_[oldest].kept_at) oldest = i;
        }
        evicted[evicted_count++] = kept_[oldest];
        kept_bytes_ -= kept_[oldest].bytes;
        kept_[oldest] = kept_[--count_];
      }
    }
    for (size_t i = 0; i < evicted_count; ++i) {
      UnmapKept(evicted[i].block, evicted[i].bytes);
    }
  }

  void HandOver(void* block, size_t class_bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    handed_over_[block] = class_bytes;
  }

  // The class size of a block handed over, forgotten now; 0 if `bytes` is
  // not one.
  size_t TakeBackHandedOver(void* bytes) noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = handed_over_.find(bytes);
    if (it == handed_over_.end()) return 0;
    const size_t class_bytes = it->second;
    handed_over_.erase(it);
    return class_bytes;
  }

  size_t ReleaseAll() noexcept {
    KeptBlock released[kMaxKept + 1];
    size_t released_count = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (size_t i = 0; i < count_; ++i) released[released_count++] = kept_[i];
      count_ = 0;
      kept_bytes_ = 0;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < released_count; ++i) {
      UnmapKept(released[i].block, released[i].bytes);
      bytes += released[i].bytes;
    }
    return bytes;
  }

  size_t Kept() noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    return kept_bytes_;
  }

 private:
  // The newest kept block of the class (its pages are the likeliest still
  // cached), no longer kept; nullptr if none is.
  void* TakeKept(size_t class_bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    size_t found = count_;
    for (size_t i = 0; i < count_; ++i) {
      if (kept_[i].bytes == class_bytes &&
          (found == count_ || kept_[i].kept_at > kept_[found].kept_at)) {
        found = i;
      }
    }
    if (found == count_) return nullptr;
    void* block = kept_[found].block;
    kept_bytes_ -= class_bytes;
    kept_[found] = kept_[--count_];
    return block;
  }

  // std::mutex, not absl::Mutex: Debian's Abseil is built without
  // ThreadSanitizer, which then cannot see absl::Mutex order the pool's
  // accesses, while it intercepts pthread's.
  std::mutex mutex_;
  // All of these under mutex_.
  KeptBlock kept_[kMaxKept + 1];
  size_t count_ = 0;
  size_t kept_bytes_ = 0;
  uint64_t clock_ = 0;
  absl::flat_hash_map<void*, size_t> handed_over_;
};

// Made on first use and never destroyed: a host thread may free a response
// while the process exits.
BlockPool& Pool() {
  static BlockPool* const pool = new BlockPool;
  return *pool;
}

}  // namespace

size_t BlockClassBytes(size_t bytes) {
  if (bytes > SIZE_MAX / 4) return 0;
  size_t pages = (bytes + kHugePage - 1) / kHugePage;
  if (pages == 0) pages = 1;
  if (pages > kFinePages) {
    size_t doubling = kFinePages;  // the largest power of two <= pages
    while (doubling * 2 <= pages) doubling *= 2;
    const size_t step = doubling / 4;
    pages = (pages + step - 1) / step * step;
  }
  return pages * kHugePage;
}

void* TakeBlock(size_t bytes) {
  const size_t class_bytes = BlockClassBytes(bytes);
  if (class_bytes == 0) throw std::bad_alloc();
  return Pool().Take(class_bytes);
}

void GiveBackBlock(void* block, size_t bytes) noexcept {
  if (block != nullptr) Pool().GiveBack(block, BlockClassBytes(bytes));
}

void HandOverBlock(void* block, size_t bytes) {
  Pool().HandOver(block, BlockClassBytes(bytes));
}

void FreeHandedOver(void* bytes) noexcept {
  if (bytes == nullptr) return;
  if (const size_t class_bytes = Pool().TakeBackHandedOver(bytes);
      class_bytes != 0) {
    Pool().GiveBack(bytes, class_bytes);
  } else {
    std::free(bytes);
  }
}

size_t ReleaseKeptBlocks() noexcept { return Pool().ReleaseAll(); }

size_t KeptBytes() noexcept { return Pool().Kept(); }

}  // namespace purring::internal
