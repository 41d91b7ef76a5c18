// Per-request indexes: the customer of every invoice, its notices (grouped,
// CSR layout, by sent date then step) and its collection case. Validation
// (ValidateRecords in validate.h) resolves every reference anyway, so it
// fills the index through a Builder in the same pass; Build does the same
// on its own for callers that validated earlier.
#ifndef PURRING_SRC_PROCESS_REQUEST_INDEX_H_
#define PURRING_SRC_PROCESS_REQUEST_INDEX_H_

#include <cstdint>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// Thread safety: immutable after Build; shared read-only by all threads.
class RequestIndex {
 public:
  class Builder;

  // REQUIRES: the request passed validation (every reference resolves).
  static RequestIndex Build(const v1::EvaluateRequest& request);

  const v1::Customer* customer(int invoice) const {
    const int32_t ordinal = customer_[invoice];
    return ordinal < 0 ? nullptr : &customers_->Get(ordinal);
  }
  // The customer's position in request.customers; -1 when it has none
  // (only before validation has refused the request).
  int32_t customer_ordinal(int invoice) const { return customer_[invoice]; }
  absl::Span<const int32_t> customer_ordinals() const { return customer_; }
  // Sorted by sent date, then step; request order for ties.
  absl::Span<const v1::Notice* const> notices(int invoice) const {
    return absl::MakeConstSpan(notices_.data() + notice_begin_[invoice],
                               notice_begin_[invoice + 1] - notice_begin_[invoice]);
  }
  const v1::CollectionCase* collection_case(int invoice) const {
    return case_[invoice];
  }

 private:
  const google::protobuf::RepeatedPtrField<v1::Customer>* customers_ = nullptr;
  std::vector<int32_t> customer_;  // by invoice: position in customers_
  std::vector<uint32_t> notice_begin_;  // size invoices + 1
  std::vector<const v1::Notice*> notices_;
  std::vector<const v1::CollectionCase*> case_;
};

// The day notices' sent dates are counted from in their sort keys (dates
// are 1900-2999).
inline constexpr absl::CivilDay kNoticeSortEpoch{1900, 1, 1};

// A notice's place in its invoice's order: sent date (days since
// kNoticeSortEpoch), then step.
inline int64_t NoticeSortKey(int32_t sent, const v1::Notice& n) {
  return (int64_t{sent} << 32) | static_cast<uint32_t>(n.step());
}
inline int64_t NoticeSortKey(absl::CivilDay sent, const v1::Notice& n) {
  return NoticeSortKey(static_cast<int32_t>(sent - kNoticeSortEpoch), n);
}

// Sorts one invoice's notices items[0, n) by keys[0, n) (NoticeSortKey),
// stably: request order for ties. Reorders both arrays. The items are the
// notices, or their places in another array.
void SortInvoiceNotices(int64_t* keys, const v1::Notice** items, size_t n);
void SortInvoiceNotices(int64_t* keys, uint32_t* items, size_t n);

// Collects the references as their resolver finds them, then lays out the
// index. The caller resolves each reference once (a hash lookup) and passes
// the invoice's position, so the builder never compares strings.
class RequestIndex::Builder {
 public:
  explicit Builder(const v1::EvaluateRequest& request);

  // customer: its position in request.customers, -1 when unknown.
  void SetCustomer(int invoice, int32_t customer) {
    index_.customer_[invoice] = customer;
  }
  // Notice `notice` (its position in history.notices) is the invoice's;
  // `sent` is its parsed sent_date (the sort key).
  void AddNotice(int notice, int invoice, absl::CivilDay sent) {
    owner_[notice] = {invoice, static_cast<int32_t>(sent - kNoticeSortEpoch)};
    ++index_.notice_begin_[invoice + 1];
  }
  // False when the invoice has a collection case already.
  bool SetCollectionCase(int invoice, const v1::CollectionCase* c) {
    const v1::CollectionCase*& slot = index_.case_[invoice];
    if (slot != nullptr) return false;
    slot = c;
    return true;
  }

  // REQUIRES: every notice of the request was added.
  RequestIndex Finish() &&;

 private:
  struct Owner {
    int32_t invoice;
    int32_t sent;  // days since kNoticeSortEpoch
  };

  const v1::EvaluateRequest& request_;
  RequestIndex index_;
  std::vector<Owner> owner_;  // by notice
};

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_REQUEST_INDEX_H_
