#include "process/invoice_eval.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "dates.h"
#include "money/claim.h"
#include "money/fee_rules.h"
#include "process/calendar.h"
#include "process/cutoff.h"
#include "process/naming.h"
#include "process/spaces.h"
#include "process/step_plan.h"
#include "purring/limits.h"

namespace purring::internal {
namespace {

absl::CivilDay DateOr(absl::string_view text, absl::CivilDay fallback) {
  std::optional<absl::CivilDay> day = ParseDate(text);
  return day.has_value() ? *day : fallback;
}

// The strictness a notice was sent under: recorded with it, else the
// profile's now (history from before Notice.strictness).
v1::FeeStrictness SentUnder(v1::FeeStrictness recorded,
                            const ResolvedProfile& profile) {
  return recorded != v1::FEE_STRICTNESS_UNSPECIFIED ? recorded
                                                    : profile.strictness;
}

// The notice's dates (as validation parsed them, or parsed here when
// `checked` is nullptr), with its amounts.
NoticeCharge ChargeOf(const v1::Notice& n, const NoticeDays* checked,
                      const ResolvedProfile& profile, absl::CivilDay as_of) {
  NoticeCharge charge;
  charge.step = n.step();
  charge.fee = n.fee();
  charge.compensation = n.compensation();
  charge.interest = n.interest();
  charge.strictness = n.strictness();
  charge.channel = n.channel();
  charge.amount_claimed = n.amount_claimed();
  if (checked != nullptr) {
    charge.sent = checked->sent;
    charge.deadline = checked->deadline;
    charge.waived = checked->waived;
  } else {
    charge.sent = DateOr(n.sent_date(), as_of);
    charge.deadline = n.deadline().empty()
                          ? NoticeDeadline(profile, charge.sent)
                          : DateOr(n.deadline(), charge.sent);
    if (!n.fee_waived_date().empty()) {
      charge.waived = DateOr(n.fee_waived_date(), charge.sent);
    }
  }
  // A fee waived after the as-of date is still owed on it, as a payment
  // dated after it is not yet counted.
  if (charge.waived.has_value() && *charge.waived > as_of) charge.waived.reset();
  return charge;
}

// On a large ledger the invoice's notices and payments lie far from each
// other and from the invoice, each a cache miss or two (perf: a third of
// EvaluateInvoice's time stalled on them). Asking for them first lets the
// misses overlap each other and the work on the invoice's own fields.
void PrefetchNotices(absl::Span<const v1::Notice* const> notices) {
  for (const v1::Notice* n : notices) {
    __builtin_prefetch(n);
    __builtin_prefetch(reinterpret_cast<const char*>(n) + 64);
  }
}

// The strings the notices' evaluation and copy read (each its own object):
// the notices themselves must have arrived (PrefetchNotices) to find them.
void PrefetchNoticeStrings(absl::Span<const v1::Notice* const> notices) {
  for (const v1::Notice* n : notices) {
    __builtin_prefetch(&n->sent_date());
    __builtin_prefetch(&n->deadline());
    __builtin_prefetch(&n->invoice_number());
  }
}

void PrefetchPayments(const v1::Invoice& invoice) {
  for (const v1::Payment& p : invoice.payments()) {
    __builtin_prefetch(&p);
  }
}

// The first day from `day` on that no hold of the invoice covers (F10: no
// step is taken on a day the invoice is paused); nullopt when an
// open-ended hold covers it. Holds are few; each can push the day once.
std::optional<absl::CivilDay> FirstDayOffHold(const v1::Invoice& invoice,
                                              absl::CivilDay day) {
  for (bool moved = true; moved;) {
    moved = false;
    for (const v1::Hold& hold : invoice.holds()) {
      const std::optional<absl::CivilDay> start = ParseDate(hold.start_date());
      if (!start.has_value() || *start > day) continue;
      if (hold.end_date().empty()) return std::nullopt;
      const std::optional<absl::CivilDay> end = ParseDate(hold.end_date());
      if (!end.has_value() || *end < day) continue;
      day = *end + 1;
      moved = true;
    }
  }
  return day;
}

// An open-ended hold's next step has no day yet, and so no fee, though it
// could carry one: the fee rules and the inkassosats depend on the day it
// is sent.
constexpr char kFeeWhenReleasedNote[] =
    "paused until the hold is released: the fee is set by the day the step "
    "is sent";

// Whether `hold` is reported before `other` when both are active: the one
// that started last; of those starting the same day, the one that ends last
// (an open-ended one above all), so that the end shown is when the pause
// really ends; then an objection before a manual stop (it bars collection
// costs, inkassoloven § 17), then the reason first in byte order, so that
// the order of the request's holds never decides.
struct HoldRank {
  absl::CivilDay start;
  absl::CivilDay end;
  bool objection = false;
  absl::string_view reason;

