// Writes the records made for every invoice (its InvoiceResult with its
// history, its action's ProposedAction, LetterLine and LedgerPostings, and
// the ProposedLetter with its lines) in the bytes protobuf's own serializer
// writes for them, without checking each string's UTF-8 again.
//
// Why: protobuf checks the UTF-8 of every proto3 string field when it
// serializes, only to log an error (the bytes written are the same either
// way). For these records that was about 10 % of a whole evaluation
// (callgrind, 10 000 invoices), and it proves nothing: every string in them
// is either a request string protobuf checked when it parsed the request,
// or written by the engine. The writer uses protobuf's wire-format primitives
// (WireFormatLite) and protobuf's cached sizes; tests/record_wire_test.cc
// fills every field of every message written here through reflection and
// compares the bytes with protobuf's, so a field added to the schema and not
// here fails that test. The callers check that each record came to the size
// measured for it, and refuse the response (INTERNAL) when one did not.
#ifndef PURRING_SRC_RECORD_WIRE_H_
#define PURRING_SRC_RECORD_WIRE_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "money/postings.h"
#include "process/result_dates.h"
#include "purring/v1/evaluate.pb.h"
#include "purring/v1/history.pb.h"
#include "purring/v1/ledger.pb.h"

namespace purring::internal {

// What a result copies from the request, for a store that writes the
// copies itself rather than have the evaluation set them in the result
// (EvalContext::store_writes_copies): copying strings into the result and
// clearing them again cost ~600 instructions an invoice (callgrind, 10 000
// invoices).
struct ResultCopies {
  // Its number, customer id, invoice date and due date, with its customer's
  // name and profile id; nullptr: the result holds its own (and these
  // fields of the result are left out otherwise).
  const v1::Invoice* invoice = nullptr;
  absl::string_view customer_name;
  absl::string_view profile_id;
  // More of its history, after the result's own.
  absl::Span<const v1::Notice* const> history;
  // Its dates as days, its interest's with them; nullptr: the result holds
  // them as text (and these fields of the result are left empty otherwise).
  const ResultDates* dates = nullptr;
};

// The size of `result`'s fields with `copies` in their places, and caches
// every nested size for WriteResultFields.
size_t ResultByteSize(const v1::InvoiceResult& result,
                      const ResultCopies& copies);

// Writes the fields ResultByteSize measured (the message's body, without its
// own tag and length) at `at`; returns the end. Call ResultByteSize first.
uint8_t* WriteResultFields(const v1::InvoiceResult& result,
                           const ResultCopies& copies, uint8_t* at);

// A letter with `lines` (LetterLine messages, serialized apart) as more of
// its lines, after its own: the size, caching the nested sizes, then the
// fields (the body).
size_t LetterByteSize(const v1::ProposedLetter& letter,
                      absl::Span<const absl::string_view> lines);
uint8_t* WriteLetterFields(const v1::ProposedLetter& letter,
                           absl::Span<const absl::string_view> lines,
                           uint8_t* at);

// An action's records: writes `record`'s fields (its body) at `at` and
// returns the end. Call record.ByteSizeLong() first.
uint8_t* WriteRecordFields(const v1::ProposedAction& record, uint8_t* at);
uint8_t* WriteRecordFields(const v1::LetterLine& record, uint8_t* at);
// A LedgerPosting from its line (money/postings.h), without the message:
// the size of its body, then the body.
size_t PostingByteSize(const PostingLine& line,
                       const v1::ProposedAction& action,
                       const v1::AccountingSettings& accounting);
uint8_t* WritePostingFields(const PostingLine& line,
                            const v1::ProposedAction& action,
                            const v1::AccountingSettings& accounting,
                            uint8_t* at);
// Through protobuf's serializer: one action in five, and deep.
uint8_t* WriteRecordFields(const v1::CollectionCaseFile& record, uint8_t* at);

}  // namespace purring::internal

#endif  // PURRING_SRC_RECORD_WIRE_H_
