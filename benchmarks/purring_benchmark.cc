// Batch evaluation benchmarks (issue 6). See README.md for the measured
// table and the command that produced it.
//
//   BM_Floor/N           parse the request and serialize a response of the
//                        same shape and size, no evaluation: protobuf's floor
//   BM_FloorMaterialized/N
//                        the floor plus building the response tree (parsed
//                        from the engine's bytes): no engine logic at all
//   BM_EvaluateCpp/N     purring::EvaluateInto on a request parsed beforehand
//   BM_EvaluateCApi/N    purring_evaluate: bytes in, bytes out
//   BM_EvaluateCApiTo/N  purring_evaluate_to: bytes in, the response handed
//                        to a host writer in pieces
//   BM_EvaluateJson/N    purring_evaluate_json: JSON in, JSON out
//   BM_EvaluateCApiSharded/invoices:N/threads:T
//                        purring_evaluate with options.threads = T (wall time)
//
// This binary links the static engine and compiles capi/purring_c.cc into
// itself, so purring_evaluate is the real facade without libpurring.so (the
// shared library and the static engine in one process would register the
// same .proto files twice).
#include <sys/resource.h>

#include <cstdlib>
#include <string>

#include "benchmark/benchmark.h"
#include "google/protobuf/arena.h"
#include "ledger_fixture.h"
#include "purring.h"
#include "purring/engine.h"

