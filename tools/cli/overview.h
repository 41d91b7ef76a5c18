// The dunning overview (the seed's "Purring" screen) and the monthly
// reports (F18, F19) as text.
#ifndef PURRING_TOOLS_CLI_OVERVIEW_H_
#define PURRING_TOOLS_CLI_OVERVIEW_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "oslo_clock.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::cli {

// One section per status (count, balance, F2 rows with each row's comment
// from the request: the invoice's, else its customer's; F3), then the
// customers missing an address and the next automatic dispatch.
std::string FormatOverview(const v1::EvaluateRequest& request,
                           const v1::EvaluateResponse& response,
                           const OsloClock& oslo);

// OK when month is "YYYY-MM" (a real month of the years 1900-2999), else an
// error naming --month.
absl::Status CheckReportMonth(absl::string_view month);

// The F18 report of month ("YYYY-MM") from response.monthly_reports, and the
// provider settlement (F19). A month without activity prints zeros.
absl::StatusOr<std::string> FormatMonthlyReport(
    const v1::EvaluateResponse& response, absl::string_view month);

}  // namespace purring::cli

#endif  // PURRING_TOOLS_CLI_OVERVIEW_H_
