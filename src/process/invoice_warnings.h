// The warnings one invoice's evaluation raises, each naming the invoice, its
// customer and the rule behind it (evaluate.proto Warning), and its error
// for an amount past 64 bits.
#ifndef PURRING_SRC_PROCESS_INVOICE_WARNINGS_H_
#define PURRING_SRC_PROCESS_INVOICE_WARNINGS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "money/claim.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// The error for an amount of `invoice` that overflows 64-bit øre.
absl::Status AmountOverflow(const v1::Invoice& invoice);

// An error from the money module about `invoice`, prefixed with its number.
absl::Status AboutInvoice(const v1::Invoice& invoice,
                          const absl::Status& status);

// A response warning about `invoice`, naming it and its customer.
v1::Warning WarningAbout(const v1::Invoice& invoice, absl::string_view code,
                         std::string message);

// "RECORDED_FEE_NOT_CLAIMABLE": `notice` (with its fee as claimed) records
// `recorded_fee`; `why_not` gives the rule.
v1::Warning RecordedFeeWarning(const v1::Invoice& invoice, int64_t recorded_fee,
                               const NoticeCharge& notice,
                               absl::string_view why_not);

// "RECORDED_COMPENSATION_NOT_CLAIMABLE": `notice` (as recorded) claims
// more standard compensation than `claimable`.
v1::Warning RecordedCompensationWarning(const v1::Invoice& invoice,
                                        const NoticeCharge& notice,
                                        int64_t claimable,
                                        absl::string_view why_not);

// "RECORDED_INTEREST_NOT_CLAIMABLE": the notices record more interest than
// is claimed by the as-of date (`recorded` against `claimed`).
v1::Warning RecordedInterestWarning(const v1::Invoice& invoice,
                                    int64_t recorded, int64_t claimed,
                                    absl::CivilDay as_of);

// "TRANSFER_WITHOUT_VALID_WARNING": the host transferred the invoice
// without a collection warning satisfying inkassoloven § 9 before it.
v1::Warning TransferWithoutValidWarning(const v1::Invoice& invoice,
                                        absl::CivilDay transferred);

// "TRANSFER_DURING_OBJECTION": the host transferred the invoice while the
// debtor's `objection` was open (inkassoloven § 17 (2)).
v1::Warning TransferDuringObjection(const v1::Invoice& invoice,
                                    absl::CivilDay transferred,
                                    const v1::Hold& objection);

// "COLLECTION_WARNING_NOT_VALID": every step was sent but no recorded
// collection warning allows the transfer (inkassoloven § 9); warning_paid:
// one was, but what it demanded was paid by its deadline.
v1::Warning NoValidCollectionWarning(const v1::Invoice& invoice,
                                     bool warning_paid);

// "PAYMENT_AFTER_AS_OF", when the claim's payments or credit notes include
// some dated after the as-of date: they do not count yet, and a ledger has
// them but by mistake (a wrong date, or a wrong as-of), when the invoice may
// be dunned though it is paid.
void FlagLaterMoney(const v1::Invoice& invoice, const ClaimEvents& events,
                    absl::CivilDay as_of, std::vector<v1::Warning>* warnings);

// "WAIVER_AFTER_AS_OF": `count` of the invoice's notices have a
// fee_waived_date after the as-of date. As money dated after it, the waiver
// does not count yet: what it waives is still claimed, also by actions
// dated after the as-of date (the next dispatch's), until an evaluation as
// of its day.
v1::Warning LaterWaiverWarning(const v1::Invoice& invoice, int count,
                               absl::CivilDay as_of);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_INVOICE_WARNINGS_H_
