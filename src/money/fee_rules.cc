#include "money/fee_rules.h"

#include <algorithm>

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "dates.h"

namespace purring::internal {
namespace {

// settings.proto: an unspecified strictness means medium.
v1::FeeStrictness Effective(v1::FeeStrictness strictness) {
  return strictness == v1::FEE_STRICTNESS_UNSPECIFIED ? v1::FEE_STRICTNESS_MEDIUM
                                                      : strictness;
}

bool Waived(const NoticeCharge& notice) { return notice.waived.has_value(); }

// B2B (forsinkelsesrenteloven § 3a, law.md § 6): fees and compensation
// together come to max(compensation, Σ fees); a notice sent on `send`
// charging `fee` may add the increase over what the earlier notices
// charged, fee first. A compensation waived by `send` is given up for good
// (one recorded, even where the law let the notice claim none of it):
// then `given_up` names the notice and no compensation is added; a fee
// stands alone, but for one still claimed of an earlier notice (the waiver
// was of a later notice's), which takes the fee into it as before
// (`claimed`). One waived after `send` still counted when the notice was
// sent. Sums in 128 bits: a hostile history cannot wrap them.
struct CompensationRoom {
  const NoticeCharge* given_up = nullptr;
  bool claimed = false;       // a compensation not waived
  absl::int128 increase = 0;  // >= 0
};
CompensationRoom RoomWithCompensation(absl::Span<const NoticeCharge> prior,
                                      absl::CivilDay send, int64_t fee,
                                      int64_t standard) {
  CompensationRoom room;
  absl::int128 prior_fees = 0, prior_total = 0;
  for (const NoticeCharge& notice : prior) {
    if (WaivedBy(notice, send)) {
      if ((notice.compensation > 0 || notice.compensation_recorded) &&
          room.given_up == nullptr) {
        room.given_up = &notice;
      }
      continue;
    }
    room.claimed |= notice.compensation > 0;
    prior_fees += notice.fee;
    prior_total += absl::int128(notice.fee) + notice.compensation;
  }
  room.increase = std::max(
      absl::int128(0),
      std::max(absl::int128(standard), prior_fees + fee) - prior_total);
  return room;
}

constexpr char kFeeDeductedNote[] =
    "forsinkelsesrenteloven § 3a: the reminder fee is deducted from the "
    "standard compensation already claimed";

// The statutory fee the law allows on this notice, or 0 with the reason.
int64_t LawfulFee(const FeeInput& in, std::string* why_not) {
  const absl::CivilDay first_fee_day = FirstFeeDay(in.adjusted_due);
  if (in.send_date < first_fee_day) {
    *why_not = absl::StrCat(
        "inkassoforskriften § 1-2: no fee on a notice sent less than 14 days "
        "after the due date (first fee day ",
        FormatDate(first_fee_day), ")");
    return 0;
  }
  // Fee-bearing notices so far (a fee waived by the send date does not
  // count): how many, and the first of them. Counted, not collected: this
  // runs once per proposal.
  int charged = 0;
  const NoticeCharge* first_charged = nullptr;
  for (const NoticeCharge& notice : in.prior) {
    if (notice.fee > 0 && !WaivedBy(notice, in.send_date)) {
      if (first_charged == nullptr) first_charged = &notice;
      ++charged;
    }
  }
  if (charged >= 2) {
    *why_not =
        "inkassoforskriften § 1-3: two fee-bearing notices already sent for "
        "this claim";
    return 0;
  }
  if (charged == 1) {
    const NoticeCharge& first = *first_charged;
    // § 1-3 allows purring + purring or purring + a later inkassovarsel: a
    // fee-bearing inkassovarsel is the last reminder-type fee.
    if (first.step == v1::STEP_KIND_COLLECTION_WARNING) {
      *why_not = absl::StrCat(
          "inkassoforskriften § 1-3: the inkassovarsel sent ",
          FormatDate(first.sent),
          " already carried a fee; a second fee may only follow a purring");
      return 0;
    }
    if (first.deadline < first.sent + kMinDeadlineDays) {
      *why_not = absl::StrCat(
          "inkassoforskriften § 1-3: the first fee-bearing notice (sent ",
          FormatDate(first.sent), ") gave a deadline shorter than 14 days");
      return 0;
    }
    if (first.demand_paid) {
      *why_not = absl::StrCat(
          "inkassoforskriften § 1-3: what the first fee-bearing notice (sent ",
          FormatDate(first.sent),
          ") demanded was paid by its deadline, which was not exceeded");
      return 0;
    }
    if (in.send_date <= first.deadline) {
      *why_not = absl::StrCat(
          "inkassoforskriften § 1-3: a second fee only after the first fee "
          "notice's deadline (",
          FormatDate(first.deadline), ") has passed");
      return 0;
    }
  }
  const int64_t max = in.rates->MaxReminderFee(in.adjusted_due, in.send_date);
  if (max == 0) {
    *why_not = absl::StrCat(
        "inkassoforskriften § 1-2: the rate tables give no fee for a notice "
        "sent ",
        FormatDate(in.send_date), " on a claim due ",
        FormatDate(in.adjusted_due),
        " (the inkassosats by the send date, the fraction by the due date)");
  }
  return max;
}

// A recorded notice as DecideNoticeFee would have seen it.
FeeInput FeeInputFor(const NoticeCharge& notice, absl::CivilDay adjusted_due,
                     absl::Span<const NoticeCharge> prior,
                     const RateBook& rates) {
  FeeInput in;
  in.step = notice.step;
  in.send_date = notice.sent;
  in.adjusted_due = adjusted_due;
  in.prior = prior;
  in.rates = &rates;
  return in;
}

bool MayCarryFee(v1::StepKind step) {
  return step == v1::STEP_KIND_DUNNING ||
         step == v1::STEP_KIND_COLLECTION_WARNING;
}

}  // namespace

bool ProfileChargesFee(v1::FeeStrictness strictness, v1::StepKind step) {
  if (!MayCarryFee(step)) return false;  // a påminnelse never carries a fee
  switch (Effective(strictness)) {
    case v1::FEE_STRICTNESS_MILD:
      return step == v1::STEP_KIND_COLLECTION_WARNING;
    case v1::FEE_STRICTNESS_MEDIUM:
    case v1::FEE_STRICTNESS_STRENG:
      return true;
    default:
      return false;
  }
}

bool StepClaimsInterest(v1::FeeStrictness strictness, v1::StepKind step) {
  switch (Effective(strictness)) {
    case v1::FEE_STRICTNESS_MILD:
      return step == v1::STEP_KIND_COLLECTION_WARNING;
    case v1::FEE_STRICTNESS_MEDIUM:
      return step == v1::STEP_KIND_DUNNING ||
             step == v1::STEP_KIND_COLLECTION_WARNING;
    case v1::FEE_STRICTNESS_STRENG:
      return step == v1::STEP_KIND_REMINDER || step == v1::STEP_KIND_DUNNING ||
             step == v1::STEP_KIND_COLLECTION_WARNING;
    default:
      return false;
  }
}

absl::CivilDay FirstFeeDay(absl::CivilDay adjusted_due) {
  return adjusted_due + 14;
}

FeeDecision DecideNoticeFee(const FeeInput& in) {
  FeeDecision decision;
  int64_t statutory_fee = 0;
  if (ProfileChargesFee(in.strictness, in.step)) {
    statutory_fee = LawfulFee(in, &decision.note);
  }
  // Compensation already claimed (under this profile or an earlier one)
  // still takes the fee into it; only a profile claiming it adds more. The
  // history is scanned only for a business debtor whose profile claims none.
  const auto compensation_claimed = [&] {
    return std::any_of(
        in.prior.begin(), in.prior.end(), [&](const NoticeCharge& notice) {
          return notice.compensation > 0 && !WaivedBy(notice, in.send_date);
        });
  };
  const bool compensation_applies =
      in.business_debtor &&
      Effective(in.strictness) != v1::FEE_STRICTNESS_OFF &&
      (in.claim_compensation || compensation_claimed());
  if (!compensation_applies) {
    decision.fee = statutory_fee;
    return decision;
  }
  const int64_t standard = in.rates->StandardCompensation(in.adjusted_due);
  const CompensationRoom room =
      RoomWithCompensation(in.prior, in.send_date, statutory_fee, standard);
  if (room.given_up != nullptr) {
    decision.fee = statutory_fee;
    if (room.claimed && room.increase < statutory_fee) {
      decision.fee = static_cast<int64_t>(room.increase);
      decision.note = kFeeDeductedNote;
    }
    return decision;
  }
  // With non-negative history amounts the increase is at most
  // max(compensation, statutory fee); the clamp only guards hostile input.
  const absl::int128 increase = std::min(
      room.increase, absl::int128(std::max(standard, statutory_fee)));
  decision.fee = static_cast<int64_t>(std::min(increase, absl::int128(statutory_fee)));
  decision.compensation =
      in.claim_compensation ? static_cast<int64_t>(increase) - decision.fee : 0;
  if (statutory_fee > 0 && decision.fee < statutory_fee) {
    decision.note = kFeeDeductedNote;
  }
  return decision;
}

int64_t ClaimableRecordedFee(const NoticeCharge& notice,
                             absl::CivilDay adjusted_due,
                             absl::Span<const NoticeCharge> prior,
                             const RateBook& rates, std::string* why_not) {
  if (notice.fee <= 0 || Waived(notice)) return notice.fee;
  if (!MayCarryFee(notice.step)) {
    *why_not = "a påminnelse never carries a fee";
    return 0;
  }
  // § 1-2 (2) prices an inkassovarsel "under inkassoloven § 9".
  if (notice.step == v1::STEP_KIND_COLLECTION_WARNING &&
      !HasSection9Form(notice)) {
    *why_not = absl::StrCat(
        "inkassoforskriften § 1-2 (2): ",
        notice.deadline < notice.sent + kMinDeadlineDays
            ? "its deadline is shorter than 14 days"
            : "it was e-mailed before 2017-04-01 (inkassoloven § 3a)",
        ", so it is not an inkassovarsel under inkassoloven § 9");
    return 0;
  }
  std::string reason;
  const int64_t lawful =
      LawfulFee(FeeInputFor(notice, adjusted_due, prior, rates), &reason);
  if (notice.fee <= lawful) return notice.fee;
  *why_not = lawful > 0 ? absl::StrCat("inkassoforskriften § 1-2: the maximum "
                                       "fee on a notice sent ",
                                       FormatDate(notice.sent), " is ", lawful,
                                       " øre")
                        : std::move(reason);
  return lawful;
}

RecordedCharges ClaimableRecordedCharges(const NoticeCharge& notice,
                                         bool business_debtor,
                                         absl::CivilDay adjusted_due,
                                         absl::Span<const NoticeCharge> prior,
                                         const RateBook& rates) {
  RecordedCharges out;
  out.fee = notice.fee;
  out.compensation = notice.compensation;
  if (Waived(notice)) return out;
  if (!business_debtor) {
    if (out.compensation > 0) {
      out.compensation = 0;
      out.compensation_cut =
          "forsinkelsesrenteloven § 3a: standard compensation is claimed only "
          "from a debtor who is not a consumer";
    }
    return out;
  }
  // § 3a: owed "når forsinkelsesrente skal betales", from the day after the
  // due date; a notice sent by then (history from another system, or a due
  // date the host moved later) claims none. The next notice may.
  if (out.compensation > 0 && notice.sent <= adjusted_due) {
    out.compensation = 0;
    out.compensation_cut = absl::StrCat(
        "forsinkelsesrenteloven § 3a: no standard compensation on a notice "
        "sent before the claim was overdue (interest runs from ",
        FormatDate(adjusted_due + 1), ")");
  }
  const int64_t standard = rates.StandardCompensation(adjusted_due);
  // § 3a compares the compensation with the fees the notices bear, not
  // with what is left of a fee once the compensation was deducted from it
  // (as DecideNoticeFee proposed it): a recorded fee counts at the lawful
  // maximum, which ClaimableRecordedFee has already held it to.
  std::string unused;
  const int64_t fee_borne =
      out.fee > 0
          ? LawfulFee(FeeInputFor(notice, adjusted_due, prior, rates), &unused)
          : 0;
  const CompensationRoom room =
      RoomWithCompensation(prior, notice.sent, fee_borne, standard);
  if (room.given_up != nullptr) {
    if (out.compensation > 0) {
      out.compensation = 0;
      out.compensation_cut = absl::StrCat(
          "the standard compensation was waived on the notice sent ",
          FormatDate(room.given_up->sent));
    }
    if (room.claimed && out.fee > room.increase) {
      out.fee = static_cast<int64_t>(room.increase);
      out.fee_cut = kFeeDeductedNote;
    }
    return out;
  }
  // Without compensation anywhere the increase covers the fee whole.
  if (out.fee > room.increase) {
    out.fee = static_cast<int64_t>(room.increase);
    out.fee_cut = kFeeDeductedNote;
  }
  if (out.compensation > room.increase - out.fee) {
    out.compensation = static_cast<int64_t>(room.increase - out.fee);
    out.compensation_cut = absl::StrCat(
        "forsinkelsesrenteloven § 3a: fees and compensation together come to "
        "at most the greater of the standard compensation (",
        standard,
        " øre for the half-year the claim fell overdue in) and the fees "
        "claimed");
  }
  return out;
}

}  // namespace purring::internal
