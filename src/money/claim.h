// One invoice's money over time: interest, payments, credit notes, fees.
#ifndef PURRING_SRC_MONEY_CLAIM_H_
#define PURRING_SRC_MONEY_CLAIM_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "money/rate_book.h"
#include "purring/v1/evaluate.pb.h"
#include "purring/v1/types.pb.h"

namespace purring::internal {

// One history notice (or a proposed one) of this invoice.
struct NoticeCharge {
  v1::StepKind step = v1::STEP_KIND_UNSPECIFIED;
  absl::CivilDay sent;
  absl::CivilDay deadline;
  int64_t fee = 0;
  int64_t compensation = 0;
  // It recorded a compensation (Notice.compensation > 0), claimable or
  // not: waived, the compensation is given up all the same (README).
  bool compensation_recorded = false;
  int64_t interest = 0;
  std::optional<absl::CivilDay> waived;  // fee_waived_date
  // The strictness of the profile it was sent under (Notice.strictness);
  // unspecified when not recorded.
  v1::FeeStrictness strictness = v1::FEE_STRICTNESS_UNSPECIFIED;
  v1::Channel channel = v1::CHANNEL_UNSPECIFIED;  // Notice.channel
  int64_t amount_claimed = 0;  // Notice.amount_claimed; 0: not recorded
  // Sent when nothing was owed (the money had come before it): it charges
  // nothing and starts no interest claim.
  bool sent_settled = false;
  // What it demanded was paid or credited by its deadline (DemandPaidBy):
  // its deadline was not exceeded.
  bool demand_paid = false;
};

// Whether the claim includes a notice's fee and compensation on `as_of`:
// sent by then and not waived by then (a waived fee, and its compensation,
// is not claimed from the waiver's date on; history.proto).
inline bool Claimed(const NoticeCharge& notice, absl::CivilDay as_of) {
  return notice.sent <= as_of &&
         (!notice.waived.has_value() || *notice.waived > as_of);
}

// Whether a notice's fee (and compensation) was waived by `day`. One waived
// later still counts for a notice sent on `day`, towards § 1-3's limit and
// § 3a's sum: the creditor claimed it then (README).
inline bool WaivedBy(const NoticeCharge& notice, absl::CivilDay day) {
  return notice.waived.has_value() && *notice.waived <= day;
}

struct PaymentEvent {
  absl::CivilDay date;
  int64_t amount = 0;
  v1::Allocation allocation = v1::ALLOCATION_UNSPECIFIED;
};

struct CreditEvent {
  absl::CivilDay date;
  int64_t amount = 0;
};

struct ClaimEvents {
  absl::CivilDay adjusted_due;
  int64_t original = 0;
  std::vector<PaymentEvent> payments;  // sorted by date (stable)
  std::vector<CreditEvent> credits;    // sorted by date
  std::vector<NoticeCharge> notices;   // sorted by sent date
  // The send date of the first notice that claims interest; nullopt: none.
  std::optional<absl::CivilDay> interest_claimed_from;
  // At most this much interest is claimed at the end (a profile with fees
  // and interest off claims no more than earlier notices charged, nor less
  // than was paid); nullopt: no limit.
  std::optional<int64_t> interest_cap;
  // The limit before each day, for payments and set-offs on it: from the day
  // after a notice was sent, the interest the notices sent by then charged
  // when the last of them was sent under fees and interest off, else none.
  // So how a payment was split stays when the profile changes later.
  struct InterestLimit {
    absl::CivilDay from;
    std::optional<int64_t> cap;
  };
  absl::InlinedVector<InterestLimit, 4> interest_limits;  // by `from`
};

// What one payment covered.
struct PaymentAllocation {
  absl::CivilDay date;
  int64_t costs = 0;
  int64_t interest = 0;
  int64_t principal = 0;
  int64_t overpaid = 0;
};

// An Interest's dates as days: its from_date and its periods' from_date and
// to_date. Kept apart so that a store writing results straight into the
// response writes them as text there, rather than each being made, set in a
// message and cleared again (result_dates.h).
struct InterestDays {
  struct Span {
    absl::CivilDay from;
    absl::CivilDay to;
  };
  absl::CivilDay from;
  absl::InlinedVector<Span, 4> periods;  // one per Interest.periods, in order
};

// Sets interest's from_date and its periods' dates from `days`.
// REQUIRES: one span in `days` per period of *interest.
void SetInterestDates(const InterestDays& days, v1::Interest* interest);

struct ClaimState {
  v1::Balance balance;    // at the end day, every field filled
  v1::Interest interest;  // accrued (rounded once), claimed, from_date, periods
  InterestDays interest_days;  // interest's dates, also as days
  // One per payment and per refund of a waived fee, in date order, and one
  // for each set-off of what the debtor had in credit (paid or credited
  // beyond what was owed) against costs or interest charged after it.
  std::vector<PaymentAllocation> allocations;
  bool settled = false;  // principal, costs and claimed interest all 0
  // Principal was outstanding on interest days before the rate tables begin;
  // those days bear no interest here (the response carries a warning).
  bool unrated_interest_days = false;
};

// Simulates the claim up to and including `as_of`: interest accrues simple,
// day by day, from adjusted_due + 1 on the outstanding principal (a payment
// or credit note on day P reduces it from P + 1), at each day's rate, and is
// rounded once, half up, to øre ("interest rounds half up once per
// invoice"). Payments allocate costs → claimed interest → principal unless
// ALLOCATION_PRINCIPAL_FIRST. Errors: overflow (OUT_OF_RANGE; the caller
// prefixes the invoice), dates outside the rate book.
absl::StatusOr<ClaimState> EvaluateClaim(const ClaimEvents& events,
                                         absl::CivilDay as_of,
                                         const RateBook& rates,
                                         v1::DayCount day_count);

// The same into *state, which is reset first; passing the same ClaimState
// for many claims reuses its messages' memory (batch evaluation).
// On error *state is unspecified. REQUIRES: state != nullptr.
absl::Status EvaluateClaimInto(const ClaimEvents& events, absl::CivilDay as_of,
                               const RateBook& rates, v1::DayCount day_count,
                               ClaimState* state);

// The same, with the balance and interest written into *balance and
// *interest (e.g. an InvoiceResult's own, so that they are not built
// elsewhere and copied) instead of state->balance and state->interest,
// which are left alone, and the interest's dates only into *interest_days:
// *interest is left without them (SetInterestDates adds them). On error the
// outputs are unspecified. REQUIRES: no pointer is nullptr; *balance and
// *interest are empty (the result stores hand out results so: clearing
// them again here was a second clear for every invoice).
absl::Status EvaluateClaimInto(const ClaimEvents& events, absl::CivilDay as_of,
                               const RateBook& rates, v1::DayCount day_count,
                               v1::Balance* balance, v1::Interest* interest,
                               InterestDays* interest_days, ClaimState* state);

// Whether what a notice sent on `sent` demanded was paid or credited after
// it and by `deadline` (a payment counts on the day the bank received it,
// inkassoloven § 9). What it demanded: the claim's balance that day, the
// notice's own charges included, with the interest the notices up to it
// recorded (`recorded_interest`, as the letter printed it: an automatic
// notice's amount is made the day before it is sent) in place of the
// interest claimed by that day, never more; interest paid by then beyond
// that (money of the sent day pays that day's interest too) counts against
// the rest, and money by then beyond what was owed is set off against the
// notice's charges, so that nothing may be left to demand. Such a notice's
// deadline was not exceeded: it earns no later fee (inkassoforskriften
// § 1-3), and a collection warning so paid allows no transfer ("uten at
// beløpet er betalt"); what is left is the interest that accrued after it.
// The claim is simulated to `sent` only when money is dated by the
// deadline. Nor more than the letter printed (`printed`, its
// Notice.amount_claimed; 0: not recorded), when the invoice's amount was
// corrected up since. *scratch is reused (its contents are unspecified
// afterwards). Errors: EvaluateClaimInto's.
absl::StatusOr<bool> DemandPaidBy(const ClaimEvents& events,
                                  absl::CivilDay sent, absl::CivilDay deadline,
                                  int64_t recorded_interest, int64_t printed,
                                  const RateBook& rates, v1::DayCount day_count,
                                  ClaimState* scratch);

}  // namespace purring::internal

#endif  // PURRING_SRC_MONEY_CLAIM_H_
