// BuildCaseFileInto (F17) lends the debtor, the notices and the result's
// balance to the case file instead of copying them: the case file must read
// exactly as a copied one, and ReturnBorrowedParts must give everything back
// untouched, so that clearing, reusing and destroying the case file frees
// none of it (ASan in CI would see a double free). The interest is copied,
// with its dates as text from the result's days (the streamed store's
// results hold them only as days).
#include "process/handoff.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "money/rate_book.h"

namespace purring::internal {
namespace {

struct Sources {
  v1::ProposedAction action;
  v1::Customer customer;
  v1::Invoice invoice;
  v1::InvoiceResult result;
  ResultDates dates;
  std::vector<v1::Notice> notices;
  std::vector<const v1::Notice*> notice_pointers;
  int64_t principal_at_transfer = 125000;

  HandOffInput Input() {
    notice_pointers.clear();
    for (const v1::Notice& notice : notices) notice_pointers.push_back(&notice);
    return {&action,
            &customer,
            &invoice,
            &result,
            &dates,
            notice_pointers,
            principal_at_transfer};
  }
};

Sources MakeSources(const std::string& number, int notice_count) {
  Sources s;
  s.action.set_id(number + "/collection/2026-11-28");
  s.action.set_kind(v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
  s.action.set_date("2026-11-28");
  s.customer.set_id("C-" + number);
  s.customer.set_name("Kari Nordmann " + number);
  s.customer.mutable_postal_address()->add_lines("Storgata 1");
  s.customer.mutable_postal_address()->set_postal_code("0155");
  s.customer.mutable_postal_address()->set_city("Oslo");
  s.invoice.set_number(number);
  s.invoice.set_customer_id(s.customer.id());
  s.invoice.set_invoice_date("2026-08-01");
  s.invoice.set_due_date("2026-08-15");
  s.invoice.set_amount(125000);
  s.invoice.set_payment_reference("KID" + number);
  s.result.set_customer_type(v1::CUSTOMER_TYPE_PERSON);
  // The dates as days only, as EvaluateInvoice leaves them for the
  // streamed store.
  s.dates.adjusted_due = absl::CivilDay(2026, 8, 17);
  s.dates.interest.from = absl::CivilDay(2026, 8, 18);
  s.dates.interest.periods.push_back(
      {absl::CivilDay(2026, 8, 18), absl::CivilDay(2026, 11, 28)});
  s.result.mutable_balance()->set_principal_outstanding(125000);
  s.result.mutable_balance()->set_fees_charged(3500);
  s.result.mutable_interest()->set_accrued(2345);
  s.result.mutable_interest()->add_periods()->set_days(103);
  for (int i = 0; i < notice_count; ++i) {
    v1::Notice& notice = s.notices.emplace_back();
    notice.set_invoice_number(number);
    notice.set_step(i == 0 ? v1::STEP_KIND_REMINDER
                           : v1::STEP_KIND_COLLECTION_WARNING);
    notice.set_sent_date(i == 0 ? "2026-09-01" : "2026-10-01");
    notice.set_fee(i == 0 ? 3500 : 0);
  }
  return s;
}

v1::DunningSettings Settings() {
  v1::DunningSettings settings;
  settings.mutable_company()->set_name("Eksempel AS");
  settings.mutable_company()->set_organization_number("999999999");
  return settings;
}

TEST(BuildCaseFileInto, ReadsAsCopiesAndGivesTheBorrowedPartsBack) {
  const RateBook rates = RateBook::Builtin();
  const v1::DunningSettings settings = Settings();
  Sources s = MakeSources("10001", 2);
  const Sources before = s;

  v1::CollectionCaseFile file;
  BuildCaseFileInto(s.Input(), settings, rates, &file);
  // The parts are the sources themselves, not copies of them.
  EXPECT_EQ(&file.debtor(), &s.customer);
  EXPECT_EQ(&file.balance(), &s.result.balance());
  // The interest is the result's with its dates as text.
  EXPECT_NE(&file.interest(), &s.result.interest());
  EXPECT_EQ(file.adjusted_due_date(), "2026-08-17");
  EXPECT_EQ(file.interest().accrued(), 2345);
  EXPECT_EQ(file.interest().from_date(), "2026-08-18");
  ASSERT_EQ(file.interest().periods_size(), 1);
  EXPECT_EQ(file.interest().periods(0).from_date(), "2026-08-18");
  EXPECT_EQ(file.interest().periods(0).to_date(), "2026-11-28");
  EXPECT_EQ(file.interest().periods(0).days(), 103);
  ASSERT_EQ(file.notices_size(), 2);
  EXPECT_EQ(&file.notices(1), &s.notices[1]);
  // A deep copy (what the case file was before it borrowed) serializes to
  // the same bytes.
  const v1::CollectionCaseFile copy = file;
  EXPECT_EQ(file.SerializeAsString(), copy.SerializeAsString());
  EXPECT_EQ(copy.debtor().name(), "Kari Nordmann 10001");
  EXPECT_EQ(copy.balance().principal_outstanding(), 125000);
  EXPECT_EQ(copy.notices(0).fee(), 3500);
  EXPECT_EQ(copy.creditor_name(), "Eksempel AS");
  EXPECT_EQ(copy.payment_reference(), "KID10001");

  ReturnBorrowedParts(&file);
  EXPECT_FALSE(file.has_debtor());
  EXPECT_FALSE(file.has_balance());
  EXPECT_TRUE(file.has_interest());  // its own
  EXPECT_EQ(file.notices_size(), 0);
  // The sources are as they were.
  EXPECT_EQ(s.customer.SerializeAsString(), before.customer.SerializeAsString());
  EXPECT_EQ(s.result.SerializeAsString(), before.result.SerializeAsString());
  ASSERT_EQ(s.notices.size(), before.notices.size());
  for (size_t i = 0; i < s.notices.size(); ++i) {
    EXPECT_EQ(s.notices[i].SerializeAsString(),
              before.notices[i].SerializeAsString());
  }
}

TEST(BuildCaseFileInto, AReusedCaseFileCarriesNothingOver) {
  // As ActionRecords::Build uses it: one message, cleared between invoices.
  const RateBook rates = RateBook::Builtin();
  const v1::DunningSettings settings = Settings();
  Sources first = MakeSources("20001", 2);
  Sources second = MakeSources("20002", 1);
  second.customer.clear_postal_address();

  v1::CollectionCaseFile reused;
  BuildCaseFileInto(first.Input(), settings, rates, &reused);
  ReturnBorrowedParts(&reused);
  reused.Clear();
  BuildCaseFileInto(second.Input(), settings, rates, &reused);
  const std::string reused_bytes = reused.SerializeAsString();
  ReturnBorrowedParts(&reused);

  v1::CollectionCaseFile fresh;
  BuildCaseFileInto(second.Input(), settings, rates, &fresh);
  EXPECT_EQ(reused_bytes, fresh.SerializeAsString());
  EXPECT_FALSE(fresh.debtor().has_postal_address());
  EXPECT_EQ(fresh.notices_size(), 1);
  EXPECT_EQ(fresh.invoice_number(), "20002");
  ReturnBorrowedParts(&fresh);
}

// The case file's debtor is the customer without the dunning module's own
// marks (comment, profile, do-not-dun: internal, not the agency's); a
// customer with none of them is used as it is, not copied.
TEST(CaseFileScratch, TheDebtorLeavesTheCreditorsOwnFieldsOut) {
  CaseFileScratch scratch;
  v1::Customer plain;
  plain.set_id("K1");
  plain.set_name("Kari Nordmann");
  EXPECT_EQ(scratch.Debtor(plain), &plain);
  for (int field = 0; field < 3; ++field) {
    SCOPED_TRACE(field);
    v1::Customer customer = plain;
    if (field == 0) customer.set_comment("betaler alltid sent");
    if (field == 1) customer.set_profile_id("streng");
    if (field == 2) customer.set_do_not_dun(true);
    const std::string before = customer.SerializeAsString();
    const v1::Customer* debtor = scratch.Debtor(customer);
    ASSERT_NE(debtor, &customer);
    EXPECT_EQ(debtor->SerializeAsString(), plain.SerializeAsString());
    EXPECT_EQ(customer.SerializeAsString(), before);  // a copy was changed
  }
}

}  // namespace
}  // namespace purring::internal
