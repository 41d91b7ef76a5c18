// F18 monthly reports and the F19 provider settlement, from the history.
#ifndef PURRING_SRC_MONEY_REPORTS_H_
#define PURRING_SRC_MONEY_REPORTS_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

#include "hash_containers.h"
#include "key_copies.h"
#include "money/claim.h"
#include "purring/v1/evaluate.pb.h"
#include "purring/v1/history.pb.h"
#include "purring/v1/settings.pb.h"

namespace purring::internal {

// Accumulates F18 monthly reports and the F19 provider settlement. One per
// shard; Merge() them. Not thread-safe; each shard owns its own.
class ReportAccumulator {
 public:
  // A history notice, with what of its fee and compensation the rules let
  // it claim (*charge: ChargeOf and CutRecordedCharges; a fee refused is no
  // fee charged, paid or waived). charges_off: the invoice's profile has
  // fees and interest off (FEE_STRICTNESS_OFF), so the notice is priced
  // per notice (F19: "Pris per purring er kr 7,- når renter/gebyr er av").
  // waiver_made: its fee_waived_date has come by the as-of date; a waiver
  // dated later is not made yet (the balance still claims the fee).
  void AddNotice(const v1::Notice& notice, const NoticeCharge& charge,
                 bool charges_off, bool waiver_made);
  void AddAllocation(const PaymentAllocation& allocation);  // every payment
  void Merge(const ReportAccumulator& other);
  // Fills response->monthly_reports (sorted by month) and
  // provider_settlement. OUT_OF_RANGE when a sum passes what an int64 holds
  // (only absurd amounts can: overflow is an error, not a clamp).
  absl::Status Finish(const v1::ProviderPricing& pricing,
                      v1::EvaluateResponse* response) const;

 private:
  struct Month {
    int64_t fees_paid = 0;
    int64_t interest_paid = 0;
    int32_t notices_without_fee = 0;
    int32_t notices_with_fee = 0;
    int32_t fees_waived_count = 0;
    int64_t fees_waived_amount = 0;
    int32_t notices_printed = 0;
    // Sent with fees and interest off and charging nothing (F19's price).
    int32_t notices_without_charges = 0;
    bool overflowed = false;  // a sum above passed INT64_MAX
    // Letter ids (or per-notice keys), copies in the accumulator's keys_;
    // only their count is reported, so a hash set: a tree of strings was the
    // costliest part of batch reports.
    OwnedHashSet<absl::string_view> printed_letters;
  };
  // A "YYYY-MM" month packed big-endian into an integer: it orders like the
  // string, and a lookup per notice neither allocates nor compares strings
  // (a std::map of strings was most of the per-notice cost).
  using MonthKey = uint64_t;
  static MonthKey KeyOf(absl::string_view month);  // REQUIRES: size >= 7
  static MonthKey KeyOf(absl::CivilDay day);
  OwnedHashMap<MonthKey, Month> months_;
  // What printed_letters view: one block per many ids, not an allocation
  // (and a free) per letter of a million-invoice ledger.
  KeyCopies keys_;
  std::string key_scratch_;  // reused by AddNotice: no allocation per notice
};

}  // namespace purring::internal

#endif  // PURRING_SRC_MONEY_REPORTS_H_
