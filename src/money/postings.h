// Ledger postings (F15) for the fees and interest a notice charges.
#ifndef PURRING_SRC_MONEY_POSTINGS_H_
#define PURRING_SRC_MONEY_POSTINGS_H_

#include "google/protobuf/repeated_field.h"
#include "purring/v1/evaluate.pb.h"
#include "purring/v1/settings.pb.h"

namespace purring::internal {

// Appends the postings of one SEND_NOTICE action (fee, compensation,
// interest; zero amounts skipped): debit the receivable, credit the income
// account, accounts defaulted as documented in settings.proto. Other action
// kinds append nothing.
void AppendPostings(const v1::ProposedAction& action,
                    const v1::AccountingSettings& accounting,
                    google::protobuf::RepeatedPtrField<v1::LedgerPosting>* out);

}  // namespace purring::internal

#endif  // PURRING_SRC_MONEY_POSTINGS_H_
