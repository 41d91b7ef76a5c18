// How the invoices of a request are split between threads: by customer, so
// that all of a customer's invoices are evaluated by the same shard.
#ifndef PURRING_SRC_SHARD_PLAN_H_
#define PURRING_SRC_SHARD_PLAN_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"

#include "process/request_index.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

struct ShardPlan {
  int invoice_count = 0;
  // Each shard's invoices in request order. Empty when there is one shard,
  // which takes every invoice in request order.
  std::vector<std::vector<int>> invoices;

  int shard_count() const {
    return invoices.empty() ? 1 : static_cast<int>(invoices.size());
  }
};

// One shard per requested thread (options.threads, at most kMaxThreads),
// but none smaller than a few thousand invoices. A customer goes, when its
// first invoice is met, to the shard with the fewest invoices so far.
// REQUIRES: index was built from the validated request.
ShardPlan PlanShards(const v1::EvaluateRequest& request,
                     const RequestIndex& index);
// The same from the request's options.threads, its number of customers and
// each invoice's customer (its position among them).
ShardPlan PlanShards(int threads, int customer_count,
                     absl::Span<const int32_t> customer_of);

}  // namespace purring::internal

#endif  // PURRING_SRC_SHARD_PLAN_H_
