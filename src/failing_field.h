// Where in a serialized request protobuf's parser gives up, for the error
// message: protobuf itself only says that the whole request failed.
#ifndef PURRING_SRC_FAILING_FIELD_H_
#define PURRING_SRC_FAILING_FIELD_H_

#include <string>

#include "absl/strings/string_view.h"

namespace purring::internal {

// The first top-level field of the EvaluateRequest `bytes` that does not
// parse on its own, by name: "invoices[3]", "customers[0]", "settings", or
// inside the history "history.notices[2]" (the index counts that field's
// occurrences). Empty when each parses alone: the fault is in the framing
// between them (a truncated last field, a bad tag).
std::string FailingField(absl::string_view bytes);

}  // namespace purring::internal

#endif  // PURRING_SRC_FAILING_FIELD_H_
