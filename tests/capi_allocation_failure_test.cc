// An allocation that fails inside a call, at any point of it, is the call's
// PURRING_RESOURCE_EXHAUSTED: never an abort, never a wrong response (the
// README's "no C++ exception crosses the boundary"). This host replaces
// malloc and its kin for the whole process and fails exactly one chosen
// allocation of one call, at positions spread over the demo ledger's whole
// evaluation, for each entry point.
#include <malloc.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/type_resolver_util.h"
#include "gtest/gtest.h"
#include "purring.h"

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* pointer, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
}

namespace {

// The allocations counted since Arm(), and the one that fails (-1: none).
std::atomic<int64_t> counted{0};
std::atomic<int64_t> failing{-1};
// Memory that runs out for good, on the library's worker threads only: from
// the workers' fail_in_workers_from-th allocation on, all fail (-1: none).
std::atomic<int64_t> fail_in_workers_from{-1};
std::atomic<int64_t> counted_in_workers{0};
thread_local bool host_thread = false;

bool FailThisOne() {
  const int64_t from = fail_in_workers_from.load(std::memory_order_relaxed);
  if (from >= 0 && !host_thread) {
    return counted_in_workers.fetch_add(1, std::memory_order_relaxed) >= from;
  }
  const int64_t fail = failing.load(std::memory_order_relaxed);
  if (fail < 0) return false;
  return counted.fetch_add(1, std::memory_order_relaxed) == fail;
}

}  // namespace

// The process's allocator: glibc's, but for the one allocation chosen.
extern "C" void* malloc(size_t size) {
  return FailThisOne() ? nullptr : __libc_malloc(size);
}
extern "C" void* calloc(size_t count, size_t size) {
  return FailThisOne() ? nullptr : __libc_calloc(count, size);
}
extern "C" void* realloc(void* pointer, size_t size) {
  return FailThisOne() ? nullptr : __libc_realloc(pointer, size);
}
extern "C" void* aligned_alloc(size_t alignment, size_t size) {
  return FailThisOne() ? nullptr : __libc_memalign(alignment, size);
}
extern "C" void* memalign(size_t alignment, size_t size) {
  return FailThisOne() ? nullptr : __libc_memalign(alignment, size);
}
extern "C" int posix_memalign(void** out, size_t alignment, size_t size) {
  if (FailThisOne()) return ENOMEM;
  void* pointer = __libc_memalign(alignment, size);
  if (pointer == nullptr) return ENOMEM;
  *out = pointer;
  return 0;
}

