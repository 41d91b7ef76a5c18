// KeyPositions compares the first 16 bytes of a key in its slot and the
// rest through the key's view: keys that differ only beyond byte 16, only in
// length, or by a zero byte where a shorter key's padding is, stay apart.
#include "key_positions.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace purring::internal {
namespace {

TEST(KeyPositions, FindsEachKeyByItsTextNotItsAddress) {
  std::vector<std::string> keys = {"",
                                   "K1",
                                   "K10",
                                   std::string("K1\0", 3),
                                   "0123456789abcdef",
                                   "0123456789abcdeg",
                                   "0123456789abcdef0",
                                   "0123456789abcdef1",
                                   "0123456789abcdef0123456789",
                                   "0123456789abcdef0123456788",
                                   "ÆØÅ-kunde-æøå-0001"};
  KeyPositions positions;
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSERT_TRUE(positions.Insert(keys[i], static_cast<int>(i))) << i;
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string copy = keys[i];  // another buffer, the same text
    EXPECT_EQ(positions.Find(copy), static_cast<int>(i)) << i;
    positions.Prefetch(copy);
    EXPECT_FALSE(positions.Insert(copy, 99)) << i;  // already there
    EXPECT_EQ(positions.Find(copy), static_cast<int>(i)) << i;
  }
  for (const std::string& missing :
       {std::string("K"), std::string("K2"), std::string("0123456789abcdef2"),
        std::string("0123456789abcdef012345678"), std::string(1, '\0'),
        std::string("0123456789abcde")}) {
    EXPECT_EQ(positions.Find(missing), -1) << missing;
  }
}

TEST(KeyPositions, ManyKeysWithOneLongCommonHead) {
  // All alike in their first 16 bytes: only the tail tells them apart.
  KeyPositions positions;
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) {
    keys.push_back("KUNDENUMMER-0000-" + std::to_string(i));
  }
  positions.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSERT_TRUE(positions.Insert(keys[i], static_cast<int>(i)));
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(positions.Find(std::string(keys[i])), static_cast<int>(i));
  }
  EXPECT_EQ(positions.Find("KUNDENUMMER-0000-5000"), -1);
}

}  // namespace
}  // namespace purring::internal
