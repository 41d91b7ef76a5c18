// The pieces of request validation (validate.cc) that both readings of a
// request share: the tree's (ValidateRequestInto) and the streamed one of
// EvaluateBytes (validate_split.h), which checks each invoice and notice as
// it is parsed. Internal to the validators.
#ifndef PURRING_SRC_VALIDATE_RECORDS_H_
#define PURRING_SRC_VALIDATE_RECORDS_H_

#include <cstdint>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "checked_days.h"
#include "customer_reader.h"
#include "hash_containers.h"
#include "key_copies.h"
#include "key_positions.h"
#include "purring/v1/evaluate.pb.h"
#include "validate_checks.h"

namespace purring::internal {

// Whether validation checks each record's string sizes (validate_limits.h)
// before the record itself.
enum class Limits { kChecked, kCheck };

// Per-request running totals (kMaxLedgerTotal).
struct LedgerTotals {
  int64_t amounts = 0;
  int64_t payments = 0;
};

// What later records need of an invoice, by its position in the request.
struct InvoiceFacts {
  absl::CivilDay invoice_date;
  int64_t charged = 0;  // by its notices so far
};

// The references of a request, each resolved by one hash lookup: string
// views of the request's own ids and numbers.
struct References {
  KeyCopies keys;  // what the maps' keys view
  KeyPositions customers;  // position by id
  KeyPositions invoices;   // by number
  std::vector<InvoiceFacts> facts;                       // by invoice
};

// The position `positions` maps `key` to, or -1. Records usually come
// grouped (a customer's invoices together, an invoice's notices together):
// the same key as the previous lookup costs a short compare, not a lookup.
class PositionFinder {
 public:
  explicit PositionFinder(const KeyPositions& positions)
      : positions_(positions) {}
  int Find(absl::string_view key) {
    if (last_ < 0 || key != last_key_) {
      last_ = positions_.Find(key);
      last_key_ = key;
    }
    return last_;
  }
  // Asks for the slot of a key looked up a few records later (on a large
  // ledger each lookup is a cache miss), unless it is the last key.
  void Prefetch(absl::string_view key) const {
    if (last_ < 0 || key != last_key_) positions_.Prefetch(key);
  }

 private:
  const KeyPositions& positions_;
  absl::string_view last_key_;
  int last_ = -1;
};

// as_of, last_synchronized, options and settings, in that order;
// *profile_ids: the ids of the settings' own profiles (views of request's).
absl::Status ValidateRequestHead(
    const v1::EvaluateRequest& request, Limits limits,
    HashSet<absl::string_view>* profile_ids);

// Each customer in request order, then on_customer(customer) once it has
// passed; fills refs->customers. profile_ids: ValidateRequestHead's. When
// `customers` parses them from bytes, their unknown fields are checked too
// (for a parsed request ParseRequest has).
absl::Status ValidateCustomers(
    const CustomerReader& customers,
    const HashSet<absl::string_view>& profile_ids, Limits limits,
    References* refs,
    absl::FunctionRef<void(const v1::Customer&)> on_customer);

// The rate tables' limits and rows, and that they cover the as-of date.
absl::Status ValidateRateTables(const v1::EvaluateRequest& request,
                                Limits limits);

// An invoice's own fields, its payments, credit notes and holds (its number,
// and that its customer exists, are the caller's). Adds to *totals; stores
// the parsed invoice_date, and in *days (unless nullptr) the parsed due
// date and payment dates.
absl::Status ValidateInvoiceFields(const RecordName& record,
                                   const v1::Invoice& inv,
                                   LedgerTotals* totals,
                                   absl::CivilDay* invoice_date,
                                   CheckedDays* days = nullptr);

// A notice's own fields, against its invoice's date. Adds its charges to
// *charged (the invoice's notices together); stores its parsed dates in
// *days.
absl::Status ValidateNoticeFields(const RecordName& record, const v1::Notice& n,
                                  absl::CivilDay invoice_date,
                                  int64_t* charged, NoticeDays* days);

// One invoice's notices, sorted by sent date then step (RequestIndex
// order): at most kMaxNoticesPerInvoice (RESOURCE_EXHAUSTED), and no two
// record the same step on the same day. That is one notice's identity (its
// action id, <invoice>/<step>/<date>); a second is a duplicate record, which
// would count its fee and report it twice.
absl::Status CheckInvoiceNotices(
    absl::Span<const v1::Notice* const> sorted_notices);

// A collection case's own fields, against its invoice's date (that it is
// the invoice's only one is the caller's).
absl::Status ValidateCollectionCaseFields(const RecordName& record,
                                          const v1::CollectionCase& c,
                                          absl::CivilDay invoice_date);

}  // namespace purring::internal

#endif  // PURRING_SRC_VALIDATE_RECORDS_H_