  bool Outranks(const HoldRank& other) const {
    if (start != other.start) return start > other.start;
    if (end != other.end) return end > other.end;
    if (objection != other.objection) return objection;
    return reason < other.reason;
  }
};

// DunningSettings.minimum_amount: what is owed on the invoice now is below
// the module's minimum. Judged on the whole balance, costs and claimed
// interest included: judged on the principal alone, the costs left once it
// is paid would be given up unsaid, whatever they come to.
bool BelowMinimum(const v1::Balance& balance, const EvalContext& ctx) {
  return ctx.minimum_amount > 0 && balance.total() < ctx.minimum_amount;
}

// A hold's first and last day (max(): open-ended), when it runs on `day`.
std::optional<std::pair<absl::CivilDay, absl::CivilDay>> HoldOpenOn(
    const v1::Hold& hold, absl::CivilDay day) {
  const std::optional<absl::CivilDay> start = ParseDate(hold.start_date());
  if (!start.has_value() || *start > day) return std::nullopt;
  const absl::CivilDay end =
      ParseDate(hold.end_date()).value_or(absl::CivilDay::max());
  if (end < day) return std::nullopt;
  return std::make_pair(*start, end);
}

const v1::Hold* ActiveHold(const v1::Invoice& invoice, absl::CivilDay as_of) {
  const v1::Hold* found = nullptr;
  HoldRank found_rank;
  for (const v1::Hold& hold : invoice.holds()) {
    const auto open = HoldOpenOn(hold, as_of);
    if (!open.has_value()) continue;
    const HoldRank rank{open->first, open->second,
                        hold.kind() == v1::HOLD_KIND_OBJECTION, hold.reason()};
    if (found == nullptr || rank.Outranks(found_rank)) {
      found = &hold;
      found_rank = rank;
    }
  }
  return found;
}

// A warning about a recorded notice's charge, with the notice and the
// amount not claimed set for a host's books (Warning.amount_not_claimed).
v1::Warning AboutNotice(v1::Warning warning, const NoticeCharge& notice,
                        int64_t not_claimed) {
  warning.set_amount_not_claimed(not_claimed);
  warning.set_notice_step(notice.step);
  warning.set_notice_sent_date(FormatDate(notice.sent));
  return warning;
}

// notice: with its fee as claimed.
v1::Warning RecordedFeeWarning(const v1::Invoice& invoice,
                               int64_t recorded_fee, const NoticeCharge& notice,
                               absl::string_view why_not) {
  return AboutNotice(
      WarningAbout(invoice, "RECORDED_FEE_NOT_CLAIMABLE",
                   absl::StrCat("invoice \"", invoice.number(), "\": the ",
                                StepWords(notice.step), " notice sent ",
                                FormatDate(notice.sent), " records a fee of ",
                                recorded_fee, " øre; ", notice.fee,
                                " øre of it is claimed (", why_not, ")")),
      notice, recorded_fee - notice.fee);
}

v1::Warning RecordedCompensationWarning(const v1::Invoice& invoice,
                                        const NoticeCharge& notice,
                                        int64_t claimable,
                                        absl::string_view why_not) {
  return AboutNotice(
      WarningAbout(invoice, "RECORDED_COMPENSATION_NOT_CLAIMABLE",
                   absl::StrCat("invoice \"", invoice.number(), "\": the ",
                                StepWords(notice.step), " notice sent ",
                                FormatDate(notice.sent),
                                " records a standard compensation of ",
                                notice.compensation, " øre; ", claimable,
                                " øre of it is claimed (", why_not, ")")),
      notice, notice.compensation - claimable);
}

// Only what the law allows is claimed of a recorded fee (F11) and of a
// recorded B2B standard compensation, a fee after which is deducted from it
// (law.md § 6): cuts *notice (a waived one stays as recorded) and warns
// for each cut, fee first. compensation_claimed: an earlier notice claims
// compensation.
void CutRecordedCharges(const v1::Invoice& invoice, bool business,
                        absl::CivilDay adjusted_due,
                        absl::Span<const NoticeCharge> earlier,
                        const RateBook& rates, bool compensation_claimed,
                        NoticeCharge* notice,
                        std::vector<v1::Warning>* warnings) {
  const int64_t recorded_fee = notice->fee;
  std::string fee_cut;
  if (notice->fee > 0) {
    notice->fee =
        ClaimableRecordedFee(*notice, adjusted_due, earlier, rates, &fee_cut);
  }
  int64_t claimable_compensation = notice->compensation;
  std::string compensation_cut;
  if (notice->compensation > 0 || (compensation_claimed && notice->fee > 0)) {
    RecordedCharges claimable = ClaimableRecordedCharges(
        *notice, business, adjusted_due, earlier, rates);
    if (claimable.fee < notice->fee) {
      fee_cut = std::move(claimable.fee_cut);
      notice->fee = claimable.fee;
    }
    claimable_compensation = claimable.compensation;
    compensation_cut = std::move(claimable.compensation_cut);
  }
  if (notice->fee < recorded_fee) {
    warnings->push_back(
        RecordedFeeWarning(invoice, recorded_fee, *notice, fee_cut));
  }
  if (claimable_compensation < notice->compensation) {
    warnings->push_back(RecordedCompensationWarning(
        invoice, *notice, claimable_compensation, compensation_cut));
    notice->compensation = claimable_compensation;
  }
}

v1::Warning TransferWithoutValidWarning(const v1::Invoice& invoice,
                                        absl::CivilDay transferred) {
  return WarningAbout(
      invoice, "TRANSFER_WITHOUT_VALID_WARNING",
      absl::StrCat("invoice \"", invoice.number(),
                   "\": transferred to collection on ", FormatDate(transferred),
                   " without a recorded collection warning sent after the due "
                   "date (on paper before 2017-04-01) whose deadline of at "
                   "least 14 days had run out unpaid by then (inkassoloven "
                   "§ 9): no collection steps "
                   "may be taken on it until one has"));
}

// The debtor's objection (a hold of kind HOLD_KIND_OBJECTION) open on
// `day`, if any: the earliest begun.
const v1::Hold* ObjectionOpenOn(const v1::Invoice& invoice,
                                absl::CivilDay day) {
  const v1::Hold* found = nullptr;
  absl::CivilDay found_start;
  for (const v1::Hold& hold : invoice.holds()) {
    if (hold.kind() != v1::HOLD_KIND_OBJECTION) continue;
    const auto open = HoldOpenOn(hold, day);
    if (open.has_value() && (found == nullptr || open->first < found_start)) {
      found = &hold;
      found_start = open->first;
    }
  }
  return found;
}

v1::Warning TransferDuringObjection(const v1::Invoice& invoice,
                                    absl::CivilDay transferred,
                                    const v1::Hold& objection) {
  return WarningAbout(
      invoice, "TRANSFER_DURING_OBJECTION",
      absl::StrCat("invoice \"", invoice.number(),
                   "\": transferred to collection on ", FormatDate(transferred),
                   " while the debtor's objection recorded from ",
                   objection.start_date(),
                   " was open: no collection costs may be claimed where the "
                   "debtor had objections it was reasonable to have assessed "
                   "(inkassoloven § 17 (2)); the case file lists it"));
}

v1::Warning NoValidCollectionWarning(const v1::Invoice& invoice,
                                     bool warning_paid) {
  return WarningAbout(
      invoice, "COLLECTION_WARNING_NOT_VALID",
      absl::StrCat(
          "invoice \"", invoice.number(), "\": ",
          warning_paid
              ? "what the recorded collection warning demanded was paid by "
                "its deadline, and what is left (interest since) was never "
                "demanded by one"
              : "no recorded collection warning was sent after the due date "
                "with a deadline of at least 14 days (and on paper before "
                "2017-04-01)",
          " (inkassoloven § 9); a new one comes before any transfer to "
          "collection"));
}

// Payments and credit notes dated after the as-of date do not count yet; a
// ledger rarely has them but by mistake (a wrong date, or a wrong as-of), and
// then the invoice may be dunned though it is paid.
void FlagLaterMoney(const v1::Invoice& invoice, const ClaimEvents& events,
                    absl::CivilDay as_of, std::vector<v1::Warning>* warnings) {
  int later = 0;
  int64_t amount = 0;
  bool overflow = false;
  auto count = [&](absl::CivilDay date, int64_t money) {
    if (date <= as_of) return;
    ++later;
    overflow |= __builtin_add_overflow(amount, money, &amount);
  };
  for (const PaymentEvent& p : events.payments) count(p.date, p.amount);
  for (const CreditEvent& c : events.credits) count(c.date, c.amount);
  if (later == 0) return;
  warnings->push_back(WarningAbout(
      invoice, "PAYMENT_AFTER_AS_OF",
      absl::StrCat("invoice \"", invoice.number(), "\": ", later,
                   later == 1 ? " payment or credit note" : " payments or credit notes",
                   overflow ? "" : absl::StrCat(" of ", amount, " øre"),
                   " dated after the as-of date ",
                   FormatDate(as_of), " not counted")));
}

// The notices' recorded interest is what the host posted (F15); more than
// has accrued by the as-of date (a history from another system, or payments
// and credit notes dated before a notice but booked after it) is not
// claimed. Said once no principal is left: until then interest accruing
// makes up the difference, and the next notice charges from what the
// notices recorded; from then on the host has the difference to reverse.
v1::Warning RecordedInterestWarning(const v1::Invoice& invoice,
                                    int64_t recorded, int64_t claimed,
                                    absl::CivilDay as_of) {
  v1::Warning warning = WarningAbout(
      invoice, "RECORDED_INTEREST_NOT_CLAIMABLE",
      absl::StrCat("invoice \"", invoice.number(), "\": its notices record ",
                   recorded, " øre of interest, but ", claimed,
                   " øre is claimed by ", FormatDate(as_of), "; the other ",
                   recorded - claimed,
                   " øre is not, and with no principal left no interest will "
                   "make it up (reverse it in the books)"));
  warning.set_amount_not_claimed(recorded - claimed);
  return warning;
}

// The claim's notice events from the judged notices: those sent by as_of
// (only they charge anything), the day interest is first claimed and the
// interest limits of notices sent with fees and interest off. Returns the
// interest the notices sent by as_of recorded.
int64_t SetNoticeEvents(absl::Span<const NoticeCharge> charges,
                        const ResolvedProfile& profile, absl::CivilDay as_of,
                        ClaimEvents* events) {
  events->notices.clear();
  events->interest_limits.clear();
  events->interest_claimed_from.reset();
  int64_t interest_recorded = 0;
  for (const NoticeCharge& charge : charges) {
    if (charge.sent > as_of) continue;
    events->notices.push_back(charge);
    interest_recorded += charge.interest;  // validated: no overflow
    // A notice claimed interest when its step does under the profile it was
    // sent under, and when it charged interest: a later profile or B/P
    // switch never drops what a letter demanded and the host posted.
    if (!events->interest_claimed_from.has_value() && !charge.sent_settled &&
        (charge.interest > 0 ||
         StepClaimsInterest(SentUnder(charge.strictness, profile),
                            charge.step))) {
      events->interest_claimed_from = charge.sent;
    }
    // The limit from the next day on, set by the last notice of its day.
    std::optional<int64_t> cap;
    if (SentUnder(charge.strictness, profile) == v1::FEE_STRICTNESS_OFF) {
      cap = interest_recorded;
    }
    if (!events->interest_limits.empty() &&
        events->interest_limits.back().from == charge.sent + 1) {
      events->interest_limits.back().cap = cap;
    } else {
      events->interest_limits.push_back({charge.sent + 1, cap});
    }
  }
  return interest_recorded;
}

// Marks the notices sent by the as-of date whose demands were paid or
// credited by their deadlines (DemandPaidBy; a deadline counted as at least
// 14 days, and not beyond the as-of date). The notices are in sent order.
// Only the demands something depends on are looked at (each is a
// simulation of the claim: for all of a thousand notices on an invoice with
// ten thousand payments it took seconds): the first fee-bearing notice's
// (the second fee, inkassoforskriften § 1-3; a waived one's too, for the
// notices sent before its waiver) and the collection warnings'
// in § 9's form, from the latest, until one satisfies inkassoloven § 9 (its
// deadline run out by `transferred`, a recorded transfer's date): the
// transfer needs one, and only without one does it matter whether the
// others were paid.
absl::Status MarkDemandsPaid(const v1::Invoice& invoice,
                             const ClaimEvents& events, const EvalContext& ctx,
                             std::optional<absl::CivilDay> transferred,
                             absl::Span<NoticeCharge> charges,
                             ClaimState* scratch) {
  const auto mark = [&](NoticeCharge& charge, int64_t recorded_interest) {
    const absl::CivilDay deadline = std::min(
        ctx.as_of, std::max(charge.deadline, charge.sent + kMinDeadlineDays));
    absl::StatusOr<bool> paid =
        DemandPaidBy(events, charge.sent, deadline, recorded_interest,
                     charge.amount_claimed, *ctx.rates, ctx.day_count, scratch);
    if (!paid.ok()) {
      return absl::Status(paid.status().code(),
                          absl::StrCat("invoice \"", invoice.number(),
                                       "\": ", paid.status().message()));
    }
    charge.demand_paid = *paid;
    return absl::OkStatus();
  };
  // The warnings not yet marked, with the interest recorded up to each.
  absl::InlinedVector<std::pair<size_t, int64_t>, 4> warnings;
  int64_t recorded_interest = 0;  // up to each; validated: at most kMaxAmount
  bool fee_seen = false;
  for (size_t k = 0; k < charges.size(); ++k) {
    NoticeCharge& charge = charges[k];
    if (charge.sent > ctx.as_of) continue;
    recorded_interest += charge.interest;
    // A waived fee is still the first for the notices sent before its
    // waiver (LawfulFee); the first not waived is the first for all after.
    const bool waived_for_the_rest =
        charge.waived.has_value() &&
        (k + 1 == charges.size() || WaivedBy(charge, charges[k + 1].sent));
    const bool first_fee = !fee_seen && charge.fee > 0 && !waived_for_the_rest;
    fee_seen |= first_fee && !charge.waived.has_value();
    if (first_fee) {
      if (absl::Status status = mark(charge, recorded_interest); !status.ok()) {
        return status;
      }
    } else if (charge.step == v1::STEP_KIND_COLLECTION_WARNING) {
      warnings.emplace_back(k, recorded_interest);
    }
  }
  for (auto it = warnings.rbegin(); it != warnings.rend(); ++it) {
    NoticeCharge& warning = charges[it->first];
    // Sent by the due date or without § 9's form, it allows no transfer
    // whether paid or not: nothing to simulate.
    if (!HasSection9Warning(warning, events.adjusted_due)) continue;
    if (absl::Status status = mark(warning, it->second); !status.ok()) {
      return status;
    }
    if (SatisfiesSection9(warning, events.adjusted_due) &&
        (!transferred.has_value() || warning.deadline < *transferred)) {
      break;
    }
  }
  return absl::OkStatus();
}

// Whether two notices sent by as_of charge a fee (a waived one too: the
// reports count what it could lawfully have been): the second is lawful
// only if the first's deadline was exceeded (§ 1-3).
bool ClaimsTwoFees(absl::Span<const NoticeCharge> charges,
                   absl::CivilDay as_of) {
  int fees = 0;
  for (const NoticeCharge& charge : charges) {
    if (charge.sent <= as_of && charge.fee > 0) {
      if (++fees == 2) return true;
    }
  }
  return false;
}

// After a pass over an invoice's notices and its claim: notes in
// *paid_in_time the notices whose demands the claim showed paid in time,
// and says whether that is news the recorded fees must be judged by again:
// such a notice newly found before a later notice recording a fee, which
// may then be a second fee the law does not allow (inkassoforskriften
// § 1-3). Flags are only ever added, so the passes end.
bool FoundDemandsPaidInTime(absl::Span<const NoticeCharge> charges,
                            absl::Span<const v1::Notice* const> notices,
                            std::vector<bool>* paid_in_time) {
  bool news = false;
  for (size_t j = 0; j < charges.size(); ++j) {
    if (!charges[j].demand_paid) continue;
    if (paid_in_time->empty()) paid_in_time->assign(charges.size(), false);
    if ((*paid_in_time)[j]) continue;
    (*paid_in_time)[j] = true;
    for (size_t k = j + 1; k < notices.size() && !news; ++k) {
      news = notices[k]->fee() > 0;
    }
  }
  return news;
}

// Notes in *sent_settled the notices sent by the as-of date when nothing
// was owed: the claim, with only the notices before it, was settled by
// money dated before its sent day that reached the ledger after it was
// sent (the bank's date counts, inkassoloven § 9). Knowing the money, the
// engine would have sent none (a settled claim is not dunned), and a
// purregebyr is for a claim left unpaid (law.md § 3.1): such a notice
// charges no fee or compensation and starts no interest claim. Nothing is
// owed before the later notices either then (they follow one that charges
// nothing, and no principal is left to bear interest): they are noted too.
// Money of the sent day crossed the letter: it is set off against the
// letter's charges instead (DemandPaidBy). Says whether one was newly
// found (flags are only ever added, so the passes end). *before and
// *scratch are reused.
absl::StatusOr<bool> FoundNoticesSentWhenSettled(
    const ClaimEvents& events, absl::Span<const NoticeCharge> charges,
    const ResolvedProfile& profile, const EvalContext& ctx,
    ClaimEvents* before, ClaimState* scratch, std::vector<bool>* sent_settled) {
  // The money dated before each notice's day, summed as the notices go (in
  // sent order): nothing is owed only once it reaches the principal, and
  // only then is the claim simulated (saturating: more than any claim).
  size_t payments_in = 0, credits_in = 0;
  int64_t money_before = 0;
  // Adds the money of `dated` (payments or credit notes, by date) from
  // *in on that is dated before `day`.
  const auto add_dated_before =
      [&money_before](const auto& dated, absl::CivilDay day, size_t* in) {
        for (; *in < dated.size() && dated[*in].date < day; ++*in) {
          if (__builtin_add_overflow(money_before, dated[*in].amount,
                                     &money_before)) {
            money_before = INT64_MAX;
          }
        }
      };
  const auto add_money_before = [&](absl::CivilDay day) {
    add_dated_before(events.payments, day, &payments_in);
    add_dated_before(events.credits, day, &credits_in);
  };
  bool copied = false;
  for (size_t k = 0; k < charges.size(); ++k) {
    const NoticeCharge& charge = charges[k];
    if (charge.sent > ctx.as_of) continue;
    // Found before, and every later one with it.
    if (!sent_settled->empty() && (*sent_settled)[k]) return false;
    add_money_before(charge.sent);
    if (money_before < events.original) continue;
    if (!copied) {
      before->adjusted_due = events.adjusted_due;
      before->original = events.original;
      before->payments = events.payments;
      before->credits = events.credits;
      copied = true;
    }
    const absl::CivilDay day_before = charge.sent - 1;
    const int64_t interest_recorded =
        SetNoticeEvents(charges.first(k), profile, day_before, before);
    before->interest_cap.reset();
    if (profile.strictness == v1::FEE_STRICTNESS_OFF) {
      before->interest_cap = interest_recorded;
    }
    if (absl::Status status = EvaluateClaimInto(*before, day_before, *ctx.rates,
                                                ctx.day_count, scratch);
        !status.ok()) {
      return status;
    }
    if (scratch->balance.total() > 0) continue;
    if (sent_settled->empty()) sent_settled->assign(charges.size(), false);
    for (size_t later = k; later < charges.size(); ++later) {
      (*sent_settled)[later] = charges[later].sent <= ctx.as_of;
    }
    return true;
  }
  return false;
}

// A notice that FoundNoticesSentWhenSettled found sent when nothing was
// owed charges no fee or compensation (`recorded_*`: as recorded; *notice:
// what the law would otherwise allow of them): cuts them, warning of each
// cut unless the fee was waived by the as-of date (then nothing is claimed
// anyway).
void CutChargesSentWhenSettled(const v1::Invoice& invoice, int64_t recorded_fee,
                               int64_t recorded_compensation,
                               NoticeCharge* notice,
                               std::vector<v1::Warning>* warnings) {
  notice->fee = 0;
  notice->compensation = recorded_compensation;
  if (!notice->waived.has_value()) {
    const std::string why = absl::StrCat(
        "nothing was owed when it was sent: money dated before ",
        FormatDate(notice->sent),
        " had paid the claim (the bank's date counts, inkassoloven § 9)");
    if (recorded_fee > 0) {
      warnings->push_back(
          RecordedFeeWarning(invoice, recorded_fee, *notice, why));
    }
    if (recorded_compensation > 0) {
      warnings->push_back(
          RecordedCompensationWarning(invoice, *notice, 0, why));
    }
  }
  notice->compensation = 0;
}

absl::Status Overflow(const v1::Invoice& invoice) {
  return absl::OutOfRangeError(absl::StrCat(
      "invoice \"", invoice.number(), "\": amount overflows 64-bit øre"));
}

bool Add(int64_t a, int64_t b, int64_t* out) {
  return !__builtin_add_overflow(a, b, out);
}

// Sorts events by date, equal dates in their request order. They usually
// come in date order already, and std::stable_sort allocates a buffer per
// call.
template <typename Events>
void SortByDate(Events* events) {
  auto before = [](const auto& a, const auto& b) { return a.date < b.date; };
  if (!std::is_sorted(events->begin(), events->end(), before)) {
    std::stable_sort(events->begin(), events->end(), before);
  }
}

}  // namespace

v1::Warning WarningAbout(const v1::Invoice& invoice, absl::string_view code,
                         std::string message) {
  v1::Warning warning;
  warning.set_code(code.data(), code.size());
  warning.set_message(std::move(message));
  warning.set_invoice_number(invoice.number());
  warning.set_customer_id(invoice.customer_id());
  return warning;
}

void PrefetchInvoiceInput(const InvoiceInput& input) {
  const char* invoice = reinterpret_cast<const char*>(input.invoice);
  for (size_t at = 0; at < sizeof(v1::Invoice); at += 64) {
    __builtin_prefetch(invoice + at);
  }
  __builtin_prefetch(input.customer_facts);
  PrefetchNotices(input.notices);
}

void PrefetchInvoiceFields(const v1::Invoice& invoice) {
  __builtin_prefetch(&invoice.number());
  __builtin_prefetch(&invoice.customer_id());
  __builtin_prefetch(&invoice.invoice_date());
  __builtin_prefetch(&invoice.due_date());
}

namespace {

// EvaluateInvoice but for the result's dates as text.
absl::Status EvaluateInto(const InvoiceInput& input, const EvalContext& ctx,
                          v1::InvoiceResult* result, InvoiceOutput* output,
                          ReportAccumulator* reports) {
  const v1::Invoice& invoice = *input.invoice;
  const CustomerFacts& customer = *input.customer_facts;
  const ProfileTable::Choice& choice = customer.choice;
  const ResolvedProfile& profile = *choice.profile;
  const bool business = choice.type == v1::CUSTOMER_TYPE_BUSINESS;
  PrefetchNotices(input.notices);

  const CheckedDays* checked = input.checked_days;
  const absl::CivilDay due = checked != nullptr
                                 ? checked->due
                                 : DateOr(invoice.due_date(), ctx.as_of);
  const absl::CivilDay adjusted_due =
      ctx.shift_due_dates ? output->business_days.NextOnOrAfter(due) : due;

  if (!ctx.store_writes_copies) {
    result->set_invoice_number(invoice.number());
    result->set_customer_id(invoice.customer_id());
    result->set_customer_name(customer.name.data(), customer.name.size());
    result->set_profile_id(profile.id);
    result->set_invoice_date(invoice.invoice_date());
    result->set_due_date(invoice.due_date());
  }
  result->set_customer_type(choice.type);
  result->set_custom_process(choice.custom);
  ResultDates& dates = *output->dates;
  dates.adjusted_due = adjusted_due;
  dates.current_sent.reset();
  dates.current_deadline.reset();
  dates.waiting_until.reset();
  dates.next_step.reset();
  result->set_original_amount(invoice.amount());
  PrefetchNoticeStrings(input.notices);
  PrefetchPayments(invoice);

  // The history is the truth (issue 3 § 9): every recorded notice counts for
  // the step reached, even one dated after the as-of date (an automatic
  // dispatch recorded ahead of time), so it is never proposed again.
  // One pass as a rule (see paid_in_time below): each notice is read while
  // it is in the cache.
  std::vector<NoticeCharge>& all_charges = output->charges;
  const bool copy_history = !ctx.omit_history && !ctx.store_writes_copies;
  if (copy_history) {
    result->mutable_history()->Reserve(static_cast<int>(input.notices.size()));
  }
  // The money at the as-of date: only notices sent by then charge anything.
  ClaimEvents& events = output->events;
  events.payments.clear();
  events.credits.clear();
  events.adjusted_due = adjusted_due;
  events.original = invoice.amount();
  events.payments.reserve(invoice.payments_size());
  for (int i = 0; i < invoice.payments_size(); ++i) {
    const v1::Payment& p = invoice.payments(i);
    events.payments.push_back(
        {checked != nullptr ? checked->payments[i] : DateOr(p.date(), ctx.as_of),
         p.amount(), p.allocation()});
  }
  SortByDate(&events.payments);
  for (const v1::CreditNote& c : invoice.credit_notes()) {
    events.credits.push_back({DateOr(c.date(), ctx.as_of), c.amount()});
  }
  SortByDate(&events.credits);

  int64_t interest_charged_before = 0;
  // As recorded (validated: at most kMaxAmount together).
  int64_t charges_recorded = 0;
  int64_t interest_recorded = 0;  // by the notices sent by the as-of date
  // Fees and interest off: no interest is claimed beyond what earlier
  // notices charged (types.proto FEE_STRICTNESS_OFF).
  const bool interest_off = profile.strictness == v1::FEE_STRICTNESS_OFF;
  // Written straight into the result: nothing to copy afterwards.
  v1::Balance& balance = *result->mutable_balance();
  v1::Interest& accrued_interest = *result->mutable_interest();
  // Which notices' demands were paid in time, as the last pass found them
  // (empty: none yet). A recorded second fee after a first fee-bearing
  // notice whose demand was paid by its deadline is not claimable
  // (inkassoforskriften § 1-3), which only the claim shows: the notices are
  // judged again with what it showed, until nothing more is found. Rare
  // (history from another system); one pass otherwise.
  std::vector<bool>& paid_in_time = output->paid_in_time;
  paid_in_time.clear();
  // Which notices were sent when nothing was owed, as the last pass found
  // them (empty: none yet; FoundNoticesSentWhenSettled).
  std::vector<bool>& sent_settled = output->sent_settled;
  sent_settled.clear();
  const size_t warnings_before = output->warnings.size();
  // A transfer the host recorded: its date.
  const std::optional<absl::CivilDay> transferred =
      input.collection_case != nullptr
          ? ParseDate(input.collection_case->transferred_date())
          : std::nullopt;
  for (bool first_pass = true;; first_pass = false) {
    output->warnings.resize(warnings_before);
    all_charges.clear();
    interest_charged_before = 0;
    charges_recorded = 0;
    // Whether an earlier notice claims B2B compensation: a fee after it is
    // deducted from it.
    bool compensation_claimed = false;
    for (size_t k = 0; k < input.notices.size(); ++k) {
      const v1::Notice& notice = *input.notices[k];
      charges_recorded +=
          notice.fee() + notice.compensation() + notice.interest();
      NoticeCharge& charge = all_charges.emplace_back(
          ChargeOf(notice, checked != nullptr ? &checked->notices[k] : nullptr,
                   profile, ctx.as_of));
      charge.demand_paid = !paid_in_time.empty() && paid_in_time[k];
      charge.sent_settled = !sent_settled.empty() && sent_settled[k];
      const absl::Span<const NoticeCharge> earlier =
          absl::MakeConstSpan(all_charges.data(), all_charges.size() - 1);
      // The reports count what the rules let a notice charge. A fee waived
      // by the as-of date is claimed no more, so nothing is warned about, but
      // until its waiver it was claimed (payments before it paid it, and it
      // is given back then) at what it could lawfully have been, as the
      // reports count it: a waiver must not change what an earlier month
      // shows paid.
      NoticeCharge reported;
      const bool judge_for_report = charge.waived.has_value() &&
                                    (charge.fee > 0 || charge.compensation > 0);
      if (judge_for_report) {
        reported = charge;
        reported.waived.reset();
        std::vector<v1::Warning> unsaid;
        CutRecordedCharges(invoice, business, adjusted_due, earlier, *ctx.rates,
                           compensation_claimed, &reported, &unsaid);
        charge.fee = reported.fee;
        charge.compensation = reported.compensation;
      }
      if (charge.fee > 0 || charge.compensation > 0) {
        const size_t warned = output->warnings.size();
        CutRecordedCharges(invoice, business, adjusted_due, earlier, *ctx.rates,
                           compensation_claimed, &charge, &output->warnings);
        // Nothing of what the law allows, if nothing was owed at all: said
        // once, instead of the cuts above.
        if (charge.sent_settled &&
            (charge.fee > 0 || charge.compensation > 0)) {
          output->warnings.resize(warned);
          CutChargesSentWhenSettled(invoice, notice.fee(),
                                    notice.compensation(), &charge,
                                    &output->warnings);
        }
        compensation_claimed |= charge.compensation > 0;
      }
      if (!Add(interest_charged_before, charge.interest,
               &interest_charged_before)) {
        return Overflow(invoice);
      }
      if (copy_history && first_pass) *result->add_history() = notice;
    }

    interest_recorded =
        SetNoticeEvents(all_charges, profile, ctx.as_of, &events);
    events.interest_cap.reset();
    if (interest_off) events.interest_cap = interest_recorded;
    if (!first_pass) {
      balance.Clear();
      accrued_interest.Clear();
    }
    if (absl::Status claimed = EvaluateClaimInto(
            events, ctx.as_of, *ctx.rates, ctx.day_count, &balance,
            &accrued_interest, &dates.interest, &output->claim);
        !claimed.ok()) {
      return absl::Status(claimed.code(),
                          absl::StrCat("invoice \"", invoice.number(),
                                       "\": ", claimed.message()));
    }
    // Which notices' demands were met in time: their deadlines were not
    // exceeded, which the next steps' fees and the transfer depend on (a
    // recorded transfer's too, whatever was paid after it), and a recorded
    // second fee too, also once the money paid covers it.
    if ((!output->claim.settled || input.collection_case != nullptr ||
         ClaimsTwoFees(all_charges, ctx.as_of)) &&
        (!events.payments.empty() || !events.credits.empty())) {
      if (absl::Status marked = MarkDemandsPaid(
              invoice, events, ctx, transferred, absl::MakeSpan(all_charges),
              &output->demand_scratch);
          !marked.ok()) {
        return marked;
      }
    }
    // Only money that reached the principal by the as-of date can have
    // paid the claim before a notice (amounts validated: no overflow).
    absl::StatusOr<bool> settled_news = false;
    if (balance.paid() + balance.credited() >= invoice.amount()) {
      settled_news = FoundNoticesSentWhenSettled(
          events, all_charges, profile, ctx, &output->events_before,
          &output->demand_scratch, &sent_settled);
    }
    if (!settled_news.ok()) {
      return absl::Status(settled_news.status().code(),
                          absl::StrCat("invoice \"", invoice.number(), "\": ",
                                       settled_news.status().message()));
    }
    const bool demand_news =
        FoundDemandsPaidInTime(all_charges, input.notices, &paid_in_time);
    if (!*settled_news && !demand_news) break;
  }
  if ((!events.payments.empty() && events.payments.back().date > ctx.as_of) ||
      (!events.credits.empty() && events.credits.back().date > ctx.as_of)) {
    FlagLaterMoney(invoice, events, ctx.as_of, &output->warnings);
  }
  if (interest_recorded > balance.interest_claimed() &&
      balance.principal_outstanding() == 0) {
    output->warnings.push_back(RecordedInterestWarning(
        invoice, interest_recorded, balance.interest_claimed(), ctx.as_of));
  }
  const ClaimState& state = output->claim;
  output->interest_before_rate_tables = state.unrated_interest_days;
  for (const PaymentAllocation& allocation : state.allocations) {
    reports->AddAllocation(allocation);
  }
  // Priced by the profile it was sent under (F19). A notice recorded ahead
  // of its day (an automatic dispatch the host has already booked) is not
  // sent yet: as in the balance, it counts from its day. The reports count
  // what the rules let a notice charge (a waived one: before its waiver).
  for (size_t k = 0; k < all_charges.size(); ++k) {
    const NoticeCharge& charge = all_charges[k];
    if (charge.sent > ctx.as_of) continue;
    const v1::Notice& notice = *input.notices[k];
    reports->AddNotice(
        notice, charge,
        SentUnder(notice.strictness(), profile) == v1::FEE_STRICTNESS_OFF,
        charge.waived.has_value() && *charge.waived <= ctx.as_of);
  }

  const StepPlan plan =
      PlanNextStep(profile, adjusted_due, all_charges, ctx.as_of);
  if (plan.last_notice >= 0) {
    const NoticeCharge& last = all_charges[plan.last_notice];
    result->set_current_step(last.step);
    dates.current_sent = last.sent;
    dates.current_deadline = last.deadline;
  }

  // The fee the next notice carries when sent on `send`.
  auto decide_fee = [&](v1::StepKind step, absl::CivilDay send) {
    FeeInput fee_input;
    fee_input.step = step;
    fee_input.send_date = send;
    fee_input.adjusted_due = adjusted_due;
    fee_input.prior = all_charges;
    fee_input.strictness = profile.strictness;
    fee_input.business_debtor = business;
    fee_input.claim_compensation = profile.claim_standard_compensation;
    fee_input.rates = ctx.rates;
    return DecideNoticeFee(fee_input);
  };
  // The fee of a step sent on `send`, as the row and the action show it: in
  // a year whose inkassosats the tables lack (a January step previewed in
  // December, an automatic dispatch on New Year's Day) it is a forecast,
  // and says so.
  auto shown_fee = [&](v1::StepKind step, absl::CivilDay send) {
    FeeDecision fee = decide_fee(step, send);
    if (fee.fee > 0 && ctx.rates->LacksCollectionRateFor(send)) {
      absl::StrAppend(&fee.note, fee.note.empty() ? "" : "; ",
                      "the rate tables have no inkassosats for ", send.year(),
                      ": reckoned on the last one");
    }
    return fee;
  };
  auto show_next = [&](absl::CivilDay earliest, bool with_fee) {
    result->set_next_step(ToNextStep(plan.next_step));
    const std::optional<absl::CivilDay> off_hold =
        FirstDayOffHold(invoice, earliest);
    if (!off_hold.has_value()) {  // paused with no end in sight
      if (with_fee && plan.next_step != v1::STEP_KIND_UNSPECIFIED) {
        // Where the law or the profile gives the step no fee on any day,
        // that is the reason; else the fee waits for the step's day.
        const FeeDecision fee = decide_fee(plan.next_step, earliest);
        result->set_next_step_fee_note(fee.fee > 0 ? kFeeWhenReleasedNote
                                                   : fee.note);
      }
      return;
    }
    const absl::CivilDay date = *off_hold;
    dates.next_step = date;
    if (with_fee && plan.next_step != v1::STEP_KIND_UNSPECIFIED) {
      const FeeDecision fee = shown_fee(plan.next_step, date);
      result->set_next_step_fee(fee.fee);
      result->set_next_step_fee_note(fee.note);
    }
  };

  // A row ready now: the earliest day of its step, or the day after the
  // last hold that paused it since, if later (README "Statuses": it
  // resumes no earlier than the day after the hold's end). No hold covers
  // the as-of date, or the row would be on hold.
  auto off_hold_next_date = [&]() {
    absl::CivilDay day = plan.next_date;
    for (const v1::Hold& hold : invoice.holds()) {
      const std::optional<absl::CivilDay> end = ParseDate(hold.end_date());
      if (end.has_value() && *end >= plan.next_date && *end < ctx.as_of) {
        day = std::max(day, *end + 1);
      }
    }
    return day;
  };

  // F1: exactly one status, in this order (README "Statuses").
  if (input.collection_case != nullptr) {
    result->set_status(v1::INVOICE_STATUS_IN_COLLECTION);
    const v1::CollectionCaseState case_state = input.collection_case->state();
    result->set_collection_state(case_state == v1::COLLECTION_CASE_STATE_UNSPECIFIED
                                     ? v1::COLLECTION_CASE_STATE_NOT_STARTED
                                     : case_state);
    // A transfer the host made itself (F3) is held to inkassoloven § 9 too:
    // it is shown as made, with a warning when no valid warning preceded it.
    if (transferred.has_value() &&
        !TransferFollowsValidWarning(all_charges, adjusted_due, *transferred)) {
      output->warnings.push_back(
          TransferWithoutValidWarning(invoice, *transferred));
    }
    // F10: a dispute pauses the invoice; a transfer made by hand (F3) while
    // it was open is the host's to weigh.
    if (transferred.has_value()) {
      if (const v1::Hold* objection = ObjectionOpenOn(invoice, *transferred);
          objection != nullptr) {
        output->warnings.push_back(
            TransferDuringObjection(invoice, *transferred, *objection));
      }
    }
    // F17: an invoice moved to collection comes with the case file its
    // agency needs until the agency has taken it up (a state past
    // NOT_STARTED, or its case reference recorded): a manual transfer (F3)
    // had no proposed action to bring one. Once everything is paid there is
    // nothing for an agency to collect.
    if (transferred.has_value() && !state.settled &&
        result->collection_state() == v1::COLLECTION_CASE_STATE_NOT_STARTED &&
        Blank(input.collection_case->case_reference())) {
      output->action->Clear();
      output->has_action = true;
      output->hand_off_only = true;
      v1::ProposedAction& action = *output->action;
      action.set_kind(v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
      action.set_invoice_number(invoice.number());
      action.set_customer_id(invoice.customer_id());
      // The id a transfer action of that day has: one the engine proposed
      // and the host recorded gives the same file the same id.
      action.set_id(StepDateId(invoice.number(), v1::STEP_KIND_UNSPECIFIED,
                               *transferred));
      action.set_date(FormatDate(*transferred));
      action.set_amount_claimed(balance.total());
      // The cost bands are read on the principal the agency took over, not
      // on what later payments left of it (README "Collection hand-off");
      // a credit note after it says the claim itself was smaller.
      output->principal_at_transfer = balance.principal_outstanding();
      if (*transferred < ctx.as_of) {
        if (absl::Status at_transfer =
                EvaluateClaimInto(events, *transferred, *ctx.rates,
                                  ctx.day_count, &output->demand_scratch);
            !at_transfer.ok()) {
          return absl::Status(at_transfer.code(),
                              absl::StrCat("invoice \"", invoice.number(),
                                           "\": ", at_transfer.message()));
        }
        int64_t credited_after = 0;  // validated: at most the amount
        for (const CreditEvent& credit : events.credits) {
          if (credit.date > *transferred && credit.date <= ctx.as_of) {
            credited_after += credit.amount;
          }
        }
        output->principal_at_transfer = std::max<int64_t>(
            0, output->demand_scratch.balance.principal_outstanding() -
                   credited_after);
      }
    }
    return absl::OkStatus();
  }
  if (state.settled) {
    result->set_status(v1::INVOICE_STATUS_PAID);
    return absl::OkStatus();
  }
  if (ctx.as_of <= adjusted_due) {
    result->set_status(v1::INVOICE_STATUS_NOT_DUE);
    // Nothing comes next for an invoice that will not be dunned once due
    // (before the cutoff, flagged do-not-dun or below the minimum amount),
    // as when it is overdue; a cutoff compared byte-wise is warned of here
    // too, since it decides.
    bool never_dunned = invoice.do_not_dun() || customer.do_not_dun ||
                        BelowMinimum(balance, ctx);
    if (!ctx.start_from.empty()) {
      const CutoffCheck cutoff = CheckCutoff(invoice.number(), ctx.start_from);
      output->cutoff_not_numeric = !cutoff.numeric;
      never_dunned |= cutoff.before_cutoff;
    }
    if (!never_dunned) show_next(plan.next_date, true);
    return absl::OkStatus();
  }
  if (!ctx.start_from.empty()) {
    const CutoffCheck cutoff = CheckCutoff(invoice.number(), ctx.start_from);
    output->cutoff_not_numeric = !cutoff.numeric;
    if (cutoff.before_cutoff) {
      result->set_status(v1::INVOICE_STATUS_BEFORE_CUTOFF);
      return absl::OkStatus();
    }
  }
  if (invoice.do_not_dun() || customer.do_not_dun) {
    result->set_status(v1::INVOICE_STATUS_DO_NOT_DUN);
    result->set_do_not_dun_source(invoice.do_not_dun()
                                      ? v1::DO_NOT_DUN_SOURCE_INVOICE
                                      : v1::DO_NOT_DUN_SOURCE_CUSTOMER);
    return absl::OkStatus();
  }
  const bool below_minimum = BelowMinimum(balance, ctx);
  const v1::Hold* hold = ActiveHold(invoice, ctx.as_of);
  // An automatic action is dated the next dispatch's day: none is sent on a
  // day the invoice is paused (F10), so a hold that has begun by then holds
  // it now.
  const bool automatic_next =
      (plan.phase == StepPhase::kReady && ctx.dispatch->progression_automatic) ||
      (plan.phase == StepPhase::kConsiderCollection &&
       ctx.dispatch->transfer_automatic);
  // Nothing is dispatched for an invoice below the minimum.
  if (hold == nullptr && automatic_next && !below_minimum &&
      ctx.dispatch->date > ctx.as_of) {
    hold = ActiveHold(invoice, ctx.dispatch->date);
  }
  if (hold != nullptr) {
    result->set_status(v1::INVOICE_STATUS_ON_HOLD);
    v1::HoldInfo* info = result->mutable_hold();
    info->set_kind(hold->kind() == v1::HOLD_KIND_UNSPECIFIED ? v1::HOLD_KIND_MANUAL
                                                           : hold->kind());
    info->set_reason(hold->reason());
    info->set_since(hold->start_date());
    info->set_until(hold->end_date());
    if (plan.waiting_until.has_value()) {
      dates.waiting_until = plan.waiting_until;
    }
    // The invoice resumes at the step it had reached, no earlier than the
    // day after the hold (and any hold following it) ends; an open-ended
    // hold has no date. Below the minimum it will not resume.
    if (!below_minimum) {
      show_next(std::max(plan.next_date,
                         ParseDate(hold->start_date()).value_or(ctx.as_of)),
                true);
    }
    return absl::OkStatus();
  }
  // After the holds: a dispute needs an answer whatever the amount.
  if (below_minimum) {
    result->set_status(v1::INVOICE_STATUS_BELOW_MINIMUM);
    return absl::OkStatus();
  }

  if (plan.waiting_until.has_value()) {
    dates.waiting_until = plan.waiting_until;
  }
  if (plan.warning_repeated) {
    output->warnings.push_back(
        NoValidCollectionWarning(invoice, plan.warning_paid));
  }
  switch (plan.phase) {
    case StepPhase::kWaiting:
      result->set_status(v1::INVOICE_STATUS_WAITING);
      show_next(plan.next_date, true);
      return absl::OkStatus();
    case StepPhase::kDeadlineNotExpired:
      result->set_status(v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED);
      show_next(plan.next_date, true);
      return absl::OkStatus();
    case StepPhase::kReady:
      result->set_status(v1::INVOICE_STATUS_READY_TO_SEND);
      break;
    case StepPhase::kConsiderCollection:
      result->set_status(v1::INVOICE_STATUS_CONSIDER_COLLECTION);
      break;
  }

  // An action for the invoice (issue 3 § 6): dated the as-of date, or the
  // next automatic dispatch's date when that mode is automatic.
  output->action->Clear();
  output->has_action = true;
  v1::ProposedAction& action = *output->action;
  action.set_invoice_number(invoice.number());
  action.set_customer_id(invoice.customer_id());
  if (plan.phase == StepPhase::kConsiderCollection) {
    const bool automatic = ctx.dispatch->transfer_automatic;
    const absl::CivilDay date = automatic ? ctx.dispatch->date : ctx.as_of;
    action.set_kind(v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
    action.set_id(StepDateId(invoice.number(), v1::STEP_KIND_UNSPECIFIED, date));
    action.set_date(FormatDate(date));
    action.set_amount_claimed(balance.total());
    action.set_automatic(automatic);
    output->principal_at_transfer = balance.principal_outstanding();
    result->set_next_step(v1::NEXT_STEP_TRANSFER_TO_COLLECTION);
    dates.next_step = off_hold_next_date();
    result->add_action_ids(action.id());
    return absl::OkStatus();
  }

  const bool automatic = ctx.dispatch->progression_automatic;
  const absl::CivilDay date = automatic ? ctx.dispatch->date : ctx.as_of;
  const FeeDecision fee = shown_fee(plan.next_step, date);
  // Interest is claimed from the first notice whose step claims it; this
  // notice charges the claimed interest not charged by earlier notices.
  const bool claims_interest =
      !interest_off && (events.interest_claimed_from.has_value() ||
                        StepClaimsInterest(profile.strictness, plan.next_step));
  int64_t interest = 0;
  int64_t interest_outstanding_after = balance.interest_outstanding();
  if (claims_interest) {
    interest = std::max<int64_t>(
        0, accrued_interest.accrued() - interest_charged_before);
    interest_outstanding_after = std::max<int64_t>(
        0, accrued_interest.accrued() - balance.interest_paid());
  }
  int64_t amount = balance.total() - balance.interest_outstanding();
  if (!Add(amount, fee.fee, &amount) || !Add(amount, fee.compensation, &amount) ||
      !Add(amount, interest_outstanding_after, &amount)) {
    return Overflow(invoice);
  }
  // The host records the notice: it must pass the next request's checks.
  if (charges_recorded + fee.fee + fee.compensation > kMaxAmount - interest) {
    return absl::OutOfRangeError(absl::StrCat(
        "invoice \"", invoice.number(), "\": its next notice (",
        StepWords(plan.next_step), ", fee ", fee.fee, ", compensation ",
        fee.compensation, ", interest ", interest,
        " øre) would bring the charges of its notices together over ",
        kMaxAmount, " øre, more than a recorded history may hold "
        "(purring/limits.h); its recorded notices already charge ",
        charges_recorded, " øre: look for an absurd fee, compensation or "
        "interest among them"));
  }
  action.set_kind(v1::ACTION_KIND_SEND_NOTICE);
  action.set_id(StepDateId(invoice.number(), plan.next_step, date));
  action.set_step(plan.next_step);
  action.set_date(FormatDate(date));
  action.set_deadline(FormatDate(NoticeDeadline(profile, date)));
  action.set_fee(fee.fee);
  action.set_compensation(fee.compensation);
  action.set_interest(interest);
  action.set_amount_claimed(amount);
  action.set_automatic(automatic);
  action.set_fee_note(fee.note);
  action.set_strictness(profile.strictness);
  result->set_next_step(ToNextStep(plan.next_step));
  dates.next_step = off_hold_next_date();
  result->set_next_step_fee(fee.fee);
  result->set_next_step_fee_note(fee.note);
  result->add_action_ids(action.id());
  return absl::OkStatus();
}

}  // namespace

absl::Status EvaluateInvoice(const InvoiceInput& input, const EvalContext& ctx,
                             v1::InvoiceResult* result, InvoiceOutput* output,
                             ReportAccumulator* reports) {
  absl::Status status = EvaluateInto(input, ctx, result, output, reports);
  if (status.ok() && !ctx.store_writes_copies) {
    SetResultDates(*output->dates, result);
  }
  return status;
}

}  // namespace purring::internal
