// Per-request indexes built in one pass each: the customer of every invoice,
// its notices (grouped, CSR layout, by sent date then step) and its
// collection case.
#ifndef PURRING_SRC_PROCESS_REQUEST_INDEX_H_
#define PURRING_SRC_PROCESS_REQUEST_INDEX_H_

#include <vector>

#include "absl/types/span.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// Thread safety: immutable after Build; shared read-only by all threads.
class RequestIndex {
 public:
  // REQUIRES: the request passed validation (every reference resolves).
  static RequestIndex Build(const v1::EvaluateRequest& request);

  const v1::Customer* customer(int invoice) const { return customer_[invoice]; }
  // Sorted by sent date, then step; request order for ties.
  absl::Span<const v1::Notice* const> notices(int invoice) const {
    return absl::MakeConstSpan(notices_.data() + notice_begin_[invoice],
                               notice_begin_[invoice + 1] - notice_begin_[invoice]);
  }
  const v1::CollectionCase* collection_case(int invoice) const {
    return case_[invoice];
  }

 private:
  std::vector<const v1::Customer*> customer_;
  std::vector<size_t> notice_begin_;  // size invoices + 1
  std::vector<const v1::Notice*> notices_;
  std::vector<const v1::CollectionCase*> case_;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_REQUEST_INDEX_H_
