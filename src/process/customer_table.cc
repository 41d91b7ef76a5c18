#include "process/customer_table.h"

#include "process/letters.h"

namespace purring::internal {

CustomerTable CustomerTable::Build(
    const google::protobuf::RepeatedPtrField<v1::Customer>& customers,
    const ProfileTable& profiles, v1::EmailPreference email_preference) {
  CustomerTable table;
  size_t name_bytes = 0;
  for (const v1::Customer& customer : customers) {
    name_bytes += customer.name().size();
  }
  // Reserved up front: the views into names_ must never move.
  table.names_.reserve(name_bytes);
  table.facts_.reserve(customers.size());
  for (const v1::Customer& customer : customers) {
    CustomerFacts facts;
    facts.choice = profiles.ForCustomer(customer);
    facts.do_not_dun = customer.do_not_dun();
    facts.letter_channel = LetterChannel(customer, email_preference);
    const size_t at = table.names_.size();
    table.names_.append(customer.name());
    facts.name = absl::string_view(table.names_).substr(at, customer.name().size());
    table.facts_.push_back(facts);
  }
  return table;
}

}  // namespace purring::internal
