#include "process/letters.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "dates.h"
#include "large_allocator.h"
#include "money/fee_rules.h"
#include "money/money_math.h"
#include "process/naming.h"
#include "process/spaces.h"

namespace purring::internal {

namespace {

// An e-mail field a letter can go to, without surrounding spaces: one with
// something before and after an '@' ("not-an-email" reaches no one; the
// letter goes by post instead). "" when not.
absl::string_view UsableEmail(absl::string_view field) {
  const absl::string_view email = StripSpaces(field);
  const size_t first_at = email.find('@');
  const size_t last_at = email.rfind('@');
  if (first_at == absl::string_view::npos || first_at == 0 ||
      last_at + 1 == email.size()) {
    return {};
  }
  return email;
}

}  // namespace

absl::string_view RecipientEmail(const v1::Customer& customer,
                                 v1::EmailPreference preference) {
  const bool company_first = preference == v1::EMAIL_PREFERENCE_COMPANY_EMAIL;
  const absl::string_view first = UsableEmail(
      company_first ? customer.company_email() : customer.invoice_email());
  const absl::string_view second = UsableEmail(
      company_first ? customer.invoice_email() : customer.company_email());
  return first.empty() ? second : first;
}

bool HasPostalAddress(const v1::PostalAddress& address) {
  const bool has_line =
      std::any_of(address.lines().begin(), address.lines().end(),
                  [](const std::string& line) { return !Blank(line); });
  return has_line && (!Blank(address.postal_code()) || !Blank(address.city()));
}

void AppendLetterId(absl::string_view customer_id, v1::StepKind step,
                    absl::string_view date, std::string* out) {
  const absl::string_view name = StepName(step);
  out->append(customer_id.data(), customer_id.size()).append("/");
  out->append(name.data(), name.size()).append("/");
  out->append(date.data(), date.size());
}

void MakeLetterIdFree(const LetterIds& taken, std::string* id) {
  if (taken.empty() || !taken.contains(*id)) return;
  const size_t base = id->size();
  for (int n = 2;; ++n) {
    id->resize(base);
    absl::StrAppend(id, "/", n);
    if (!taken.contains(*id)) return;
  }
}

v1::Channel LetterChannel(absl::string_view recipient_email,
                          bool has_postal_address) {
  if (!recipient_email.empty()) return v1::CHANNEL_EMAIL;
  if (has_postal_address) return v1::CHANNEL_POST;
  return v1::CHANNEL_UNSPECIFIED;
}

v1::Channel NoticeChannel(const CustomerFacts& facts, v1::StepKind step,
                          absl::CivilDay date) {
  if (facts.letter_channel != v1::CHANNEL_EMAIL ||
      step != v1::STEP_KIND_COLLECTION_WARNING ||
      date >= kElectronicWarningsFrom) {
    return facts.letter_channel;
  }
  return facts.has_postal_address ? v1::CHANNEL_POST : v1::CHANNEL_UNSPECIFIED;
}

v1::Channel NoticeChannel(const CustomerFacts& facts, v1::StepKind step,
                          absl::string_view date) {
  if (facts.letter_channel != v1::CHANNEL_EMAIL ||
      step != v1::STEP_KIND_COLLECTION_WARNING) {
    return facts.letter_channel;
  }
  const std::optional<absl::CivilDay> day = ParseDate(date);
  // The engine's own dates always parse; were one not to, e-mail stands.
  return day.has_value() ? NoticeChannel(facts, step, *day)
                         : facts.letter_channel;
}

void FillLetterLine(const v1::Invoice& invoice, const v1::Balance& balance,
                    const v1::ProposedAction& action,
                    absl::string_view letter_id,
                    absl::string_view link_template, v1::LetterLine* line) {
  line->set_invoice_number(invoice.number());
  line->set_invoice_date(invoice.invoice_date());
  line->set_due_date(invoice.due_date());
  line->set_original_amount(invoice.amount());
  line->set_paid(balance.paid());
  line->set_credited(balance.credited());
  line->set_fee(action.fee());
  line->set_compensation(action.compensation());
  // Gross, as `paid` is, so that the line adds up for the debtor:
  // original − credited − paid + fees_earlier + fee + compensation +
  // interest = amount_due (Balance.total's identity). Each term is at most
  // kMaxLedgerTotal (validated), so the sums cannot overflow.
  const int64_t fees_earlier =
      balance.fees_charged() + balance.compensation_charged();
  line->set_fees_earlier(fees_earlier);
  // What the notice claims beyond that is the interest claimed so far.
  line->set_interest(std::max<int64_t>(
      0, action.amount_claimed() - invoice.amount() + balance.credited() +
             balance.paid() - fees_earlier - action.fee() -
             action.compensation()));
  line->set_amount_due(action.amount_claimed());
  line->set_payment_reference(invoice.payment_reference());
  line->set_objection_link(ObjectionLink(link_template, invoice.number(),
                                         invoice.customer_id(), letter_id));
}

namespace {

// A letter id with its first 16 bytes packed big-endian: most comparisons
// end on the packed prefix without touching the string (a cache miss each
// in a ledger of a million invoices). Orders exactly like the strings. The
// id is the item's own: no allocation per letter.
struct LetterKey {
  uint64_t high = 0;
  uint64_t low = 0;
  absl::string_view id;
  size_t item = 0;

