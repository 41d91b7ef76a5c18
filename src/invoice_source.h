// Where the shards of an evaluation get each invoice from: the parsed
// request (TreeInvoiceSource) or the request's bytes, one invoice parsed at
// a time (SplitInvoiceSource, split_invoice_source.h).
#ifndef PURRING_SRC_INVOICE_SOURCE_H_
#define PURRING_SRC_INVOICE_SOURCE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "customer_reader.h"
#include "dates.h"
#include "process/customer_table.h"
#include "process/invoice_eval.h"
#include "process/letters.h"
#include "process/request_index.h"
#include "purring/v1/evaluate.pb.h"
#include "shard_batch.h"

namespace purring::internal {

// Thread safety: shard s calls Load for its own invoices only, from one
// thread; different shards run concurrently.
class InvoiceSource {
 public:
  virtual ~InvoiceSource() = default;

  virtual int invoice_count() const = 0;
  // The serialized request's size when the source has it (0 otherwise): a
  // hint for the size of the response.
  virtual size_t request_bytes() const { return 0; }
  // By invoice: its customer's position in the request's customers.
  virtual absl::Span<const int32_t> customer_ordinals() const = 0;
  // The request's customers and what is read of them for every invoice and
  // letter, until the source is destroyed (Done leaves them).
  virtual const CustomerReader& customers() const = 0;
  virtual const CustomerTable& customer_table() const = 0;
  // Called once, before the shards start.
  virtual void SetShardCount(int /*shard_count*/) {}
  // Sets input's invoice, notices (by sent date, then step) and collection
  // case to invoice's, valid until the shard's next Load into the same slot
  // (0 <= slot < kShardBatch). Non-OK: the request is refused.
  virtual absl::Status Load(int shard, int slot, int invoice,
                            InvoiceInput* input) = 0;
  // For prefetching: what Load will set for an invoice a few places ahead,
  // when it is already in memory. False when it is not.
  virtual bool Peek(int /*invoice*/, InvoiceInput* /*ahead*/) const {
    return false;
  }
  // Adds to *ids the letter ids of the recorded notices sent on or after
  // `from` (a notice not yet checked may be malformed: validation refuses
  // it later).
  virtual void LetterIdsSentFrom(absl::CivilDay from, LetterIds* ids) const = 0;
  // After the shards: non-OK when a check over every invoice refuses the
  // request.
  virtual absl::Status AfterShards() { return absl::OkStatus(); }

  // Invoice's number, callable until Done; a view valid as long as the
  // request.
  virtual absl::string_view Number(int invoice) const = 0;
  // Called once nothing reads the invoices any more (before the letters
  // and the rest of the response are built): the source may free what it
  // holds, so that it is not held at the evaluation's peak.
  virtual void Done() {}
};

// The invoices of a parsed request; nothing to free.
class TreeInvoiceSource : public InvoiceSource {
 public:
  // REQUIRES: index was built from the validated request; both outlive this.
  TreeInvoiceSource(const v1::EvaluateRequest& request,
                    const RequestIndex& index)
      : request_(request),
        index_(index),
        customers_(request.customers()),
        table_(CustomerTable::Build(customers_, request.settings())) {}

  int invoice_count() const override { return request_.invoices_size(); }
  absl::Span<const int32_t> customer_ordinals() const override {
    return index_.customer_ordinals();
  }
  const CustomerReader& customers() const override { return customers_; }
  const CustomerTable& customer_table() const override { return table_; }
  absl::Status Load(int /*shard*/, int /*slot*/, int invoice,
                    InvoiceInput* input) override {
    Peek(invoice, input);
    return absl::OkStatus();
  }
  bool Peek(int invoice, InvoiceInput* input) const override {
    input->invoice = &request_.invoices(invoice);
    input->notices = index_.notices(invoice);
    input->collection_case = index_.collection_case(invoice);
    return true;
  }
  absl::string_view Number(int invoice) const override {
    return request_.invoices(invoice).number();
  }
  void LetterIdsSentFrom(absl::CivilDay from, LetterIds* ids) const override {
    const std::string first = FormatDate(from);  // dates compare as text
    for (const v1::Notice& notice : request_.history().notices()) {
      if (!notice.letter_id().empty() && notice.sent_date() >= first) {
        ids->insert(notice.letter_id());
      }
    }
  }

 private:
  const v1::EvaluateRequest& request_;
  const RequestIndex& index_;
  CustomerReader customers_;
  CustomerTable table_;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_INVOICE_SOURCE_H_
