#include "money/claim.h"

#include <algorithm>
#include <utility>

#include "absl/container/inlined_vector.h"
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

// (day, amount) sorted by day, one entry per day.
using DayAmounts = absl::InlinedVector<std::pair<absl::CivilDay, int64_t>, 4>;

// The entry for `day`, inserted (0) in day order when missing.
int64_t& AmountOn(DayAmounts* amounts, absl::CivilDay day) {
  auto it = std::lower_bound(
      amounts->begin(), amounts->end(), day,
      [](const std::pair<absl::CivilDay, int64_t>& e, absl::CivilDay d) {
        return e.first < d;
      });
  if (it == amounts->end() || it->first != day) it = amounts->insert(it, {day, 0});
  return it->second;
}

// Amounts by the day each came, oldest first: what the debtor has in
// credit (paid beyond everything owed, or credited beyond the principal
// left) and the costs owed. What a payment or set-off covers is taken from
// the oldest, so a set-off is dated by what it used and covered; a waiver
// takes from the newest costs.
class DayAmountQueue {
 public:
  void Add(absl::CivilDay day, int64_t amount) {
    if (amount > 0) pieces_.push_back({day, amount});
  }
  bool empty() const { return front_ == pieces_.size(); }
  // The oldest piece's day; `fallback` when none is left.
  absl::CivilDay OldestDay(absl::CivilDay fallback) const {
    return empty() ? fallback : pieces_[front_].first;
  }
  // At most `amount` of the oldest piece: what is left of it, or `amount`.
  int64_t OldestAtMost(int64_t amount) const {
    return empty() ? amount : std::min(amount, pieces_[front_].second);
  }
  void TakeOldest(int64_t amount) {
    while (amount > 0 && !empty()) {
      Take(&amount, &pieces_[front_].second);
      if (pieces_[front_].second == 0) ++front_;
    }
  }
  void TakeNewest(int64_t amount) {
    while (amount > 0 && !empty()) {
      Take(&amount, &pieces_.back().second);
      if (pieces_.back().second == 0) pieces_.pop_back();
    }
  }
  // What is left in all, or false on overflow.
  bool Total(int64_t* total) const {
    *total = 0;
    for (size_t i = front_; i < pieces_.size(); ++i) {
      if (!AddMoney(pieces_[i].second, total).ok()) return false;
    }
    return true;
  }

 private:
  absl::InlinedVector<std::pair<absl::CivilDay, int64_t>, 4> pieces_;
  size_t front_ = 0;
};

// A credit note, a payment, or (both null) a waiver on its day.
struct Event {
  absl::CivilDay day;
  const CreditEvent* credit;
  const PaymentEvent* payment;
};

// Same-day order: waivers, then credit notes, then payments.
int SameDayRank(const Event& event) {
  if (event.credit != nullptr) return 1;
  return event.payment != nullptr ? 2 : 0;
}

}  // namespace

absl::StatusOr<ClaimState> EvaluateClaim(const ClaimEvents& events,
                                         absl::CivilDay as_of,
                                         const RateBook& rates,
                                         v1::DayCount day_count) {
  ClaimState state;
  absl::Status status = EvaluateClaimInto(events, as_of, rates, day_count, &state);
  if (!status.ok()) return status;
  return state;
}

absl::Status EvaluateClaimInto(const ClaimEvents& events, absl::CivilDay as_of,
                               const RateBook& rates, v1::DayCount day_count,
                               ClaimState* out) {
  // Clear() keeps the messages' allocations for the next claim.
  out->balance.Clear();
  out->interest.Clear();
  absl::Status status =
      EvaluateClaimInto(events, as_of, rates, day_count, &out->balance,
                        &out->interest, &out->interest_days, out);
  if (status.ok()) SetInterestDates(out->interest_days, &out->interest);
  return status;
}

