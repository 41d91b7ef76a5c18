// purring_evaluate_to seen from a C++ host of libpurring.so: the pieces a
// write function receives are purring_evaluate's response; a write that
// returns nonzero cancels; refusals carry purring_evaluate's code and
// message. (tests/evaluate_bytes_to_test.cc checks the engine's side on
// large generated ledgers.)
#include <cstdint>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "purring.h"

namespace purring {
namespace {

using ::testing::HasSubstr;

// EvaluateRequest{as_of: {seconds: 1795860000}} (2026-11-28T10:00:00Z),
// encoded by hand, as in tests/c/capi_test.c.
const std::string kMinimalRequest("\x0A\x06\x08\xA0\xCC\xAA\xD8\x06", 8);

struct Written {
  int code = -1;
  std::string message;  // from *error
  std::string bytes;    // every piece, joined
  int calls = 0;
  int stop_at = -1;     // the call that returns nonzero, if any
};

int Keep(void* context, const uint8_t* data, size_t size) {
  auto* written = static_cast<Written*>(context);
  written->bytes.append(reinterpret_cast<const char*>(data), size);
  ++written->calls;
  return written->calls == written->stop_at ? 1 : 0;
}

Written EvaluateTo(const void* request, size_t size, int stop_at = -1) {
  Written written;
  written.stop_at = stop_at;
  purring_buffer error{nullptr, 0};
  written.code = purring_evaluate_to(request, size, Keep, &written, &error);
  if (error.data != nullptr) {
    EXPECT_EQ(error.data[error.size], 0) << "missing trailing NUL";
    written.message.assign(reinterpret_cast<const char*>(error.data),
                           error.size);
  }
  purring_buffer_free(&error);
  return written;
}

struct Whole {
  int code;
  std::string text;
};

Whole Evaluate(const void* request, size_t size) {
  purring_buffer response{nullptr, 0};
  const int code = purring_evaluate(request, size, &response);
  Whole whole{code, std::string(reinterpret_cast<const char*>(response.data),
                                response.size)};
  purring_buffer_free(&response);
  return whole;
}

TEST(CapiEvaluateTo, ThePiecesArePurringEvaluatesResponse) {
  const Written written =
      EvaluateTo(kMinimalRequest.data(), kMinimalRequest.size());
  ASSERT_EQ(written.code, PURRING_OK) << written.message;
  EXPECT_TRUE(written.message.empty());
  const Whole whole = Evaluate(kMinimalRequest.data(), kMinimalRequest.size());
  ASSERT_EQ(whole.code, PURRING_OK);
  EXPECT_EQ(written.bytes, whole.text);
  EXPECT_GE(written.calls, 1);
}

TEST(CapiEvaluateTo, AWriteReturningNonzeroCancels) {
  const Written written =
      EvaluateTo(kMinimalRequest.data(), kMinimalRequest.size(), 1);
  EXPECT_EQ(written.code, PURRING_CANCELLED);
  EXPECT_EQ(written.message, "the host's writer stopped the evaluation");
  EXPECT_EQ(written.calls, 1);
}

TEST(CapiEvaluateTo, RefusalsArePurringEvaluatesRefusals) {
  const std::string garbage("\xFF\xFF\xFF\xFF\x0F", 5);
  for (const std::string& request : {garbage, std::string()}) {
    const Written written = EvaluateTo(request.data(), request.size());
    const Whole whole = Evaluate(request.data(), request.size());
    EXPECT_EQ(written.code, PURRING_INVALID_ARGUMENT);
    EXPECT_EQ(written.code, whole.code);
    EXPECT_EQ(written.message, whole.text);
    EXPECT_FALSE(written.message.empty());
  }
}

TEST(CapiEvaluateTo, BadArgumentsAreRefused) {
  purring_buffer error{nullptr, 0};
  EXPECT_EQ(purring_evaluate_to(kMinimalRequest.data(), kMinimalRequest.size(),
                                nullptr, nullptr, &error),
            PURRING_INVALID_ARGUMENT);
  EXPECT_THAT(std::string(reinterpret_cast<const char*>(error.data)),
              HasSubstr("write is NULL"));
  purring_buffer_free(&error);

  Written written;
  EXPECT_EQ(purring_evaluate_to(nullptr, 10, Keep, &written, &error),
            PURRING_INVALID_ARGUMENT);
  EXPECT_THAT(std::string(reinterpret_cast<const char*>(error.data)),
              HasSubstr("request is NULL"));
  purring_buffer_free(&error);
  EXPECT_EQ(written.calls, 0);

  // error may be NULL: the code alone.
  EXPECT_EQ(purring_evaluate_to(nullptr, 10, Keep, &written, nullptr),
            PURRING_INVALID_ARGUMENT);
  EXPECT_EQ(purring_evaluate_to(kMinimalRequest.data(), kMinimalRequest.size(),
                                Keep, &written, nullptr),
            PURRING_OK);
}

}  // namespace
}  // namespace purring
