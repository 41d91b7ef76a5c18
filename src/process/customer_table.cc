#include "process/customer_table.h"

#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "process/letters.h"

namespace purring::internal {

static_assert(sizeof(CustomerFacts) == 64, "one cache line");

void CustomerFacts::set_name(absl::string_view name) {
  name_size_ = static_cast<uint32_t>(name.size());
  if (name.size() <= sizeof short_name_) {
    std::memcpy(short_name_, name.data(), name.size());
    long_name_ = nullptr;
  } else {
    long_name_ = name.data();
  }
}

CustomerTable::Builder::Builder(const v1::DunningSettings& settings)
    : profiles_(ProfileTable::Build(settings)),
      email_preference_(settings.email_preference()) {}

void CustomerTable::Builder::Reserve(int customers, size_t string_bytes) {
  facts_.reserve(customers);
  letters_.reserve(customers);
  strings_at_.reserve(customers);
  strings_.reserve(string_bytes);
}

void CustomerTable::Builder::Add(const v1::Customer& customer) {
  const absl::string_view email = RecipientEmail(customer, email_preference_);
  LetterFacts letter;
  letter.has_postal_address = HasPostalAddress(customer.postal_address());
  letters_.push_back(letter);
  CustomerFacts facts;
  facts.choice = profiles_.ForCustomer(customer);
  facts.do_not_dun = customer.do_not_dun();
  facts.letter_channel = LetterChannel(email, letter.has_postal_address);
  facts.has_postal_address = letter.has_postal_address;
  facts_.push_back(facts);
  // Viewed once all are in (Finish): strings_ may move while it grows.
  auto append = [&](absl::string_view text) {
    const size_t at = strings_.size();
    strings_.insert(strings_.end(), text.begin(), text.end());
    return at;
  };
  Strings at;
  at.id = append(customer.id());
  at.name = append(customer.name());
  at.email = append(email);
  at.end = strings_.size();
  strings_at_.push_back(at);
}

CustomerTable CustomerTable::Builder::Finish() && {
  CustomerTable table;
  table.profiles_ = std::move(profiles_);
  table.facts_ = std::move(facts_);
  table.letters_ = std::move(letters_);
  // Not shrunk to fit: reserved room never written is never resident.
  table.strings_ = std::move(strings_);
  const absl::string_view strings(table.strings_.data(),
                                  table.strings_.size());
  for (size_t k = 0; k < strings_at_.size(); ++k) {
    const Strings& at = strings_at_[k];
    table.facts_[k].set_name(strings.substr(at.name, at.email - at.name));
    table.letters_[k].id = strings.substr(at.id, at.name - at.id);
    table.letters_[k].email = strings.substr(at.email, at.end - at.email);
  }
  LargeVector<Strings>().swap(strings_at_);
  return table;
}

CustomerTable CustomerTable::Build(const CustomerReader& customers,
                                   const v1::DunningSettings& settings) {
  Builder builder(settings);
  builder.Reserve(customers.size(), customers.record_bytes());
  CustomerScratch scratch;
  for (int k = 0; k < customers.size(); ++k) {
    builder.Add(customers.Get(k, &scratch));
  }
  return std::move(builder).Finish();
}

}  // namespace purring::internal
