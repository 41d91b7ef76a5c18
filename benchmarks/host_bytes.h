// A request as a host holding a large ledger is advised to keep it: in a
// mapping advised for transparent huge pages (README.md, "The request's
// memory"). On the benchmark machine, a virtual machine, memory on 4 KiB
// pages left untouched for a second costs about 1.5–3 µs a page to touch
// again, while memory on huge pages does not: reading a million-invoice
// request (141 MB) that had sat for a second took 90–186 ms from 4 KiB
// pages and 5 ms from huge ones (benchmarks/HISTORY.md, the thirty-fourth
// session). Both the floor and the engine read their request from here.
#ifndef PURRING_BENCHMARKS_HOST_BYTES_H_
#define PURRING_BENCHMARKS_HOST_BYTES_H_

#include <cstddef>
#include <string>

namespace purring::bench {

class HostBytes {
 public:
  HostBytes() = default;
  // A copy of `bytes`. Aborts when the memory cannot be mapped.
  explicit HostBytes(const std::string& bytes);
  HostBytes(const HostBytes&) = delete;
  HostBytes& operator=(const HostBytes&) = delete;
  HostBytes(HostBytes&& other) noexcept;
  HostBytes& operator=(HostBytes&& other) noexcept;
  ~HostBytes();

  const char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  void Unmap() noexcept;

  char* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_ = 0;
};

}  // namespace purring::bench

#endif  // PURRING_BENCHMARKS_HOST_BYTES_H_
