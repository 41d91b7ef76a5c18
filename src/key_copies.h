// Copies of strings kept side by side in large blocks, for maps and sets
// that key on string_views: no allocation per key, and the keys of records
// added together lie together.
#ifndef PURRING_SRC_KEY_COPIES_H_
#define PURRING_SRC_KEY_COPIES_H_

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "absl/strings/string_view.h"

namespace purring::internal {

// In the reference maps of validation, a lookup's final compare reads this
// small block instead of the record's own string, which on large requests
// lies far away. Measured (callgrind cache simulation, 4 MiB last level,
// 2x100 000 invoices): last-level read misses in the compares 235 K -> 52 K,
// for 1.5% more instructions.
class KeyCopies {
 public:
  absl::string_view Copy(absl::string_view key) {
    if (key.size() > left_) NewBlock(key.size());
    char* const at = next_;
    if (!key.empty()) std::memcpy(at, key.data(), key.size());
    next_ += key.size();
    left_ -= key.size();
    return absl::string_view(at, key.size());
  }

 private:
  void NewBlock(size_t at_least) {
    const size_t size = std::max<size_t>(at_least, size_t{64} << 10);
    blocks_.emplace_back(new char[size]);
    next_ = blocks_.back().get();
    left_ = size;
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_KEY_COPIES_H_
