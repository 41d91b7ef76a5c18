// Where some bytes are within a buffer under 4 GiB: the request
// (kMaxRequestBytes) or one shard's action records (refused past 2 GiB).
#ifndef PURRING_SRC_BYTE_SPAN_H_
#define PURRING_SRC_BYTE_SPAN_H_

#include <cstdint>

namespace purring::internal {

struct ByteSpan {
  uint32_t offset = 0;
  uint32_t size = 0;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_BYTE_SPAN_H_
