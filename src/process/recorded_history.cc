#include "process/recorded_history.h"

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
#include "money/money_math.h"
#include "process/invoice_warnings.h"
#include "process/step_plan.h"

namespace purring::internal {
namespace {

// The notice's dates (as validation parsed them, or parsed here when
// `checked` is nullptr), with its amounts.
NoticeCharge ChargeOf(const v1::Notice& n, const NoticeDays* checked,
                      const ResolvedProfile& profile, absl::CivilDay as_of) {
  NoticeCharge charge;
  charge.step = n.step();
  charge.fee = n.fee();
  charge.compensation = n.compensation();
  charge.compensation_recorded = n.compensation() > 0;
  charge.interest = n.interest();
  charge.strictness = n.strictness();
  charge.channel = n.channel();
  charge.amount_claimed = n.amount_claimed();
  if (checked != nullptr) {
    charge.sent = checked->sent;
    charge.deadline = checked->deadline;
    charge.waived = checked->waived;
  } else {
    charge.sent = ParseDateOr(n.sent_date(), as_of);
    charge.deadline = n.deadline().empty()
                          ? NoticeDeadline(profile, charge.sent)
                          : ParseDateOr(n.deadline(), charge.sent);
    if (!n.fee_waived_date().empty()) {
      charge.waived = ParseDateOr(n.fee_waived_date(), charge.sent);
    }
  }
  // A fee waived after the as-of date is still owed on it, as a payment
  // dated after it is not yet counted.
  if (charge.waived.has_value() && *charge.waived > as_of)
    charge.waived.reset();
  return charge;
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
      return AboutInvoice(invoice, paid.status());
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
    const ResolvedProfile& profile, const EvalContext& ctx, ClaimEvents* before,
    ClaimState* scratch, std::vector<bool>* sent_settled) {
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

// One pass over the notices, judged with what the earlier passes found
// (output->paid_in_time, output->sent_settled): into output->charges, with
// the warnings about them; copies them to result's history when
// copy_history.
absl::Status JudgeNotices(const InvoiceInput& input, const EvalContext& ctx,
                          bool copy_history, v1::InvoiceResult* result,
                          InvoiceOutput* output, HistoryTotals* totals) {
  const v1::Invoice& invoice = *input.invoice;
  const ResolvedProfile& profile = *input.customer_facts->choice.profile;
  const bool business =
      input.customer_facts->choice.type == v1::CUSTOMER_TYPE_BUSINESS;
  const absl::CivilDay adjusted_due = output->events.adjusted_due;
  const std::vector<bool>& paid_in_time = output->paid_in_time;
  const std::vector<bool>& sent_settled = output->sent_settled;
  std::vector<NoticeCharge>& all_charges = output->charges;
  all_charges.clear();
  totals->interest_charged = 0;
  totals->charges_recorded = 0;
  totals->waivers_after_as_of = 0;
  // Whether an earlier notice claims B2B compensation: a fee after it is
  // deducted from it.
  bool compensation_claimed = false;
  for (size_t k = 0; k < input.notices.size(); ++k) {
    const v1::Notice& notice = *input.notices[k];
    totals->charges_recorded +=
        notice.fee() + notice.compensation() + notice.interest();
    NoticeCharge& charge = all_charges.emplace_back(
        ChargeOf(notice,
                 input.checked_days != nullptr ? &input.checked_days->notices[k]
                                               : nullptr,
                 profile, ctx.as_of));
    // ChargeOf leaves out a waiver dated after the as-of date.
    if (!notice.fee_waived_date().empty() && !charge.waived.has_value()) {
      ++totals->waivers_after_as_of;
    }
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
    const bool judge_for_report = charge.waived.has_value() &&
                                  (charge.fee > 0 || charge.compensation > 0);
    if (judge_for_report) {
      NoticeCharge reported = charge;
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
      if (charge.sent_settled && (charge.fee > 0 || charge.compensation > 0)) {
        output->warnings.resize(warned);
        CutChargesSentWhenSettled(invoice, notice.fee(), notice.compensation(),
                                  &charge, &output->warnings);
      }
      compensation_claimed |= charge.compensation > 0;
    }
    if (!AddMoney(charge.interest, &totals->interest_charged).ok()) {
      return AmountOverflow(invoice);
    }
    if (copy_history) *result->add_history() = notice;
  }
  return absl::OkStatus();
}

}  // namespace

v1::FeeStrictness SentUnder(v1::FeeStrictness recorded,
                            const ResolvedProfile& profile) {
  return recorded != v1::FEE_STRICTNESS_UNSPECIFIED ? recorded
                                                    : profile.strictness;
}

absl::StatusOr<HistoryTotals> JudgeHistory(
    const InvoiceInput& input, const EvalContext& ctx,
    std::optional<absl::CivilDay> transferred, bool copy_history,
    v1::InvoiceResult* result, InvoiceOutput* output) {
  const v1::Invoice& invoice = *input.invoice;
  const ResolvedProfile& profile = *input.customer_facts->choice.profile;
  ClaimEvents& events = output->events;
  // Written straight into the result: nothing to copy afterwards.
  v1::Balance& balance = *result->mutable_balance();
  v1::Interest& accrued_interest = *result->mutable_interest();
  // What the passes found (empty: nothing yet).
  output->paid_in_time.clear();
  output->sent_settled.clear();
  const size_t warnings_before = output->warnings.size();
  if (copy_history) {
    result->mutable_history()->Reserve(static_cast<int>(input.notices.size()));
  }
  HistoryTotals totals;
  for (bool first_pass = true;; first_pass = false) {
    output->warnings.resize(warnings_before);
    if (absl::Status judged = JudgeNotices(
            input, ctx, copy_history && first_pass, result, output, &totals);
        !judged.ok()) {
      return judged;
    }
    // The money at the as-of date: only notices sent by then charge
    // anything. Fees and interest off: no interest is claimed beyond what
    // earlier notices charged (types.proto FEE_STRICTNESS_OFF).
    totals.interest_recorded =
        SetNoticeEvents(output->charges, profile, ctx.as_of, &events);
    events.interest_cap.reset();
    if (profile.strictness == v1::FEE_STRICTNESS_OFF) {
      events.interest_cap = totals.interest_recorded;
    }
    if (!first_pass) {
      balance.Clear();
      accrued_interest.Clear();
    }
    if (absl::Status claimed = EvaluateClaimInto(
            events, ctx.as_of, *ctx.rates, ctx.day_count, &balance,
            &accrued_interest, &output->dates->interest, &output->claim);
        !claimed.ok()) {
      return AboutInvoice(invoice, claimed);
    }
    // Which notices' demands were met in time: their deadlines were not
    // exceeded, which the next steps' fees and the transfer depend on (a
    // recorded transfer's too, whatever was paid after it), and a recorded
    // second fee too, also once the money paid covers it.
    if ((!output->claim.settled || input.collection_case != nullptr ||
         ClaimsTwoFees(output->charges, ctx.as_of)) &&
        (!events.payments.empty() || !events.credits.empty())) {
      if (absl::Status marked = MarkDemandsPaid(
              invoice, events, ctx, transferred,
              absl::MakeSpan(output->charges), &output->demand_scratch);
          !marked.ok()) {
        return marked;
      }
    }
    // Only money that reached the principal by the as-of date can have
    // paid the claim before a notice (amounts validated: no overflow).
    absl::StatusOr<bool> settled_news = false;
    if (balance.paid() + balance.credited() >= invoice.amount()) {
      settled_news = FoundNoticesSentWhenSettled(
          events, output->charges, profile, ctx, &output->events_before,
          &output->demand_scratch, &output->sent_settled);
    }
    if (!settled_news.ok()) {
      return AboutInvoice(invoice, settled_news.status());
    }
    const bool demand_news = FoundDemandsPaidInTime(
        output->charges, input.notices, &output->paid_in_time);
    if (!*settled_news && !demand_news) break;
  }
  return totals;
}

}  // namespace purring::internal
