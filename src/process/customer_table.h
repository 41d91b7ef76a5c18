// What the evaluation of an invoice needs of its customer, worked out once
// per customer in one pass over the customers. Invoices name their customers
// in any order; on a large ledger reading the customer's own message for
// every invoice is a cache miss or three (the message, its name, its profile
// id), while this table is small and dense.
#ifndef PURRING_SRC_PROCESS_CUSTOMER_TABLE_H_
#define PURRING_SRC_PROCESS_CUSTOMER_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "large_allocator.h"
#include "process/profiles.h"
#include "purring/v1/ledger.pb.h"
#include "purring/v1/types.pb.h"

namespace purring::internal {

struct CustomerFacts {
  ProfileTable::Choice choice;
  bool do_not_dun = false;
  // How the customer's letters go under the request's email preference
  // (LetterChannel): every SEND_NOTICE needs it.
  v1::Channel letter_channel = v1::CHANNEL_UNSPECIFIED;
  absl::string_view name;  // into the table's own copy of the names
};

// Thread safety: immutable after Build; shared read-only by all threads.
class CustomerTable {
 public:
  static CustomerTable Build(
      const google::protobuf::RepeatedPtrField<v1::Customer>& customers,
      const ProfileTable& profiles, v1::EmailPreference email_preference);

  // ordinal: the customer's position in the request's customers.
  const CustomerFacts& operator[](int ordinal) const { return facts_[ordinal]; }

 private:
  LargeVector<CustomerFacts> facts_;  // by position in the request
  std::string names_;  // every name, back to back
};

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_CUSTOMER_TABLE_H_
