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

namespace {

// The costs the notices sent by the as-of date charged.
struct ChargedCosts {
  int64_t fees = 0;          // claimed on the as-of date (not waived by it)
  int64_t compensation = 0;  // likewise
  // Costs charged on each day, and taken off on each day by a waiver. A
  // notice's fee and compensation are owed from its send date; a payment on
  // that day came before the letter, so it covers only costs charged before
  // its day. A waiver takes them off from its date ("from that day on",
  // history.proto): what was paid of them before is refunded then (set off
  // like a payment), so the months before keep what was paid in them.
  // Sorted small vectors rather than maps: this runs once per invoice.
  DayAmounts by_day;
  DayAmounts waived_by_day;
};

absl::Status ChargeCosts(const ClaimEvents& events, absl::CivilDay as_of,
                         ChargedCosts* costs) {
  for (const NoticeCharge& notice : events.notices) {
    if (notice.sent > as_of) continue;
    if (notice.fee < 0 || notice.compensation < 0) {
      return absl::InvalidArgumentError("a notice's fee is negative");
    }
    int64_t both = notice.fee;
    if (!AddMoney(notice.compensation, &both).ok()) return Overflow();
    if (Claimed(notice, as_of)) {
      if (!AddMoney(notice.fee, &costs->fees).ok() ||
          !AddMoney(notice.compensation, &costs->compensation).ok()) {
        return Overflow();
      }
    } else if (*notice.waived <= notice.sent) {
      continue;  // waived before it was owed: never charged
    } else if (!AddMoney(both, &AmountOn(&costs->waived_by_day, *notice.waived))
                    .ok()) {
      return Overflow();
    }
    if (!AddMoney(both, &AmountOn(&costs->by_day, notice.sent)).ok()) {
      return Overflow();
    }
  }
  return absl::OkStatus();
}

using Events = absl::InlinedVector<Event, 8>;

// Event days in order; credit notes before payments on the same day, so a
// payment never pays principal a same-day credit note already removed.
// Within a day, each kind keeps its order in `events` (stable sort).
absl::Status OrderEvents(const ClaimEvents& events,
                         const DayAmounts& waived_by_day, absl::CivilDay as_of,
                         Events* by_day) {
  for (const auto& [day, amount] : waived_by_day) {
    by_day->push_back({day, nullptr, nullptr});
  }
  for (const CreditEvent& credit : events.credits) {
    if (credit.amount < 0) {
      return absl::InvalidArgumentError("a credit note amount is negative");
    }
    if (credit.date <= as_of)
      by_day->push_back({credit.date, &credit, nullptr});
  }
  for (const PaymentEvent& payment : events.payments) {
    if (payment.amount < 0) {
      return absl::InvalidArgumentError("a payment amount is negative");
    }
    if (payment.date <= as_of) {
      by_day->push_back({payment.date, nullptr, &payment});
    }
  }
  auto event_before = [](const Event& a, const Event& b) {
    if (a.day != b.day) return a.day < b.day;
    return SameDayRank(a) < SameDayRank(b);
  };
  // Usually already in order; std::stable_sort allocates a buffer per call.
  if (!std::is_sorted(by_day->begin(), by_day->end(), event_before)) {
    std::stable_sort(by_day->begin(), by_day->end(), event_before);
  }
  return absl::OkStatus();
}

// The claim replayed over its days: interest accrues on the principal, costs
// become owed, waivers take them off, credit notes and payments come, each
// allocated in the legal order (law.md § 7), and what is in credit is set
// off as soon as something is owed. Days as numbers (see DayNumber). Each
// step returns false on an overflow.
class ClaimReplay {
 public:
  // Accrues into *accrual, which outlives it.
  ClaimReplay(const ClaimEvents& events, const ChargedCosts& costs,
              InterestAccrual* accrual, DayNumber first_interest,
              DayNumber first_rated, ClaimState* state)
      : events_(events),
        costs_(costs),
        accrual_(*accrual),
        first_rated_(first_rated),
        cursor_(first_interest),
        state_(*state),
        costs_it_(costs.by_day.begin()),
        waived_it_(costs.waived_by_day.begin()) {
    owed_.principal = events.original;
  }

  bool Apply(const Event& event);
  // Accrues to the end day and adds the costs charged by it.
  bool Finish(absl::CivilDay end, DayNumber end_number);
  // Writes the balance at the end day, the interest claimed given, and
  // whether it is settled.
  bool WriteBalance(int64_t interest_claimed, v1::Balance* balance);