absl::StatusOr<bool> DemandPaidBy(const ClaimEvents& events,
                                  absl::CivilDay sent, absl::CivilDay deadline,
                                  int64_t recorded_interest, int64_t printed,
                                  const RateBook& rates, v1::DayCount day_count,
                                  ClaimState* scratch) {
  int64_t in_window = 0;
  bool saturated = false;
  // Money dated by the day it was sent came before the letter, but what it
  // left over is set off against the letter's charges: then little or
  // nothing may be left to demand.
  bool money_before = false;
  auto add = [&](absl::CivilDay date, int64_t amount) {
    money_before |= date <= sent;
    if (date <= sent || date > deadline) return;
    if (__builtin_add_overflow(in_window, amount, &in_window)) saturated = true;
  };
  for (const PaymentEvent& payment : events.payments) {
    add(payment.date, payment.amount);
  }
  for (const CreditEvent& credit : events.credits) {
    add(credit.date, credit.amount);
  }
  if (in_window == 0 && !saturated && !money_before) return false;
  if (saturated) return true;  // more than any balance can be
  if (absl::Status status =
          EvaluateClaimInto(events, sent, rates, day_count, scratch);
      !status.ok()) {
    return status;
  }
  // The interest the letter printed is what the notices recorded, counted
  // on the day it was made (an automatic one the day before it was sent),
  // not what ran on to the sent day. Interest paid beyond it (money of the
  // sent day pays that day's interest too) was paid towards the letter's
  // amount all the same: it counts against the rest.
  const v1::Balance& balance = scratch->balance;
  const int64_t interest_demanded =
      std::min(recorded_interest, balance.interest_claimed()) -
      balance.interest_paid();
  int64_t demanded =
      balance.total() - balance.interest_outstanding() + interest_demanded;
  if (printed > 0) demanded = std::min(demanded, printed);
  return demanded <= in_window;
}

void SetInterestDates(const InterestDays& days, v1::Interest* interest) {
  interest->set_from_date(FormatDate(days.from));
  for (size_t i = 0; i < days.periods.size(); ++i) {
    v1::InterestPeriod* period = interest->mutable_periods(static_cast<int>(i));
    period->set_from_date(FormatDate(days.periods[i].from));
    period->set_to_date(FormatDate(days.periods[i].to));
  }
}

