// MallocBuffer: the growable buffer the C facade hands to hosts, malloc'd
// when small, a block of the pool when large.
#include "malloc_buffer.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "block_pool.h"
#include "gtest/gtest.h"
#include "huge_pages_support.h"

namespace purring::internal {
namespace {

TEST(MallocBuffer, AppendsAcrossGrowthAndKeepsTheBytes) {
  MallocBuffer buffer;
  std::string expected;
  // Through the doubling range and past the jump to a large block.
  for (int i = 0; expected.size() < 3 * 1024 * 1024; ++i) {
    const std::string piece = "piece " + std::to_string(i) + ";";
    buffer.Append(piece.data(), piece.size());
    expected += piece;
  }
  ASSERT_EQ(buffer.size(), expected.size());
  EXPECT_EQ(std::memcmp(buffer.data(), expected.data(), expected.size()), 0);
}

// Past 64 MiB the buffer asks for its pages ahead of the writes, 4 MiB at a
// time (Populate): pieces that straddle those steps and a growth into a
// larger block keep every byte.
TEST(MallocBuffer, KeepsTheBytesAcrossPopulatedStepsAndLargeGrowth) {
  MallocBuffer buffer;
  constexpr size_t kTotal = 150u * 1024 * 1024;  // two growths past 64 MiB
  uint32_t value = 1;
  while (buffer.size() + 40000 < kTotal) {
    const size_t n = 4 * (1 + value % 9999);  // up to ~40 KB, uneven
    auto* at = reinterpret_cast<uint32_t*>(buffer.Reserve(n));
    for (size_t k = 0; k < n / 4; ++k) at[k] = value + static_cast<uint32_t>(k);
    buffer.Commit(n);
    value = value * 1103515245u + 12345u;
  }
  // Once more with the exact growth the response's last bytes use.
  const size_t tail = 5 * 1024 * 1024;
  std::memset(buffer.ReserveExact(tail), 0x5a, tail);
  buffer.Commit(tail);
  // Replay the writes and compare.
  value = 1;
  size_t offset = 0;
  while (offset + tail < buffer.size()) {
    const size_t n = 4 * (1 + value % 9999);
    const auto* at = reinterpret_cast<const uint32_t*>(buffer.data() + offset);
    for (size_t k = 0; k < n / 4; ++k) {
      ASSERT_EQ(at[k], value + static_cast<uint32_t>(k)) << "at " << offset;
    }
    offset += n;
    value = value * 1103515245u + 12345u;
  }
  ASSERT_EQ(offset + tail, buffer.size());
  for (size_t k = offset; k < buffer.size(); k += 4093) {
    ASSERT_EQ(buffer.data()[k], 0x5a);
  }
}

// The response's buffers start at a size hint (StreamedResultStore): what
// fits in it is appended in place, never moved.
TEST(MallocBuffer, TryReserveKeepsTheBytesInPlaceUpToTheCapacity) {
  MallocBuffer buffer;
  buffer.Append("head", 4);
  ASSERT_TRUE(buffer.TryReserve(3 * 1024 * 1024));
  const char* const start = buffer.data();
  EXPECT_EQ(std::string(start, 4), "head");
  const std::string piece(1000, 'x');
  while (buffer.size() + piece.size() <= 3 * 1024 * 1024) {
    buffer.Append(piece.data(), piece.size());
    ASSERT_EQ(buffer.data(), start);
  }
  // A smaller reservation changes nothing.
  const size_t size = buffer.size();
  EXPECT_TRUE(buffer.TryReserve(16));
  EXPECT_EQ(buffer.data(), start);
  EXPECT_EQ(buffer.size(), size);
}

TEST(MallocBuffer, ShrinkToFitKeepsTheBytesAndTheSpareByte) {
  MallocBuffer buffer;
  ASSERT_TRUE(buffer.TryReserve(80u * 1024 * 1024));
  std::string expected;
  for (int i = 0; expected.size() < 70u * 1024 * 1024; ++i) {
    const std::string piece = "line " + std::to_string(i) + "\n";
    buffer.Append(piece.data(), piece.size());
    expected += piece;
  }
  buffer.ShrinkToFit(1);
  buffer.data()[buffer.size()] = '\0';  // the spare byte is still there
  ASSERT_EQ(buffer.size(), expected.size());
  EXPECT_EQ(std::memcmp(buffer.data(), expected.data(), expected.size()), 0);
  buffer.Append("more", 4);  // and it grows again
  EXPECT_EQ(std::string(buffer.data() + expected.size(), 4), "more");
}

TEST(MallocBuffer, ReserveThenCommitWritesInPlace) {
  MallocBuffer buffer;
  buffer.Append("ab", 2);
  char* at = buffer.Reserve(5);
  std::memcpy(at, "cdefg", 5);
  buffer.Commit(3);  // only what is committed counts
  EXPECT_EQ(std::string(buffer.data(), buffer.size()), "abcde");
}

TEST(MallocBuffer, ReserveExactLeavesRoomForATrailingNul) {
  MallocBuffer buffer;
  buffer.Append("xyz", 3);
  buffer.ReserveExact(1)[0] = '\0';
  EXPECT_EQ(buffer.size(), 3u);
  EXPECT_STREQ(buffer.data(), "xyz");
}

TEST(MallocBuffer, ReleaseHandsOverMemoryForFree) {
  MallocBuffer buffer;
  buffer.Append("hello", 5);
  char* bytes = buffer.Release();
  EXPECT_EQ(buffer.size(), 0u);
  EXPECT_EQ(buffer.data(), nullptr);
  EXPECT_EQ(std::string(bytes, 5), "hello");
  FreeHandedOver(bytes);  // the C ABI's purring_buffer_free does this
}

// A large buffer's block outlives it in the pool, whether the buffer is
// destroyed or its bytes are handed over and freed: the next evaluation's
// response is written into pages already there.
TEST(MallocBuffer, ALargeBufferIsKeptForTheNextOneASmallOneIsNot) {
  ReleaseKeptBlocks();
  {
    MallocBuffer small;
    ASSERT_TRUE(small.TryReserve(1024 * 1024));
    small.Append("x", 1);
  }
  EXPECT_EQ(KeptBytes(), 0u);
  const char* first = nullptr;
  {
    MallocBuffer large;
    ASSERT_TRUE(large.TryReserve(70u * 1024 * 1024));
    large.Append("first", 5);
    first = large.data();
  }
  EXPECT_EQ(KeptBytes(), BlockClassBytes(70u * 1024 * 1024));
  MallocBuffer next;
  ASSERT_TRUE(next.TryReserve(72u * 1024 * 1024));  // the same class
  EXPECT_EQ(next.data(), first);
  EXPECT_EQ(KeptBytes(), 0u);
  next.Append("second", 6);
  char* handed = next.Release();
  EXPECT_EQ(std::string(handed, 6), "second");
  FreeHandedOver(handed);
  EXPECT_EQ(KeptBytes(), BlockClassBytes(70u * 1024 * 1024));
  ReleaseKeptBlocks();
}

TEST(MallocBuffer, ALargeBufferTakesTheBlockItsRoleWroteLastTime) {
  // Two buffers grow into blocks of the same class, "lines" writing less
  // than "postings"; next time "lines" gets its own block back, not the
  // one written further (block_pool.h, TakeBlock).
  ReleaseKeptBlocks();
  const std::string piece(1024 * 1024, 'x');
  const char* lines_block = nullptr;
  const char* postings_block = nullptr;
  {
    MallocBuffer lines("lines");
    MallocBuffer postings("postings");
    for (int i = 0; i < 2; ++i) lines.Append(piece.data(), piece.size());
    for (int i = 0; i < 5; ++i) postings.Append(piece.data(), piece.size());
    lines_block = lines.data();
    postings_block = postings.data();
    ASSERT_NE(lines_block, postings_block);
  }
  MallocBuffer lines("lines");
  for (int i = 0; i < 2; ++i) lines.Append(piece.data(), piece.size());
  EXPECT_EQ(lines.data(), lines_block);
  MallocBuffer unnamed;
  for (int i = 0; i < 2; ++i) unnamed.Append(piece.data(), piece.size());
  EXPECT_EQ(unnamed.data(), postings_block);
  ReleaseKeptBlocks();
}

TEST(MallocBuffer, SwapExchangesContents) {
  MallocBuffer a, b;
  a.Append("first", 5);
  b.Append("second!", 7);
  a.swap(b);
  EXPECT_EQ(std::string(a.data(), a.size()), "second!");
  EXPECT_EQ(std::string(b.data(), b.size()), "first");
}

TEST(MallocBuffer, AnImpossibleSizeIsBadAllocNotAWrap) {
  MallocBuffer buffer;
  buffer.Append("a", 1);
  EXPECT_THROW(buffer.Reserve(SIZE_MAX - 1), std::bad_alloc);
  EXPECT_EQ(buffer.size(), 1u);
}

// A large buffer, a block of the pool, is advised for huge pages
// (large_allocator.h says why); a smaller one, in malloc's heap, is left
// alone.
TEST(MallocBuffer, AdvisesHugePagesForALargeBufferOnly) {
  if (!KernelOffersHugePages()) {
    GTEST_SKIP() << "transparent huge pages are off on this kernel";
  }
  MallocBuffer small;
  ASSERT_TRUE(small.TryReserve(64 * 1024));
  EXPECT_EQ(VmFlagsAt(small.data()).find(" hg"), std::string::npos);
  MallocBuffer large;
  ASSERT_TRUE(large.TryReserve(64u * 1024 * 1024));
  // Past the first huge page boundary: the advice covers whole ones.
  const std::string flags = VmFlagsAt(large.data() + 4 * 1024 * 1024);
  EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
}

}  // namespace
}  // namespace purring::internal
