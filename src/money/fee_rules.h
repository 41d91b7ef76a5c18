// Which notice carries which fee: the profile's strictness, bounded by the
// law (inkassoforskriften §§ 1-2, 1-3; forsinkelsesrenteloven § 3a).
#ifndef PURRING_SRC_MONEY_FEE_RULES_H_
#define PURRING_SRC_MONEY_FEE_RULES_H_

#include <cstdint>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "money/claim.h"
#include "money/rate_book.h"
#include "purring/v1/types.pb.h"

namespace purring::internal {

// Statutory minimum payment deadline of a notice (inkassoforskriften § 1-3,
// inkassoloven § 9; law.md § 4.1).
inline constexpr int kMinDeadlineDays = 14;

// Electronic notices count as written ones from this day (inkassoloven
// § 3a; law.md § 4.1): an inkassovarsel e-mailed before it was none.
inline constexpr absl::CivilDay kElectronicWarningsFrom{2017, 4, 1};

// Whether a collection warning is an inkassovarsel under inkassoloven § 9
// by its form: a deadline of at least 14 days from sending, and not sent
// by e-mail before kElectronicWarningsFrom (an unrecorded channel counts
// as paper). Whether it was sent after the due date and left unpaid is the
// caller's to judge.
inline bool HasSection9Form(const NoticeCharge& warning) {
  return warning.deadline >= warning.sent + kMinDeadlineDays &&
         !(warning.channel == v1::CHANNEL_EMAIL &&
           warning.sent < kElectronicWarningsFrom);
}

// Whether the profile wants a fee on `step` (before the law is applied).
// MILD: warning; MEDIUM: dunning and warning; STRENG: dunning and warning
// (every step the law allows); OFF: none. Never on a reminder.
bool ProfileChargesFee(v1::FeeStrictness strictness, v1::StepKind step);
// Whether sending `step` starts claiming interest under the profile.
// MILD: warning; MEDIUM: dunning and warning; STRENG: every step; OFF: none.
bool StepClaimsInterest(v1::FeeStrictness strictness, v1::StepKind step);
// The first day a fee-bearing notice may be sent: adjusted_due + 14
// (inkassoforskriften § 1-2 (1), (2)).
absl::CivilDay FirstFeeDay(absl::CivilDay adjusted_due);

struct FeeInput {
  v1::StepKind step = v1::STEP_KIND_UNSPECIFIED;
  absl::CivilDay send_date;
  absl::CivilDay adjusted_due;
  absl::Span<const NoticeCharge> prior;  // this invoice's earlier notices
  v1::FeeStrictness strictness = v1::FEE_STRICTNESS_UNSPECIFIED;
  bool business_debtor = false;
  bool claim_compensation = false;
  const RateBook* rates = nullptr;
};

struct FeeDecision {
  int64_t fee = 0;
  int64_t compensation = 0;
  std::string note;  // why not the profile's fee, when the law forbids it
};

// The fee (and B2B compensation) a notice sent on input.send_date carries.
FeeDecision DecideNoticeFee(const FeeInput& input);

// The part of a recorded notice's fee the creditor may claim: none on a
// påminnelse, none on a notice sent less than 14 days after the due date,
// none on a collection warning without HasSection9Form,
// none beyond the second fee-bearing notice, before the first one's
// deadline has passed or when what the first one demanded was paid by it
// (its demand_paid), never above the maximum in force on its send date
// (inkassoforskriften §§ 1-2, 1-3; F11). History from another system may
// record more; when it is cut, *why_not says why. A waived fee is returned
// as recorded (it is not claimed anyway). prior: the invoice's earlier
// notices, their fees already cut.
int64_t ClaimableRecordedFee(const NoticeCharge& notice,
                             absl::CivilDay adjusted_due,
                             absl::Span<const NoticeCharge> prior,
                             const RateBook& rates, std::string* why_not);

// What a recorded notice may claim of its fee and B2B standard compensation
// (forsinkelsesrenteloven § 3a; law.md § 6), as DecideNoticeFee would have
// charged them: no compensation from a consumer, none on a notice sent
// before the claim was overdue (on or before adjusted_due), none once an
// earlier notice's compensation was waived, and for a business debtor fees
// and compensation together at most max(the compensation of the half-year
// the claim fell overdue in, the fees), a fee after the compensation
// deducted from it. The notice's own fee counts among the fees at the lawful
// maximum (what it bore before the deduction), as DecideNoticeFee counted
// it. History from another system may record more. A waived notice is
// returned as recorded (it is not claimed anyway). notice.fee and prior: as
// already cut by ClaimableRecordedFee and this function.
struct RecordedCharges {
  int64_t fee = 0;
  int64_t compensation = 0;
  std::string fee_cut;           // why the fee was cut, when it was
  std::string compensation_cut;  // likewise
};
RecordedCharges ClaimableRecordedCharges(const NoticeCharge& notice,
                                         bool business_debtor,
                                         absl::CivilDay adjusted_due,
                                         absl::Span<const NoticeCharge> prior,
                                         const RateBook& rates);

}  // namespace purring::internal

#endif  // PURRING_SRC_MONEY_FEE_RULES_H_
