// CustomerReader reads a serialized request's customers from their bytes,
// one at a time, into a reused scratch: each reads as protobuf parses it
// (presence of the postal address included, whatever the customer read
// before), past the scratch's renewals, and bytes protobuf refuses read as
// nothing. CustomerTable's facts are the same from the bytes as from the
// parsed request.
#include "customer_reader.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "process/customer_table.h"
#include "purring/v1/evaluate.pb.h"
#include "request_split.h"

namespace purring::internal {
namespace {

// Customer k: every third with a postal address, every fifth with an empty
// one set (present, no fields), every other with an invoice e-mail.
v1::EvaluateRequest Customers(int count) {
  v1::EvaluateRequest request;
  for (int k = 0; k < count; ++k) {
    v1::Customer* c = request.add_customers();
    c->set_id(absl::StrCat("C", k));
    c->set_name(absl::StrCat("Kunde nummer ", k, " med et langt navn"));
    if (k % 3 == 0) {
      c->mutable_postal_address()->add_lines(absl::StrCat("Gate ", k));
      c->mutable_postal_address()->set_postal_code("0150");
      c->mutable_postal_address()->set_city("Oslo");
    } else if (k % 5 == 0) {
      c->mutable_postal_address();
    }
    if (k % 2 == 0) c->set_invoice_email(absl::StrCat("faktura", k, "@x.no"));
    if (k % 7 == 0) c->set_company_email(absl::StrCat("post", k, "@x.no"));
    if (k % 11 == 0) c->set_do_not_dun(true);
  }
  return request;
}

CustomerReader ReaderOf(const std::string& bytes) {
  v1::EvaluateRequest rest;
  RequestSplit split;
  EXPECT_TRUE(SplitRequest(bytes, &rest, &split));
  EXPECT_EQ(rest.customers_size(), 0);  // listed, not parsed
  return CustomerReader(bytes, std::move(split.customers));
}

TEST(CustomerReader, ReadsEachCustomerAsProtobufParsesIt) {
  // More reads than the scratch makes between renewals (256).
  const v1::EvaluateRequest request = Customers(700);
  const std::string bytes = request.SerializeAsString();
  const CustomerReader reader = ReaderOf(bytes);
  ASSERT_TRUE(reader.parses());
  ASSERT_EQ(reader.size(), 700);
  CustomerScratch scratch;
  // Forwards, then backwards: each customer after another of each kind.
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 0; i < 700; ++i) {
      const int k = pass == 0 ? i : 699 - i;
      const v1::Customer* read = reader.Read(k, &scratch);
      ASSERT_NE(read, nullptr) << k;
      EXPECT_EQ(read->has_postal_address(),
                request.customers(k).has_postal_address())
          << k;
      EXPECT_EQ(read->SerializeAsString(),
                request.customers(k).SerializeAsString())
          << k;
    }
  }
}

TEST(CustomerReader, AParsedRequestsCustomersAreItsOwn) {
  const v1::EvaluateRequest request = Customers(3);
  const CustomerReader reader(request.customers());
  EXPECT_FALSE(reader.parses());
  CustomerScratch scratch;
  EXPECT_EQ(reader.Read(2, &scratch), &request.customers(2));
}

TEST(CustomerReader, BytesProtobufRefusesReadAsNothing) {
  v1::EvaluateRequest request = Customers(2);
  request.mutable_customers(1)->set_name("ugyldig \xff UTF-8");
  const std::string bytes = request.SerializePartialAsString();
  const CustomerReader reader = ReaderOf(bytes);
  CustomerScratch scratch;
  ASSERT_NE(reader.Read(0, &scratch), nullptr);
  EXPECT_EQ(reader.Read(1, &scratch), nullptr);
  // Get, for a customer validation has read, never fails: such a customer
  // would read as empty.
  EXPECT_EQ(reader.Get(1, &scratch).ByteSizeLong(), 0u);
}

