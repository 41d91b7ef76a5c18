#include "shard_plan.h"

#include <algorithm>

#include "purring/limits.h"

namespace purring::internal {
namespace {

// A shard below a few thousand invoices costs more to start than it saves.
constexpr int kMinInvoicesPerShard = 4096;

int ShardCount(const v1::EvaluateRequest& request) {
  const int threads = std::clamp(request.options().threads(), 1, kMaxThreads);
  const int useful =
      std::max(1, request.invoices_size() / kMinInvoicesPerShard);
  return std::min(threads, useful);
}

}  // namespace

ShardPlan PlanShards(const v1::EvaluateRequest& request,
                     const RequestIndex& index) {
  ShardPlan plan;
  plan.invoice_count = request.invoices_size();
  const int shard_count = ShardCount(request);
  if (shard_count == 1) return plan;

  plan.invoices.resize(shard_count);
  for (auto& list : plan.invoices) {
    list.reserve(plan.invoice_count / shard_count + 1);
  }
  std::vector<int> shard_of(request.customers_size(), -1);  // by customer
  for (int i = 0; i < plan.invoice_count; ++i) {
    int& shard = shard_of[index.customer_ordinal(i)];
    if (shard < 0) {
      auto smallest = std::min_element(
          plan.invoices.begin(), plan.invoices.end(),
          [](const auto& a, const auto& b) { return a.size() < b.size(); });
      shard = static_cast<int>(smallest - plan.invoices.begin());
    }
    plan.invoices[shard].push_back(i);
  }
  return plan;
}

}  // namespace purring::internal
