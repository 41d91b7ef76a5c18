#include "shard_plan.h"

#include <algorithm>

#include "purring/limits.h"

namespace purring::internal {
namespace {

// A shard below a few thousand invoices costs more to start than it saves.
constexpr int kMinInvoicesPerShard = 4096;

int ShardCount(int threads, int invoice_count) {
  const int useful = std::max(1, invoice_count / kMinInvoicesPerShard);
  return std::min(std::clamp(threads, 1, kMaxThreads), useful);
}

}  // namespace

ShardPlan PlanShards(const v1::EvaluateRequest& request,
                     const RequestIndex& index) {
  return PlanShards(request.options().threads(), request.customers_size(),
                    index.customer_ordinals());
}

ShardPlan PlanShards(int threads, int customer_count,
                     absl::Span<const int32_t> customer_of) {
  ShardPlan plan;
  plan.invoice_count = static_cast<int>(customer_of.size());
  const int shard_count = ShardCount(threads, plan.invoice_count);
  if (shard_count == 1) return plan;

  plan.invoices.resize(shard_count);
  for (auto& list : plan.invoices) {
    list.reserve(plan.invoice_count / shard_count + 1);
  }
  std::vector<int> shard_of(customer_count, -1);  // by customer
  for (int i = 0; i < plan.invoice_count; ++i) {
    int& shard = shard_of[customer_of[i]];
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
