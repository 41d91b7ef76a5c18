// Ledgers from the demo generator for the tests that evaluate them whole
// (tools/ledger_generator.cc is compiled into those tests only; see the
// hardening list in tests/CMakeLists.txt). Test-only; header-only.
#ifndef PURRING_TESTS_GENERATED_LEDGERS_H_
#define PURRING_TESTS_GENERATED_LEDGERS_H_

#include <cstdint>
#include <random>

#include "ledger_generator.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::generated {

inline v1::EvaluateRequest Ledger(int invoices, uint64_t seed) {
  tools::LedgerOptions options;
  options.invoices = invoices;
  options.seed = seed;
  return tools::GenerateLedger(options);
}

// The invoices in a seeded random order, so that a customer's invoices are
// spread over the whole request.
inline void Shuffle(v1::EvaluateRequest* request, uint32_t seed) {
  auto* invoices = request->mutable_invoices();
  std::mt19937 random(seed);
  for (int i = invoices->size() - 1; i > 0; --i) {
    invoices->SwapElements(i, static_cast<int>(random() % (i + 1)));
  }
}

}  // namespace purring::generated

#endif  // PURRING_TESTS_GENERATED_LEDGERS_H_
