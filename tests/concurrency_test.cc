// Concurrency (issue 7): evaluation from 8 threads at once, each on its own
// request, gives the same bytes as evaluating the requests one by one. Run
// under ThreadSanitizer by .ci/hardening.sh.
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "ledger_generator.h"
#include "purring/engine.h"
#include "purring/parse.h"

namespace purring {
namespace {

constexpr int kThreads = 8;

std::vector<v1::EvaluateRequest> DistinctRequests() {
  std::vector<v1::EvaluateRequest> requests;
  for (int i = 0; i < kThreads; ++i) {
    tools::LedgerOptions options;
    options.invoices = 150 + 10 * i;
    options.seed = 100 + i;
    requests.push_back(tools::GenerateLedger(options));
    // Half of them also shard internally.
    requests.back().mutable_options()->set_threads(i % 2 == 0 ? 1 : 3);
  }
  return requests;
}

std::string EvaluateToBytes(const v1::EvaluateRequest& request) {
  absl::StatusOr<v1::EvaluateResponse> response = Evaluate(request);
  if (!response.ok()) return "error: " + response.status().ToString();
  return response->SerializeAsString();
}

TEST(Concurrency, EightThreadsGiveTheSerialBytes) {
  const std::vector<v1::EvaluateRequest> requests = DistinctRequests();
  std::vector<std::string> serial;
  for (const v1::EvaluateRequest& r : requests) serial.push_back(EvaluateToBytes(r));
  for (const std::string& bytes : serial) ASSERT_EQ(bytes.rfind("error", 0), std::string::npos) << bytes;

  for (int round = 0; round < 2; ++round) {
    std::vector<std::string> parallel(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] { parallel[i] = EvaluateToBytes(requests[i]); });
    }
    for (std::thread& t : threads) t.join();
    for (int i = 0; i < kThreads; ++i) {
      EXPECT_EQ(parallel[i], serial[i]) << "request " << i << ", round " << round;
    }
  }
}

// The same request from 8 threads at once: a shared request is read-only.
TEST(Concurrency, OneSharedRequestFromEightThreads) {
  const v1::EvaluateRequest request = DistinctRequests()[1];
  const std::string serial = EvaluateToBytes(request);
  std::vector<std::string> parallel(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] { parallel[i] = EvaluateToBytes(request); });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(parallel[i], serial) << i;
}

// Parsing and refusing from many threads: errors are per call, not shared.
TEST(Concurrency, RefusalsFromEightThreadsKeepTheirOwnMessages) {
  std::vector<std::string> messages(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      const std::string json = "{\"asOf\":\"2026-03-16T10:00:00Z\",\"customers\":[{\"id\":\"C" +
                               std::to_string(i) + "\"},{\"id\":\"C" + std::to_string(i) + "\"}]}";
      v1::EvaluateRequest request;
      absl::Status status = ParseRequestJson(json, &request);
      if (status.ok()) status = ValidateRequest(request);
      messages[i] = std::string(status.message());
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(messages[i], "customer \"C" + std::to_string(i) + "\": duplicate customer id");
  }
}

}  // namespace
}  // namespace purring