  int64_t interest_paid() const { return interest_paid_; }

 private:
  void AccrueTo(DayNumber to);
  bool InterestClaimedBefore(absl::CivilDay day, int64_t* claimed) const;
  bool AllocatePayment(const PaymentEvent& payment,
                       PaymentAllocation* allocation);
  void SetOff(int64_t* costs, int64_t* interest);
  void Cover(int64_t* owed_part, bool is_costs, PaymentAllocation** last);
  bool SettleBefore(absl::CivilDay day);
  bool AddCostsBefore(absl::CivilDay day);
  bool TakeWaivedBy(absl::CivilDay day);

  const ClaimEvents& events_;
  const ChargedCosts& costs_;
  InterestAccrual& accrual_;
  const DayNumber first_rated_;
  DayNumber cursor_;  // the first day not accrued yet
  ClaimState& state_;
  Owed owed_;
  int64_t credited_ = 0, paid_ = 0;
  int64_t costs_paid_ = 0, interest_paid_ = 0, principal_paid_ = 0;
  DayAmountQueue surplus_;                // what the debtor has in credit
  DayAmountQueue costs_owed_;             // owed_.costs by day charged
  DayAmounts::const_iterator costs_it_;   // the first day's costs not owed yet
  DayAmounts::const_iterator waived_it_;  // the first waiver not taken off
};

void ClaimReplay::AccrueTo(DayNumber to) {
  if (cursor_ > to) return;
  if (cursor_ < first_rated_ && owed_.principal > 0) {
    state_.unrated_interest_days = true;
  }
  accrual_.Accrue(cursor_, to, owed_.principal);
  cursor_ = to + 1;
}

// The interest claimed before `day` and accrued to it: like a notice's
// costs, interest a notice claims from its send date is not yet owed by a
// payment that day.
bool ClaimReplay::InterestClaimedBefore(absl::CivilDay day,
                                        int64_t* claimed) const {
  *claimed = 0;
  if (!events_.interest_claimed_from || *events_.interest_claimed_from >= day) {
    return true;
  }
  if (!RoundHalfUp(accrual_.numerator(), kInterestDenominator, claimed)) {
    return false;
  }
  for (auto it = events_.interest_limits.rbegin();
       it != events_.interest_limits.rend(); ++it) {
    if (it->from > day) continue;
    if (it->cap.has_value()) {
      *claimed = std::min(*claimed, std::max(*it->cap, interest_paid_));
    }
    break;
  }
  return true;
}

// Allocates `payment` over what is owed on its day (law.md § 7).
bool ClaimReplay::AllocatePayment(const PaymentEvent& payment,
                                  PaymentAllocation* allocation) {
  int64_t claimed = 0;
  if (!InterestClaimedBefore(payment.date, &claimed)) return false;
  owed_.interest = claimed - interest_paid_;
  *allocation = Allocate(payment, &owed_);
  costs_owed_.TakeOldest(allocation->costs);
  costs_paid_ += allocation->costs;  // each sum <= paid: no overflow
  interest_paid_ += allocation->interest;
  principal_paid_ += allocation->principal;
  surplus_.Add(payment.date, allocation->overpaid);
  return true;
}

// Sets what the debtor has in credit off against the costs and interest
// owed, in the legal order (law.md § 7), as soon as both are there: so it
// counts as paid (a credit note's surplus too: the debtor's claim pays).
// Each part is dated when the last of the money and of what it covers came
// (the cost's charge day, the interest claim's start), which a later
// payment, notice or night does not move. The principal is already 0 while
// anything is in credit.
void ClaimReplay::SetOff(int64_t* costs, int64_t* interest) {
  PaymentAllocation* last = nullptr;  // this set-off's latest allocation
  Cover(costs, true, &last);
  Cover(interest, false, &last);
}

void ClaimReplay::Cover(int64_t* owed_part, bool is_costs,
                        PaymentAllocation** last) {
  while (*owed_part > 0 && !surplus_.empty()) {
    int64_t part = surplus_.OldestAtMost(*owed_part);
    absl::CivilDay date = surplus_.OldestDay(absl::CivilDay::min());
    if (is_costs) {
      part = costs_owed_.OldestAtMost(part);
      date = std::max(date, costs_owed_.OldestDay(date));
      costs_owed_.TakeOldest(part);
    } else {
      date = std::max(date, *events_.interest_claimed_from);
    }
    surplus_.TakeOldest(part);
    *owed_part -= part;
    if (*last == nullptr || (*last)->date != date) {
      *last = &state_.allocations.emplace_back();
      (*last)->date = date;
    }
    // Each sum <= what was in credit: no overflow.
    (is_costs ? (*last)->costs : (*last)->interest) += part;
    (is_costs ? costs_paid_ : interest_paid_) += part;
  }
}

// Sets what is in credit off against what is owed before `day`.
bool ClaimReplay::SettleBefore(absl::CivilDay day) {
  if (surplus_.empty()) return true;
  int64_t interest_owed = 0;
  if (!InterestClaimedBefore(day, &interest_owed)) return false;
  interest_owed -= interest_paid_;
  SetOff(&owed_.costs, &interest_owed);
  return true;
}

// Adds the costs charged before `day` to what is owed, a day at a time:
// what is in credit meets each day's as it comes, with the interest
// claimed by then (a notice starts the claim), before a later waiver,
// notice or payment, so that the month it falls in stays.
bool ClaimReplay::AddCostsBefore(absl::CivilDay day) {
  for (; costs_it_ != costs_.by_day.end() && costs_it_->first < day;
       ++costs_it_) {
    if (!AddMoney(costs_it_->second, &owed_.costs).ok()) return false;
    costs_owed_.Add(costs_it_->first, costs_it_->second);
    if (!SettleBefore(costs_it_->first + 1)) return false;
  }
  return true;
}

// Takes off the costs waived by `day`. Waived costs that were paid, beyond
// the other costs still owed, are given back and set off against the
// interest and principal owed, and the month's report shows the costs
// given back (fees paid below 0).
bool ClaimReplay::TakeWaivedBy(absl::CivilDay day) {
  for (; waived_it_ != costs_.waived_by_day.end() && waived_it_->first <= day;
       ++waived_it_) {
    owed_.costs -= waived_it_->second;  // charged before: no overflow
    costs_owed_.TakeNewest(waived_it_->second);
  }
  if (owed_.costs >= 0) return true;
  const int64_t refund = -owed_.costs;
  owed_.costs = 0;
  costs_paid_ -= refund;  // <= costs_paid_: only paid costs are refunded
  PaymentAllocation allocation;
  if (!AllocatePayment({day, refund, v1::ALLOCATION_UNSPECIFIED},
                       &allocation)) {
    return false;
  }
  allocation.costs = -refund;
  state_.allocations.push_back(allocation);
  return true;
}

bool ClaimReplay::Apply(const Event& event) {
  const absl::CivilDay day = event.day;
  // The event day itself still bears interest (once a day).
  AccrueTo(ToDayNumber(day));
  if (!AddCostsBefore(day) || !TakeWaivedBy(day)) return false;
  // What was in credit before the day meets what became owed since,
  // before the day's money comes.
  if (!SettleBefore(day)) return false;
  if (const CreditEvent* credit = event.credit; credit != nullptr) {
    if (!AddMoney(credit->amount, &credited_).ok()) return false;
    const int64_t applied = std::min(credit->amount, owed_.principal);
    owed_.principal -= applied;
    if (credit->amount > applied) {
      surplus_.Add(day, credit->amount - applied);
      // At once, as a payment would be allocated: a later waiver finds
      // the fee it covered paid, and gives it back in its own month.
      if (!SettleBefore(day)) return false;
    }
  }
  if (const PaymentEvent* payment = event.payment; payment != nullptr) {
    if (!AddMoney(payment->amount, &paid_).ok()) return false;
    PaymentAllocation allocation;
    if (!AllocatePayment(*payment, &allocation)) return false;
    state_.allocations.push_back(allocation);
  }
  return true;
}

bool ClaimReplay::Finish(absl::CivilDay end, DayNumber end_number) {
  AccrueTo(end_number);
  return AddCostsBefore(end + 1);
}

bool ClaimReplay::WriteBalance(int64_t interest_claimed, v1::Balance* balance) {
  int64_t costs_total = costs_.fees;
  if (!AddMoney(costs_.compensation, &costs_total).ok()) return false;
  int64_t fees_outstanding = costs_total - costs_paid_;
  int64_t interest_outstanding = interest_claimed - interest_paid_;
  // What is still in credit meets the interest claimed since.
  if (!surplus_.empty()) SetOff(&fees_outstanding, &interest_outstanding);
  int64_t overpaid = 0;
  if (!surplus_.Total(&overpaid)) return false;
  balance->set_credited(credited_);
  balance->set_paid(paid_);
  balance->set_interest_claimed(interest_claimed);
  balance->set_fees_paid(costs_paid_);
  balance->set_interest_paid(interest_paid_);
  balance->set_principal_paid(principal_paid_);
  balance->set_principal_outstanding(owed_.principal);
  balance->set_fees_outstanding(fees_outstanding);
  balance->set_interest_outstanding(interest_outstanding);
  int64_t total = owed_.principal;
  if (!AddMoney(fees_outstanding, &total).ok() ||
      !AddMoney(interest_outstanding, &total).ok()) {
    return false;
  }
  balance->set_total(total);
  balance->set_overpaid(overpaid);
  state_.settled = total == 0;
  return true;
}

// One line per rate period and principal: each line's amount is its own
// principal × rate × days, so a reader can check it (law.md § 1.3).
bool WriteInterestPeriods(const InterestAccrual& accrual,
                          v1::Interest* interest, InterestDays* interest_days) {
  for (const InterestAccrual::Slice& slice : accrual.slices()) {
    const InterestAccrual::Period& period = accrual.periods()[slice.period];
    int64_t amount = 0;
    if (!RoundHalfUp(slice.numerator, kInterestDenominator, &amount)) {
      return false;
    }
    const absl::CivilDay from = slice.first == period.first
                                    ? period.span.from
                                    : FromDayNumber(slice.first);
    const absl::CivilDay to =
        slice.last == period.last ? period.span.to : FromDayNumber(slice.last);
    v1::InterestPeriod* out = interest->add_periods();
    interest_days->periods.push_back({from, to});
    out->set_days(static_cast<int32_t>(slice.last - slice.first + 1));
    out->set_rate_basis_points(period.span.rate_basis_points);
    out->set_days_in_year(period.days_in_year);
    out->set_principal(slice.principal);
    out->set_amount(amount);
  }
  return true;
}

}  // namespace

