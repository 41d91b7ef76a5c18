#include "region_cache.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include <sys/mman.h>

namespace purring::internal {
namespace {

using Ranges = std::vector<std::pair<uintptr_t, size_t>>;

struct Cache {
  std::mutex mu;
  std::map<uintptr_t, size_t> kept;  // address -> length; neighbours merged
  size_t kept_bytes = 0;
  size_t in_use = 0;
  std::map<uintptr_t, size_t> handed_out;  // address -> length
  // Between calls the cache keeps at most `limit`: the peak in use of the
  // last evaluation (or of overlapping ones, together), less what was in
  // use when it began.
  size_t limit = 0;
  int running = 0;  // evaluations under way
  size_t base = 0;  // in use when the running ones began
  size_t high_water = 0;

  // What may be kept now: during an evaluation also what it has given back
  // below its own peak, which it may take again without the process ever
  // holding more than at that peak.
  size_t Allowed() const {
    if (running == 0) return limit;
    return std::max(limit, high_water - in_use);
  }

  void Keep(uintptr_t at, size_t length) {
    kept_bytes += length;
    auto next = kept.lower_bound(at);
    if (next != kept.end() && at + length == next->first) {
      length += next->second;
      next = kept.erase(next);
    }
    if (next != kept.begin()) {
      auto before = std::prev(next);
      if (before->first + before->second == at) {
        before->second += length;
        return;
      }
    }
    kept.emplace(at, length);
  }

  // Takes the smallest kept range that holds `length`, splitting it; 0 when
  // none does.
  uintptr_t TakeKept(size_t length) {
    auto best = kept.end();
    for (auto it = kept.begin(); it != kept.end(); ++it) {
      if (it->second >= length &&
          (best == kept.end() || it->second < best->second)) {
        best = it;
      }
    }
    if (best == kept.end()) return 0;
    const auto [at, whole] = *best;
    kept.erase(best);
    if (whole > length) kept.emplace(at + length, whole - length);
    kept_bytes -= length;
    return at;
  }

  // Drops kept ranges down to Allowed(), smallest first (a large one can
  // serve any later request); returns what to unmap.
  Ranges Trim() {
    Ranges drop;
    const size_t allowed = Allowed();
    if (kept_bytes <= allowed) return drop;
    size_t excess = RegionLength(kept_bytes - allowed);
    std::vector<std::pair<size_t, uintptr_t>> by_size;
    for (const auto& [at, length] : kept) by_size.emplace_back(length, at);
    std::sort(by_size.begin(), by_size.end());
    for (const auto& [length, at] : by_size) {
      if (excess == 0) break;
      const size_t cut = std::min(length, excess);
      // The range's end goes; what is left of it stays kept.
      if (cut == length) {
        kept.erase(at);
      } else {
        kept[at] = length - cut;
      }
      drop.emplace_back(at + length - cut, cut);
      kept_bytes -= cut;
      excess -= cut;
    }
    return drop;
  }

  void NoteTaken(size_t length) {
    in_use += length;
    high_water = std::max(high_water, in_use);
  }
};

Cache& TheCache() {
  static Cache* const cache = new Cache;  // never destroyed: used at exit
  return *cache;
}

void Unmap(const Ranges& ranges) {
  for (const auto& [at, length] : ranges) {
    munmap(reinterpret_cast<void*>(at), length);
  }
}

uintptr_t RoundUp(uintptr_t n) {
  return (n + kRegionAlignment - 1) & ~uintptr_t{kRegionAlignment - 1};
}

// A fresh mapping of `length` bytes aligned to a huge page: a huge page's
// worth more is mapped, so that an aligned start is in it, and the slop on
// either side is given back at once. 0 when none can be mapped.
uintptr_t MapFresh(size_t length) {
  if (length > SIZE_MAX - kRegionAlignment) return 0;
  const size_t mapped = length + kRegionAlignment;
  void* block = mmap(nullptr, mapped, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (block == MAP_FAILED) return 0;
  const auto base = reinterpret_cast<uintptr_t>(block);
  const uintptr_t start = RoundUp(base);
  if (start > base) munmap(block, start - base);
  const uintptr_t end = start + length;
  if (base + mapped > end) {
    munmap(reinterpret_cast<void*>(end), base + mapped - end);
  }
  // Refused where the kernel offers no huge pages: then 4 KiB pages.
  madvise(reinterpret_cast<void*>(start), length, MADV_HUGEPAGE);
  return start;
}

}  // namespace

size_t RegionLength(size_t bytes) {
  if (bytes > SIZE_MAX - kRegionAlignment) return 0;
  return RoundUp(bytes);
}

void* TakeRegion(size_t length) {
  Cache& cache = TheCache();
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    if (const uintptr_t at = cache.TakeKept(length); at != 0) {
      cache.NoteTaken(length);
      return reinterpret_cast<void*>(at);
    }
  }
  uintptr_t at = MapFresh(length);
  if (at == 0 && ReleaseCachedRegions() > 0) at = MapFresh(length);
  if (at == 0) return nullptr;
  std::lock_guard<std::mutex> lock(cache.mu);
  cache.NoteTaken(length);
  return reinterpret_cast<void*>(at);
}

void GiveRegion(void* region, size_t length) {
  if (region == nullptr) return;
  Cache& cache = TheCache();
  Ranges drop;
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    cache.in_use -= length;
    cache.Keep(reinterpret_cast<uintptr_t>(region), length);
    drop = cache.Trim();
  }
  Unmap(drop);
}

void HandOut(void* region, size_t length) {
  Cache& cache = TheCache();
  std::lock_guard<std::mutex> lock(cache.mu);
  cache.handed_out[reinterpret_cast<uintptr_t>(region)] = length;
}

bool GiveHandedOut(void* data) {
  Cache& cache = TheCache();
  size_t length = 0;
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    auto it = cache.handed_out.find(reinterpret_cast<uintptr_t>(data));
    if (it == cache.handed_out.end()) return false;
    length = it->second;
    cache.handed_out.erase(it);
  }
  GiveRegion(data, length);
  return true;
}

size_t ReleaseCachedRegions() {
  Cache& cache = TheCache();
  Ranges drop;
  size_t bytes = 0;
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    for (const auto& [at, length] : cache.kept) drop.emplace_back(at, length);
    bytes = cache.kept_bytes;
    cache.kept.clear();
    cache.kept_bytes = 0;
    cache.limit = 0;
  }
  Unmap(drop);
  return bytes;
}

EvaluationScope::EvaluationScope() {
  Cache& cache = TheCache();
  std::lock_guard<std::mutex> lock(cache.mu);
  if (cache.running++ == 0) {
    cache.base = cache.in_use;
    cache.high_water = cache.in_use;
  }
}

EvaluationScope::~EvaluationScope() {
  Cache& cache = TheCache();
  Ranges drop;
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    if (--cache.running == 0) {
      cache.limit = cache.high_water - cache.base;
      drop = cache.Trim();
    }
  }
  Unmap(drop);
}

RegionCacheStats CurrentRegionCacheStats() {
  Cache& cache = TheCache();
  std::lock_guard<std::mutex> lock(cache.mu);
  return {cache.kept_bytes, cache.in_use, cache.limit};
}

}  // namespace purring::internal
