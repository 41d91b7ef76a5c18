// A barrage at the C ABI (issue 7), the way a host's bad day looks: the demo
// ledger's JSON damaged in many ways with fixed seeds, random binary, and
// misuse of the entry points. Every call must return a known status; every
// refusal must carry a message and no response. This binary links only
// libpurring.so (see tests/CMakeLists.txt).
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "purring.h"

namespace {

struct Result {
  int code;
  std::string text;
};

Result Call(bool json, const std::string& bytes) {
  purring_buffer response{nullptr, 0};
  const int code = json ? purring_evaluate_json(bytes.data(), bytes.size(), &response)
                        : purring_evaluate(bytes.data(), bytes.size(), &response);
  Result result{code, std::string()};
  if (response.data != nullptr) {
    EXPECT_EQ(response.data[response.size], 0) << "missing trailing NUL";
    result.text.assign(reinterpret_cast<const char*>(response.data), response.size);
  }
  purring_buffer_free(&response);
  EXPECT_EQ(response.data, nullptr);
  return result;
}

std::string DemoJson() {
  const char* root = std::getenv("PURRING_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") + "/examples/demo_ledger.json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One damage of a few kinds: flip bytes, cut, delete a span, duplicate a span,
// put a digit or a minus sign somewhere.
std::string Damage(const std::string& text, std::mt19937* rng) {
  std::string out = text;
  auto at = [&] { return static_cast<size_t>((*rng)() % (out.size() + 1)); };
  switch ((*rng)() % 6) {
    case 0:
      for (int i = 0; i < 3 && !out.empty(); ++i) out[at() % out.size()] ^= 1 << ((*rng)() % 8);
      break;
    case 1:
      out.resize(at());
      break;
    case 2: {
      const size_t from = at();
      out.erase(from, (*rng)() % 64);
      break;
    }
    case 3: {
      const size_t from = at();
      out.insert(at(), out.substr(from, (*rng)() % 200));
      break;
    }
    case 4:
      out.insert(at(), 1, "-0123456789"[(*rng)() % 11]);
      break;
    default:
      out.insert(at(), std::string(1 + (*rng)() % 4, "\"{}[],:"[(*rng)() % 7]));
  }
  return out;
}

bool KnownCode(int code) { return code >= PURRING_OK && code <= PURRING_UNAUTHENTICATED; }

TEST(CapiBarrage, TheDemoLedgerIsAccepted) {
  const std::string demo = DemoJson();
  ASSERT_GT(demo.size(), 1000u) << "examples/demo_ledger.json not found";
  const Result result = Call(true, demo);
  EXPECT_EQ(result.code, PURRING_OK) << result.text.substr(0, 300);
}

TEST(CapiBarrage, DamagedDemoJsonIsAnsweredWithAStatus) {
  const std::string demo = DemoJson();
  ASSERT_GT(demo.size(), 1000u);
  std::mt19937 rng(20261128);
  int refused = 0;
  for (int i = 0; i < 150; ++i) {
    const std::string damaged = Damage(demo, &rng);
    const Result result = Call(true, damaged);
    ASSERT_TRUE(KnownCode(result.code)) << i << ": " << result.code;
    if (result.code != PURRING_OK) {
      ++refused;
      EXPECT_FALSE(result.text.empty()) << i << ": refused without a message";
      EXPECT_NE(result.text[0], '{') << i << ": a refusal carries no response";
    }
  }
  EXPECT_GT(refused, 50);  // most damage is caught
}

TEST(CapiBarrage, RandomBinaryIsAnsweredWithAStatus) {
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string bytes(rng() % 512, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    const Result result = Call(false, bytes);
    ASSERT_TRUE(KnownCode(result.code)) << i;
    if (result.code != PURRING_OK) EXPECT_FALSE(result.text.empty()) << i;
  }
}

TEST(CapiBarrage, ValidateAcceptsANullMessageBuffer) {
  EXPECT_EQ(purring_validate("\xff", 1, nullptr), PURRING_INVALID_ARGUMENT);
  EXPECT_EQ(purring_validate(nullptr, 3, nullptr), PURRING_INVALID_ARGUMENT);
  purring_buffer message{nullptr, 0};
  EXPECT_EQ(purring_validate(nullptr, 0, &message), PURRING_INVALID_ARGUMENT);
  EXPECT_STREQ(reinterpret_cast<const char*>(message.data), "request: as_of is required");
  purring_buffer_free(&message);
}

TEST(CapiBarrage, FreeIsSafeOnNullAndTwice) {
  purring_buffer_free(nullptr);
  purring_buffer buffer{nullptr, 0};
  purring_buffer_free(&buffer);
  EXPECT_EQ(Call(false, "\xff").code, PURRING_INVALID_ARGUMENT);
  purring_buffer response{nullptr, 0};
  purring_evaluate("\xff", 1, &response);
  purring_buffer_free(&response);
  purring_buffer_free(&response);  // reset to {NULL, 0} by the first call
  EXPECT_EQ(response.data, nullptr);
  EXPECT_EQ(response.size, 0u);
}

TEST(CapiBarrage, StatusNamesCoverEveryCode) {
  // Each code's name is its enumerator's in purring.h without the prefix.
  const std::pair<int, const char*> kCodes[] = {
      {PURRING_OK, "OK"},
      {PURRING_CANCELLED, "CANCELLED"},
      {PURRING_UNKNOWN, "UNKNOWN"},
      {PURRING_INVALID_ARGUMENT, "INVALID_ARGUMENT"},
      {PURRING_DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED"},
      {PURRING_NOT_FOUND, "NOT_FOUND"},
      {PURRING_ALREADY_EXISTS, "ALREADY_EXISTS"},
      {PURRING_PERMISSION_DENIED, "PERMISSION_DENIED"},
      {PURRING_RESOURCE_EXHAUSTED, "RESOURCE_EXHAUSTED"},
      {PURRING_FAILED_PRECONDITION, "FAILED_PRECONDITION"},
      {PURRING_ABORTED, "ABORTED"},
      {PURRING_OUT_OF_RANGE, "OUT_OF_RANGE"},
      {PURRING_UNIMPLEMENTED, "UNIMPLEMENTED"},
      {PURRING_INTERNAL, "INTERNAL"},
      {PURRING_UNAVAILABLE, "UNAVAILABLE"},
      {PURRING_DATA_LOSS, "DATA_LOSS"},
      {PURRING_UNAUTHENTICATED, "UNAUTHENTICATED"}};
  for (const auto& [code, name] : kCodes) {
    EXPECT_STREQ(purring_status_name(code), name) << code;
  }
  EXPECT_STREQ(purring_status_name(-1), "UNKNOWN_CODE");
  EXPECT_STREQ(purring_status_name(17), "UNKNOWN_CODE");
}

}  // namespace