namespace purring::bench {
namespace {

// The floors' arena blocks, as capi/purring_c.cc's JSON path: from malloc,
// growing to 1 MiB. (The engine's grow to 4 MiB, mapped for huge pages,
// src/arena_options.h; the floors are protobuf as a host would call it.)
google::protobuf::ArenaOptions FacadeArenaOptions() {
  google::protobuf::ArenaOptions options;
  options.start_block_size = 16 * 1024;
  options.max_block_size = 1024 * 1024;
  return options;
}

// Minor page faults so far in this process. Fresh pages cost the kernel
// several microseconds each on the benchmark machine, so the faults per
// iteration explain much of the difference between runs and between
// benchmarks.
long MinorFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

void ReportSizes(benchmark::State& state, const Ledger& ledger,
                 long faults_before) {
  state.SetItemsProcessed(state.iterations() * ledger.invoices);
  state.counters["request_MB"] = ledger.request.size() / 1e6;
  state.counters["response_MB"] = ledger.response.size() / 1e6;
  if (state.iterations() > 0) {
    state.counters["faults"] =
        static_cast<double>(MinorFaults() - faults_before) /
        static_cast<double>(state.iterations());
  }
}

// The floor: what any host pays to hand the engine a ledger in protobuf and
// get one back. The response is the engine's own, computed once before the
// loop, so it has exactly the shape and size of the real one; the loop does
// what purring_evaluate does around the evaluation: parse on an arena, size
// and serialize into a malloc'd buffer, free.
void BM_Floor(benchmark::State& state) {
  const Ledger& ledger = LedgerOfSize(static_cast<int>(state.range(0)));
  v1::EvaluateResponse response;
  if (!response.ParseFromString(ledger.response)) {
    state.SkipWithError("cannot parse the engine's response");
    return;
  }
  const long faults_before = MinorFaults();
  for (auto _ : state) {
    google::protobuf::Arena arena(FacadeArenaOptions());
    auto* request =
        google::protobuf::Arena::CreateMessage<v1::EvaluateRequest>(&arena);
    if (!request->ParseFromArray(ledger.request.data(),
                                 static_cast<int>(ledger.request.size()))) {
      state.SkipWithError("cannot parse the request");
      break;
    }
    const size_t size = response.ByteSizeLong();
    auto* bytes = static_cast<uint8_t*>(std::malloc(size + 1));
    response.SerializeWithCachedSizesToArray(bytes);
    bytes[size] = 0;
    benchmark::DoNotOptimize(bytes);
    std::free(bytes);
  }
  ReportSizes(state, ledger, faults_before);
}

// The floor plus materializing the response: the response tree is parsed
// from the engine's bytes on the same arena, as if the engine had built it
// with no logic at all: what an engine would cost that parsed the request
// into a tree and built its response as one before serializing it, and did
// nothing else (README.md, "What is measured").
void BM_FloorMaterialized(benchmark::State& state) {
  const Ledger& ledger = LedgerOfSize(static_cast<int>(state.range(0)));
  const long faults_before = MinorFaults();
  for (auto _ : state) {
    google::protobuf::Arena arena(FacadeArenaOptions());
    auto* request =
        google::protobuf::Arena::CreateMessage<v1::EvaluateRequest>(&arena);
    auto* response =
        google::protobuf::Arena::CreateMessage<v1::EvaluateResponse>(&arena);
    if (!request->ParseFromArray(ledger.request.data(),
                                 static_cast<int>(ledger.request.size())) ||
        !response->ParseFromArray(ledger.response.data(),
                                  static_cast<int>(ledger.response.size()))) {
      state.SkipWithError("cannot parse");
      break;
    }
    const size_t size = response->ByteSizeLong();
    auto* bytes = static_cast<uint8_t*>(std::malloc(size + 1));
    response->SerializeWithCachedSizesToArray(bytes);
    bytes[size] = 0;
    benchmark::DoNotOptimize(bytes);
    std::free(bytes);
  }
  ReportSizes(state, ledger, faults_before);
}

// The C++ API on a request the host already holds as a message.
void BM_EvaluateCpp(benchmark::State& state) {
  const Ledger& ledger = LedgerOfSize(static_cast<int>(state.range(0)));
  v1::EvaluateRequest request;
  if (!request.ParseFromArray(ledger.request.data(),
                              static_cast<int>(ledger.request.size()))) {
    state.SkipWithError("cannot parse the request");
    return;
  }
  const long faults_before = MinorFaults();
  for (auto _ : state) {
    google::protobuf::Arena arena(FacadeArenaOptions());
    auto* response =
        google::protobuf::Arena::CreateMessage<v1::EvaluateResponse>(&arena);
    const absl::Status status = EvaluateInto(request, response);
    if (!status.ok()) {
      state.SkipWithError(std::string(status.message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(response);
  }
  ReportSizes(state, ledger, faults_before);
}

void RunCApi(benchmark::State& state, const Ledger& ledger,
             const HostBytes& request) {
  const long faults_before = MinorFaults();
  for (auto _ : state) {
    purring_buffer out{nullptr, 0};
    const int rc = purring_evaluate(request.data(), request.size(), &out);
    if (rc != PURRING_OK) {
      state.SkipWithError(purring_status_name(rc));
      purring_buffer_free(&out);
      break;
    }
    benchmark::DoNotOptimize(out.data);
    purring_buffer_free(&out);
  }
  ReportSizes(state, ledger, faults_before);
}

void BM_EvaluateCApi(benchmark::State& state) {
  const Ledger& ledger = LedgerOfSize(static_cast<int>(state.range(0)));
  RunCApi(state, ledger, ledger.request);
}

// A host taking the response in pieces (purring_evaluate_to), e.g. to write
// it to a file: each piece is copied into the host's own reused buffer.
void BM_EvaluateCApiTo(benchmark::State& state) {
  const Ledger& ledger = LedgerOfSize(static_cast<int>(state.range(0)));
  std::string host_buffer;
  auto copy = [](void* context, const uint8_t* data, size_t size) {
    static_cast<std::string*>(context)->assign(
        reinterpret_cast<const char*>(data), size);
    return 0;
  };
  const long faults_before = MinorFaults();
  for (auto _ : state) {
    const int rc = purring_evaluate_to(ledger.request.data(),
                                       ledger.request.size(), copy,
                                       &host_buffer, nullptr);
    if (rc != PURRING_OK) {
      state.SkipWithError(purring_status_name(rc));
      break;
    }
    benchmark::DoNotOptimize(host_buffer.data());
  }
  ReportSizes(state, ledger, faults_before);
}

void BM_EvaluateJson(benchmark::State& state) {
  Ledger& ledger = LedgerOfSize(static_cast<int>(state.range(0)));
  const std::string& json = RequestJson(ledger);
  for (auto _ : state) {
    purring_buffer out{nullptr, 0};
    const int rc = purring_evaluate_json(json.data(), json.size(), &out);
    if (rc != PURRING_OK) {
      state.SkipWithError(purring_status_name(rc));
      purring_buffer_free(&out);
      break;
    }
    benchmark::DoNotOptimize(out.data);
    purring_buffer_free(&out);
  }
  state.SetItemsProcessed(state.iterations() * ledger.invoices);
  state.counters["request_MB"] = json.size() / 1e6;
}

// Sharding: the same ledger with options.threads; wall time, since the work
// is spread over threads the benchmark does not see.
void BM_EvaluateCApiSharded(benchmark::State& state) {
  const Ledger& ledger = LedgerOfSize(static_cast<int>(state.range(0)));
  const HostBytes request =
      RequestWithThreads(ledger, static_cast<int>(state.range(1)));
  RunCApi(state, ledger, request);
}

void Sizes(benchmark::internal::Benchmark* b) {
  for (int n : {1000, 10000, 100000, 1000000}) b->Arg(n);
  b->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_Floor)->Apply(Sizes);
BENCHMARK(BM_EvaluateCApi)->Apply(Sizes);
BENCHMARK(BM_EvaluateCApiTo)->Apply(Sizes);
BENCHMARK(BM_FloorMaterialized)->Apply(Sizes);
BENCHMARK(BM_EvaluateCpp)->Apply(Sizes);
// Not at 1 000 000: protobuf 3.21's JSON parser and printer need more than
// 20 GB for that ledger (the process was killed at 24 GB; README).
BENCHMARK(BM_EvaluateJson)
    ->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EvaluateCApiSharded)
    ->ArgNames({"invoices", "threads"})
    ->Args({100000, 1})
    ->Args({100000, 2})
    ->Args({1000000, 1})
    ->Args({1000000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace purring::bench

BENCHMARK_MAIN();