absl::Status EvaluateClaimInto(const ClaimEvents& events, absl::CivilDay as_of,
                               const RateBook& rates, v1::DayCount day_count,
                               v1::Balance* balance_out,
                               v1::Interest* interest_out,
                               InterestDays* interest_days, ClaimState* out) {
  interest_days->periods.clear();
  out->allocations.clear();
  out->settled = false;
  out->unrated_interest_days = false;
  ClaimState& state = *out;
  if (events.original < 0) {
    return absl::InvalidArgumentError("the original amount is negative");
  }
  const absl::CivilDay first_interest_day = events.adjusted_due + 1;
  const bool any_interest_days = first_interest_day <= as_of;
  // Days before the rate tables begin bear no computed interest (the caller
  // warns when principal was outstanding on them): one old invoice must not
  // refuse a whole ledger, and the host can supply older rate rows.
  const absl::CivilDay first_rated_day =
      std::max(first_interest_day, rates.first_day());
  if (any_interest_days && as_of > rates.valid_until()) {
    return absl::OutOfRangeError(absl::StrCat(
        "interest to ", FormatDate(as_of), " runs past the rate tables (",
        FormatDate(rates.valid_until()), ")"));
  }

  v1::Balance& balance = *balance_out;
  balance.set_original(events.original);

  // Costs charged on each day, and taken off on each day by a waiver. A
  // notice's fee and compensation are owed from its send date; a payment on
  // that day came before the letter, so it covers only costs charged before
  // its day. A waiver takes them off from its date ("from that day on",
  // history.proto): what was paid of them before is refunded then (set off
  // like a payment), so the months before keep what was paid in them.
  // Sorted small vectors rather than maps: this runs once per invoice.
  int64_t fees = 0, compensation = 0;
  DayAmounts costs_by_day, waived_by_day;
  for (const NoticeCharge& notice : events.notices) {
    if (notice.sent > as_of) continue;
    if (notice.fee < 0 || notice.compensation < 0) {
      return absl::InvalidArgumentError("a notice's fee is negative");
    }
    int64_t both = notice.fee;
    if (!AddMoney(notice.compensation, &both).ok()) return Overflow();
    if (Claimed(notice, as_of)) {
      if (!AddMoney(notice.fee, &fees).ok() ||
          !AddMoney(notice.compensation, &compensation).ok()) {
        return Overflow();
      }
    } else if (*notice.waived <= notice.sent) {
      continue;  // waived before it was owed: never charged
    } else if (!AddMoney(both, &AmountOn(&waived_by_day, *notice.waived))
                    .ok()) {
      return Overflow();
    }
    if (!AddMoney(both, &AmountOn(&costs_by_day, notice.sent)).ok()) {
      return Overflow();
    }
  }
  balance.set_fees_charged(fees);
  balance.set_compensation_charged(compensation);

  // Event days in order; credit notes before payments on the same day, so a
  // payment never pays principal a same-day credit note already removed.
  // Within a day, each kind keeps its order in `events` (stable sort).
  absl::InlinedVector<Event, 8> by_day;
  for (const auto& [day, amount] : waived_by_day) {
    by_day.push_back({day, nullptr, nullptr});
  }
  for (const CreditEvent& credit : events.credits) {
    if (credit.amount < 0) {
      return absl::InvalidArgumentError("a credit note amount is negative");
    }
    if (credit.date <= as_of) by_day.push_back({credit.date, &credit, nullptr});
  }
  for (const PaymentEvent& payment : events.payments) {
    if (payment.amount < 0) {
      return absl::InvalidArgumentError("a payment amount is negative");
    }
    if (payment.date <= as_of) by_day.push_back({payment.date, nullptr, &payment});
  }
  auto event_before = [](const Event& a, const Event& b) {
    if (a.day != b.day) return a.day < b.day;
    return SameDayRank(a) < SameDayRank(b);
  };
  // Usually already in order; std::stable_sort allocates a buffer per call.
  if (!std::is_sorted(by_day.begin(), by_day.end(), event_before)) {
    std::stable_sort(by_day.begin(), by_day.end(), event_before);
  }

  // Days as numbers from here on (see DayNumber).
  const DayNumber as_of_number = ToDayNumber(as_of);
  const DayNumber first_interest_number = ToDayNumber(events.adjusted_due) + 1;
  const DayNumber first_rated_number =
      std::max(first_interest_number, rates.first_day_number());
  InterestAccrual accrual(rates, day_count, first_rated_day, as_of,
                          first_rated_number, as_of_number);
  Owed owed;
  owed.principal = events.original;
  int64_t credited = 0, paid = 0;
  int64_t costs_paid = 0, interest_paid = 0, principal_paid = 0;
  DayAmountQueue surplus;     // what the debtor has in credit
  DayAmountQueue costs_owed;  // owed.costs by day charged
  auto costs_it = costs_by_day.begin();
  auto waived_it = waived_by_day.begin();
  DayNumber cursor = first_interest_number;

  auto accrue_to = [&](DayNumber to_number) {
    if (cursor > to_number) return;
    if (cursor < first_rated_number && owed.principal > 0) {
      state.unrated_interest_days = true;
    }
    accrual.Accrue(cursor, to_number, owed.principal);
    cursor = to_number + 1;
  };
  // The interest claimed before `day` and accrued to it: like a notice's
  // costs, interest a notice claims from its send date is not yet owed by a
  // payment that day.
  auto interest_claimed_before = [&](absl::CivilDay day, int64_t* out) {
    *out = 0;
    if (!events.interest_claimed_from || *events.interest_claimed_from >= day) {
      return true;
    }
    if (!RoundHalfUp(accrual.numerator(), kInterestDenominator, out)) {
      return false;
    }
    for (auto it = events.interest_limits.rbegin();
         it != events.interest_limits.rend(); ++it) {
      if (it->from > day) continue;
      if (it->cap.has_value()) {
        *out = std::min(*out, std::max(*it->cap, interest_paid));
      }
      break;
    }
    return true;
  };
  // Allocates `payment` over what is owed on its day (law.md § 7).
  auto allocate = [&](const PaymentEvent& payment,
                      PaymentAllocation* allocation) {
    int64_t claimed = 0;
    if (!interest_claimed_before(payment.date, &claimed)) return false;
    owed.interest = claimed - interest_paid;
    *allocation = Allocate(payment, &owed);
    costs_owed.TakeOldest(allocation->costs);
    costs_paid += allocation->costs;  // each sum <= paid: no overflow
    interest_paid += allocation->interest;
    principal_paid += allocation->principal;
    surplus.Add(payment.date, allocation->overpaid);
    return true;
  };
  // Sets what the debtor has in credit off against the costs and interest
  // owed, in the legal order (law.md § 7), as soon as both are there: so it
  // counts as paid (a credit note's surplus too: the debtor's claim pays).
  // Each part is dated when the last of the money and of what it covers
  // came (the cost's charge day, the interest claim's start), which a later
  // payment, notice or night does not move. The principal is already 0
  // while anything is in credit.
  auto set_off = [&](int64_t* costs, int64_t* interest) {
    PaymentAllocation* last = nullptr;  // this set-off's latest allocation
    auto cover = [&](int64_t* owed_part, bool is_costs) {
      while (*owed_part > 0 && !surplus.empty()) {
        int64_t part = surplus.OldestAtMost(*owed_part);
        absl::CivilDay date = surplus.OldestDay(absl::CivilDay::min());
        if (is_costs) {
          part = costs_owed.OldestAtMost(part);
          date = std::max(date, costs_owed.OldestDay(date));
          costs_owed.TakeOldest(part);
        } else {
          date = std::max(date, *events.interest_claimed_from);
        }
        surplus.TakeOldest(part);
        *owed_part -= part;
        if (last == nullptr || last->date != date) {
          last = &state.allocations.emplace_back();
          last->date = date;
        }
        // Each sum <= what was in credit: no overflow.
        (is_costs ? last->costs : last->interest) += part;
        (is_costs ? costs_paid : interest_paid) += part;
      }
    };
    cover(costs, true);
    cover(interest, false);
  };
  // Sets what is in credit off against what is owed before `day`.
  auto settle_before = [&](absl::CivilDay day) {
    if (surplus.empty()) return true;
    int64_t interest_owed = 0;
    if (!interest_claimed_before(day, &interest_owed)) return false;
    interest_owed -= interest_paid;
    set_off(&owed.costs, &interest_owed);
    return true;
  };

  // Adds the costs charged before `day` to what is owed, a day at a time:
  // what is in credit meets each day's as it comes, with the interest
  // claimed by then (a notice starts the claim), before a later waiver,
  // notice or payment, so that the month it falls in stays.
  auto add_costs_before = [&](absl::CivilDay day) {
    for (; costs_it != costs_by_day.end() && costs_it->first < day;
         ++costs_it) {
      if (!AddMoney(costs_it->second, &owed.costs).ok()) return false;
      costs_owed.Add(costs_it->first, costs_it->second);
      if (!settle_before(costs_it->first + 1)) return false;
    }
    return true;
  };

  for (const Event& event : by_day) {
    const absl::CivilDay day = event.day;
    // The event day itself still bears interest (once a day).
    accrue_to(ToDayNumber(day));
    if (!add_costs_before(day)) return Overflow();
    for (; waived_it != waived_by_day.end() && waived_it->first <= day;
         ++waived_it) {
      owed.costs -= waived_it->second;  // charged before: no overflow
      costs_owed.TakeNewest(waived_it->second);
    }
    if (owed.costs < 0) {
      // Waived costs were paid, beyond the other costs still owed (netted
      // above): the rest is given back and set off against the interest and
      // principal owed, and the month's report shows the costs given back
      // (fees paid below 0).
      const int64_t refund = -owed.costs;
      owed.costs = 0;
      costs_paid -= refund;  // <= costs_paid: only paid costs are refunded
      PaymentAllocation allocation;
      if (!allocate({day, refund, v1::ALLOCATION_UNSPECIFIED}, &allocation)) {
        return Overflow();
      }
      allocation.costs = -refund;
      state.allocations.push_back(allocation);
    }
    // What was in credit before the day meets what became owed since,
    // before the day's money comes.
    if (!settle_before(day)) return Overflow();
    if (const CreditEvent* credit = event.credit; credit != nullptr) {
      if (!AddMoney(credit->amount, &credited).ok()) return Overflow();
      const int64_t applied = std::min(credit->amount, owed.principal);
      owed.principal -= applied;
      if (credit->amount > applied) {
        surplus.Add(day, credit->amount - applied);
        // At once, as a payment would be allocated: a later waiver finds
        // the fee it covered paid, and gives it back in its own month.
        if (!settle_before(day)) return Overflow();
      }
    }
    if (const PaymentEvent* payment = event.payment; payment != nullptr) {
      if (!AddMoney(payment->amount, &paid).ok()) return Overflow();
      PaymentAllocation allocation;
      if (!allocate(*payment, &allocation)) return Overflow();
      state.allocations.push_back(allocation);
    }
  }
  accrue_to(as_of_number);
  if (!add_costs_before(as_of + 1)) return Overflow();

  int64_t accrued = 0;
  if (!RoundHalfUp(accrual.numerator(), kInterestDenominator, &accrued)) {
    return Overflow();
  }
  const bool claiming = events.interest_claimed_from.has_value() &&
                        *events.interest_claimed_from <= as_of;
  int64_t interest_claimed = claiming ? accrued : 0;
  if (events.interest_cap.has_value()) {
    interest_claimed = std::min(interest_claimed,
                                std::max(*events.interest_cap, interest_paid));
  }

  v1::Interest& interest = *interest_out;
  interest.set_accrued(accrued);
  interest.set_claimed(interest_claimed);
  interest_days->from = first_interest_day;
  // One line per rate period and principal: each line's amount is its own
  // principal × rate × days, so a reader can check it (law.md § 1.3).
  for (const InterestAccrual::Slice& slice : accrual.slices()) {
    const InterestAccrual::Period& period = accrual.periods()[slice.period];
    int64_t amount = 0;
    if (!RoundHalfUp(slice.numerator, kInterestDenominator, &amount)) {
      return Overflow();
    }
    const absl::CivilDay from = slice.first == period.first
                                    ? period.span.from
                                    : FromDayNumber(slice.first);
    const absl::CivilDay to =
        slice.last == period.last ? period.span.to : FromDayNumber(slice.last);
    v1::InterestPeriod* out = interest.add_periods();
    interest_days->periods.push_back({from, to});
    out->set_days(static_cast<int32_t>(slice.last - slice.first + 1));
    out->set_rate_basis_points(period.span.rate_basis_points);
    out->set_days_in_year(period.days_in_year);
    out->set_principal(slice.principal);
    out->set_amount(amount);
  }

  int64_t costs_total = fees;
  if (!AddMoney(compensation, &costs_total).ok()) return Overflow();
  int64_t fees_outstanding = costs_total - costs_paid;
  int64_t interest_outstanding = interest_claimed - interest_paid;
  // What is still in credit meets the interest claimed since.
  if (!surplus.empty()) set_off(&fees_outstanding, &interest_outstanding);
  int64_t overpaid = 0;
  if (!surplus.Total(&overpaid)) return Overflow();
  balance.set_credited(credited);
  balance.set_paid(paid);
  balance.set_interest_claimed(interest_claimed);
  balance.set_fees_paid(costs_paid);
  balance.set_interest_paid(interest_paid);
  balance.set_principal_paid(principal_paid);
  balance.set_principal_outstanding(owed.principal);
  balance.set_fees_outstanding(fees_outstanding);
  balance.set_interest_outstanding(interest_outstanding);
  int64_t total = owed.principal;
  if (!AddMoney(fees_outstanding, &total).ok() ||
      !AddMoney(interest_outstanding, &total).ok()) {
    return Overflow();
  }
  balance.set_total(total);
  balance.set_overpaid(overpaid);
  state.settled = total == 0;
  return absl::OkStatus();
}

}  // namespace purring::internal