namespace purring {
namespace {

// Counting from the next allocation on, fails the fail-th (none if -1).
void Arm(int64_t fail) {
  counted.store(0);
  failing.store(fail);
}
int64_t Disarm() {
  failing.store(-1);
  return counted.load();
}

std::string ReadDemoJson() {
  const char* root = std::getenv("PURRING_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") +
                   "/examples/demo_ledger.json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The demo ledger in binary, by the purring.v1 descriptors libpurring.so
// registered with the shared libprotobuf (this host holds no generated code).
std::string ToBinary(const std::string& json) {
  std::unique_ptr<google::protobuf::util::TypeResolver> resolver(
      google::protobuf::util::NewTypeResolverForDescriptorPool(
          "type.googleapis.com",
          google::protobuf::DescriptorPool::generated_pool()));
  std::string binary;
  const auto status = google::protobuf::util::JsonToBinaryString(
      resolver.get(), "type.googleapis.com/purring.v1.EvaluateRequest", json,
      &binary);
  EXPECT_TRUE(status.ok()) << status.message().as_string();
  return binary;
}

int Collect(void* context, const uint8_t* data, size_t size) {
  static_cast<std::string*>(context)->append(
      reinterpret_cast<const char*>(data), size);
  return 0;
}

enum class Entry { kEvaluate, kEvaluateTo, kEvaluateJson };

struct Outcome {
  int code;
  std::string bytes;  // the response, or the error message
};

Outcome Call(Entry entry, const std::string& request) {
  purring_buffer out{nullptr, 0};
  Outcome outcome{PURRING_INTERNAL, ""};
  switch (entry) {
    case Entry::kEvaluate:
      outcome.code = purring_evaluate(request.data(), request.size(), &out);
      break;
    case Entry::kEvaluateTo:
      outcome.code = purring_evaluate_to(request.data(), request.size(),
                                         Collect, &outcome.bytes, &out);
      if (outcome.code != PURRING_OK) outcome.bytes.clear();
      break;
    case Entry::kEvaluateJson:
      outcome.code =
          purring_evaluate_json(request.data(), request.size(), &out);
      break;
  }
  // The call is over: this host's own allocations below are not the
  // library's to fail (nor counted).
  failing.store(-1);
  if (out.data != nullptr) {
    outcome.bytes.assign(reinterpret_cast<const char*>(out.data), out.size);
  }
  purring_buffer_free(&out);
  return outcome;
}

// Fails one allocation at each of about `tries` positions spread over the
// call's allocations: each call either succeeds with the same response as
// without failure or says RESOURCE_EXHAUSTED.
void SweepFailures(Entry entry, const std::string& request, int tries) {
  const Outcome expected = Call(entry, request);
  ASSERT_EQ(expected.code, PURRING_OK) << expected.bytes;
  Arm(-1);
  counted.store(0);
  failing.store(INT64_MAX);  // counts, fails none
  ASSERT_EQ(Call(entry, request).code, PURRING_OK);
  const int64_t allocations = Disarm();
  ASSERT_GT(allocations, 100);
  const int64_t step = std::max<int64_t>(1, allocations / tries);
  int exhausted = 0;
  for (int64_t fail = 0; fail < allocations; fail += step) {
    Arm(fail);
    const Outcome outcome = Call(entry, request);
    Disarm();
    if (outcome.code == PURRING_OK) {
      // An allocation that may fail (a size hint) is allowed to.
      EXPECT_EQ(outcome.bytes, expected.bytes) << "allocation " << fail;
    } else {
      ++exhausted;
      EXPECT_EQ(outcome.code, PURRING_RESOURCE_EXHAUSTED)
          << "allocation " << fail << ": " << outcome.bytes;
      EXPECT_FALSE(outcome.bytes.empty()) << "allocation " << fail;
    }
  }
  // Most allocations cannot be done without.
  EXPECT_GT(exhausted, 0);
}

class AllocationFailureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    json_ = new std::string(ReadDemoJson());
    binary_ = new std::string(ToBinary(*json_));
  }
  static std::string* json_;
  static std::string* binary_;
};
std::string* AllocationFailureTest::json_ = nullptr;
std::string* AllocationFailureTest::binary_ = nullptr;

TEST_F(AllocationFailureTest, DemoLedgerHasCollectionHandOffs) {
  // The hand-off's case file borrows parts of the result; an allocation
  // failing while it holds them once freed them (an abort).
  const Outcome outcome = Call(Entry::kEvaluateJson, *json_);
  ASSERT_EQ(outcome.code, PURRING_OK);
  EXPECT_NE(outcome.bytes.find("\"collectionHandOffs\":[{"), std::string::npos);
}

TEST_F(AllocationFailureTest, EvaluateSaysResourceExhausted) {
  SweepFailures(Entry::kEvaluate, *binary_, 400);
}

TEST_F(AllocationFailureTest, EvaluateToSaysResourceExhausted) {
  SweepFailures(Entry::kEvaluateTo, *binary_, 400);
}

TEST_F(AllocationFailureTest, EvaluateJsonSaysResourceExhausted) {
  // README: nothing is written to stderr, also when the JSON printer stops
  // part-way (protobuf logs an unclosed writer).
  ::testing::internal::CaptureStderr();
  SweepFailures(Entry::kEvaluateJson, *json_, 400);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

// 9 000 invoices of as many customers, on two threads (a shard per 4 096
// invoices at most).
std::string TwoShardLedgerJson() {
  std::string customers;
  std::string invoices;
  for (int i = 0; i < 9000; ++i) {
    const std::string id = "K" + std::to_string(i);
    customers += (i ? ",{\"id\":\"" : "{\"id\":\"") + id + "\",\"name\":\"" +
                 id +
                 "\",\"crmType\":\"CUSTOMER_TYPE_PERSON\","
                 "\"invoiceEmail\":\"faktura@kunde.no\"}";
    invoices += (i ? ",{\"number\":\"" : "{\"number\":\"") +
                std::to_string(i + 1) + "\",\"customerId\":\"" + id +
                "\",\"invoiceDate\":\"2026-09-01\","
                "\"dueDate\":\"2026-09-15\",\"amount\":\"100000\"}";
  }
  return "{\"asOf\":\"2026-11-28T10:00:00Z\",\"options\":{\"threads\":2},"
         "\"settings\":{\"company\":{\"name\":\"Kreditor AS\","
         "\"organizationNumber\":\"999888777\","
         "\"bankAccount\":\"1234.56.78901\"}},\"customers\":[" +
         customers + "],\"invoices\":[" + invoices + "]}";
}

TEST(AllocationFailureInWorkers, MemoryRunningOutInAWorkerThreadIsAnError) {
  // The worker's handler once made the shard's status on the worker: out of
  // memory for good, making it threw again, out of the thread, and
  // std::terminate ended the host. Now the status is made on the host's
  // thread once the workers are joined.
  host_thread = true;
  const std::string request = TwoShardLedgerJson();
  ASSERT_EQ(Call(Entry::kEvaluateJson, request).code, PURRING_OK);
  for (const int64_t from : {0, 1, 10, 100, 1000}) {
    counted_in_workers.store(0);
    fail_in_workers_from.store(from);
    const Outcome outcome = Call(Entry::kEvaluateJson, request);
    fail_in_workers_from.store(-1);
    EXPECT_EQ(outcome.code, PURRING_RESOURCE_EXHAUSTED)
        << "from the workers' allocation " << from << ": " << outcome.bytes;
    EXPECT_NE(outcome.bytes.find("out of memory"), std::string::npos)
        << outcome.bytes;
  }
}

}  // namespace
}  // namespace purring
