// Abseil's flat hash containers, made safe to use when an allocation fails.
//
// Debian 12's Abseil (20220623) raw_hash_set::resize records the new
// capacity before it allocates the new table. When that allocation throws,
// the container keeps its old control bytes (a shared static block when it
// was empty) with the new capacity, and destroying it reads past them and
// frees what it never allocated: the host process aborts instead of getting
// PURRING_RESOURCE_EXHAUSTED (tests/capi_allocation_failure_test.cc). So the
// engine's hash containers count the allocations refused to them, and a
// container alive when one was refused is left undestroyed, its memory
// leaked, rather than destroyed. That happens only when memory runs out.
#ifndef PURRING_SRC_HASH_CONTAINERS_H_
#define PURRING_SRC_HASH_CONTAINERS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"

namespace purring::internal {

// How many allocations were refused to the engine's hash containers, in
// this process. Never decreases; it only tells whether one was refused
// since a container was made, and is no input to any evaluation.
inline std::atomic<uint64_t>& RefusedHashAllocations() {
  static std::atomic<uint64_t> refused{0};
  return refused;
}

// std::allocator, counting the allocations it cannot make.
template <typename T>
class CountingAllocator {
 public:
  using value_type = T;
  CountingAllocator() = default;
  template <typename U>
  CountingAllocator(const CountingAllocator<U>&) noexcept {}

  T* allocate(size_t n) {
    try {
      return std::allocator<T>().allocate(n);
    } catch (...) {
      RefusedHashAllocations().fetch_add(1, std::memory_order_relaxed);
      throw;
    }
  }
  void deallocate(T* pointer, size_t n) noexcept {
    std::allocator<T>().deallocate(pointer, n);
  }

  friend bool operator==(const CountingAllocator&, const CountingAllocator&) {
    return true;
  }
  friend bool operator!=(const CountingAllocator&, const CountingAllocator&) {
    return false;
  }
};

// Owns a Container (reached with * and ->), destroyed as usual unless an
// allocation was refused to a hash container since it was made: then it is
// left as it is. Movable; the moved-to keeps the moved-from's age.
template <typename Container>
class LeakedIfAllocationFails {
 public:
  LeakedIfAllocationFails() { new (&storage_) Container(); }
  LeakedIfAllocationFails(LeakedIfAllocationFails&& other)
      : refused_at_birth_(other.refused_at_birth_) {
    new (&storage_) Container(std::move(*other));
  }
  LeakedIfAllocationFails& operator=(LeakedIfAllocationFails&& other) {
    if (this != &other) {
      Drop();
      new (&storage_) Container(std::move(*other));
      refused_at_birth_ = other.refused_at_birth_;
    }
    return *this;
  }
  LeakedIfAllocationFails(const LeakedIfAllocationFails&) = delete;
  LeakedIfAllocationFails& operator=(const LeakedIfAllocationFails&) = delete;
  ~LeakedIfAllocationFails() { Drop(); }

  Container& operator*() {
    return *std::launder(reinterpret_cast<Container*>(&storage_));
  }
  const Container& operator*() const {
    return *std::launder(reinterpret_cast<const Container*>(&storage_));
  }
  Container* operator->() { return &**this; }
  const Container* operator->() const { return &**this; }

 private:
  void Drop() {
    if (RefusedHashAllocations().load(std::memory_order_relaxed) ==
        refused_at_birth_) {
      (**this).~Container();
    }
  }

  uint64_t refused_at_birth_ =
      RefusedHashAllocations().load(std::memory_order_relaxed);
  alignas(Container) unsigned char storage_[sizeof(Container)];
};

template <typename Key, typename Hash = absl::Hash<Key>,
          typename Eq = std::equal_to<Key>>
using HashSet = absl::flat_hash_set<Key, Hash, Eq, CountingAllocator<Key>>;

template <typename Key, typename Value, typename Hash = absl::Hash<Key>,
          typename Eq = std::equal_to<Key>>
using HashMap =
    absl::flat_hash_map<Key, Value, Hash, Eq,
                        CountingAllocator<std::pair<const Key, Value>>>;

// The containers to own: a HashSet or HashMap alive when memory ran out is
// leaked, not destroyed.
template <typename Key, typename Hash = absl::Hash<Key>,
          typename Eq = std::equal_to<Key>>
using OwnedHashSet = LeakedIfAllocationFails<HashSet<Key, Hash, Eq>>;

template <typename Key, typename Value, typename Hash = absl::Hash<Key>,
          typename Eq = std::equal_to<Key>>
using OwnedHashMap = LeakedIfAllocationFails<HashMap<Key, Value, Hash, Eq>>;

}  // namespace purring::internal

#endif  // PURRING_SRC_HASH_CONTAINERS_H_