  LetterKey(absl::string_view letter_id, size_t index)
      : id(letter_id), item(index) {
    for (size_t i = 0; i < 16; ++i) {
      const uint64_t byte =
          i < id.size() ? static_cast<unsigned char>(id[i]) : 0;
      if (i < 8) {
        high = (high << 8) | byte;
      } else {
        low = (low << 8) | byte;
      }
    }
  }
};

// Asks for what a letter reads of an item (its line and its customer's
// facts, each far from the others on a large ledger) ahead of its turn, so
// that the misses overlap.
void PrefetchItem(const LetterItem& item, const CustomerTable& table) {
  __builtin_prefetch(item.line.data());
  __builtin_prefetch(&table[item.customer]);
  __builtin_prefetch(&table.letter(item.customer));
}

// The second hop, once the facts have arrived: the customer's strings, and
// for a letter by post the customer itself.
void PrefetchCustomer(const LetterItem& item, const CustomerTable& table,
                      const CustomerReader& customers) {
  const LetterFacts& letter = table.letter(item.customer);
  __builtin_prefetch(letter.id.data());
  if (letter.email.empty()) customers.Prefetch(item.customer);
}

// The letters' parts apart from the walk over their items: keying the
// items, writing one letter, listing the customers missing an address.
class LetterBuilder {
 public:
  LetterBuilder(absl::Span<const LetterItem> items, const CustomerTable& table,
                const CustomerReader& customers,
                const v1::DunningSettings& settings);

  // (letter id, item), sorted by id and then `items` order: the letters in
  // id order, like a map, without a tree node and a vector per letter. The
  // items with no letter id are noted as missing an address.
  LargeVector<LetterKey> KeyItems();
  // Writes into *letter the letter `id` of the items `members` (in `items`
  // order), and its lines into *lines.
  absl::Status Write(absl::string_view id, absl::Span<const size_t> members,
                     v1::ProposedLetter* letter,
                     std::vector<absl::string_view>* lines);
  void ListMissing(
      google::protobuf::RepeatedPtrField<v1::CustomerMissingAddress>* missing);

