// Validation of a request read as a RequestSplit (EvaluateBytes): the same
// checks as ValidateRequestInto (validate.h), in two parts. ValidateSplit
// checks, before any evaluation, everything that needs no invoice's or
// notice's own fields and resolves every reference; ValidateSplitInvoice
// checks one invoice with its notices and collection case once its shard
// has parsed them. A refusal by either means ValidateRequestInto refuses the
// request too; which refusal it reports first is its to say (EvaluateBytes
// then reads the request as a tree).
#ifndef PURRING_SRC_VALIDATE_SPLIT_H_
#define PURRING_SRC_VALIDATE_SPLIT_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "customer_reader.h"
#include "large_allocator.h"
#include "process/customer_table.h"
#include "purring/v1/evaluate.pb.h"
#include "request_split.h"
#include "validate_records.h"

namespace purring::internal {

// The references of a split request, resolved.
struct SplitIndex {
  LargeVector<int32_t> customer;  // by invoice: its position in customers
  // Each invoice's notices (positions in RequestSplit.notices, history
  // order) are notices[notice_begin[i], notice_begin[i + 1]).
  LargeVector<uint32_t> notice_begin;
  LargeVector<uint32_t> notices;
  LargeVector<const v1::CollectionCase*> collection_case;  // by invoice

  absl::Span<const uint32_t> notices_of(int invoice) const {
    return absl::MakeConstSpan(notices.data() + notice_begin[invoice],
                               notice_begin[invoice + 1] - notice_begin[invoice]);
  }
};

// rest: the request without its customers, invoices and notices
// (SplitRequest); customers: split.customers' reader. Builds *table while it
// reads the customers.
absl::Status ValidateSplit(const v1::EvaluateRequest& rest,
                           const RequestSplit& split,
                           const CustomerReader& customers, SplitIndex* index,
                           CustomerTable* table);

// Invoice `invoice` as parsed from `span` (one of split's), with its
// notices as parsed from the spans index.notices_of(invoice) names (same
// order; their positions in split.notices) and its collection case. Adds
// to *totals (the caller checks the ledger's sum); stores the dates parsed
// in *days, the notices' in their order here.
absl::Status ValidateSplitInvoice(const RequestSplit& split,
                                  const InvoiceSpan& span,
                                  const v1::Invoice& invoice,
                                  absl::Span<const uint32_t> notice_positions,
                                  absl::Span<const v1::Notice* const> notices,
                                  const v1::CollectionCase* collection_case,
                                  LedgerTotals* totals, CheckedDays* days);

}  // namespace purring::internal

#endif  // PURRING_SRC_VALIDATE_SPLIT_H_
