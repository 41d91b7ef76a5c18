// The collection hand-off (F17): the case file a collection agency needs for
// one invoice being transferred.
#ifndef PURRING_SRC_PROCESS_HANDOFF_H_
#define PURRING_SRC_PROCESS_HANDOFF_H_

#include <vector>

#include "absl/types/span.h"
#include "money/claim.h"
#include "money/rate_book.h"
#include "process/result_dates.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

struct HandOffInput {
  const v1::ProposedAction* action;  // TRANSFER_TO_COLLECTION
  const v1::Customer* customer;
  const v1::Invoice* invoice;
  const v1::InvoiceResult* result;
  const ResultDates* dates;  // the result's
  absl::Span<const v1::Notice* const> notices;  // sorted by sent date
  // The principal outstanding at the transfer's date: a recorded transfer's
  // case file keeps the band it was made in whatever is paid after it.
  int64_t principal_at_transfer;
};

// Debtor, claim (balance and interest so far), the notices sent with dates
// and fees, and the estimated collection costs (EstimateCollectionCosts on
// the principal outstanding at the transfer date), built in *file.
// The debtor, balance and notices are not copied: *file borrows input's
// customer and notices and the result's balance (a case file is serialized
// once, and the copies were most of its cost). The interest is copied, for
// its dates (the result may hold them only as days).
// Call ReturnBorrowedParts before they change or go, and before *file is
// cleared, copied or destroyed (ActionRecords::Build does both at once).
// REQUIRES: *file is empty and owns no debtor or balance.
void BuildCaseFileInto(const HandOffInput& input,
                       const v1::DunningSettings& settings,
                       const RateBook& rates, v1::CollectionCaseFile* file);

// Takes back what BuildCaseFileInto lent *file, leaving it without a
// debtor, balance or notices; nothing is freed.
void ReturnBorrowedParts(v1::CollectionCaseFile* file);

// What a case file shows the agency of the request's records, copied only
// where it differs from them: the debtor without the dunning module's own
// marks (comment, profile, do-not-dun: internal, not the agency's), and the
// notices with the fee and compensation that may be claimed where a
// recorded amount is more than the law allows (RECORDED_*_NOT_CLAIMABLE)
// and none where the claim leaves them out (Claimed: waived by the as-of
// date; the fee_waived_date stays), so that the notices add up to the
// balance. One per shard; what
// it hands out is valid until its next call.
class CaseFileScratch {
 public:
  const v1::Customer* Debtor(const v1::Customer& customer);
  // claimed: the notices' charges as cut, same order (NoticeCharge), and
  // what the claim includes of them on as_of (Claimed).
  absl::Span<const v1::Notice* const> Notices(
      absl::Span<const v1::Notice* const> notices,
      absl::Span<const NoticeCharge> claimed, absl::CivilDay as_of);

 private:
  v1::Customer debtor_;
  std::vector<v1::Notice> notices_;
  std::vector<const v1::Notice*> pointers_;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_HANDOFF_H_
