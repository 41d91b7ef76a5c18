// The block pool: large blocks kept between evaluations (src/block_pool.h).
// The pool is one per process; each test starts by emptying it.
#include "block_pool.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/config.h"
#include "gtest/gtest.h"
#include "huge_pages_support.h"

namespace purring::internal {
namespace {

constexpr size_t kMiB = size_t{1} << 20;

class BlockPoolTest : public testing::Test {
 protected:
  void SetUp() override { ReleaseKeptBlocks(); }
  void TearDown() override { ReleaseKeptBlocks(); }
};

TEST(BlockClassBytes, IsWholeHugePagesUpToSixteenMiB) {
  EXPECT_EQ(BlockClassBytes(4 * kMiB), 4 * kMiB);
  EXPECT_EQ(BlockClassBytes(4 * kMiB + 1), 6 * kMiB);
  EXPECT_EQ(BlockClassBytes(13 * kMiB), 14 * kMiB);
  EXPECT_EQ(BlockClassBytes(16 * kMiB), 16 * kMiB);
}

TEST(BlockClassBytes, IsFourSizesPerDoublingAboveSixteenMiB) {
  // 16–32 MiB in steps of 4 MiB, 32–64 MiB in steps of 8 MiB, and so on.
  EXPECT_EQ(BlockClassBytes(16 * kMiB + 1), 20 * kMiB);
  EXPECT_EQ(BlockClassBytes(21 * kMiB), 24 * kMiB);
  EXPECT_EQ(BlockClassBytes(33 * kMiB), 40 * kMiB);
  EXPECT_EQ(BlockClassBytes(64 * kMiB), 64 * kMiB);
  EXPECT_EQ(BlockClassBytes(65 * kMiB), 80 * kMiB);
  EXPECT_EQ(BlockClassBytes(900 * kMiB), 1024 * kMiB);
  // A class never wastes more than a quarter of what was asked for.
  for (size_t bytes = 4 * kMiB; bytes < 4096 * kMiB; bytes += 7 * kMiB + 3) {
    const size_t class_bytes = BlockClassBytes(bytes);
    ASSERT_GE(class_bytes, bytes);
    ASSERT_LE(class_bytes - bytes, bytes / 4 + 2 * kMiB) << bytes;
  }
}

TEST(BlockClassBytes, IsZeroForASizeNoMappingCanHold) {
  EXPECT_EQ(BlockClassBytes(SIZE_MAX - 10), 0u);
  EXPECT_THROW(TakeBlock(SIZE_MAX - 10), std::bad_alloc);
}

// Its contents are unspecified (the pool may give back a block an earlier
// evaluation wrote): only that it is aligned and all of it writable.
TEST_F(BlockPoolTest, GivesWritableMemoryAlignedToAHugePage) {
  const size_t bytes = kPooledBlockBytes + 12345;  // not a page multiple
  auto* block = static_cast<unsigned char*>(TakeBlock(bytes));
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % (2 * kMiB), 0u);
  for (size_t i = 0; i < bytes; ++i) block[i] = static_cast<unsigned char>(i);
  uint64_t sum = 0;
  for (size_t i = 0; i < bytes; i += 997) sum += block[i] == (i & 0xff);
  EXPECT_EQ(sum, (bytes + 996) / 997);
  GiveBackBlock(block, bytes, bytes);
}

TEST_F(BlockPoolTest, AdvisesTheKernelToUseHugePages) {
  if (!KernelOffersHugePages()) {
    GTEST_SKIP() << "transparent huge pages are off on this kernel";
  }
  const size_t bytes = 3 * kPooledBlockBytes;
  void* block = TakeBlock(bytes);
  // "hg": the mapping was advised MADV_HUGEPAGE (proc(5)).
  const std::string flags = VmFlagsAt(block);
  EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
  GiveBackBlock(block, bytes, bytes);
}

TEST_F(BlockPoolTest, AFreedBlockIsKeptAndGivenToTheNextTakerOfItsClass) {
  char* block = static_cast<char*>(TakeBlock(10 * kMiB));
  std::memset(block, 7, 10 * kMiB);
  GiveBackBlock(block, 10 * kMiB, 10 * kMiB);
  EXPECT_EQ(KeptBytes(), 10 * kMiB);
  // Another size of the same class (9–10 MiB is 10 MiB) takes it back.
  char* again = static_cast<char*>(TakeBlock(9 * kMiB + 5));
  EXPECT_EQ(again, block);
  EXPECT_EQ(KeptBytes(), 0u);
  EXPECT_EQ(again[10 * kMiB - 1], 7) << "a kept block is not cleared";
  GiveBackBlock(again, 9 * kMiB + 5, 9 * kMiB + 5);
}

TEST_F(BlockPoolTest, AnotherClassIsMappedAfresh) {
  void* block = TakeBlock(10 * kMiB);
  GiveBackBlock(block, 10 * kMiB, 10 * kMiB);
  void* other = TakeBlock(12 * kMiB);
  EXPECT_NE(other, block);
  EXPECT_EQ(KeptBytes(), 10 * kMiB);
  GiveBackBlock(other, 12 * kMiB, 12 * kMiB);
  EXPECT_EQ(KeptBytes(), 22 * kMiB);
}

TEST_F(BlockPoolTest, TheNewestKeptBlockOfAClassIsTakenFirst) {
  void* first = TakeBlock(8 * kMiB);
  void* second = TakeBlock(8 * kMiB);
  GiveBackBlock(first, 8 * kMiB, 8 * kMiB);
  GiveBackBlock(second, 8 * kMiB, 8 * kMiB);
  void* taken = TakeBlock(8 * kMiB);
  EXPECT_EQ(taken, second);
  GiveBackBlock(taken, 8 * kMiB, 8 * kMiB);
}

TEST_F(BlockPoolTest, TheKeptBlockWrittenJustFarEnoughIsTakenFirst) {
  // Three blocks of the 20 MiB class, written 17, 20 and 5 MiB far.
  void* a = TakeBlock(20 * kMiB);
  void* b = TakeBlock(20 * kMiB);
  void* c = TakeBlock(20 * kMiB);
  GiveBackBlock(a, 20 * kMiB, 17 * kMiB);
  GiveBackBlock(b, 20 * kMiB, 20 * kMiB);
  GiveBackBlock(c, 20 * kMiB, 5 * kMiB);
  EXPECT_EQ(TakeBlock(18 * kMiB), b);  // the only one written over 18 MiB
  EXPECT_EQ(TakeBlock(17 * kMiB), a);  // covers 17 MiB; c does not
  EXPECT_EQ(TakeBlock(17 * kMiB), c);  // the last of the class
  GiveBackBlock(a, 17 * kMiB, 17 * kMiB);
  GiveBackBlock(b, 18 * kMiB, 18 * kMiB);
  GiveBackBlock(c, 17 * kMiB, 5 * kMiB);
}

TEST_F(BlockPoolTest, WhereNoneIsWrittenFarEnoughTheFurthestIsTaken) {
  void* far = TakeBlock(40 * kMiB);
  void* near = TakeBlock(40 * kMiB);
  GiveBackBlock(far, 40 * kMiB, 30 * kMiB);
  GiveBackBlock(near, 40 * kMiB, 10 * kMiB);  // the newest
  EXPECT_EQ(TakeBlock(40 * kMiB), far);
  GiveBackBlock(far, 40 * kMiB, 40 * kMiB);
}

TEST_F(BlockPoolTest, ABlockKeepsHowFarItWasEverWritten) {
  // Written 20 MiB far, then taken again and written 1 MiB: its pages up to
  // 20 MiB are still resident, so it beats a newer block written 17 MiB.
  void* block = TakeBlock(20 * kMiB);
  void* other = TakeBlock(20 * kMiB);
  GiveBackBlock(block, 20 * kMiB, 20 * kMiB);
  EXPECT_EQ(TakeBlock(17 * kMiB), block);
  GiveBackBlock(block, 17 * kMiB, 1 * kMiB);
  GiveBackBlock(other, 20 * kMiB, 17 * kMiB);
  EXPECT_EQ(TakeBlock(18 * kMiB), block);
  // A block the host held and freed keeps what the library wrote in it.
  HandOverBlock(block, 18 * kMiB, 19 * kMiB);
  FreeHandedOver(block);
  EXPECT_EQ(TakeBlock(19 * kMiB), block);
  GiveBackBlock(block, 19 * kMiB, 0);
}

TEST_F(BlockPoolTest, AKeptBlockLastTakenForTheSameRoleIsTakenFirst) {
  // A buffer growing into a block asks for more than it will write; the
  // block its role wrote last time is resident as far as it will write.
  void* lines = TakeBlock(64 * kMiB, "letter lines");
  void* postings = TakeBlock(64 * kMiB, "postings");
  GiveBackBlock(lines, 64 * kMiB, 10 * kMiB);
  GiveBackBlock(postings, 64 * kMiB, 60 * kMiB);
  // The role is compared by its text, not by where the text is.
  const std::string same_text = "letter lines";
  EXPECT_EQ(TakeBlock(64 * kMiB, same_text.c_str()), lines);
  GiveBackBlock(lines, 64 * kMiB, 10 * kMiB);
  // A role no kept block had: the one written furthest.
  EXPECT_EQ(TakeBlock(64 * kMiB, "case files"), postings);
  // Without a role: likewise.
  EXPECT_EQ(TakeBlock(64 * kMiB), lines);
  GiveBackBlock(lines, 64 * kMiB, 0);
  GiveBackBlock(postings, 64 * kMiB, 0);
}

TEST_F(BlockPoolTest, PastTheLimitTheOldestKeptBlocksAreUnmapped) {
  // Five blocks of a quarter of the limit: the first given back goes.
  const size_t quarter = kKeptBytesLimit / 4;
  std::vector<void*> blocks;
  for (int i = 0; i < 5; ++i) blocks.push_back(TakeBlock(quarter));
  for (void* block : blocks) GiveBackBlock(block, quarter, quarter);
  EXPECT_EQ(KeptBytes(), kKeptBytesLimit);
  // The four kept are the last four given back, newest first.
  for (int i = 4; i >= 1; --i) EXPECT_EQ(TakeBlock(quarter), blocks[i]);
  EXPECT_EQ(KeptBytes(), 0u);
  for (int i = 1; i <= 4; ++i) GiveBackBlock(blocks[i], quarter, quarter);
}

TEST_F(BlockPoolTest, ABlockLargerThanTheLimitIsNeverKept) {
  const size_t bytes = kKeptBytesLimit + 2 * kMiB;
  void* block = TakeBlock(bytes);
  GiveBackBlock(block, bytes, bytes);
  EXPECT_EQ(KeptBytes(), 0u);
}

TEST_F(BlockPoolTest, ReleaseKeptBlocksGivesEverythingBack) {
  void* a = TakeBlock(6 * kMiB);
  void* b = TakeBlock(40 * kMiB);
  GiveBackBlock(a, 6 * kMiB, 6 * kMiB);
  GiveBackBlock(b, 40 * kMiB, 40 * kMiB);
  EXPECT_EQ(ReleaseKeptBlocks(), 46 * kMiB);
  EXPECT_EQ(KeptBytes(), 0u);
  EXPECT_EQ(ReleaseKeptBlocks(), 0u);
}

TEST_F(BlockPoolTest, AHandedOverBlockFreedByTheHostReturnsToThePool) {
  void* block = TakeBlock(20 * kMiB);
  HandOverBlock(block, 20 * kMiB, 20 * kMiB);
  FreeHandedOver(block);
  EXPECT_EQ(KeptBytes(), 20 * kMiB);
  EXPECT_EQ(TakeBlock(20 * kMiB), block);
  GiveBackBlock(block, 20 * kMiB, 20 * kMiB);
}

TEST_F(BlockPoolTest, MallocsBytesHandedOverGoToFree) {
  // Small responses are malloc'd; FreeHandedOver frees them (an invalid
  // free would abort here, and the sanitizers' builds report a leak).
  void* bytes = std::malloc(100);
  ASSERT_NE(bytes, nullptr);
  FreeHandedOver(bytes);
  FreeHandedOver(nullptr);
  EXPECT_EQ(KeptBytes(), 0u);
}

TEST_F(BlockPoolTest, ThreadsTakingAndGivingBackNeverShareABlock) {
  // Each thread writes its own mark over the whole of each block it holds
  // and checks it is still there before giving the block back.
  constexpr int kThreads = 4;
  constexpr int kRounds = 50;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      for (int round = 0; round < kRounds; ++round) {
        const size_t bytes = (4 + (t + round) % 3 * 2) * kMiB;
        auto* block = static_cast<unsigned char*>(TakeBlock(bytes));
        const unsigned char mark = static_cast<unsigned char>(t * 61 + round);
        std::memset(block, mark, bytes);
        std::this_thread::yield();
        for (size_t i = 0; i < bytes; i += 4096) {
          if (block[i] != mark) ++failures[t];
        }
        if (round % 2 == 0) {
          GiveBackBlock(block, bytes, bytes);
        } else {
          HandOverBlock(block, bytes, bytes);
          FreeHandedOver(block);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << t;
  EXPECT_LE(KeptBytes(), kKeptBytesLimit);
}

#ifdef ABSL_HAVE_ADDRESS_SANITIZER
// Under AddressSanitizer a kept block is poisoned: a use after it was given
// back is reported as a use of freed memory would be.
TEST_F(BlockPoolTest, AUseOfAKeptBlockIsReportedUnderAddressSanitizer) {
  auto* block = static_cast<volatile char*>(TakeBlock(4 * kMiB));
  block[0] = 1;
  GiveBackBlock(const_cast<char*>(block), 4 * kMiB, 4 * kMiB);
  EXPECT_DEATH(block[100] = 2, "use-after-poison");
  // Taken again, it is usable.
  EXPECT_EQ(TakeBlock(4 * kMiB), const_cast<char*>(block));
  block[100] = 3;
  EXPECT_EQ(block[100], 3);
  GiveBackBlock(const_cast<char*>(block), 4 * kMiB, 4 * kMiB);
}
#endif

}  // namespace
}  // namespace purring::internal
