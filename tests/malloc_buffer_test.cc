// MallocBuffer: the growable malloc'd buffer the C facade hands to hosts.
#include "malloc_buffer.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "gtest/gtest.h"

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
  std::free(bytes);  // the C ABI's purring_buffer_free does this
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

}  // namespace
}  // namespace purring::internal
