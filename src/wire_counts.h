// The record counts of a serialized request, checked on the wire against
// purring/limits.h before anything is parsed (ParseRequest, and the
// streamed reading of EvaluateBytes before it parses the customers).
#ifndef PURRING_SRC_WIRE_COUNTS_H_
#define PURRING_SRC_WIRE_COUNTS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace purring::internal {

// RESOURCE_EXHAUSTED naming the first count over its limit; OK otherwise,
// also for malformed bytes (the parser that follows refuses them).
absl::Status CheckWireCounts(absl::string_view bytes);

}  // namespace purring::internal

#endif  // PURRING_SRC_WIRE_COUNTS_H_