 private:
  absl::Span<const LetterItem> items_;
  const CustomerTable& table_;
  const CustomerReader& customers_;
  const v1::Company& company_;
  absl::string_view phone_;
  absl::string_view email_;
  // Whether a customer can be written to depends on the customer (ids are
  // unique) and, for a collection warning, its date (NoticeChannel), and
  // the action already told (an empty letter id): keying reads no customer
  // but those that cannot be written to. Those written to by e-mail without
  // a postal address join them as their letters are written.
  std::map<absl::string_view, std::vector<size_t>> missing_items_;
  CustomerScratch scratch_;  // for a customer read from the request's bytes
};

// "Hvis man ikke spesifiserer noe der vil systemet hente epost og
// telefonnr fra Firmainformasjonen" (seed 000): an override of only
// spaces specifies nothing, as a recipient e-mail of spaces is none.
// Printed without surrounding spaces.
LetterBuilder::LetterBuilder(absl::Span<const LetterItem> items,
                             const CustomerTable& table,
                             const CustomerReader& customers,
                             const v1::DunningSettings& settings)
    : items_(items),
      table_(table),
      customers_(customers),
      company_(settings.company()),
      phone_(StripSpaces(Blank(settings.contact_phone())
                             ? company_.phone()
                             : settings.contact_phone())),
      email_(StripSpaces(Blank(settings.contact_email())
                             ? company_.email()
                             : settings.contact_email())) {}

LargeVector<LetterKey> LetterBuilder::KeyItems() {
  LargeVector<LetterKey> keyed;
  keyed.reserve(items_.size());
  for (size_t i = 0; i < items_.size(); ++i) {
    const LetterItem& item = items_[i];
    if (item.letter_id.empty()) {
      missing_items_[table_.letter(item.customer).id].push_back(i);
      continue;
    }
    keyed.emplace_back(item.letter_id, i);
  }
  // Ties in `items` order, as a stable sort would leave them, without its
  // buffer (a ledger-sized block malloc maps afresh).
  std::sort(keyed.begin(), keyed.end(),
            [](const LetterKey& a, const LetterKey& b) {
              if (a.high != b.high) return a.high < b.high;
              if (a.low != b.low) return a.low < b.low;
              if (a.id != b.id) return a.id < b.id;
              return a.item < b.item;
            });
  return keyed;
}

absl::Status LetterBuilder::Write(absl::string_view id,
                                  absl::Span<const size_t> members,
                                  v1::ProposedLetter* letter,
                                  std::vector<absl::string_view>* lines) {
  const LetterItem& head = items_[members.front()];
  const LetterFacts& facts = table_.letter(head.customer);
  letter->set_id(id.data(), id.size());
  letter->set_customer_id(facts.id.data(), facts.id.size());
  const absl::string_view name = table_[head.customer].name();
  letter->set_customer_name(name.data(), name.size());
  letter->set_step(head.step);
  letter->set_date(head.date.data(), head.date.size());
  if (NoticeChannel(table_[head.customer], head.step, head.date) ==
      v1::CHANNEL_EMAIL) {
    letter->set_channel(v1::CHANNEL_EMAIL);
    letter->set_email(facts.email.data(), facts.email.size());
    // F4: the CRM lacks the customer's postal address even though the
    // letter can go by e-mail ("mangler adresse i CRM").
    if (!facts.has_postal_address) {
      std::vector<size_t>& listed = missing_items_[facts.id];
      listed.insert(listed.end(), members.begin(), members.end());
    }
  } else {
    letter->set_channel(v1::CHANNEL_POST);
    *letter->mutable_postal_address() =
        customers_.Get(head.customer, &scratch_).postal_address();
  }
  letter->set_creditor_name(company_.name());
  letter->set_contact_phone(phone_.data(), phone_.size());
  letter->set_contact_email(email_.data(), email_.size());
  letter->set_bank_account(company_.bank_account());
  letter->set_collection_warning(head.step == v1::STEP_KIND_COLLECTION_WARNING);
  // ObjectionLink(link_template, head.invoice_number, customer.id(), id),
  // made by the head's shard for its line: on a large ledger remaking it
  // stalled on the invoice number, far away in the request.
  letter->set_objection_link(head.line_link.data(), head.line_link.size());
  absl::string_view deadline = head.deadline;  // the latest one
  int64_t total_fee = 0, total_compensation = 0, total_interest = 0,
          total_due = 0;
  bool automatic = false;
  for (size_t i : members) {
    const LetterItem& item = items_[i];
    automatic = automatic || item.automatic;
    if (deadline < item.deadline) deadline = item.deadline;
    lines->push_back(item.line);
    // Overflow is an error, not a wrap: one customer's invoices can
    // together exceed what a single amount may be.
    if (!AddMoney(item.fee, &total_fee).ok() ||
        !AddMoney(item.compensation, &total_compensation).ok() ||
        !AddMoney(item.line_interest, &total_interest).ok() ||
        !AddMoney(item.amount_claimed, &total_due).ok()) {
      return absl::OutOfRangeError(
          absl::StrCat("letter \"", id, "\": its totals overflow 64-bit øre"));
    }
  }
  letter->set_deadline(deadline.data(), deadline.size());
  letter->set_total_fee(total_fee);
  letter->set_total_compensation(total_compensation);
  letter->set_total_interest(total_interest);
  letter->set_total_due(total_due);
  letter->set_automatic(automatic);
  return absl::OkStatus();
}

void LetterBuilder::ListMissing(
    google::protobuf::RepeatedPtrField<v1::CustomerMissingAddress>* missing) {
  for (auto& [customer_id, members] : missing_items_) {
    v1::CustomerMissingAddress* entry = missing->Add();
    entry->set_customer_id(customer_id.data(), customer_id.size());
    const LetterItem& first = items_[members.front()];
    const absl::string_view name = table_[first.customer].name();
    entry->set_customer_name(name.data(), name.size());
    // A collection warning dated before 2017-04-01 has no letter though
    // the customer's others go by e-mail: then not all of them do.
    bool all_by_email = true;
    // A customer's letters were visited in id order: back to `items` order.
    std::sort(members.begin(), members.end());
    for (size_t i : members) {
      all_by_email = all_by_email && !items_[i].letter_id.empty();
      entry->add_invoice_numbers(items_[i].invoice_number.data(),
                                 items_[i].invoice_number.size());
    }
    entry->set_letters_by_email(all_by_email);
  }
}

}  // namespace

absl::Status BuildLetters(
    absl::Span<const LetterItem> items, const CustomerTable& table,
    const CustomerReader& customers, const v1::DunningSettings& settings,
    google::protobuf::RepeatedPtrField<v1::ProposedLetter>* letters,
    google::protobuf::RepeatedPtrField<v1::CustomerMissingAddress>* missing,
    absl::FunctionRef<void(absl::Span<const absl::string_view> lines)>
        letter_done) {
  LetterBuilder builder(items, table, customers, settings);
  const LargeVector<LetterKey> keyed = builder.KeyItems();
  // Ahead of the item being written, by this many keys: the item itself
  // (sorted by id, the items are visited out of order: reading one to find
  // its records stalled on most of them), then its records, each hop once
  // the one before has arrived.
  constexpr size_t kItemDistance = 16;
  constexpr size_t kPrefetchDistance = 8;
  constexpr size_t kCustomerDistance = 4;
  for (size_t k = 0; k < kItemDistance && k < keyed.size(); ++k) {
    __builtin_prefetch(&items[keyed[k].item]);
  }
  for (size_t k = 0; k < kPrefetchDistance && k < keyed.size(); ++k) {
    PrefetchItem(items[keyed[k].item], table);
  }
  std::vector<size_t> members;
  std::vector<absl::string_view> lines;
  for (size_t next = 0; next < keyed.size();) {
    const absl::string_view id = keyed[next].id;
    members.clear();
    for (; next < keyed.size() && keyed[next].id == id; ++next) {
      members.push_back(keyed[next].item);
      if (next + kItemDistance < keyed.size()) {
        __builtin_prefetch(&items[keyed[next + kItemDistance].item]);
      }
      if (next + kPrefetchDistance < keyed.size()) {
        PrefetchItem(items[keyed[next + kPrefetchDistance].item], table);
      }
      if (next + kCustomerDistance < keyed.size()) {
        PrefetchCustomer(items[keyed[next + kCustomerDistance].item], table,
                         customers);
      }
    }
    if (absl::Status written =
            builder.Write(id, members, letters->Add(), &lines);
        !written.ok()) {
      return written;
    }
    letter_done(lines);
    lines.clear();
  }
  builder.ListMissing(missing);
  return absl::OkStatus();
}

}  // namespace purring::internal
