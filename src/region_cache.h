// The large blocks' memory (AllocateLarge's, and the byte buffers' of a
// ledger-sized response), kept from one evaluation to the next instead of
// handed back to the operating system and mapped afresh.
//
// Why: on a virtual machine memory handed back reaches the hypervisor, and
// every page of it mapped again costs a fault the guest cannot see. At a
// million invoices a call maps about 715 MB; with this memory kept, calls
// took 1.65-1.85 s instead of 1.9-4.0 s on the benchmark machine
// (benchmarks/README.md, "Memory kept between calls"). malloc keeps small
// blocks the same way; glibc maps every block above 32 MiB afresh.
//
// What is kept is memory, never data: no block is read before it is
// written, and no result depends on what is kept. How much: never more than
// the most recent evaluation needed at its peak (an evaluation of a small
// ledger gives back what a large one kept), and during an evaluation never
// so much that the process holds more than at the evaluation's peak so far.
// ReleaseCachedRegions (purring_release_memory in C) gives it all back.
//
// Thread safety: every function may be called from any thread.
#ifndef PURRING_SRC_REGION_CACHE_H_
#define PURRING_SRC_REGION_CACHE_H_

#include <cstddef>

namespace purring::internal {

// Regions are whole huge pages, aligned to one.
inline constexpr size_t kRegionAlignment = size_t{2} << 20;

// `bytes` rounded up to whole huge pages; 0 when that overflows.
size_t RegionLength(size_t bytes);

// A region of `length` bytes (RegionLength's, > 0): part of a kept one when
// one is large enough (what it held before is not cleared), else mapped
// afresh and advised for transparent huge pages. nullptr when no memory can
// be mapped.
void* TakeRegion(size_t length);

// Gives back a region TakeRegion gave, with its length: kept, or unmapped
// when the cache is full.
void GiveRegion(void* region, size_t length);

// For a region handed to the host as a response's bytes: remembers its
// length, so that GiveHandedOut can give it back from the pointer alone.
void HandOut(void* region, size_t length);
// True, and the region given back, when `data` is a region HandOut handed
// out; false for any other pointer (malloc's).
bool GiveHandedOut(void* data);

// Unmaps every kept region and keeps nothing more until the next
// evaluation ends. Returns the bytes unmapped.
size_t ReleaseCachedRegions();

// While one exists, an evaluation is running: the cache learns from it how
// much to keep (its peak). Nest freely; evaluations may overlap.
class EvaluationScope {
 public:
  EvaluationScope();
  ~EvaluationScope();
  EvaluationScope(const EvaluationScope&) = delete;
  EvaluationScope& operator=(const EvaluationScope&) = delete;
};

// What the cache holds, for tests and benchmarks.
struct RegionCacheStats {
  size_t kept = 0;    // bytes of regions kept, not in use
  size_t in_use = 0;  // bytes of regions taken and not given back
  size_t limit = 0;   // bytes the cache may keep between evaluations
};
RegionCacheStats CurrentRegionCacheStats();

}  // namespace purring::internal

#endif  // PURRING_SRC_REGION_CACHE_H_
