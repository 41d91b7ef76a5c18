// Arena options for messages that grow to many megabytes on a large ledger
// (a request's records, the response's tail, kept results). Protobuf's
// default blocks stop growing at 8 KiB, so a large ledger took tens of
// thousands of blocks, and as many mallocs; these grow to 1 MiB, wasting at
// most that much at the end.
#ifndef PURRING_SRC_ARENA_OPTIONS_H_
#define PURRING_SRC_ARENA_OPTIONS_H_

#include "google/protobuf/arena.h"

namespace purring::internal {

inline google::protobuf::ArenaOptions LargeArenaOptions() {
  google::protobuf::ArenaOptions options;
  options.start_block_size = 16 * 1024;
  options.max_block_size = 1024 * 1024;
  return options;
}

}  // namespace purring::internal

#endif  // PURRING_SRC_ARENA_OPTIONS_H_
