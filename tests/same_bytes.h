// Compares two responses' bytes without printing them: gtest's message for
// unequal strings diffs them line by line, which for responses of megabytes
// takes more memory than the machine has (a failing sharded-evaluation test
// was killed for it, saying nothing). Test-only; header-only.
#ifndef PURRING_TESTS_SAME_BYTES_H_
#define PURRING_TESTS_SAME_BYTES_H_

#include <algorithm>
#include <cstddef>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace purring::testing {

// EXPECT_TRUE(SameBytes(actual, expected)): on a difference, where the
// bytes part and the two sizes.
inline ::testing::AssertionResult SameBytes(absl::string_view actual,
                                            absl::string_view expected) {
  if (actual == expected) return ::testing::AssertionSuccess();
  const size_t common = std::min(actual.size(), expected.size());
  const size_t at =
      std::mismatch(actual.begin(), actual.begin() + common, expected.begin())
          .first -
      actual.begin();
  return ::testing::AssertionFailure()
         << "the bytes differ from byte " << at << " on (" << actual.size()
         << " bytes against " << expected.size() << " expected)";
}

}  // namespace purring::testing

#endif  // PURRING_TESTS_SAME_BYTES_H_
