// Generated ledgers for the evaluate_bytes_*_test.cc files that need them
// (tools/ledger_generator.cc is compiled into those tests only; see
// tests/CMakeLists.txt). Test-only; header-only.
#ifndef PURRING_TESTS_EVALUATE_BYTES_LEDGERS_H_
#define PURRING_TESTS_EVALUATE_BYTES_LEDGERS_H_

#include <cstdint>
#include <random>

#include "ledger_generator.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::testing_bytes {

inline v1::EvaluateRequest Ledger(int invoices, uint64_t seed) {
  tools::LedgerOptions options;
  options.invoices = invoices;
  options.seed = seed;
  return tools::GenerateLedger(options);
}

inline void Shuffle(v1::EvaluateRequest* request, uint32_t seed) {
  auto* invoices = request->mutable_invoices();
  std::mt19937 random(seed);
  for (int i = invoices->size() - 1; i > 0; --i) {
    invoices->SwapElements(i, static_cast<int>(random() % (i + 1)));
  }
}

}  // namespace purring::testing_bytes

#endif  // PURRING_TESTS_EVALUATE_BYTES_LEDGERS_H_
