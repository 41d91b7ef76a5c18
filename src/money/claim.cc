#include "money/claim.h"

#include <algorithm>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "dates.h"
#include "money/interest_accrual.h"
#include "money/money_math.h"

namespace purring::internal {
namespace {

absl::Status Overflow() {
  return absl::OutOfRangeError("an amount overflows 64-bit øre");
}

// What is still owed of each part while the claim is simulated.
struct Owed {
  int64_t costs = 0;      // fees + compensation charged so far, unpaid
  int64_t interest = 0;   // claimed interest, unpaid
  int64_t principal = 0;  // original − credits − principal paid
};

int64_t Take(int64_t* available, int64_t* owed) {
  const int64_t part = std::min(*available, *owed);
  *available -= part;
  *owed -= part;
  return part;
}

// Splits one payment over the parts owed (law.md § 7: costs → interest →
// principal unless the debtor directs it to the principal first).
PaymentAllocation Allocate(const PaymentEvent& payment, Owed* owed) {
  PaymentAllocation out;
  out.date = payment.date;
  int64_t left = payment.amount;
  if (payment.allocation == v1::ALLOCATION_PRINCIPAL_FIRST) {
    out.principal = Take(&left, &owed->principal);
    out.interest = Take(&left, &owed->interest);
    out.costs = Take(&left, &owed->costs);
  } else {
    out.costs = Take(&left, &owed->costs);
    out.interest = Take(&left, &owed->interest);
    out.principal = Take(&left, &owed->principal);
  }
  out.overpaid = left;
  return out;
}

bool Claimed(const NoticeCharge& notice, absl::CivilDay as_of) {
  // A waived fee (and its compensation) is never claimed (history.proto).
  return notice.sent <= as_of && !notice.waived.has_value();
}

}  // namespace

absl::StatusOr<ClaimState> EvaluateClaim(const ClaimEvents& events,
                                         absl::CivilDay as_of,
                                         const RateBook& rates,
                                         v1::DayCount day_count) {
  if (events.original < 0) {
    return absl::InvalidArgumentError("the original amount is negative");
  }
  const absl::CivilDay first_interest_day = events.adjusted_due + 1;
  const bool any_interest_days = first_interest_day <= as_of;
  if (any_interest_days && first_interest_day < rates.first_day()) {
    return absl::OutOfRangeError(absl::StrCat(
        "interest from ", FormatDate(first_interest_day),
        " starts before the rate tables begin (",
        FormatDate(rates.first_day()), ")"));
  }
  if (any_interest_days && as_of > rates.valid_until()) {
    return absl::OutOfRangeError(absl::StrCat(
        "interest to ", FormatDate(as_of), " runs past the rate tables (",
        FormatDate(rates.valid_until()), ")"));
  }

  ClaimState state;
  v1::Balance& balance = state.balance;
  balance.set_original(events.original);

  // Costs charged by each day: a notice's fee counts from its send date.
  int64_t fees = 0, compensation = 0;
  std::map<absl::CivilDay, int64_t> costs_by_day;
  for (const NoticeCharge& notice : events.notices) {
    if (!Claimed(notice, as_of)) continue;
    if (notice.fee < 0 || notice.compensation < 0) {
      return absl::InvalidArgumentError("a notice's fee is negative");
    }
    int64_t both = notice.fee;
    if (!AddMoney(notice.fee, &fees).ok() ||
        !AddMoney(notice.compensation, &compensation).ok() ||
        !AddMoney(notice.compensation, &both).ok() ||
        !AddMoney(both, &costs_by_day[notice.sent]).ok()) {
      return Overflow();
    }
  }
  balance.set_fees_charged(fees);
  balance.set_compensation_charged(compensation);

  // Event days in order; credit notes before payments on the same day, so a
  // payment never pays principal a same-day credit note already removed.
  std::map<absl::CivilDay, std::pair<std::vector<const CreditEvent*>,
                                     std::vector<const PaymentEvent*>>>
      by_day;
  for (const CreditEvent& credit : events.credits) {
    if (credit.amount < 0) {
      return absl::InvalidArgumentError("a credit note amount is negative");
    }
    if (credit.date <= as_of) by_day[credit.date].first.push_back(&credit);
  }
  for (const PaymentEvent& payment : events.payments) {
    if (payment.amount < 0) {
      return absl::InvalidArgumentError("a payment amount is negative");
    }
    if (payment.date <= as_of) by_day[payment.date].second.push_back(&payment);
  }

  InterestAccrual accrual(rates, day_count, first_interest_day, as_of);
  Owed owed;
  owed.principal = events.original;
  int64_t credited = 0, paid = 0, credit_excess = 0, overpaid = 0;
  int64_t costs_paid = 0, interest_paid = 0, principal_paid = 0;
  auto costs_it = costs_by_day.begin();
  absl::CivilDay cursor = first_interest_day;
  // The last day that bore interest (principal > 0); before the first
  // interest day when none did.
  absl::CivilDay last_interest_day = events.adjusted_due;

  auto accrue_to = [&](absl::CivilDay to) {
    if (cursor > to) return;
    accrual.Accrue(cursor, to, owed.principal);
    if (owed.principal > 0) last_interest_day = to;
    cursor = to + 1;
  };
  auto interest_claimed_to = [&](absl::CivilDay day, int64_t* out) {
    *out = 0;
    if (!events.interest_claimed_from || *events.interest_claimed_from > day) {
      return true;
    }
    return RoundHalfUp(accrual.numerator(), kInterestDenominator, out);
  };

  for (const auto& [day, todays] : by_day) {
    accrue_to(day);  // the event day itself still bears interest
    for (; costs_it != costs_by_day.end() && costs_it->first <= day;
         ++costs_it) {
      if (!AddMoney(costs_it->second, &owed.costs).ok()) return Overflow();
    }
    for (const CreditEvent* credit : todays.first) {
      if (!AddMoney(credit->amount, &credited).ok()) return Overflow();
      const int64_t applied = std::min(credit->amount, owed.principal);
      owed.principal -= applied;
      credit_excess += credit->amount - applied;  // <= credited: no overflow
    }
    for (const PaymentEvent* payment : todays.second) {
      if (!AddMoney(payment->amount, &paid).ok()) return Overflow();
      int64_t claimed = 0;
      if (!interest_claimed_to(day, &claimed)) return Overflow();
      owed.interest = claimed - interest_paid;
      PaymentAllocation allocation = Allocate(*payment, &owed);
      costs_paid += allocation.costs;        // each sum <= paid: no overflow
      interest_paid += allocation.interest;
      principal_paid += allocation.principal;
      overpaid += allocation.overpaid;
      state.allocations.push_back(allocation);
    }
  }
  accrue_to(as_of);

  int64_t accrued = 0;
  if (!RoundHalfUp(accrual.numerator(), kInterestDenominator, &accrued)) {
    return Overflow();
  }
  const bool claiming = events.interest_claimed_from.has_value() &&
                        *events.interest_claimed_from <= as_of;
  const int64_t interest_claimed = claiming ? accrued : 0;

  v1::Interest& interest = state.interest;
  interest.set_accrued(accrued);
  interest.set_claimed(interest_claimed);
  interest.set_from_date(FormatDate(first_interest_day));
  for (const InterestAccrual::Period& period : accrual.periods()) {
    if (period.span.from > last_interest_day) break;
    int64_t amount = 0;
    if (!RoundHalfUp(period.numerator, kInterestDenominator, &amount)) {
      return Overflow();
    }
    const absl::CivilDay to = std::min(period.span.to, last_interest_day);
    v1::InterestPeriod* out = interest.add_periods();
    out->set_from_date(FormatDate(period.span.from));
    out->set_to_date(FormatDate(to));
    out->set_days(static_cast<int32_t>(to - period.span.from + 1));
    out->set_rate_basis_points(period.span.rate_basis_points);
    out->set_days_in_year(period.days_in_year);
    out->set_principal(period.principal_at_start);
    out->set_amount(amount);
  }

  int64_t costs_total = fees;
  if (!AddMoney(compensation, &costs_total).ok()) return Overflow();
  balance.set_credited(credited);
  balance.set_paid(paid);
  balance.set_interest_claimed(interest_claimed);
  balance.set_fees_paid(costs_paid);
  balance.set_interest_paid(interest_paid);
  balance.set_principal_paid(principal_paid);
  balance.set_principal_outstanding(owed.principal);
  balance.set_fees_outstanding(costs_total - costs_paid);
  balance.set_interest_outstanding(interest_claimed - interest_paid);
  int64_t total = owed.principal;
  if (!AddMoney(balance.fees_outstanding(), &total).ok() ||
      !AddMoney(balance.interest_outstanding(), &total).ok() ||
      !AddMoney(credit_excess, &overpaid).ok()) {
    return Overflow();
  }
  balance.set_total(total);
  balance.set_overpaid(overpaid);
  state.settled = total == 0;
  return state;
}

}  // namespace purring::internal
