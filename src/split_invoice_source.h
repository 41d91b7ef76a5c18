// The invoices of a request read as a RequestSplit: each invoice and its
// notices parsed from their bytes when its shard loads it, into messages
// the shard reuses, and checked there (ValidateSplitInvoice).
#ifndef PURRING_SRC_SPLIT_INVOICE_SOURCE_H_
#define PURRING_SRC_SPLIT_INVOICE_SOURCE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "checked_days.h"
#include "invoice_source.h"
#include "request_split.h"
#include "validate_records.h"
#include "validate_split.h"

namespace purring::internal {

class SplitInvoiceSource : public InvoiceSource {
 public:
  // split, customers, index and table: SplitRequest's (customers read from
  // split.customers) and ValidateSplit's for a request (split.request) that
  // outlives this.
  SplitInvoiceSource(RequestSplit split, CustomerReader customers,
                     SplitIndex index, CustomerTable table);

  int invoice_count() const override {
    return static_cast<int>(split_.invoices.size());
  }
  size_t request_bytes() const override { return split_.request.size(); }
  absl::Span<const int32_t> customer_ordinals() const override {
    return index_.customer;
  }
  const CustomerReader& customers() const override { return customers_; }
  const CustomerTable& customer_table() const override { return table_; }
  void SetShardCount(int shard_count) override;
  absl::Status Load(int shard, int slot, int invoice,
                    InvoiceInput* input) override;
  // The invoice amounts and payments of the whole ledger, summed over the
  // shards, within kMaxLedgerTotal.
  absl::Status AfterShards() override;
  absl::string_view Number(int invoice) const override {
    return split_.View(split_.invoices[invoice].number);
  }
  void LetterIdsSentFrom(absl::CivilDay from, LetterIds* ids) const override;
  // Frees the invoices' and notices' spans, the index and the shards'
  // messages.
  void Done() override;

 private:
  // One loaded invoice's messages, cleared and refilled for every invoice
  // loaded into the slot.
  struct Slot {
    v1::Invoice invoice;
    std::vector<std::unique_ptr<v1::Notice>> notices;
    std::vector<const v1::Notice*> sorted;  // the invoice's, by sent date
    // The dates validation parsed, the notices' in `sorted`'s order.
    CheckedDays days;
    std::vector<NoticeDays> unsorted_days;  // scratch: in request order
    std::vector<uint32_t> order;            // scratch: for sorting
    std::vector<int64_t> keys;
  };
  struct Shard {
    std::array<Slot, kShardBatch> slots;
    LedgerTotals totals;
  };

  RequestSplit split_;
  CustomerReader customers_;
  SplitIndex index_;
  CustomerTable table_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_SPLIT_INVOICE_SOURCE_H_
