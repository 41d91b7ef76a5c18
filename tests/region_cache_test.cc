// The regions kept between evaluations (src/region_cache.h): what is kept,
// how much, and that every kept byte is given back on request.
#include "region_cache.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "gtest/gtest.h"
#include "malloc_buffer.h"
#include "purring/engine.h"

namespace purring::internal {
namespace {

constexpr size_t kMiB = size_t{1} << 20;

// Each test starts with nothing kept (the binary may run them in one
// process) and nothing of its own in use.
class RegionCacheTest : public testing::Test {
 protected:
  void SetUp() override {
    ReleaseCachedRegions();
    in_use_before_ = CurrentRegionCacheStats().in_use;
  }
  void TearDown() override { ReleaseCachedRegions(); }

  size_t InUse() const {
    return CurrentRegionCacheStats().in_use - in_use_before_;
  }

 private:
  size_t in_use_before_ = 0;
};

TEST_F(RegionCacheTest, RegionsAreWholeHugePagesAlignedToOne) {
  EXPECT_EQ(RegionLength(1), kRegionAlignment);
  EXPECT_EQ(RegionLength(kRegionAlignment), kRegionAlignment);
  EXPECT_EQ(RegionLength(kRegionAlignment + 1), 2 * kRegionAlignment);
  EXPECT_EQ(RegionLength(SIZE_MAX - 10), 0u) << "overflow is refused";
  void* region = TakeRegion(6 * kMiB);
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(region) % kRegionAlignment, 0u);
  std::memset(region, 0x5a, 6 * kMiB);  // writable, end to end
  EXPECT_EQ(InUse(), 6 * kMiB);
  GiveRegion(region, 6 * kMiB);
  EXPECT_EQ(InUse(), 0u);
}

TEST_F(RegionCacheTest, OutsideAnEvaluationNothingIsKeptAtFirst) {
  void* region = TakeRegion(8 * kMiB);
  ASSERT_NE(region, nullptr);
  GiveRegion(region, 8 * kMiB);
  EXPECT_EQ(CurrentRegionCacheStats().kept, 0u);
}

TEST_F(RegionCacheTest, AnEvaluationReusesWhatItGaveBackBelowItsPeak) {
  EvaluationScope scope;
  auto* first = static_cast<char*>(TakeRegion(8 * kMiB));
  ASSERT_NE(first, nullptr);
  first[0] = 'x';
  GiveRegion(first, 8 * kMiB);
  // Kept: holding it adds nothing to the evaluation's peak so far.
  EXPECT_EQ(CurrentRegionCacheStats().kept, 8 * kMiB);
  // Two smaller ones come out of it, and they hold what it held.
  auto* a = static_cast<char*>(TakeRegion(4 * kMiB));
  auto* b = static_cast<char*>(TakeRegion(4 * kMiB));
  EXPECT_EQ(a, first);
  EXPECT_EQ(b, first + 4 * kMiB);
  EXPECT_EQ(a[0], 'x') << "a kept region is not cleared";
  EXPECT_EQ(CurrentRegionCacheStats().kept, 0u);
  // Given back, the halves are one range again.
  GiveRegion(a, 4 * kMiB);
  GiveRegion(b, 4 * kMiB);
  EXPECT_EQ(TakeRegion(8 * kMiB), first);
  GiveRegion(first, 8 * kMiB);
}

TEST_F(RegionCacheTest, TheNextEvaluationFindsWhatTheLastOneUsedAtItsPeak) {
  void* response = nullptr;
  {
    EvaluationScope scope;
    void* scratch = TakeRegion(16 * kMiB);
    response = TakeRegion(32 * kMiB);
    ASSERT_NE(scratch, nullptr);
    ASSERT_NE(response, nullptr);
    GiveRegion(scratch, 16 * kMiB);
    HandOut(response, 32 * kMiB);  // the host holds it after the call
  }
  EXPECT_EQ(CurrentRegionCacheStats().limit, 48 * kMiB);
  EXPECT_EQ(CurrentRegionCacheStats().kept, 16 * kMiB);
  // The host frees the response: kept too, as the next call needs it.
  EXPECT_TRUE(GiveHandedOut(response));
  EXPECT_EQ(CurrentRegionCacheStats().kept, 48 * kMiB);
  {
    EvaluationScope scope;
    void* again = TakeRegion(32 * kMiB);
    EXPECT_EQ(CurrentRegionCacheStats().kept, 16 * kMiB)
        << "taken from what was kept, no fresh pages";
    GiveRegion(again, 32 * kMiB);
  }
}

TEST_F(RegionCacheTest, ASmallerEvaluationGivesBackWhatItDidNotNeed) {
  {
    EvaluationScope scope;
    void* large = TakeRegion(64 * kMiB);
    ASSERT_NE(large, nullptr);
    GiveRegion(large, 64 * kMiB);
  }
  EXPECT_EQ(CurrentRegionCacheStats().kept, 64 * kMiB);
  {
    EvaluationScope scope;
    void* small = TakeRegion(4 * kMiB);
    ASSERT_NE(small, nullptr);
    GiveRegion(small, 4 * kMiB);
  }
  EXPECT_EQ(CurrentRegionCacheStats().limit, 4 * kMiB);
  EXPECT_EQ(CurrentRegionCacheStats().kept, 4 * kMiB);
}

TEST_F(RegionCacheTest, OverlappingEvaluationsKeepTheirPeakTogether) {
  auto* outer = new EvaluationScope;
  void* a = TakeRegion(8 * kMiB);
  {
    EvaluationScope inner;
    void* b = TakeRegion(8 * kMiB);
    GiveRegion(b, 8 * kMiB);
  }
  EXPECT_EQ(CurrentRegionCacheStats().limit, 0u) << "not over until both are";
  GiveRegion(a, 8 * kMiB);
  delete outer;
  EXPECT_EQ(CurrentRegionCacheStats().limit, 16 * kMiB);
  EXPECT_EQ(CurrentRegionCacheStats().kept, 16 * kMiB);
}

TEST_F(RegionCacheTest, ReleaseGivesEverythingBackAndKeepsNothingUntilTheNext) {
  {
    EvaluationScope scope;
    void* region = TakeRegion(10 * kMiB);
    ASSERT_NE(region, nullptr);
    GiveRegion(region, 10 * kMiB);
  }
  EXPECT_EQ(ReleaseCachedRegions(), 10 * kMiB);
  EXPECT_EQ(CurrentRegionCacheStats().kept, 0u);
  EXPECT_EQ(CurrentRegionCacheStats().limit, 0u);
  EXPECT_EQ(ReleaseCachedRegions(), 0u);
  void* region = TakeRegion(10 * kMiB);
  GiveRegion(region, 10 * kMiB);
  EXPECT_EQ(CurrentRegionCacheStats().kept, 0u);
  // The C++ API's way to it.
  {
    EvaluationScope scope;
    GiveRegion(TakeRegion(2 * kMiB), 2 * kMiB);
  }
  EXPECT_EQ(ReleaseCachedMemory(), 2 * kMiB);
}

TEST_F(RegionCacheTest, OnlyHandedOutRegionsAreTakenBackFromAPointer) {
  void* from_malloc = std::malloc(64);
  EXPECT_FALSE(GiveHandedOut(from_malloc));
  std::free(from_malloc);
  void* region = TakeRegion(2 * kMiB);
  EXPECT_FALSE(GiveHandedOut(region)) << "not handed out";
  HandOut(region, 2 * kMiB);
  EXPECT_TRUE(GiveHandedOut(region));
  EXPECT_FALSE(GiveHandedOut(region)) << "given back once only";
  EXPECT_EQ(InUse(), 0u);
}

// A large response's buffer is a region the host frees with
// purring_buffer_free (FreeSerializedBytes): it comes back to the cache.
TEST_F(RegionCacheTest, ALargeBufferReleasedToTheHostComesBack) {
  char* bytes = nullptr;
  {
    EvaluationScope scope;
    MallocBuffer buffer;
    ASSERT_TRUE(buffer.TryReserve(80 * kMiB));
    buffer.Append("response", 8);
    EXPECT_EQ(InUse(), 80 * kMiB);
    bytes = buffer.Release();
  }
  EXPECT_EQ(std::string(bytes, 8), "response");
  EXPECT_EQ(InUse(), 80 * kMiB) << "the host holds it";
  FreeSerializedBytes(bytes);
  EXPECT_EQ(InUse(), 0u);
  EXPECT_EQ(CurrentRegionCacheStats().kept, 80 * kMiB);
  // A small buffer is malloc's, freed as such.
  MallocBuffer small;
  small.Append("tiny", 4);
  FreeSerializedBytes(small.Release());
  EXPECT_EQ(CurrentRegionCacheStats().kept, 80 * kMiB);
}

}  // namespace
}  // namespace purring::internal
