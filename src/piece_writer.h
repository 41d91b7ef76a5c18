// The host's ResponseWriter (purring/engine.h) as the engine uses it: what
// was handed over, and whether the host stopped the evaluation.
#ifndef PURRING_SRC_PIECE_WRITER_H_
#define PURRING_SRC_PIECE_WRITER_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "purring/engine.h"

namespace purring::internal {

// Bytes gathered before they go to the host: large enough that a host
// calling through the C ABI pays for the call on a megabyte, not on a
// result, and small enough to be nothing next to the response.
inline constexpr size_t kPieceBytes = size_t{1} << 20;

// The status of an evaluation the host's writer stopped.
inline absl::Status WriterStopped() {
  return absl::CancelledError("the host's writer stopped the evaluation");
}

class PieceWriter {
 public:
  // piece_bytes: how much is gathered before it goes (tests make it small,
  // so that results go to the host one by one).
  explicit PieceWriter(ResponseWriter write, size_t piece_bytes = kPieceBytes)
      : write_(write), piece_bytes_(piece_bytes) {}

  // Hands the bytes to the host, unless it stopped earlier. False once the
  // host has stopped.
  bool Write(absl::string_view bytes) {
    if (stopped_) return false;
    if (bytes.empty()) return true;
    written_ += bytes.size();
    stopped_ = !write_(bytes);
    return !stopped_;
  }

  bool stopped() const { return stopped_; }
  size_t piece_bytes() const { return piece_bytes_; }
  // The bytes handed over so far.
  size_t written() const { return written_; }

 private:
  ResponseWriter write_;
  size_t piece_bytes_;
  bool stopped_ = false;
  size_t written_ = 0;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_PIECE_WRITER_H_
