// The collection hand-off (F17): the case file a collection agency needs for
// one invoice being transferred.
#ifndef PURRING_SRC_PROCESS_HANDOFF_H_
#define PURRING_SRC_PROCESS_HANDOFF_H_

#include "absl/types/span.h"
#include "money/rate_book.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

struct HandOffInput {
  const v1::ProposedAction* action;  // TRANSFER_TO_COLLECTION
  const v1::Customer* customer;
  const v1::Invoice* invoice;
  const v1::InvoiceResult* result;
  absl::Span<const v1::Notice* const> notices;  // sorted by sent date
};

// Debtor, claim (balance and interest so far), the notices sent with dates
// and fees, and the estimated collection costs (EstimateCollectionCosts on
// the principal outstanding, at the transfer date), built in *file.
// REQUIRES: *file is empty.
void BuildCaseFileInto(const HandOffInput& input,
                       const v1::DunningSettings& settings,
                       const RateBook& rates, v1::CollectionCaseFile* file);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_HANDOFF_H_
