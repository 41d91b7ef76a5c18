#include "process/request_index.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace purring::internal {

RequestIndex RequestIndex::Build(const v1::EvaluateRequest& request) {
  RequestIndex index;
  const int invoice_count = request.invoices_size();

  absl::flat_hash_map<absl::string_view, const v1::Customer*> customers;
  customers.reserve(request.customers_size());
  for (const v1::Customer& c : request.customers()) customers.emplace(c.id(), &c);
  absl::flat_hash_map<absl::string_view, int> invoice_of;
  invoice_of.reserve(invoice_count);
  index.customer_.resize(invoice_count, nullptr);
  for (int i = 0; i < invoice_count; ++i) {
    const v1::Invoice& invoice = request.invoices(i);
    invoice_of.emplace(invoice.number(), i);
    auto it = customers.find(invoice.customer_id());
    index.customer_[i] = it == customers.end() ? nullptr : it->second;
  }

  // Counting sort of the notices by invoice, keeping request order within.
  const auto& notices = request.history().notices();
  std::vector<int> owner(notices.size(), -1);
  index.notice_begin_.assign(invoice_count + 1, 0);
  for (int n = 0; n < notices.size(); ++n) {
    auto it = invoice_of.find(notices[n].invoice_number());
    if (it == invoice_of.end()) continue;
    owner[n] = it->second;
    ++index.notice_begin_[it->second + 1];
  }
  for (int i = 0; i < invoice_count; ++i) {
    index.notice_begin_[i + 1] += index.notice_begin_[i];
  }
  index.notices_.resize(index.notice_begin_[invoice_count]);
  std::vector<size_t> fill(index.notice_begin_.begin(),
                           index.notice_begin_.end() - 1);
  for (int n = 0; n < notices.size(); ++n) {
    if (owner[n] >= 0) index.notices_[fill[owner[n]]++] = &notices[n];
  }
  // Each invoice's notices by sent date, then step (stable: request order for
  // ties), once here for every consumer. Validated "YYYY-MM-DD" strings order
  // like the dates.
  for (int i = 0; i < invoice_count; ++i) {
    std::stable_sort(index.notices_.begin() + index.notice_begin_[i],
                     index.notices_.begin() + index.notice_begin_[i + 1],
                     [](const v1::Notice* a, const v1::Notice* b) {
                       if (a->sent_date() != b->sent_date()) {
                         return a->sent_date() < b->sent_date();
                       }
                       return a->step() < b->step();
                     });
  }

  index.case_.resize(invoice_count, nullptr);
  for (const v1::CollectionCase& c : request.history().collection_cases()) {
    auto it = invoice_of.find(c.invoice_number());
    if (it != invoice_of.end()) index.case_[it->second] = &c;
  }
  return index;
}

}  // namespace purring::internal
