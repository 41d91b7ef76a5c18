// LargeAllocator: the ledger-sized vectors' memory, blocks of the pool from
// kLargeAllocationBytes up (src/large_allocator.h; the blocks themselves:
// block_pool_test.cc).
#include "large_allocator.h"

#include <algorithm>
#include <cstdint>
#include <new>
#include <string>
#include <vector>

#include "arena_options.h"
#include "google/protobuf/arena.h"
#include "gtest/gtest.h"
#include "huge_pages_support.h"

namespace purring::internal {
namespace {

constexpr uintptr_t kHugePage = uintptr_t{2} << 20;

TEST(LargeAllocator, TakesSmallBlocksFromTheHeapAndLargeOnesFromMappings) {
  LargeAllocator<uint32_t> allocator;
  const size_t large = kLargeAllocationBytes / sizeof(uint32_t);
  uint32_t* small = allocator.allocate(large - 1);
  uint32_t* big = allocator.allocate(large);
  EXPECT_NE(reinterpret_cast<uintptr_t>(small) % kHugePage, 0u)
      << "operator new's blocks carry malloc's header";
  EXPECT_EQ(reinterpret_cast<uintptr_t>(big) % kHugePage, 0u);
  small[large - 2] = 7;
  big[large - 1] = 9;
  EXPECT_EQ(small[large - 2] + big[large - 1], 16u);
  allocator.deallocate(small, large - 1);
  allocator.deallocate(big, large);
}

TEST(LargeAllocator, RefusesACountWhoseBytesOverflow) {
  LargeAllocator<uint64_t> allocator;
  EXPECT_THROW(allocator.allocate(SIZE_MAX / 4), std::bad_alloc);
}

TEST(LargeVector, KeepsItsElementsAsItGrowsPastTheThreshold) {
  LargeVector<uint64_t> values;
  std::vector<uint64_t> expected;
  uint64_t x = 88172645463325252u;
  for (size_t i = 0; i < 3 * kLargeAllocationBytes / sizeof(uint64_t); ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    values.push_back(x);
    expected.push_back(x);
  }
  ASSERT_EQ(values.size(), expected.size());
  EXPECT_TRUE(std::equal(values.begin(), values.end(), expected.begin()));
  LargeVector<uint64_t> moved = std::move(values);
  EXPECT_EQ(moved.back(), expected.back());
  moved.resize(10);
  moved.shrink_to_fit();
  EXPECT_EQ(moved[9], expected[9]);
}

TEST(LargeArenaOptions, MapsTheArenasLargeBlocksForHugePages) {
  google::protobuf::Arena arena(LargeArenaOptions());
  // Blocks double from 16 KiB: 40 MiB of small allocations reach the
  // largest, kLargeAllocationBytes, several times over.
  constexpr size_t kPiece = 4096;
  std::vector<char*> pieces;
  for (size_t total = 0; total < (size_t{40} << 20); total += kPiece) {
    char* piece = google::protobuf::Arena::CreateArray<char>(&arena, kPiece);
    piece[0] = static_cast<char>(pieces.size());
    piece[kPiece - 1] = 1;
    pieces.push_back(piece);
  }
  EXPECT_EQ(pieces[0][0], 0);
  EXPECT_EQ(pieces.back()[0], static_cast<char>(pieces.size() - 1));
  EXPECT_GE(arena.SpaceAllocated(), size_t{40} << 20);
  // The first pieces are in malloc's small blocks, the last in a mapping
  // aligned to a huge page and advised for them.
  const std::string first_flags = VmFlagsAt(pieces[0]);
  EXPECT_EQ(first_flags.find(" hg"), std::string::npos) << first_flags;
  if (KernelOffersHugePages()) {
    const std::string last_flags = VmFlagsAt(pieces.back());
    EXPECT_NE(last_flags.find(" hg"), std::string::npos) << last_flags;
  }
  // The blocks go back through FreeBlock, by their sizes (the arena may
  // keep a first small one).
  arena.Reset();
  EXPECT_LT(arena.SpaceAllocated(), kLargeAllocationBytes);
}

}  // namespace
}  // namespace purring::internal
