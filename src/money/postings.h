// Ledger postings (F15) for the fees and interest a notice charges.
#ifndef PURRING_SRC_MONEY_POSTINGS_H_
#define PURRING_SRC_MONEY_POSTINGS_H_

#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_field.h"
#include "purring/v1/evaluate.pb.h"
#include "purring/v1/settings.pb.h"

namespace purring::internal {

// One posting of an action, as views of the action's settings and of
// constants: a LedgerPosting holds these, and the action's id (its own id is
// the action's, "/" and id_suffix), date, invoice number and customer id,
// and the settings' department and project; its description is `what`,
// kDescriptionJoin and the invoice number. A store writes postings from
// these straight into the response (record_wire.h).
struct PostingLine {
  v1::PostingKind kind;
  absl::string_view id_suffix;
  absl::string_view what;
  int64_t amount;
  absl::string_view debit_account;
  absl::string_view credit_account;
};
inline constexpr absl::string_view kDescriptionJoin = " faktura ";

// The postings of one SEND_NOTICE action (fee, compensation, interest; zero
// amounts skipped): debit the receivable, credit the income account,
// accounts defaulted as documented in settings.proto. None for other action
// kinds. The views live as long as `accounting`.
absl::InlinedVector<PostingLine, 3> PostingLinesOf(
    const v1::ProposedAction& action, const v1::AccountingSettings& accounting);

// Appends the postings of PostingLinesOf(action, accounting) as messages.
void AppendPostings(const v1::ProposedAction& action,
                    const v1::AccountingSettings& accounting,
                    google::protobuf::RepeatedPtrField<v1::LedgerPosting>* out);

}  // namespace purring::internal

#endif  // PURRING_SRC_MONEY_POSTINGS_H_
