#include "block_pool.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <utility>

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
  size_t written;    // how far from its start its pages were ever written
  const char* role;  // TakeBlock's, when it was last taken
  uint64_t kept_at;  // a counter: the smallest is the oldest
};

// What the pool knows of a block taken and not yet given back.
struct InUse {
  size_t written = 0;  // as KeptBlock's, before it was taken
  const char* role = nullptr;
  size_t handed_over_class = 0;  // its class size, once the host holds it
};

bool SameRole(const char* a, const char* b) {
  return a != nullptr && b != nullptr && (a == b || std::strcmp(a, b) == 0);
}

class BlockPool {
 public:
  void* Take(size_t class_bytes, size_t wanted_bytes, const char* role) {
    void* block = TakeKept(class_bytes, wanted_bytes, role);
    if (block != nullptr) {
      MarkInUse(block, class_bytes);
      return block;
    }
    block = MapBlock(class_bytes);
    try {
      std::lock_guard<std::mutex> lock(mutex_);
      in_use_[block] = InUse{0, role};
    } catch (...) {
      munmap(block, class_bytes);
      throw;
    }
    return block;
  }

  void GiveBack(void* block, size_t class_bytes,
                size_t written_bytes) noexcept {
    if (class_bytes > kKeptBytesLimit) {
      std::lock_guard<std::mutex> lock(mutex_);
      in_use_.erase(block);
      munmap(block, class_bytes);
      return;
    }
    MarkKept(block, class_bytes);  // before another thread can take it
    KeptBlock evicted[kMaxKept + 1];
    size_t evicted_count = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      size_t written =
          written_bytes < class_bytes ? written_bytes : class_bytes;
      const char* role = nullptr;
      if (auto it = in_use_.find(block); it != in_use_.end()) {
        if (it->second.written > written) written = it->second.written;
        role = it->second.role;
        in_use_.erase(it);
      }
      kept_[count_++] = KeptBlock{block, class_bytes, written, role, ++clock_};
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

  void HandOver(void* block, size_t class_bytes, size_t written_bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    InUse& in_use = in_use_[block];
    in_use.handed_over_class = class_bytes;
    if (written_bytes > in_use.written) in_use.written = written_bytes;
  }

  // The class size of a block handed over, forgotten now; 0 if `bytes` is
  // not one.
  size_t TakeBackHandedOver(void* bytes) noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = in_use_.find(bytes);
    if (it == in_use_.end()) return 0;
    return std::exchange(it->second.handed_over_class, 0);
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
  // The kept block of the class TakeBlock describes, no longer kept (and
  // what the pool knows of it remembered while it is in use); nullptr if
  // none is.
  void* TakeKept(size_t class_bytes, size_t wanted_bytes, const char* role) {
    std::lock_guard<std::mutex> lock(mutex_);
    size_t found = count_;
    for (size_t i = 0; i < count_; ++i) {
      if (kept_[i].bytes == class_bytes &&
          (found == count_ ||
           Better(kept_[i], kept_[found], wanted_bytes, role))) {
        found = i;
      }
    }
    if (found == count_) return nullptr;
    void* block = kept_[found].block;
    // May throw, while the block is still kept.
    in_use_[block] = InUse{kept_[found].written, role};
    kept_bytes_ -= class_bytes;
    kept_[found] = kept_[--count_];
    return block;
  }

  // Whether `a` serves a taker of `role` wanting wanted_bytes better than
  // `b`: last taken for that role; or written over all of wanted_bytes and
  // less beyond; or, where neither covers them, further. Between blocks
  // alike in all that, the newest (its pages are the likeliest still
  // cached).
  static bool Better(const KeptBlock& a, const KeptBlock& b,
                     size_t wanted_bytes, const char* role) {
    const bool a_same = SameRole(a.role, role);
    if (a_same != SameRole(b.role, role)) return a_same;
    const bool a_covers = a.written >= wanted_bytes;
    const bool b_covers = b.written >= wanted_bytes;
    if (a_covers != b_covers) return a_covers;
    if (a.written != b.written) {
      return a_covers ? a.written < b.written : a.written > b.written;
    }
    return a.kept_at > b.kept_at;
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
  // Each block taken and not yet given back, handed over to the host or not.
  absl::flat_hash_map<void*, InUse> in_use_;
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

void* TakeBlock(size_t bytes, const char* role) {
  const size_t class_bytes = BlockClassBytes(bytes);
  if (class_bytes == 0) throw std::bad_alloc();
  return Pool().Take(class_bytes, bytes, role);
}

void GiveBackBlock(void* block, size_t bytes, size_t written_bytes) noexcept {
  if (block != nullptr) {
    Pool().GiveBack(block, BlockClassBytes(bytes), written_bytes);
  }
}

void HandOverBlock(void* block, size_t bytes, size_t written_bytes) {
  Pool().HandOver(block, BlockClassBytes(bytes), written_bytes);
}

void FreeHandedOver(void* bytes) noexcept {
  if (bytes == nullptr) return;
  if (const size_t class_bytes = Pool().TakeBackHandedOver(bytes);
      class_bytes != 0) {
    Pool().GiveBack(bytes, class_bytes, 0);  // the host writes nothing
  } else {
    std::free(bytes);
  }
}

size_t ReleaseKeptBlocks() noexcept { return Pool().ReleaseAll(); }

size_t KeptBytes() noexcept { return Pool().Kept(); }

}  // namespace purring::internal
