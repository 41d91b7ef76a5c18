// Letters (F16, F4): one per customer per step per date, listing its
// invoices; or, without any address, an entry under "customers missing
// address".
#ifndef PURRING_SRC_PROCESS_LETTERS_H_
#define PURRING_SRC_PROCESS_LETTERS_H_

#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "google/protobuf/repeated_field.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// One SEND_NOTICE action with what its letter line needs.
struct LetterItem {
  v1::ProposedAction* action;  // letter_id and channel are set here
  const v1::Customer* customer;
  const v1::Invoice* invoice;
  const v1::InvoiceResult* result;
};

// The customer's letter e-mail: the preferred field (email_preference;
// UNSPECIFIED = invoice e-mail), else the other; "" when neither is set.
const std::string& RecipientEmail(const v1::Customer& customer,
                                  v1::EmailPreference preference);
// At least one non-empty address line, and a postal code or city.
bool HasPostalAddress(const v1::PostalAddress& address);

// Appends the letters sorted by id and the customers missing an address
// sorted by customer id (their invoices in `items` order). OUT_OF_RANGE when
// a letter's totals overflow 64-bit øre (naming the letter). Calls
// letter_done() after each letter is complete (it may take the letter out
// of *letters).
absl::Status BuildLetters(
    const std::vector<LetterItem>& items, const v1::DunningSettings& settings,
    google::protobuf::RepeatedPtrField<v1::ProposedLetter>* letters,
    google::protobuf::RepeatedPtrField<v1::CustomerMissingAddress>* missing,
    absl::FunctionRef<void()> letter_done = [] {});

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_LETTERS_H_
