// The collection hand-off (F17): the case file a collection agency needs for
// one invoice being transferred.
#ifndef PURRING_SRC_PROCESS_HANDOFF_H_
#define PURRING_SRC_PROCESS_HANDOFF_H_

#include <vector>

#include "money/rate_book.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

struct HandOffInput {
  const v1::ProposedAction* action;  // TRANSFER_TO_COLLECTION
  const v1::Customer* customer;
  const v1::Invoice* invoice;
  const v1::InvoiceResult* result;
  std::vector<const v1::Notice*> notices;  // sorted by sent date
};

// Debtor, claim (balance and interest so far), the notices sent with dates
// and fees, and the estimated collection costs (EstimateCollectionCosts on
// the principal outstanding, at the transfer date).
v1::CollectionCaseFile BuildCaseFile(const HandOffInput& input,
                                     const v1::DunningSettings& settings,
                                     const RateBook& rates);

// The same, built in place in *file (e.g. one just added to the response),
// so that it is not built elsewhere and copied. REQUIRES: *file is empty.
void BuildCaseFileInto(const HandOffInput& input,
                       const v1::DunningSettings& settings,
                       const RateBook& rates, v1::CollectionCaseFile* file);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_HANDOFF_H_
