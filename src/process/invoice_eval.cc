#include "process/invoice_eval.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "dates.h"
#include "money/claim.h"
#include "money/fee_rules.h"
#include "money/money_math.h"
#include "process/calendar.h"
#include "process/cutoff.h"
#include "process/holds.h"
#include "process/invoice_warnings.h"
#include "process/naming.h"
#include "process/recorded_history.h"
#include "process/spaces.h"
#include "process/step_plan.h"
#include "purring/limits.h"

namespace purring::internal {
namespace {

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

// An open-ended hold's next step has no day yet, and so no fee, though it
// could carry one: the fee rules and the inkassosats depend on the day it
// is sent.
constexpr char kFeeWhenReleasedNote[] =
    "paused until the hold is released: the fee is set by the day the step "
    "is sent";

// DunningSettings.minimum_amount: what is owed on the invoice now is below
// the module's minimum. Judged on the whole balance, costs and claimed
// interest included: judged on the principal alone, the costs left once it
// is paid would be given up unsaid, whatever they come to.
bool BelowMinimum(const v1::Balance& balance, const EvalContext& ctx) {
  return ctx.minimum_amount > 0 && balance.total() < ctx.minimum_amount;
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

// One invoice's evaluation, a phase a method: its columns (F2), its money
// and recorded history, then its status (F1, in README "Statuses"' order)
// and the action proposed for it.
class InvoiceEvaluation {
 public:
  InvoiceEvaluation(const InvoiceInput& input, const EvalContext& ctx,
                    v1::InvoiceResult* result, InvoiceOutput* output)
      : input_(input),
        ctx_(ctx),
        invoice_(*input.invoice),
        customer_(*input.customer_facts),
        profile_(*customer_.choice.profile),
        result_(*result),
        output_(*output),
        dates_(*output->dates) {}

  // EvaluateInvoice but for the result's dates as text.
  absl::Status Run(ReportAccumulator* reports);

 private:
  void WriteColumns();
  void LoadMoney();
  void WarnAboutMoney();
  void FeedReports(ReportAccumulator* reports) const;
  absl::Status ShowInCollection();
  absl::Status ProposeHandOff(absl::CivilDay transferred);
  void ShowNotDue(bool below_minimum);
  absl::Status ShowOverdue(bool below_minimum);
  const v1::Hold* HoldingHold(bool below_minimum) const;
  void ShowOnHold(const v1::Hold& hold, bool below_minimum);
  FeeDecision DecideFee(v1::StepKind step, absl::CivilDay send) const;
  FeeDecision ShownFee(v1::StepKind step, absl::CivilDay send) const;
  void ShowNext(absl::CivilDay earliest, bool with_fee);
  v1::ProposedAction& NewAction();
  void ProposeTransfer();
  absl::Status ProposeNotice();

  const InvoiceInput& input_;
  const EvalContext& ctx_;
  const v1::Invoice& invoice_;
  const CustomerFacts& customer_;
  const ResolvedProfile& profile_;
  v1::InvoiceResult& result_;
  InvoiceOutput& output_;
  ResultDates& dates_;
  absl::CivilDay adjusted_due_;
  // A transfer the host recorded: its date.
  std::optional<absl::CivilDay> transferred_;
  HistoryTotals history_;
  StepPlan plan_;
};

absl::Status InvoiceEvaluation::Run(ReportAccumulator* reports) {
  PrefetchNotices(input_.notices);
  const absl::CivilDay due = input_.checked_days != nullptr
                                 ? input_.checked_days->due
                                 : ParseDateOr(invoice_.due_date(), ctx_.as_of);
  adjusted_due_ =
      ctx_.shift_due_dates ? output_.business_days.NextOnOrAfter(due) : due;
  WriteColumns();
  PrefetchNoticeStrings(input_.notices);
  PrefetchPayments(invoice_);
  LoadMoney();
  if (input_.collection_case != nullptr) {
    transferred_ = ParseDate(input_.collection_case->transferred_date());
  }
  // The history is the truth (issue 3 § 9): every recorded notice counts for
  // the step reached, even one dated after the as-of date (an automatic
  // dispatch recorded ahead of time), so it is never proposed again.
  absl::StatusOr<HistoryTotals> history = JudgeHistory(
      input_, ctx_, transferred_,
      /*copy_history=*/!ctx_.omit_history && !ctx_.store_writes_copies,
      &result_, &output_);
  if (!history.ok()) return history.status();
  history_ = *history;
  output_.interest_before_rate_tables = output_.claim.unrated_interest_days;
  WarnAboutMoney();
  FeedReports(reports);

  plan_ = PlanNextStep(profile_, adjusted_due_, output_.charges, ctx_.as_of);
  if (plan_.last_notice >= 0) {
    const NoticeCharge& last = output_.charges[plan_.last_notice];
    result_.set_current_step(last.step);
    dates_.current_sent = last.sent;
    dates_.current_deadline = last.deadline;
  }

  // F1: exactly one status, in this order (README "Statuses").
  if (input_.collection_case != nullptr) return ShowInCollection();
  if (output_.claim.settled) {
    result_.set_status(v1::INVOICE_STATUS_PAID);
    return absl::OkStatus();
  }
  const bool below_minimum = BelowMinimum(result_.balance(), ctx_);
  if (ctx_.as_of <= adjusted_due_) {
    ShowNotDue(below_minimum);
    return absl::OkStatus();
  }
  return ShowOverdue(below_minimum);
}

void InvoiceEvaluation::WriteColumns() {
  const ProfileTable::Choice& choice = customer_.choice;
  if (!ctx_.store_writes_copies) {
    result_.set_invoice_number(invoice_.number());
    result_.set_customer_id(invoice_.customer_id());
    result_.set_customer_name(customer_.name().data(), customer_.name().size());
    result_.set_profile_id(profile_.id);
    result_.set_invoice_date(invoice_.invoice_date());
    result_.set_due_date(invoice_.due_date());
  }
  result_.set_customer_type(choice.type);
  result_.set_custom_process(choice.custom);
  dates_.adjusted_due = adjusted_due_;
  dates_.current_sent.reset();
  dates_.current_deadline.reset();
  dates_.waiting_until.reset();
  dates_.next_step.reset();
  result_.set_original_amount(invoice_.amount());
}

// The invoice's payments and credit notes into the claim's events, by date.
void InvoiceEvaluation::LoadMoney() {
  ClaimEvents& events = output_.events;
  events.payments.clear();
  events.credits.clear();
  events.adjusted_due = adjusted_due_;
  events.original = invoice_.amount();
  events.payments.reserve(invoice_.payments_size());
  const CheckedDays* checked = input_.checked_days;
  for (int i = 0; i < invoice_.payments_size(); ++i) {
    const v1::Payment& p = invoice_.payments(i);
    events.payments.push_back({checked != nullptr
                                   ? checked->payments[i]
                                   : ParseDateOr(p.date(), ctx_.as_of),
                               p.amount(), p.allocation()});
  }
  SortByDate(&events.payments);
  for (const v1::CreditNote& c : invoice_.credit_notes()) {
    events.credits.push_back({ParseDateOr(c.date(), ctx_.as_of), c.amount()});
  }
  SortByDate(&events.credits);
}

// Money dated after the as-of date, and recorded interest the claim does
// not bear out. The notices' recorded interest is what the host posted
// (F15); more than has accrued by the as-of date (a history from another
// system, or payments and credit notes dated before a notice but booked
// after it) is not claimed. Said once no principal is left: until then
// interest accruing makes up the difference, and the next notice charges
// from what the notices recorded; from then on the host has the difference
// to reverse.
void InvoiceEvaluation::WarnAboutMoney() {
  const ClaimEvents& events = output_.events;
  if ((!events.payments.empty() && events.payments.back().date > ctx_.as_of) ||
      (!events.credits.empty() && events.credits.back().date > ctx_.as_of)) {
    FlagLaterMoney(invoice_, events, ctx_.as_of, &output_.warnings);
  }
  if (history_.waivers_after_as_of > 0) {
    output_.warnings.push_back(
        LaterWaiverWarning(invoice_, history_.waivers_after_as_of, ctx_.as_of));
  }
  const v1::Balance& balance = result_.balance();
  if (history_.interest_recorded > balance.interest_claimed() &&
      balance.principal_outstanding() == 0) {
    output_.warnings.push_back(
        RecordedInterestWarning(invoice_, history_.interest_recorded,
                                balance.interest_claimed(), ctx_.as_of));
  }
}

// The payments' allocations and the notices sent, for F18 and F19. Priced by
// the profile a notice was sent under (F19). A notice recorded ahead of its
// day (an automatic dispatch the host has already booked) is not sent yet:
// as in the balance, it counts from its day. The reports count what the
// rules let a notice charge (a waived one: before its waiver).
void InvoiceEvaluation::FeedReports(ReportAccumulator* reports) const {
  for (const PaymentAllocation& allocation : output_.claim.allocations) {
    reports->AddAllocation(allocation);
  }
  for (size_t k = 0; k < output_.charges.size(); ++k) {
    const NoticeCharge& charge = output_.charges[k];
    if (charge.sent > ctx_.as_of) continue;
    const v1::Notice& notice = *input_.notices[k];
    reports->AddNotice(
        notice, charge,
        SentUnder(notice.strictness(), profile_) == v1::FEE_STRICTNESS_OFF,
        charge.waived.has_value() && *charge.waived <= ctx_.as_of);
  }
}

absl::Status InvoiceEvaluation::ShowInCollection() {
  result_.set_status(v1::INVOICE_STATUS_IN_COLLECTION);
  const v1::CollectionCaseState case_state = input_.collection_case->state();
  result_.set_collection_state(case_state ==
                                       v1::COLLECTION_CASE_STATE_UNSPECIFIED
                                   ? v1::COLLECTION_CASE_STATE_NOT_STARTED
                                   : case_state);
  if (!transferred_.has_value()) return absl::OkStatus();
  // A transfer the host made itself (F3) is held to inkassoloven § 9 too:
  // it is shown as made, with a warning when no valid warning preceded it.
  if (!TransferFollowsValidWarning(output_.charges, adjusted_due_,
                                   *transferred_)) {
    output_.warnings.push_back(
        TransferWithoutValidWarning(invoice_, *transferred_));
  }
  // F10: a dispute pauses the invoice; a transfer made by hand (F3) while
  // it was open is the host's to weigh.
  if (const v1::Hold* objection = ObjectionOpenOn(invoice_, *transferred_);
      objection != nullptr) {
    output_.warnings.push_back(
        TransferDuringObjection(invoice_, *transferred_, *objection));
  }
  // F17: an invoice moved to collection comes with the case file its
  // agency needs until the agency has taken it up (a state past
  // NOT_STARTED, or its case reference recorded): a manual transfer (F3)
  // had no proposed action to bring one. Once everything is paid there is
  // nothing for an agency to collect.
  if (!output_.claim.settled &&
      result_.collection_state() == v1::COLLECTION_CASE_STATE_NOT_STARTED &&
      Blank(input_.collection_case->case_reference())) {
    return ProposeHandOff(*transferred_);
  }
  return absl::OkStatus();
}

// The transfer the host recorded on `transferred`, there only for its case
// file (InvoiceOutput::hand_off_only).
absl::Status InvoiceEvaluation::ProposeHandOff(absl::CivilDay transferred) {
  v1::ProposedAction& action = NewAction();
  output_.hand_off_only = true;
  action.set_kind(v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
  // The id a transfer action of that day has: one the engine proposed
  // and the host recorded gives the same file the same id.
  action.set_id(
      StepDateId(invoice_.number(), v1::STEP_KIND_UNSPECIFIED, transferred));
  action.set_date(FormatDate(transferred));
  action.set_amount_claimed(result_.balance().total());
  // The cost bands are read on the principal the agency took over, not
  // on what later payments left of it (README "Collection hand-off");
  // a credit note after it says the claim itself was smaller.
  output_.principal_at_transfer = result_.balance().principal_outstanding();
  if (transferred >= ctx_.as_of) return absl::OkStatus();
  if (absl::Status at_transfer =
          EvaluateClaimInto(output_.events, transferred, *ctx_.rates,
                            ctx_.day_count, &output_.demand_scratch);
      !at_transfer.ok()) {
    return AboutInvoice(invoice_, at_transfer);
  }
  int64_t credited_after = 0;  // validated: at most the amount
  for (const CreditEvent& credit : output_.events.credits) {
    if (credit.date > transferred && credit.date <= ctx_.as_of) {
      credited_after += credit.amount;
    }
  }
  output_.principal_at_transfer = std::max<int64_t>(
      0,
      output_.demand_scratch.balance.principal_outstanding() - credited_after);
  return absl::OkStatus();
}

// Nothing comes next for an invoice that will not be dunned once due
// (before the cutoff, flagged do-not-dun or below the minimum amount), as
// when it is overdue; a cutoff compared byte-wise is warned of here too,
// since it decides.
void InvoiceEvaluation::ShowNotDue(bool below_minimum) {
  result_.set_status(v1::INVOICE_STATUS_NOT_DUE);
  bool never_dunned =
      invoice_.do_not_dun() || customer_.do_not_dun || below_minimum;
  if (!ctx_.start_from.empty()) {
    const CutoffCheck cutoff = CheckCutoff(invoice_.number(), ctx_.start_from);
    output_.cutoff_not_numeric = !cutoff.numeric;
    never_dunned |= cutoff.before_cutoff;
  }
  if (!never_dunned) ShowNext(plan_.next_date, true);
}

absl::Status InvoiceEvaluation::ShowOverdue(bool below_minimum) {
  if (!ctx_.start_from.empty()) {
    const CutoffCheck cutoff = CheckCutoff(invoice_.number(), ctx_.start_from);
    output_.cutoff_not_numeric = !cutoff.numeric;
    if (cutoff.before_cutoff) {
      result_.set_status(v1::INVOICE_STATUS_BEFORE_CUTOFF);
      return absl::OkStatus();
    }
  }
  if (invoice_.do_not_dun() || customer_.do_not_dun) {
    result_.set_status(v1::INVOICE_STATUS_DO_NOT_DUN);
    result_.set_do_not_dun_source(invoice_.do_not_dun()
                                      ? v1::DO_NOT_DUN_SOURCE_INVOICE
                                      : v1::DO_NOT_DUN_SOURCE_CUSTOMER);
    return absl::OkStatus();
  }
  if (const v1::Hold* hold = HoldingHold(below_minimum); hold != nullptr) {
    ShowOnHold(*hold, below_minimum);
    return absl::OkStatus();
  }
  // After the holds: a dispute needs an answer whatever the amount.
  if (below_minimum) {
    result_.set_status(v1::INVOICE_STATUS_BELOW_MINIMUM);
    return absl::OkStatus();
  }

  if (plan_.waiting_until.has_value())
    dates_.waiting_until = plan_.waiting_until;
  if (plan_.warning_repeated) {
    output_.warnings.push_back(
        NoValidCollectionWarning(invoice_, plan_.warning_paid));
  }
  switch (plan_.phase) {
    case StepPhase::kWaiting:
      result_.set_status(v1::INVOICE_STATUS_WAITING);
      ShowNext(plan_.next_date, true);
      return absl::OkStatus();
    case StepPhase::kDeadlineNotExpired:
      result_.set_status(v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED);
      ShowNext(plan_.next_date, true);
      return absl::OkStatus();
    case StepPhase::kReady:
      result_.set_status(v1::INVOICE_STATUS_READY_TO_SEND);
      return ProposeNotice();
    case StepPhase::kConsiderCollection:
      result_.set_status(v1::INVOICE_STATUS_CONSIDER_COLLECTION);
      ProposeTransfer();
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

// The hold that pauses the overdue invoice, if any. An automatic action is
// dated the next dispatch's day: none is sent on a day the invoice is paused
// (F10), so a hold that has begun by then holds it now. Nothing is
// dispatched for an invoice below the minimum.
const v1::Hold* InvoiceEvaluation::HoldingHold(bool below_minimum) const {
  if (const v1::Hold* hold = ActiveHold(invoice_, ctx_.as_of);
      hold != nullptr) {
    return hold;
  }
  const bool automatic_next = (plan_.phase == StepPhase::kReady &&
                               ctx_.dispatch->progression_automatic) ||
                              (plan_.phase == StepPhase::kConsiderCollection &&
                               ctx_.dispatch->transfer_automatic);
  if (automatic_next && !below_minimum && ctx_.dispatch->date > ctx_.as_of) {
    return ActiveHold(invoice_, ctx_.dispatch->date);
  }
  return nullptr;
}

void InvoiceEvaluation::ShowOnHold(const v1::Hold& hold, bool below_minimum) {
  result_.set_status(v1::INVOICE_STATUS_ON_HOLD);
  v1::HoldInfo* info = result_.mutable_hold();
  info->set_kind(hold.kind() == v1::HOLD_KIND_UNSPECIFIED ? v1::HOLD_KIND_MANUAL
                                                          : hold.kind());
  info->set_reason(hold.reason());
  info->set_since(hold.start_date());
  info->set_until(hold.end_date());
  if (plan_.waiting_until.has_value())
    dates_.waiting_until = plan_.waiting_until;
  // The invoice resumes at the step it had reached, no earlier than the
  // day after the hold (and any hold following it) ends; an open-ended
  // hold has no date. Below the minimum it will not resume.
  if (!below_minimum) {
    ShowNext(std::max(plan_.next_date,
                      ParseDate(hold.start_date()).value_or(ctx_.as_of)),
             true);
  }
}

// The fee the next notice carries when sent on `send`.
FeeDecision InvoiceEvaluation::DecideFee(v1::StepKind step,
                                         absl::CivilDay send) const {
  FeeInput fee_input;
  fee_input.step = step;
  fee_input.send_date = send;
  fee_input.adjusted_due = adjusted_due_;
  fee_input.prior = output_.charges;
  fee_input.strictness = profile_.strictness;
  fee_input.business_debtor =
      customer_.choice.type == v1::CUSTOMER_TYPE_BUSINESS;
  fee_input.claim_compensation = profile_.claim_standard_compensation;
  fee_input.rates = ctx_.rates;
  return DecideNoticeFee(fee_input);
}

// The fee of a step sent on `send`, as the row and the action show it: in
// a year whose inkassosats the tables lack (a January step previewed in
// December, an automatic dispatch on New Year's Day) it is a forecast, and
// says so.
FeeDecision InvoiceEvaluation::ShownFee(v1::StepKind step,
                                        absl::CivilDay send) const {
  FeeDecision fee = DecideFee(step, send);
  if (fee.fee > 0 && ctx_.rates->LacksCollectionRateFor(send)) {
    absl::StrAppend(&fee.note, fee.note.empty() ? "" : "; ",
                    "the rate tables have no inkassosats for ", send.year(),
                    ": reckoned on the last one");
  }
  return fee;
}

// The row's next step, on the first day from `earliest` on that no hold
// covers, with its fee when `with_fee`.
void InvoiceEvaluation::ShowNext(absl::CivilDay earliest, bool with_fee) {
  result_.set_next_step(ToNextStep(plan_.next_step));
  with_fee &= plan_.next_step != v1::STEP_KIND_UNSPECIFIED;
  const std::optional<absl::CivilDay> off_hold =
      FirstDayOffHold(invoice_, earliest);
  if (!off_hold.has_value()) {  // paused with no end in sight
    if (with_fee) {
      // Where the law or the profile gives the step no fee on any day,
      // that is the reason; else the fee waits for the step's day.
      const FeeDecision fee = DecideFee(plan_.next_step, earliest);
      result_.set_next_step_fee_note(fee.fee > 0 ? kFeeWhenReleasedNote
                                                 : fee.note);
    }
    return;
  }
  dates_.next_step = *off_hold;
  if (with_fee) {
    const FeeDecision fee = ShownFee(plan_.next_step, *off_hold);
    result_.set_next_step_fee(fee.fee);
    result_.set_next_step_fee_note(fee.note);
  }
}

// The caller's action message, cleared, for this invoice.
v1::ProposedAction& InvoiceEvaluation::NewAction() {
  output_.action->Clear();
  output_.has_action = true;
  v1::ProposedAction& action = *output_.action;
  action.set_invoice_number(invoice_.number());
  action.set_customer_id(invoice_.customer_id());
  return action;
}

// An action for the invoice (issue 3 § 6): dated the as-of date, or the
// next automatic dispatch's date when that mode is automatic. A row ready
// now shows the earliest day of its step, or the day after the last hold
// that paused it since, if later (no hold covers the as-of date, or the
// row would be on hold).
void InvoiceEvaluation::ProposeTransfer() {
  v1::ProposedAction& action = NewAction();
  const bool automatic = ctx_.dispatch->transfer_automatic;
  const absl::CivilDay date = automatic ? ctx_.dispatch->date : ctx_.as_of;
  action.set_kind(v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
  action.set_id(StepDateId(invoice_.number(), v1::STEP_KIND_UNSPECIFIED, date));
  action.set_date(FormatDate(date));
  action.set_amount_claimed(result_.balance().total());
  action.set_automatic(automatic);
  output_.principal_at_transfer = result_.balance().principal_outstanding();
  result_.set_next_step(v1::NEXT_STEP_TRANSFER_TO_COLLECTION);
  dates_.next_step =
      DayAfterHoldsEndedBy(invoice_, plan_.next_date, ctx_.as_of);
  result_.add_action_ids(action.id());
}

// As ProposeTransfer, for the next notice.
absl::Status InvoiceEvaluation::ProposeNotice() {
  const bool automatic = ctx_.dispatch->progression_automatic;
  const absl::CivilDay date = automatic ? ctx_.dispatch->date : ctx_.as_of;
  const FeeDecision fee = ShownFee(plan_.next_step, date);
  const v1::Balance& balance = result_.balance();
  // Interest is claimed from the first notice whose step claims it; this
  // notice charges the claimed interest not charged by earlier notices.
  // Fees and interest off: none beyond what earlier notices charged
  // (types.proto FEE_STRICTNESS_OFF).
  const bool claims_interest =
      profile_.strictness != v1::FEE_STRICTNESS_OFF &&
      (output_.events.interest_claimed_from.has_value() ||
       StepClaimsInterest(profile_.strictness, plan_.next_step));
  int64_t interest = 0;
  int64_t interest_outstanding_after = balance.interest_outstanding();
  if (claims_interest) {
    const int64_t accrued = result_.interest().accrued();
    interest = std::max<int64_t>(0, accrued - history_.interest_charged);
    interest_outstanding_after =
        std::max<int64_t>(0, accrued - balance.interest_paid());
  }
  int64_t amount = balance.total() - balance.interest_outstanding();
  if (!AddMoney(fee.fee, &amount).ok() ||
      !AddMoney(fee.compensation, &amount).ok() ||
      !AddMoney(interest_outstanding_after, &amount).ok()) {
    return AmountOverflow(invoice_);
  }
  // The host records the notice: it must pass the next request's checks.
  if (history_.charges_recorded + fee.fee + fee.compensation >
      kMaxAmount - interest) {
    return absl::OutOfRangeError(absl::StrCat(
        "invoice \"", invoice_.number(), "\": its next notice (",
        StepWords(plan_.next_step), ", fee ", fee.fee, ", compensation ",
        fee.compensation, ", interest ", interest,
        " øre) would bring the charges of its notices together over ",
        kMaxAmount,
        " øre, more than a recorded history may hold "
        "(purring/limits.h); its recorded notices already charge ",
        history_.charges_recorded,
        " øre: look for an absurd fee, "
        "compensation or interest among them"));
  }
  v1::ProposedAction& action = NewAction();
  action.set_kind(v1::ACTION_KIND_SEND_NOTICE);
  action.set_id(StepDateId(invoice_.number(), plan_.next_step, date));
  action.set_step(plan_.next_step);
  action.set_date(FormatDate(date));
  action.set_deadline(FormatDate(NoticeDeadline(profile_, date)));
  action.set_fee(fee.fee);
  action.set_compensation(fee.compensation);
  action.set_interest(interest);
  action.set_amount_claimed(amount);
  action.set_automatic(automatic);
  action.set_fee_note(fee.note);
  action.set_strictness(profile_.strictness);
  result_.set_next_step(ToNextStep(plan_.next_step));
  dates_.next_step =
      DayAfterHoldsEndedBy(invoice_, plan_.next_date, ctx_.as_of);
  result_.set_next_step_fee(fee.fee);
  result_.set_next_step_fee_note(fee.note);
  result_.add_action_ids(action.id());
  return absl::OkStatus();
}

}  // namespace

absl::Status EvaluateInvoice(const InvoiceInput& input, const EvalContext& ctx,
                             v1::InvoiceResult* result, InvoiceOutput* output,
                             ReportAccumulator* reports) {
  absl::Status status =
      InvoiceEvaluation(input, ctx, result, output).Run(reports);
  if (status.ok() && !ctx.store_writes_copies) {
    SetResultDates(*output->dates, result);
  }
  return status;
}

}  // namespace purring::internal
