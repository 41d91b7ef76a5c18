// What the evaluation of an invoice, and its letter, need of its customer,
// worked out once per customer in one pass over the customers. Invoices name
// their customers in any order; on a large ledger reading the customer's own
// message for every invoice is a cache miss or three (the message, its name,
// its profile id), while this table is small and dense. A request read from
// its bytes has its table built while validation reads each customer
// (CustomerReader), so that no customer is parsed twice for it.
#ifndef PURRING_SRC_PROCESS_CUSTOMER_TABLE_H_
#define PURRING_SRC_PROCESS_CUSTOMER_TABLE_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "customer_reader.h"
#include "large_allocator.h"
#include "process/profiles.h"
#include "purring/v1/ledger.pb.h"
#include "purring/v1/settings.pb.h"
#include "purring/v1/types.pb.h"

namespace purring::internal {

// Read for every invoice: one cache line, with the customer's name in it
// when the name fits (most do). On a large ledger an invoice's customer is
// anywhere in the table, and a name kept apart was a second miss after the
// facts' own (thirty-fourth session: at a million invoices, a fifth of
// RunShard's own samples sat on reading the name's address).
class CustomerFacts {
 public:
  ProfileTable::Choice choice;
  // How the customer's letters go under the request's email preference
  // (LetterChannel): every SEND_NOTICE needs it.
  v1::Channel letter_channel = v1::CHANNEL_UNSPECIFIED;
  bool do_not_dun = false;
  // HasPostalAddress: where a letter that may not be e-mailed goes
  // (NoticeChannel).
  bool has_postal_address = false;

  absl::string_view name() const {
    return absl::string_view(
        name_size_ <= sizeof short_name_ ? short_name_ : long_name_,
        name_size_);
  }
  // `name` outlives the facts when it does not fit in them.
  void set_name(absl::string_view name);

 private:
  const char* long_name_ = nullptr;  // the table's own copy, when too long
  uint32_t name_size_ = 0;
  char short_name_[28] = {};
};

// Read for a letter (BuildLetters); views into the table's own copies.
struct LetterFacts {
  absl::string_view id;
  absl::string_view email;  // RecipientEmail's
  bool has_postal_address = false;  // HasPostalAddress
};

// Thread safety: immutable once built; shared read-only by all threads.
class CustomerTable {
 public:
  // Adds the customers in request order.
  class Builder {
   public:
    // REQUIRES: settings passed validation.
    explicit Builder(const v1::DunningSettings& settings);
    // string_bytes: at least the ids', names' and e-mails' bytes together
    // (0 when not known): the strings are then never copied as they grow.
    void Reserve(int customers, size_t string_bytes);
    void Add(const v1::Customer& customer);
    CustomerTable Finish() &&;

   private:
    struct Strings {  // where a customer's strings start in strings_
      size_t id, name, email, end;
    };
    ProfileTable profiles_;
    v1::EmailPreference email_preference_;
    LargeVector<CustomerFacts> facts_;
    LargeVector<LetterFacts> letters_;
    LargeVector<Strings> strings_at_;
    LargeVector<char> strings_;
  };

  // Reads every customer once.
  static CustomerTable Build(const CustomerReader& customers,
                             const v1::DunningSettings& settings);

  // The profiles the facts' choices point into.
  const ProfileTable& profiles() const { return profiles_; }
  // ordinal: the customer's position in the request's customers.
  const CustomerFacts& operator[](int ordinal) const { return facts_[ordinal]; }
  const LetterFacts& letter(int ordinal) const { return letters_[ordinal]; }

 private:
  // Moved, its vector keeps its elements where they are: the choices'
  // pointers stay valid.
  ProfileTable profiles_;
  LargeVector<CustomerFacts> facts_;  // by position in the request
  LargeVector<LetterFacts> letters_;  // likewise
  // The names, ids and e-mails, back to back. A vector, not a string: a
  // short string moves its bytes with it (the small-string buffer), which
  // would leave the views behind when the table is moved.
  LargeVector<char> strings_;
};

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_CUSTOMER_TABLE_H_
