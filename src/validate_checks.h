// Small checks shared by the request validators. Each names the record and
// field it refuses, and formats the name only when it refuses (validation
// runs once per record of ledgers with millions of invoices).
#ifndef PURRING_SRC_VALIDATE_CHECKS_H_
#define PURRING_SRC_VALIDATE_CHECKS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "dates.h"
#include "hash_containers.h"
#include "google/protobuf/timestamp.pb.h"
#include "purring/limits.h"

// Returns the status of `expr` from the calling function unless it is OK.
#define PURRING_RETURN_IF_ERROR(expr)                   \
  do {                                                  \
    if (absl::Status _status = (expr); !_status.ok()) { \
      return _status;                                   \
    }                                                   \
  } while (false)

namespace purring::internal {

// `text` quoted for a message: at most 64 bytes shown, control characters,
// quotes and backslashes escaped, so that hostile input stays printable.
std::string Quote(absl::string_view text);

// A record as messages name it: `invoice "10023"`, `settings`,
// `history.notices[3] (invoice "10023")`. Formatted lazily by Name().
struct RecordName {
  absl::string_view kind;        // "invoice", "customer", "settings", ...
  absl::string_view id;          // quoted after kind when has_id
  bool has_id = true;
  int index = -1;  // >= 0: "<kind>[<index>] (<parent_kind> <id>)"
  absl::string_view parent_kind = {};
  std::string Name() const;
};

// A field as messages name it: `due_date`, `payments[2].date`,
// `postal_address.city`. Formatted lazily by Text().
struct FieldName {
  FieldName(const char* name) : name(name) {}        // NOLINT: implicit
  FieldName(absl::string_view name) : name(name) {}  // NOLINT: implicit
  FieldName(absl::string_view name, int index, absl::string_view member)
      : name(name), index(index), member(member) {}
  absl::string_view name;
  int index = -1;                // >= 0: "<name>[<index>]<member>"
  absl::string_view member = {};
  std::string Text() const;
};

// "<record>: <what>" as an INVALID_ARGUMENT status.
absl::Status Invalid(const RecordName& record, absl::string_view what);

// The refusals of the checks below, out of line: the checks themselves are
// inline because they run several times per record and almost always pass
// (measured: the calls alone cost ~10 M instructions on 2x10 000 invoices).
absl::Status DateRefused(const RecordName& record, const FieldName& field,
                         absl::string_view value);
absl::Status AmountRefused(const RecordName& record, const FieldName& field,
                           int64_t value, bool allow_zero);
absl::Status EnumRefused(const RecordName& record, const FieldName& field,
                         int value);
absl::Status LengthRefused(const RecordName& record, const FieldName& field,
                           absl::string_view value);

// An id or number that names a record (customer id, invoice number,
// profile id, credit note number), already known not to be empty: one of
// white space only names nothing a person could tell apart, and a control
// character (C0 such as a tab, a line break, NUL; DEL; C1 U+0080-U+009F)
// is no part of one; both refused. Spaces around a key are allowed
// (" 1001" is its own invoice).
absl::Status KeyRefused(const RecordName& record, const FieldName& field,
                        absl::string_view key);
inline absl::Status CheckKey(const RecordName& record, const FieldName& field,
                             absl::string_view key) {
  // Almost every key starts with a printable ASCII character and has no
  // control character: one pass over its bytes (0xC2 leads the C1 controls'
  // UTF-8, and Latin-1 letters', which KeyRefused tells apart).
  bool control = false;
  for (const char c : key) {
    const unsigned char byte = static_cast<unsigned char>(c);
    control |= byte < 0x20 || byte == 0x7f || byte == 0xc2;
  }
  const unsigned char first = static_cast<unsigned char>(key.front());
  if (!control && first > 0x20 && first < 0x80) return absl::OkStatus();
  return KeyRefused(record, field, key);
}

// A "YYYY-MM-DD" field. Empty: nullopt, refused when required.
inline absl::Status CheckDate(const RecordName& record, const FieldName& field,
                              absl::string_view value, bool required,
                              std::optional<absl::CivilDay>* out = nullptr) {
  if (value.empty()) {
    if (out != nullptr) out->reset();
    if (!required) return absl::OkStatus();
    return DateRefused(record, field, value);
  }
  const std::optional<absl::CivilDay> day = ParseDate(value);
  if (out != nullptr) *out = day;
  if (day.has_value()) return absl::OkStatus();
  return DateRefused(record, field, value);
}

// An øre amount: not negative (positive unless allow_zero), at most
// kMaxAmount.
inline absl::Status CheckAmount(const RecordName& record,
                                const FieldName& field, int64_t value,
                                bool allow_zero) {
  if (value >= (allow_zero ? 0 : 1) && value <= kMaxAmount) {
    return absl::OkStatus();
  }
  return AmountRefused(record, field, value, allow_zero);
}

// An enum field whose value must be one the schema names (proto3 binary keeps
// unknown numbers).
inline absl::Status CheckEnum(const RecordName& record, const FieldName& field,
                              int value, bool (*is_valid)(int)) {
  if (is_valid(value)) return absl::OkStatus();
  return EnumRefused(record, field, value);
}

// A Timestamp field: nanos in range, seconds between 1900 and 3000.
absl::Status CheckTimestamp(const RecordName& record, const FieldName& field,
                            const google::protobuf::Timestamp& value);

// A string at most kMaxStringBytes long (RESOURCE_EXHAUSTED).
inline absl::Status CheckLength(const RecordName& record,
                                const FieldName& field,
                                absl::string_view value) {
  if (value.size() <= kMaxStringBytes) return absl::OkStatus();
  return LengthRefused(record, field, value);
}

// Which keys were seen: the ids of one invoice's payments, the numbers of
// its credit notes. Most invoices have one or two, so the first few are
// compared in a row (no allocation), later ones hashed.
class SeenKeys {
 public:
  // False if `key` was inserted before.
  bool Insert(absl::string_view key);

 private:
  static constexpr size_t kFew = 8;
  absl::InlinedVector<absl::string_view, kFew> few_;
  OwnedHashSet<absl::string_view> many_;  // all, once past kFew
};

absl::Status TotalRefused(const RecordName& record, absl::string_view what,
                          int64_t limit);

// Adds `value` to *sum, refusing a sum beyond `limit` (both non-negative).
inline absl::Status AddToTotal(const RecordName& record,
                               absl::string_view what, int64_t value,
                               int64_t limit, int64_t* sum) {
  // Both are within [0, limit] here, so the addition cannot overflow.
  if (value > limit - *sum) return TotalRefused(record, what, limit);
  *sum += value;
  return absl::OkStatus();
}

// Adds one invoice's `value` to a ledger-wide *sum, refusing a sum beyond
// kMaxLedgerTotal; the refusal names the invoice at which the sum passed it.
absl::Status LedgerTotalRefused(const RecordName& invoice,
                                absl::string_view what);
inline absl::Status AddToLedgerTotal(const RecordName& invoice,
                                     absl::string_view what, int64_t value,
                                     int64_t* sum) {
  if (value > kMaxLedgerTotal - *sum) return LedgerTotalRefused(invoice, what);
  *sum += value;
  return absl::OkStatus();
}

}  // namespace purring::internal

#endif  // PURRING_SRC_VALIDATE_CHECKS_H_
