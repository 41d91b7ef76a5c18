// Resource limits, enforced before any work: a request over them is refused
// with RESOURCE_EXHAUSTED naming the limit, and nothing is evaluated.
//
// Where each limit is enforced:
// - kMaxRequestBytes: by ParseRequest / ParseRequestJson (purring/parse.h) and
//   the C ABI, before parsing.
// - The record counts: for binary requests by ParseRequest, from the wire,
//   before any record is allocated; for every request (also one built in
//   C++) by ValidateRequest, before evaluation.
// - kMaxStringBytes, kMaxAddressLines, kMaxThreads: by ValidateRequest;
//   address lines also from the wire, for binary requests, by ParseRequest.
// - kMaxNoticesPerInvoice: by ValidateRequest, once each notice's own fields
//   are checked and the notices are grouped by invoice.
// - kMaxAmount, kMaxLedgerTotal: by ValidateRequest (INVALID_ARGUMENT: an
//   amount beyond them is not a real amount, not a large request).
// - kMaxNestingDepth: by the binary parser; the JSON parser refuses objects
//   and arrays nested deeper than 100 levels together (protobuf's own limit
//   counts objects only), an array inside an array and a list written as a
//   single value, without recursing (src/json_shape.h).
//   The schema itself is at most 5 levels deep.
//
// The response is limited too, but only evaluation can tell its size: one
// whose binary form passes 2 GiB (the JSON entry point's too) is refused
// with RESOURCE_EXHAUSTED once the results outgrow it, after that much work.
// Interest periods split at every half-year and rate change, so a claim
// running for centuries (an as_of far in the future, or a rate table of
// thousands of rows) makes a large response from a small request.
//
// Memory: a parsed request of a real ledger takes a few times its binary
// size and about its JSON size. Degenerate input (millions of empty records)
// takes far more per byte; binary requests are therefore counted on the wire
// before anything is allocated, while JSON is counted once parsed, so a host
// that accepts JSON from untrusted sources should cap its size lower than
// kMaxRequestBytes.
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
// Notices of one invoice (each one's fee is judged against those before it).
inline constexpr int kMaxNoticesPerInvoice = 1'000;
inline constexpr int kMaxCollectionCases = 10'000'000;
inline constexpr int kMaxProfiles = 10'000;
// All rows of all rate tables together.
inline constexpr int kMaxRateRows = 10'000;
// EvaluateOptions.threads.
inline constexpr int kMaxThreads = 64;
// Lines of one postal address.
inline constexpr int kMaxAddressLines = 16;
// Longest id, invoice number or free-text field, bytes.
inline constexpr std::size_t kMaxStringBytes = 4096;
// Any single amount, øre: 10^15 øre = 10 000 000 000 000 kr. Also the limit
// of the payments of one invoice together and of the charges of its notices
// together. Keeps every sum of a claim far from int64 overflow.
inline constexpr int64_t kMaxAmount = 1'000'000'000'000'000;
// The invoice amounts of a whole request together, and their payments
// together, øre (10^17; int64 holds 92 times that), so that ledger-wide
// totals (StatusCount.balance, reports) cannot overflow either.
inline constexpr int64_t kMaxLedgerTotal = 100'000'000'000'000'000;
// Message nesting depth accepted by the binary parser.
inline constexpr int kMaxNestingDepth = 32;

}  // namespace purring

#endif  // PURRING_LIMITS_H_
