// How many invoices a shard holds at once. A shard loads (parses and
// checks) a batch of invoices, then evaluates them, then writes their
// actions' records and results: each pass runs through a lot of code
// (protobuf's parsers, the checks, the evaluation, protobuf's serializers),
// and one invoice at a time each pass evicted the others' instructions
// from the cache.
#ifndef PURRING_SRC_SHARD_BATCH_H_
#define PURRING_SRC_SHARD_BATCH_H_

namespace purring::internal {

// Small enough that a batch's messages stay in the L2 cache.
inline constexpr int kShardBatch = 16;

}  // namespace purring::internal

#endif  // PURRING_SRC_SHARD_BATCH_H_
