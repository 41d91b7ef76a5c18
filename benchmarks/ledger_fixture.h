// Generated ledgers shared by the benchmarks: each size is generated once per
// process (the demo generator, seed 1) and kept as the bytes a host would
// send, so that no benchmark pays for generation inside its timed loop.
#ifndef PURRING_BENCHMARKS_LEDGER_FIXTURE_H_
#define PURRING_BENCHMARKS_LEDGER_FIXTURE_H_

#include <string>

#include "host_bytes.h"

namespace purring::bench {

struct Ledger {
  int invoices = 0;
  HostBytes request;          // serialized purring.v1.EvaluateRequest
  std::string request_json;   // the same in the proto3 JSON mapping (lazy)
  std::string response;       // the engine's serialized EvaluateResponse
};

// The ledger of `invoices` invoices, generated on first use.
// Not thread-safe: call it from the benchmark's setup, not from its threads.
Ledger& LedgerOfSize(int invoices);

// The request JSON of the ledger (generated on first use).
const std::string& RequestJson(Ledger& ledger);

// The ledger's request with options.threads set, serialized.
HostBytes RequestWithThreads(const Ledger& ledger, int threads);

}  // namespace purring::bench

#endif  // PURRING_BENCHMARKS_LEDGER_FIXTURE_H_
