// Arena options for messages that grow to many megabytes on a large ledger
// (a request's records, the response's tail, kept results). Protobuf's
// default blocks stop growing at 8 KiB, so a large ledger took tens of
// thousands of blocks, and as many mallocs; these grow to 4 MiB, wasting
// at most that much at the end. Blocks from kLargeAllocationBytes (2 MiB)
// up are mapped for huge pages as LargeVector's are
// (large_allocator.h): the customers of a million-invoice ledger are read
// in no particular order (by their invoices, their case files, their
// letters), and in 4 KiB pages each read was as likely a TLB miss as not.
#ifndef PURRING_SRC_ARENA_OPTIONS_H_
#define PURRING_SRC_ARENA_OPTIONS_H_

#include "google/protobuf/arena.h"
#include "large_allocator.h"

namespace purring::internal {

inline google::protobuf::ArenaOptions LargeArenaOptions() {
  google::protobuf::ArenaOptions options;
  options.start_block_size = 16 * 1024;
  options.max_block_size = size_t{4} << 20;
  options.block_alloc = &AllocateBlock;
  options.block_dealloc = &FreeBlock;
  return options;
}

}  // namespace purring::internal

#endif  // PURRING_SRC_ARENA_OPTIONS_H_
