#include "process/request_index.h"

#include <algorithm>

#include "absl/strings/string_view.h"
#include "dates.h"
#include "hash_containers.h"

namespace purring::internal {

namespace {

template <typename Item>
void SortByKeys(int64_t* keys, Item* items, size_t n) {
  if (n < 2) return;
  if (n > 16) {
    std::vector<std::pair<int64_t, Item>> pairs(n);
    for (size_t j = 0; j < n; ++j) pairs[j] = {keys[j], items[j]};
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t j = 0; j < n; ++j) {
      keys[j] = pairs[j].first;
      items[j] = pairs[j].second;
    }
    return;
  }
  // Insertion sort: invoices have 0-3 notices, mostly in order already, and
  // std::stable_sort allocates a buffer on every call (measured: one malloc
  // per invoice with notices).
  for (size_t i = 1; i < n; ++i) {
    if (keys[i - 1] <= keys[i]) continue;
    const int64_t key = keys[i];
    const Item item = items[i];
    size_t j = i;
    for (; j > 0 && keys[j - 1] > key; --j) {
      keys[j] = keys[j - 1];
      items[j] = items[j - 1];
    }
    keys[j] = key;
    items[j] = item;
  }
}

}  // namespace

void SortInvoiceNotices(int64_t* keys, const v1::Notice** items, size_t n) {
  SortByKeys(keys, items, n);
}

void SortInvoiceNotices(int64_t* keys, uint32_t* items, size_t n) {
  SortByKeys(keys, items, n);
}

RequestIndex::Builder::Builder(const v1::EvaluateRequest& request)
    : request_(request) {
  const int invoice_count = request.invoices_size();
  index_.customers_ = &request.customers();
  index_.customer_.assign(invoice_count, -1);
  index_.notice_begin_.assign(invoice_count + 1, 0);
  index_.case_.assign(invoice_count, nullptr);
  owner_.assign(request.history().notices_size(), Owner{-1, 0});
}

RequestIndex RequestIndex::Builder::Finish() && {
  std::vector<uint32_t>& begin = index_.notice_begin_;
  const size_t invoice_count = begin.size() - 1;
  for (size_t i = 0; i < invoice_count; ++i) begin[i + 1] += begin[i];

  // Counting sort of the notices by invoice, keeping request order within,
  // with each notice's sort key alongside.
  const auto& notices = request_.history().notices();
  index_.notices_.resize(begin[invoice_count]);
  std::vector<int64_t> keys(begin[invoice_count]);
  std::vector<uint32_t> fill(begin.begin(), begin.end() - 1);
  for (int n = 0; n < notices.size(); ++n) {
    const Owner owner = owner_[n];
    if (owner.invoice < 0) continue;
    const uint32_t at = fill[owner.invoice]++;
    index_.notices_[at] = &notices[n];
    keys[at] = NoticeSortKey(owner.sent, notices[n]);
  }
  // Each invoice's notices by sent date, then step (stable: request order
  // for ties), once here for every consumer.
  for (size_t i = 0; i < invoice_count; ++i) {
    SortInvoiceNotices(keys.data() + begin[i], index_.notices_.data() + begin[i],
                       begin[i + 1] - begin[i]);
  }
  return std::move(index_);
}

RequestIndex RequestIndex::Build(const v1::EvaluateRequest& request) {
  Builder builder(request);
  OwnedHashMap<absl::string_view, int32_t> customers;
  customers->reserve(request.customers_size());
  for (int k = 0; k < request.customers_size(); ++k) {
    customers->emplace(request.customers(k).id(), k);
  }
  OwnedHashMap<absl::string_view, int> invoice_of;
  invoice_of->reserve(request.invoices_size());
  for (int i = 0; i < request.invoices_size(); ++i) {
    const v1::Invoice& invoice = request.invoices(i);
    invoice_of->emplace(invoice.number(), i);
    auto it = customers->find(invoice.customer_id());
    if (it != customers->end()) builder.SetCustomer(i, it->second);
  }
  const auto& notices = request.history().notices();
  for (int n = 0; n < notices.size(); ++n) {
    auto it = invoice_of->find(notices[n].invoice_number());
    if (it == invoice_of->end()) continue;
    const std::optional<absl::CivilDay> sent = ParseDate(notices[n].sent_date());
    builder.AddNotice(n, it->second, sent.value_or(absl::CivilDay(1900, 1, 1)));
  }
  for (const v1::CollectionCase& c : request.history().collection_cases()) {
    auto it = invoice_of->find(c.invoice_number());
    if (it != invoice_of->end()) builder.SetCollectionCase(it->second, &c);
  }
  return std::move(builder).Finish();
}

}  // namespace purring::internal
