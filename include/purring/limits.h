// Resource limits, enforced before any work: a request over them is refused
// with RESOURCE_EXHAUSTED naming the limit.
#ifndef PURRING_LIMITS_H_
#define PURRING_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace purring {

// Serialized request size (binary or JSON), bytes.
inline constexpr std::size_t kMaxRequestBytes = std::size_t{1} << 30;  // 1 GiB
inline constexpr int kMaxCustomers = 10'000'000;
inline constexpr int kMaxInvoices = 10'000'000;
inline constexpr int kMaxPaymentsPerInvoice = 10'000;
inline constexpr int kMaxCreditNotesPerInvoice = 10'000;
inline constexpr int kMaxHoldsPerInvoice = 1'000;
inline constexpr int kMaxNotices = 50'000'000;
inline constexpr int kMaxProfiles = 10'000;
inline constexpr int kMaxRateRows = 10'000;
inline constexpr int kMaxThreads = 64;
// Longest id, invoice number or free-text field, bytes.
inline constexpr std::size_t kMaxStringBytes = 4096;
// Any amount, øre: 10^15 øre = 10 000 000 000 000 kr. Keeps every sum of a
// claim far from int64 overflow.
inline constexpr int64_t kMaxAmount = 1'000'000'000'000'000;
// Message nesting depth accepted by the JSON parser and binary parser.
inline constexpr int kMaxNestingDepth = 32;

}  // namespace purring

#endif  // PURRING_LIMITS_H_