TEST(CustomerTable, TheSameFactsFromBytesAsFromTheParsedRequest) {
  const v1::EvaluateRequest request = Customers(40);
  const std::string bytes = request.SerializeAsString();
  for (v1::EmailPreference preference :
       {v1::EMAIL_PREFERENCE_INVOICE_EMAIL,
        v1::EMAIL_PREFERENCE_COMPANY_EMAIL}) {
    SCOPED_TRACE(v1::EmailPreference_Name(preference));
    v1::DunningSettings settings;
    settings.set_email_preference(preference);
    const CustomerTable from_bytes =
        CustomerTable::Build(ReaderOf(bytes), settings);
    const CustomerTable from_tree =
        CustomerTable::Build(CustomerReader(request.customers()), settings);
    for (int k = 0; k < 40; ++k) {
      SCOPED_TRACE(k);
      const v1::Customer& c = request.customers(k);
      for (const CustomerTable* table : {&from_bytes, &from_tree}) {
        const LetterFacts& letter = table->letter(k);
        EXPECT_EQ(letter.id, c.id());
        EXPECT_EQ((*table)[k].name(), c.name());
        EXPECT_EQ((*table)[k].do_not_dun, c.do_not_dun());
        // Only customers with lines have an address (every third).
        EXPECT_EQ(letter.has_postal_address, k % 3 == 0);
        const std::string& preferred =
            preference == v1::EMAIL_PREFERENCE_COMPANY_EMAIL
                ? c.company_email()
                : c.invoice_email();
        const std::string& other =
            preference == v1::EMAIL_PREFERENCE_COMPANY_EMAIL
                ? c.invoice_email()
                : c.company_email();
        EXPECT_EQ(letter.email, preferred.empty() ? other : preferred);
        EXPECT_EQ((*table)[k].letter_channel,
                  !letter.email.empty()        ? v1::CHANNEL_EMAIL
                  : letter.has_postal_address ? v1::CHANNEL_POST
                                              : v1::CHANNEL_UNSPECIFIED);
      }
    }
  }
}

TEST(CustomerTable, NamesShortAndLongReadBackWhole) {
  // A name of up to 28 bytes is kept inside the facts, a longer one in the
  // table's strings (customer_table.h); both read back as given, and a copy
  // of the facts reads the same.
  const std::vector<std::string> names = {
      "",
      "A",
      "Ærlige Øystein Åsen AS",  // 25 bytes in UTF-8
      std::string(28, 'x'),      // the longest kept inside
      std::string(29, 'y'),      // the shortest kept apart
      "Rørleggermester Bjørnstad & Sønner Holding AS",
  };
  v1::EvaluateRequest request;
  for (size_t k = 0; k < names.size(); ++k) {
    v1::Customer* c = request.add_customers();
    c->set_id(absl::StrCat("C", k));
    c->set_name(names[k]);
  }
  const CustomerTable table = CustomerTable::Build(
      CustomerReader(request.customers()), v1::DunningSettings());
  for (size_t k = 0; k < names.size(); ++k) {
    SCOPED_TRACE(k);
    EXPECT_EQ(table[static_cast<int>(k)].name(), names[k]);
    const CustomerFacts copy = table[static_cast<int>(k)];
    EXPECT_EQ(copy.name(), names[k]);
  }
}

TEST(CustomerTable, ItsViewsFollowItWhenMoved) {
  // Strings short enough to sit inside a std::string (its small-string
  // buffer moves with it): the table's views must not stay behind.
  v1::EvaluateRequest first;
  first.add_customers()->set_id("C");
  v1::EvaluateRequest second;
  second.add_customers()->set_id("Z");
  std::optional<CustomerTable> built;
  built.emplace(CustomerTable::Build(CustomerReader(first.customers()),
                                     v1::DunningSettings()));
  const CustomerTable moved = std::move(*built);
  // The storage the table was built in now holds another table.
  built.emplace(CustomerTable::Build(CustomerReader(second.customers()),
                                     v1::DunningSettings()));
  EXPECT_EQ(moved.letter(0).id, "C");
  EXPECT_EQ(built->letter(0).id, "Z");
}

}  // namespace
}  // namespace purring::internal
