// Reading a ledger (an EvaluateRequest) from a file, and the --as-of option.
#ifndef PURRING_TOOLS_CLI_LEDGER_INPUT_H_
#define PURRING_TOOLS_CLI_LEDGER_INPUT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "oslo_clock.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::cli {

// Reads an EvaluateRequest from path: the proto3 JSON mapping, or the binary
// encoding when the name ends in ".pb" or ".bin". Errors name the file and
// say what is wrong (no such file, not JSON, an unknown field, ...).
absl::StatusOr<v1::EvaluateRequest> ReadRequest(const std::string& path);

// Parses --as-of: an RFC 3339 instant ("2026-11-28T10:00:00+01:00"), or a
// date "YYYY-MM-DD" meaning 12:00 Oslo time that day.
absl::StatusOr<absl::Time> ParseAsOf(absl::string_view text,
                                     const OsloClock& oslo);

// Writes t into request.as_of.
void SetAsOf(absl::Time t, v1::EvaluateRequest* request);

}  // namespace purring::cli

#endif  // PURRING_TOOLS_CLI_LEDGER_INPUT_H_
