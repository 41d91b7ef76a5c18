// Synthetic ledgers of any size for benchmarks and load tests: a complete
// EvaluateRequest with customers, invoices over 2024-2026, payments and a
// dunning history, deterministic for a seed on every platform.
#ifndef PURRING_TOOLS_LEDGER_GENERATOR_H_
#define PURRING_TOOLS_LEDGER_GENERATOR_H_

#include <cstdint>

#include "purring/v1/evaluate.pb.h"

namespace purring::tools {

struct LedgerOptions {
  // Number of invoices; customers are about a fifth of that (at least one).
  int invoices = 1000;
  uint64_t seed = 1;
};

// The mix, by invoice: about 55 % paid (a fifth of them after notices),
// 10 % not yet due, and about a third overdue and open: ready to send,
// deadline not expired, waiting, consider collection, in collection, on
// hold and do not dun, a quarter of those partly paid. as_of is
// 2026-11-28 10:00 Europe/Oslo. The same options give the same message
// (and the same serialized bytes) with any compiler and standard library:
// the random numbers come from std::mt19937_64 through integer arithmetic
// of our own, never the std distributions.
v1::EvaluateRequest GenerateLedger(const LedgerOptions& options);

}  // namespace purring::tools

#endif  // PURRING_TOOLS_LEDGER_GENERATOR_H_
