#include "ledger_input.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "purring/parse.h"

namespace purring::cli {

absl::StatusOr<v1::EvaluateRequest> ReadRequest(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return absl::NotFoundError(
        absl::StrCat("cannot read ", path, ": it is a directory"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat("cannot read ", path));
  }
  const std::string bytes = buffer.str();
  v1::EvaluateRequest request;
  // The library's own reading, with its limits and checks, as a host's.
  const bool binary = absl::EndsWithIgnoreCase(path, ".pb") ||
                      absl::EndsWithIgnoreCase(path, ".bin");
  const absl::Status status = binary ? ParseRequest(bytes, &request)
                                     : ParseRequestJson(bytes, &request);
  if (!status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat(path, ": ", status.message()));
  }
  return request;
}

absl::StatusOr<absl::Time> ParseAsOf(absl::string_view text,
                                     const OsloClock& oslo) {
  absl::CivilDay day;
  if (text.size() == 10 && absl::ParseCivilTime(text, &day)) {
    return oslo.Noon(day);
  }
  absl::Time t;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, text, &t, &error)) return t;
  return absl::InvalidArgumentError(absl::StrCat(
      "--as-of \"", text, "\" is neither an RFC 3339 instant "
      "(2026-11-28T10:00:00+01:00) nor a date (2026-11-28)"));
}

void SetAsOf(absl::Time t, v1::EvaluateRequest* request) {
  const int64_t seconds = absl::ToUnixSeconds(t);
  const absl::Duration rest = t - absl::FromUnixSeconds(seconds);
  request->mutable_as_of()->set_seconds(seconds);
  request->mutable_as_of()->set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(rest)));
}

}  // namespace purring::cli
