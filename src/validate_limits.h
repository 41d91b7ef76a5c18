// The limits of purring/limits.h record by record (RESOURCE_EXHAUSTED), so
// that validation can check each record's strings while it reads the record
// anyway; CheckLimits (validate.h) runs them all in their documented order.
#ifndef PURRING_SRC_VALIDATE_LIMITS_H_
#define PURRING_SRC_VALIDATE_LIMITS_H_

#include <algorithm>
#include <cstddef>

#include "absl/status/status.h"
#include "purring/limits.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// Record counts and options.threads: nothing is read but sizes.
absl::Status CheckCountLimits(const v1::EvaluateRequest& request);

// String sizes (and address lines, payments, credit notes, holds per
// invoice) of one record.
absl::Status CheckSettingsLimits(const v1::DunningSettings& settings);
absl::Status CheckCustomerLimits(const v1::Customer& c);
absl::Status CheckInvoiceLimits(const v1::Invoice& inv);
// `i`: the notice's position in history.notices (messages name it).
absl::Status CheckNoticeLimits(int i, const v1::Notice& n);
absl::Status CheckCollectionCaseLimits(const v1::CollectionCase& c);
absl::Status CheckRateTableLimits(const v1::RateTables& rates);

// An invoice or notice serialized in at most this many bytes is within every
// limit CheckInvoiceLimits and CheckNoticeLimits check: none of its strings
// is longer than the record, and each element of its repeated fields takes
// two bytes at least (a tag and a length). A reader that knows each record's
// size skips the checks for these (nearly all: ~100 bytes an invoice), and
// the wire counts do not count their payments, credit notes and holds.
inline constexpr std::size_t kRecordBytesWithinLimits =
    std::min({kMaxStringBytes, std::size_t{2} * kMaxPaymentsPerInvoice,
              std::size_t{2} * kMaxCreditNotesPerInvoice,
              std::size_t{2} * kMaxHoldsPerInvoice});

}  // namespace purring::internal

#endif  // PURRING_SRC_VALIDATE_LIMITS_H_