absl::Status EvaluateClaimInto(const ClaimEvents& events, absl::CivilDay as_of,
                               const RateBook& rates, v1::DayCount day_count,
                               v1::Balance* balance_out,
                               v1::Interest* interest_out,
                               InterestDays* interest_days, ClaimState* out) {
  interest_days->periods.clear();
  out->allocations.clear();
  out->settled = false;
  out->unrated_interest_days = false;
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

  balance_out->set_original(events.original);
  ChargedCosts costs;
  if (absl::Status charged = ChargeCosts(events, as_of, &costs);
      !charged.ok()) {
    return charged;
  }
  balance_out->set_fees_charged(costs.fees);
  balance_out->set_compensation_charged(costs.compensation);
  Events by_day;
  if (absl::Status ordered =
          OrderEvents(events, costs.waived_by_day, as_of, &by_day);
      !ordered.ok()) {
    return ordered;
  }

  const DayNumber as_of_number = ToDayNumber(as_of);
  const DayNumber first_interest_number = ToDayNumber(events.adjusted_due) + 1;
  const DayNumber first_rated_number =
      std::max(first_interest_number, rates.first_day_number());
  InterestAccrual accrual(rates, day_count, first_rated_day, as_of,
                          first_rated_number, as_of_number);
  ClaimReplay replay(events, costs, &accrual, first_interest_number,
                     first_rated_number, out);
  for (const Event& event : by_day) {
    if (!replay.Apply(event)) return Overflow();
  }
  if (!replay.Finish(as_of, as_of_number)) return Overflow();

  int64_t accrued = 0;
  if (!RoundHalfUp(accrual.numerator(), kInterestDenominator, &accrued)) {
    return Overflow();
  }
  const bool claiming = events.interest_claimed_from.has_value() &&
                        *events.interest_claimed_from <= as_of;
  int64_t interest_claimed = claiming ? accrued : 0;
  if (events.interest_cap.has_value()) {
    interest_claimed =
        std::min(interest_claimed,
                 std::max(*events.interest_cap, replay.interest_paid()));
  }
  interest_out->set_accrued(accrued);
  interest_out->set_claimed(interest_claimed);
  interest_days->from = first_interest_day;
  if (!WriteInterestPeriods(accrual, interest_out, interest_days) ||
      !replay.WriteBalance(interest_claimed, balance_out)) {
    return Overflow();
  }
  return absl::OkStatus();
}

}  // namespace purring::internal
