// Letters (F16, F4): one per customer per step per date, listing its
// invoices; or, without any address, an entry under "customers missing
// address".
#ifndef PURRING_SRC_PROCESS_LETTERS_H_
#define PURRING_SRC_PROCESS_LETTERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "customer_reader.h"
#include "google/protobuf/repeated_field.h"
#include "process/customer_table.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// What a letter reads of one SEND_NOTICE action, with the action's letter
// line, built by its invoice's shard.
struct LetterItem {
  int32_t customer;  // its position in the request's customers
  // The action's letter id (AppendLetterId); empty when the customer can be
  // written to by no channel (LetterChannel).
  absl::string_view letter_id;
  absl::string_view invoice_number;
  absl::string_view line;  // the serialized LetterLine (FillLetterLine)
  // That line's objection link: the letter's, when the line is its first
  // (the same template, invoice, customer and letter id).
  absl::string_view line_link;
  int64_t line_interest;   // that line's interest
  v1::StepKind step;
  absl::string_view date;
  absl::string_view deadline;
  bool automatic;
  int64_t fee;
  int64_t compensation;
  int64_t amount_claimed;
};

// A SEND_NOTICE action's letter id: "<customer>/<step>/<date>", appended.
void AppendLetterId(absl::string_view customer_id, v1::StepKind step,
                    absl::string_view date, std::string* out);

// Letter ids recorded in the history (Notice.letter_id) that a letter
// proposed now could take: those of notices sent on or after the as-of
// date.
using LetterIds = absl::flat_hash_set<std::string>;

// Makes *id, an AppendLetterId, one no recorded letter has: a letter sent
// earlier the same day to the same customer at the same step (before a hold
// ended, say) keeps its id, and the next is "<id>/2", then "<id>/3".
void MakeLetterIdFree(const LetterIds& taken, std::string* id);

// How a customer's letters go, from its RecipientEmail and
// HasPostalAddress: CHANNEL_EMAIL to the e-mail when there is one, else
// CHANNEL_POST when it has a postal address; else CHANNEL_UNSPECIFIED, and
// the customer is missing an address.
v1::Channel LetterChannel(absl::string_view recipient_email,
                          bool has_postal_address);

// How a notice at `step` dated `date` goes to a customer: by its
// letter_channel, but for a collection warning dated before
// kElectronicWarningsFrom by post, or by no channel without a postal
// address: e-mailed, it would be no inkassovarsel under inkassoloven § 9
// (§ 3a; HasSection9Form in money/fee_rules.h), so it would earn no fee
// and allow no transfer.
v1::Channel NoticeChannel(const CustomerFacts& facts, v1::StepKind step,
                          absl::CivilDay date);
// The same for a date as "YYYY-MM-DD", read only for an e-mailed
// collection warning.
v1::Channel NoticeChannel(const CustomerFacts& facts, v1::StepKind step,
                          absl::string_view date);

// The line a SEND_NOTICE action's invoice has in its letter. It needs
// nothing of the letter's other lines, so the invoice's shard builds it while
// the invoice and its result are at hand, instead of the letters keeping
// them. letter_id: AppendLetterId's.
void FillLetterLine(const v1::Invoice& invoice, const v1::Balance& balance,
                    const v1::ProposedAction& action,
                    absl::string_view letter_id,
                    absl::string_view link_template, v1::LetterLine* line);

// The customer's letter e-mail: the preferred field (email_preference;
// UNSPECIFIED = invoice e-mail), else the other; "" when neither is set.
// Surrounding spaces (StripSpaces) are dropped, and a field of spaces, or
// without something before and after an '@', counts as unset.
absl::string_view RecipientEmail(const v1::Customer& customer,
                                 v1::EmailPreference preference);
// At least one address line that is not blank, and a postal code or city
// that is not blank (Blank: spaces, Unicode ones too, count as nothing).
bool HasPostalAddress(const v1::PostalAddress& address);

// Appends the letters sorted by id and the customers missing a postal
// address sorted by customer id (their invoices in `items` order): those
// with no letter at all, and those whose letters go by e-mail (F4). The items carry
// their actions' letter ids (ActionRecords::Build), empty for a customer
// missing an address. OUT_OF_RANGE when a letter's totals overflow 64-bit
// øre (naming the letter). Each letter is appended without its lines:
// letter_done(lines) is called once the rest of it is complete, with its
// lines' bytes in order, and adds them (it may take the letter out of
// *letters). Of the customers, the letters read their table's facts
// (`table`) and, for a letter by post, the postal address (`customers`).
absl::Status BuildLetters(
    absl::Span<const LetterItem> items, const CustomerTable& table,
    const CustomerReader& customers, const v1::DunningSettings& settings,
    google::protobuf::RepeatedPtrField<v1::ProposedLetter>* letters,
    google::protobuf::RepeatedPtrField<v1::CustomerMissingAddress>* missing,
    absl::FunctionRef<void(absl::Span<const absl::string_view> lines)>
        letter_done);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_LETTERS_H_
