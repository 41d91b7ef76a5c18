// Letters, missing addresses and automatic dispatch through the public API
// (product.md F4, F8, F16; the seeds' "Kunder mangler adresse", "Spesifiser
// tlf og epost", "Velg prioritert felt", "Velg første automatiske
// utsendelse").
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine_test_ledger.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace purring::testing {
namespace {

// Three person customers, each with invoices due Mon 2026-02-16; as of
// Tue 2026-02-17 every invoice is ready for its reminder.
TestLedger ReadyLedger() {
  TestLedger ledger;
  auto* both = ledger.AddCustomer("K 1", v1::CUSTOMER_TYPE_PERSON);
  both->set_company_email("firma@k1.no");
  auto* post = ledger.AddCustomer("K2", v1::CUSTOMER_TYPE_PERSON);
  post->clear_invoice_email();
  post->mutable_postal_address()->add_lines("Storgata 1");
  post->mutable_postal_address()->set_postal_code("0155");
  post->mutable_postal_address()->set_city("Oslo");
  auto* none = ledger.AddCustomer("K3", v1::CUSTOMER_TYPE_PERSON);
  none->clear_invoice_email();
  none->mutable_postal_address()->add_lines("Uten postnummer");
  ledger.AddInvoice("11", "K 1", "2026-02-01", "2026-02-16", 50000);
  ledger.AddInvoice("12", "K 1", "2026-02-02", "2026-02-16", 70000);
  ledger.AddInvoice("21", "K2", "2026-02-01", "2026-02-16", 30000);
  ledger.AddInvoice("31", "K3", "2026-02-01", "2026-02-16", 40000);
  ledger.AddInvoice("32", "K3", "2026-02-01", "2026-02-16", 40000);
  ledger.SetAsOfDate("2026-02-17");
  return ledger;
}

TEST(EngineLettersTest, OneLetterPerCustomerPerStepListingItsInvoices) {
  TestLedger ledger = ReadyLedger();
  ledger.settings().set_objection_link_template(
      "https://portal.example/innsigelse?f={invoice}&k={customer}&l={letter}");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.actions_size(), 5);
  ASSERT_EQ(response.letters_size(), 2);  // sorted by id

  const v1::ProposedLetter& first = response.letters(0);
  EXPECT_EQ(first.id(), "K 1/reminder/2026-02-17");
  EXPECT_EQ(first.step(), v1::STEP_KIND_REMINDER);
  EXPECT_EQ(first.channel(), v1::CHANNEL_EMAIL);
  // Unspecified preference: the invoice e-mail ("fakturaepost") first.
  EXPECT_EQ(first.email(), "faktura@K 1.no");
  EXPECT_EQ(first.deadline(), "2026-03-03");
  ASSERT_EQ(first.lines_size(), 2);
  EXPECT_EQ(first.lines(0).invoice_number(), "11");
  EXPECT_EQ(first.lines(1).invoice_number(), "12");
  EXPECT_EQ(first.lines(1).payment_reference(), "KID12");
  EXPECT_EQ(first.total_due(), 120000);  // a reminder: no fee, no interest yet
  EXPECT_EQ(first.total_fee(), 0);
  // Company information when the module has no override.
  EXPECT_EQ(first.contact_phone(), "+47 22 00 00 00");
  EXPECT_EQ(first.contact_email(), "post@kreditor.no");
  EXPECT_EQ(first.creditor_name(), "Kreditor AS");
  EXPECT_EQ(first.bank_account(), "1234.56.78901");
  EXPECT_FALSE(first.collection_warning());
  EXPECT_EQ(first.objection_link(),
            "https://portal.example/innsigelse?f=11&k=K%201"
            "&l=K%201%2Freminder%2F2026-02-17");
  EXPECT_EQ(first.lines(1).objection_link(),
            "https://portal.example/innsigelse?f=12&k=K%201"
            "&l=K%201%2Freminder%2F2026-02-17");

  const v1::ProposedLetter& second = response.letters(1);
  EXPECT_EQ(second.id(), "K2/reminder/2026-02-17");
  EXPECT_EQ(second.channel(), v1::CHANNEL_POST);
  EXPECT_EQ(second.postal_address().city(), "Oslo");

  // F4 ("mangler adresse i CRM"): every customer with ready invoices and no
  // usable postal address is listed, by id. K 1's letters still go by
  // e-mail; K3 has neither, so gets no letter.
  ASSERT_EQ(response.customers_missing_address_size(), 2);
  const v1::CustomerMissingAddress& emailed = response.customers_missing_address(0);
  EXPECT_EQ(emailed.customer_id(), "K 1");
  EXPECT_TRUE(emailed.letters_by_email());
  ASSERT_EQ(emailed.invoice_numbers_size(), 2);
  EXPECT_EQ(emailed.invoice_numbers(0), "11");
  EXPECT_EQ(emailed.invoice_numbers(1), "12");
  const v1::CustomerMissingAddress& missing = response.customers_missing_address(1);
  EXPECT_EQ(missing.customer_id(), "K3");
  EXPECT_FALSE(missing.letters_by_email());
  EXPECT_EQ(missing.invoice_numbers_size(), 2);
  for (const v1::ProposedAction& a : response.actions()) {
    if (a.customer_id() == "K3") {
      EXPECT_EQ(a.letter_id(), "");
      EXPECT_EQ(a.channel(), v1::CHANNEL_UNSPECIFIED);
    } else {
      EXPECT_FALSE(a.letter_id().empty());
    }
  }
}

TEST(EngineLettersTest, ALaterLetterTheSameDayTakesAnIdOfItsOwn) {
  // history.proto: the notices of one letter share its letter_id, and the
  // monthly report counts letters by it (F18). K2's reminder for 21 goes
  // in the morning; 22, held until noon, gets a letter of its own that day:
  // another id, and then a third.
  TestLedger ledger = ReadyLedger();
  ledger.AddInvoice("22", "K2", "2026-02-01", "2026-02-16", 20000);
  ledger.AddInvoice("23", "K2", "2026-02-01", "2026-02-16", 10000);
  for (const char* held : {"22", "23"}) {
    for (v1::Invoice& invoice : *ledger.request().mutable_invoices()) {
      if (invoice.number() == held) invoice.set_do_not_dun(true);
    }
  }
  auto letter_of = [](const v1::EvaluateResponse& response) {
    for (const v1::ProposedLetter& letter : response.letters()) {
      if (letter.customer_id() == "K2") return letter;
    }
    ADD_FAILURE() << "no letter to K2";
    return v1::ProposedLetter();
  };
  std::vector<std::string> ids;
  for (const char* released : {"", "22", "23"}) {
    for (v1::Invoice& invoice : *ledger.request().mutable_invoices()) {
      if (invoice.number() == released) invoice.set_do_not_dun(false);
    }
    const v1::EvaluateResponse response = ledger.Evaluate();
    ExpectEveryPathGives(response, ledger.request());
    const v1::ProposedLetter letter = letter_of(response);
    ASSERT_EQ(letter.lines_size(), 1);
    EXPECT_EQ(letter.lines(0).invoice_number(),
              *released == '\0' ? "21" : released);
    for (const v1::ProposedAction& action : response.actions()) {
      if (action.customer_id() == "K2")
        EXPECT_EQ(action.letter_id(), letter.id());
    }
    ids.push_back(letter.id());
    ledger.Record(response);
  }
  EXPECT_THAT(ids, ::testing::ElementsAre("K2/reminder/2026-02-17",
                                          "K2/reminder/2026-02-17/2",
                                          "K2/reminder/2026-02-17/3"));
  const v1::EvaluateResponse after = ledger.Evaluate();
  const v1::MonthlyReport* february = ReportFor(after, "2026-02");
  ASSERT_NE(february, nullptr);
  EXPECT_EQ(february->letters_printed(), 3);  // K2's, by post
}

TEST(EngineLettersTest, PreferenceOverrideAndAddressArrival) {
  TestLedger ledger = ReadyLedger();
  ledger.settings().set_email_preference(v1::EMAIL_PREFERENCE_COMPANY_EMAIL);
  ledger.settings().set_contact_phone("+47 99 99 99 99");
  ledger.settings().set_contact_email("purring@kreditor.no");
  // The addresses arrive: K3 and K 1 leave the list (F4).
  ledger.request().mutable_customers(2)->mutable_postal_address()->set_city("Bergen");
  v1::PostalAddress* k1 = ledger.request().mutable_customers(0)->mutable_postal_address();
  k1->add_lines("Kirkegata 2");
  k1->set_postal_code("0153");
  const v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(response.customers_missing_address_size(), 0);
  ASSERT_EQ(response.letters_size(), 3);
  EXPECT_EQ(response.letters(0).email(), "firma@k1.no");
  EXPECT_EQ(response.letters(0).contact_phone(), "+47 99 99 99 99");
  EXPECT_EQ(response.letters(0).contact_email(), "purring@kreditor.no");
  EXPECT_EQ(response.letters(2).id(), "K3/reminder/2026-02-17");
  EXPECT_EQ(response.letters(2).channel(), v1::CHANNEL_POST);
}

TEST(EngineLettersTest, AFieldOfSpacesIsNoAddress) {
  TestLedger ledger = ReadyLedger();
  ledger.settings().set_email_preference(v1::EMAIL_PREFERENCE_COMPANY_EMAIL);
  // K 1 prefers a company e-mail of spaces: its invoice e-mail serves.
  v1::Customer& k1 = *ledger.request().mutable_customers(0);
  k1.set_company_email("   ");
  k1.set_invoice_email(" faktura@k1.no\t");
  // K2 has only an e-mail of spaces: its postal address serves.
  ledger.request().mutable_customers(1)->set_invoice_email("  ");
  // K3's postal code and city are spaces: still missing an address.
  v1::PostalAddress& k3 =
      *ledger.request().mutable_customers(2)->mutable_postal_address();
  k3.set_postal_code(" ");
  k3.set_city("\t");
  const v1::EvaluateResponse response = ledger.Evaluate();
  // K3 cannot be written to: no letter.
  ASSERT_EQ(response.letters_size(), 2);
  EXPECT_EQ(response.letters(0).channel(), v1::CHANNEL_EMAIL);
  EXPECT_EQ(response.letters(0).email(), "faktura@k1.no");
  EXPECT_EQ(response.letters(1).channel(), v1::CHANNEL_POST);
  EXPECT_EQ(response.letters(1).email(), "");
  // K 1 (no postal address, letters by e-mail) and K3; K2 is not missing.
  ASSERT_EQ(response.customers_missing_address_size(), 2);
  EXPECT_EQ(response.customers_missing_address(0).customer_id(), "K 1");
  EXPECT_TRUE(response.customers_missing_address(0).letters_by_email());
  EXPECT_EQ(response.customers_missing_address(1).customer_id(), "K3");
  EXPECT_FALSE(response.customers_missing_address(1).letters_by_email());
}

TEST(EngineLettersTest, UnicodeSpacesAndAFieldWithoutAnAtAreNoAddress) {
  // F16 "postal letter otherwise": a no-break space copied from a web form
  // is as blank as a space, and "not-an-email" reaches no one either.
  TestLedger ledger = ReadyLedger();
  // K 1: an invoice e-mail of a no-break space, a company e-mail without an
  // '@', and a postal address: the letter goes by post.
  v1::Customer& k1 = *ledger.request().mutable_customers(0);
  k1.set_invoice_email("\xC2\xA0");
  k1.set_company_email("not-an-email");
  v1::PostalAddress* k1_address = k1.mutable_postal_address();
  k1_address->add_lines("Kirkegata 2");
  k1_address->set_postal_code("0153");
  // K2: its e-mail wrapped in no-break and ideographic spaces is used bare.
  ledger.request().mutable_customers(1)->set_invoice_email(
      "\xC2\xA0k2@example.no\xE3\x80\x80");
  // K3: an address line of a no-break space is no line: missing an address.
  v1::PostalAddress& k3 =
      *ledger.request().mutable_customers(2)->mutable_postal_address();
  k3.clear_lines();
  k3.add_lines("\xC2\xA0\xE2\x80\x83");
  k3.set_postal_code("0150");
  k3.set_city("Oslo");
  // The creditor's contact e-mail is printed without its spaces.
  ledger.settings().set_contact_email("\xC2\xA0purring@kreditor.no ");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.letters_size(), 2);
  EXPECT_EQ(response.letters(0).channel(), v1::CHANNEL_POST);
  EXPECT_EQ(response.letters(0).email(), "");
  EXPECT_EQ(response.letters(0).contact_email(), "purring@kreditor.no");
  EXPECT_EQ(response.letters(1).channel(), v1::CHANNEL_EMAIL);
  EXPECT_EQ(response.letters(1).email(), "k2@example.no");
  // Nothing after the last '@' is no address either.
  k1.set_invoice_email("kari@@");
  k1.set_company_email("@@ex.no");
  EXPECT_EQ(ledger.Evaluate().letters(0).channel(), v1::CHANNEL_POST);
  ASSERT_EQ(response.customers_missing_address_size(), 1);
  EXPECT_EQ(response.customers_missing_address(0).customer_id(), "K3");
}

TEST(EngineLettersTest, ManualModeHasNoDispatch) {
  const v1::EvaluateResponse response = ReadyLedger().Evaluate();
  EXPECT_FALSE(response.next_dispatch().enabled());
  ASSERT_EQ(response.actions_size(), 5);
  for (const auto& a : response.actions()) EXPECT_FALSE(a.automatic());
}

TEST(EngineLettersTest, AutomaticProgressionDatesActionsAtTheDispatch) {
  TestLedger ledger = ReadyLedger();
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  ledger.settings().set_first_dispatch(v1::FIRST_DISPATCH_TODAY_AFTER_11);
  *ledger.settings().mutable_automation_enabled_at() =
      Instant("2026-02-02T08:00:00Z");
  // 10:00 Oslo: today's 11:00 dispatch carries the reminders.
  ledger.SetAsOf("2026-02-17T09:00:00Z");
  v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_TRUE(response.next_dispatch().enabled());
  EXPECT_EQ(response.next_dispatch().instant().seconds(),
            Instant("2026-02-17T10:00:00Z").seconds());
  EXPECT_EQ(response.next_dispatch().date(), "2026-02-17");
  // The three sendable reminders; K3's two have no letter, so the dispatch
  // cannot carry them out: not automatic (evaluate.proto).
  EXPECT_EQ(response.next_dispatch().action_ids_size(), 3);
  EXPECT_EQ(response.next_dispatch().letter_count(), 2);
  for (const auto& a : response.actions()) {
    EXPECT_EQ(a.automatic(), a.customer_id() != "K3") << a.id();
    EXPECT_EQ(a.date(), "2026-02-17");
  }

  // 13:00 Oslo: the next dispatch is tomorrow; the notices are dated then.
  ledger.SetAsOf("2026-02-17T12:00:00Z");
  response = ledger.Evaluate();
  EXPECT_EQ(response.next_dispatch().date(), "2026-02-18");
  ASSERT_GT(response.actions_size(), 0);
  EXPECT_EQ(response.actions(0).date(), "2026-02-18");
  EXPECT_EQ(response.actions(0).deadline(), "2026-03-04");
  EXPECT_EQ(response.actions(0).id(), "11/reminder/2026-02-18");
  EXPECT_TRUE(response.letters(0).automatic());

  // Once recorded (dated tomorrow), nothing is proposed again today but
  // K3's two, which no letter could carry.
  ledger.Record(response);
  response = ledger.Evaluate();
  ASSERT_EQ(response.actions_size(), 2);
  for (const auto& a : response.actions()) EXPECT_EQ(a.customer_id(), "K3");
  EXPECT_EQ(response.next_dispatch().action_ids_size(), 0);
  EXPECT_EQ(ResultOf(response, "11").status(),
            v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED);
}

TEST(EngineLettersTest, TheDispatchNamesWhatFallsDueByThen) {
  // F8: "the engine tells the host when the next automatic dispatch is and
  // what it would send". A dunning notice with its fee may go 14 days after
  // the due date (inkassoforskriften § 1-2): asked at 12:00 Oslo the day
  // before, nothing is proposed yet, but tomorrow's dispatch will send it.
  TestLedger ledger;
  v1::DunningProfile* profile = ledger.settings().add_profiles();
  profile->set_id("purring-varsel");
  profile->set_sequence(v1::STEP_SEQUENCE_DUNNING_WARNING);
  profile->set_strictness(v1::FEE_STRICTNESS_MEDIUM);
  ledger.settings().set_default_person_profile("purring-varsel");
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  ledger.settings().set_first_dispatch(v1::FIRST_DISPATCH_TODAY_AFTER_11);
  *ledger.settings().mutable_automation_enabled_at() =
      Instant("2026-08-03T08:00:00Z");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  v1::Customer* unreachable =
      ledger.AddCustomer("K2", v1::CUSTOMER_TYPE_PERSON);
  unreachable->clear_invoice_email();
  ledger.AddInvoice("U1", "K1", "2026-08-18", "2026-09-01", 100000);
  ledger.AddInvoice("U2", "K2", "2026-08-18", "2026-09-01", 100000);

  ledger.SetAsOf("2026-09-14T10:00:00Z");  // 12:00 Oslo
  v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(response.next_dispatch().date(), "2026-09-15");
  EXPECT_EQ(response.next_dispatch().action_ids_size(), 0);
  // K2 can be written to by no channel: nothing can be sent to it.
  EXPECT_THAT(response.next_dispatch().upcoming_invoice_numbers(),
              ::testing::ElementsAre("U1"));
  const v1::InvoiceResult& waiting = ResultOf(response, "U1");
  EXPECT_EQ(waiting.status(), v1::INVOICE_STATUS_WAITING);
  EXPECT_EQ(waiting.next_step(), v1::NEXT_STEP_DUNNING);
  EXPECT_EQ(waiting.next_step_date(), "2026-09-15");
  EXPECT_EQ(waiting.next_step_fee(), 3750);

  // The evaluation at the dispatch proposes it, as announced.
  ledger.SetAsOf("2026-09-15T09:00:00Z");  // 11:00 Oslo
  response = ledger.Evaluate();
  EXPECT_THAT(response.next_dispatch().action_ids(),
              ::testing::ElementsAre("U1/dunning/2026-09-15"));
  EXPECT_EQ(response.next_dispatch().upcoming_invoice_numbers_size(), 0);

  // A day earlier the dispatch is the 14th's, before the fee may be charged;
  // by hand there is no dispatch to announce anything.
  ledger.SetAsOf("2026-09-13T10:00:00Z");
  EXPECT_EQ(ledger.Evaluate().next_dispatch().upcoming_invoice_numbers_size(),
            0);
  ledger.settings().set_progression(v1::MODE_MANUAL);
  ledger.SetAsOf("2026-09-14T10:00:00Z");
  EXPECT_EQ(ledger.Evaluate().next_dispatch().upcoming_invoice_numbers_size(),
            0);
}

// An invoice whose warning falls due at tomorrow's automatic dispatch (the
// dunning of `dunning_sent`, its 14 days' deadline and 14 days' grace
// run out today, `as_of`, 12:00 Oslo), of a customer with an e-mail only,
// or with a postal address too.
TestLedger WarningDueTomorrow(const char* dunning_sent,
                              const char* dunning_deadline, const char* as_of,
                              bool postal_address) {
  TestLedger ledger;
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  ledger.settings().set_first_dispatch(v1::FIRST_DISPATCH_TODAY_AFTER_11);
  *ledger.settings().mutable_automation_enabled_at() =
      Instant("2017-01-02T08:00:00Z");
  v1::Customer* customer = ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  if (postal_address) {
    customer->mutable_postal_address()->add_lines("Storgata 1");
    customer->mutable_postal_address()->set_postal_code("0155");
    customer->mutable_postal_address()->set_city("Oslo");
  }
  ledger.AddInvoice("W", "K1", "2017-01-02", "2017-01-13", 100000);
  ledger.AddNotice("W", v1::STEP_KIND_REMINDER, "2017-01-16", "2017-01-30");
  ledger.AddNotice("W", v1::STEP_KIND_DUNNING, dunning_sent, dunning_deadline,
                   3750);
  ledger.SetAsOf(std::string(as_of) + "T10:00:00Z");
  return ledger;
}

TEST(EngineLettersTest, AWarningThatCannotBeSentBeforeApril2017IsNotAnnounced) {
  // law.md § 4.1 (inkassoloven § 3a): an inkassovarsel goes electronically
  // only from 2017-04-01, so the dispatch of Thursday 2017-03-30 could send
  // a customer with an e-mail only nothing; with a postal address, its
  // letter by post. The dispatch of Tuesday 2017-04-04 may e-mail it.
  for (const bool postal_address : {false, true}) {
    SCOPED_TRACE(postal_address);
    const v1::EvaluateResponse response =
        WarningDueTomorrow("2017-03-01", "2017-03-15", "2017-03-29",
                           postal_address)
            .Evaluate();
    EXPECT_EQ(response.next_dispatch().date(), "2017-03-30");
    EXPECT_EQ(ResultOf(response, "W").next_step(),
              v1::NEXT_STEP_COLLECTION_WARNING);
    EXPECT_EQ(ResultOf(response, "W").next_step_date(), "2017-03-30");
    EXPECT_EQ(response.next_dispatch().upcoming_invoice_numbers_size(),
              postal_address ? 1 : 0);
  }
  const v1::EvaluateResponse april =
      WarningDueTomorrow("2017-03-06", "2017-03-20", "2017-04-03", false)
          .Evaluate();
  EXPECT_EQ(april.next_dispatch().date(), "2017-04-04");
  EXPECT_THAT(april.next_dispatch().upcoming_invoice_numbers(),
              ::testing::ElementsAre("W"));
}

TEST(EngineLettersTest, AnInvoiceOnHoldUntilTodayIsAnnounced) {
  // F10, F8: a hold that ends today leaves the invoice on hold now, but the
  // warning falls due at tomorrow's dispatch, which will send it.
  TestLedger ledger =
      WarningDueTomorrow("2017-03-06", "2017-03-20", "2017-04-03", false);
  v1::Hold* hold = ledger.request().mutable_invoices(0)->add_holds();
  hold->set_kind(v1::HOLD_KIND_MANUAL);
  hold->set_start_date("2017-03-27");
  hold->set_end_date("2017-04-03");
  const v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "W").status(), v1::INVOICE_STATUS_ON_HOLD);
  EXPECT_EQ(ResultOf(response, "W").next_step_date(), "2017-04-04");
  EXPECT_THAT(response.next_dispatch().upcoming_invoice_numbers(),
              ::testing::ElementsAre("W"));
  // A hold that goes on past the dispatch: nothing to announce.
  hold->set_end_date("2017-04-04");
  EXPECT_EQ(ledger.Evaluate().next_dispatch().upcoming_invoice_numbers_size(),
            0);
}

TEST(EngineLettersTest, NoDispatchAnnouncedBeforeTheClaimIsOverdue) {
  // A påminnelse recorded 2026-05-01 for an invoice due Tuesday 2026-06-30
  // (history from another system, or a due date moved later): its
  // deadline and grace ran out 05-29, but the claim is not overdue until
  // 07-01. Asked at 08:00 Oslo on the due date, today's 11:00 dispatch
  // would send nothing for it: it is not announced, and the next step's
  // date is the first overdue day (F1, F8).
  TestLedger ledger;
  ledger.settings().set_default_person_profile("mild");
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  *ledger.settings().mutable_automation_enabled_at() =
      Instant("2026-01-01T08:00:00Z");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1", "K1", "2026-04-20", "2026-06-30", 200000);
  ledger.AddNotice("1", v1::STEP_KIND_REMINDER, "2026-05-01", "2026-05-15", 0);
  ledger.SetAsOf("2026-06-30T06:00:00Z");
  v1::EvaluateResponse response = ledger.Evaluate();
  const v1::InvoiceResult& result = ResultOf(response, "1");
  EXPECT_EQ(result.status(), v1::INVOICE_STATUS_NOT_DUE);
  EXPECT_EQ(result.next_step(), v1::NEXT_STEP_DUNNING);
  EXPECT_EQ(result.next_step_date(), "2026-07-01");
  EXPECT_EQ(response.next_dispatch().date(), "2026-06-30");
  EXPECT_EQ(response.next_dispatch().upcoming_invoice_numbers_size(), 0);

  // The next day's evaluation proposes the purring.
  ledger.SetAsOf("2026-07-01T09:00:00Z");
  response = ledger.Evaluate();
  ASSERT_EQ(response.actions_size(), 1);
  EXPECT_EQ(response.actions(0).step(), v1::STEP_KIND_DUNNING);
}

TEST(EngineLettersTest, NoAutomaticDispatchIntoAHold) {
  // F10: an objection or a manual hold pauses the invoice. After 11:00 the
  // automatic notice is dated tomorrow; a hold recorded to begin tomorrow
  // holds the invoice now, so nothing is dispatched into it.
  TestLedger ledger = ReadyLedger();
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  ledger.settings().set_first_dispatch(v1::FIRST_DISPATCH_TODAY_AFTER_11);
  *ledger.settings().mutable_automation_enabled_at() =
      Instant("2026-02-02T08:00:00Z");
  v1::Hold* hold = ledger.request().mutable_invoices(0)->add_holds();
  hold->set_kind(v1::HOLD_KIND_OBJECTION);
  hold->set_start_date("2026-02-18");
  ledger.SetAsOf("2026-02-17T12:00:00Z");  // 13:00 Oslo
  const std::string held = ledger.request().invoices(0).number();
  v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(response.next_dispatch().date(), "2026-02-18");
  EXPECT_EQ(ResultOf(response, held).status(), v1::INVOICE_STATUS_ON_HOLD);
  EXPECT_EQ(ResultOf(response, held).hold().since(), "2026-02-18");
  for (const auto& a : response.actions()) {
    EXPECT_NE(a.invoice_number(), held) << a.id();
  }
  // Before 11:00 today's dispatch comes before the hold: sent today.
  ledger.SetAsOf("2026-02-17T09:00:00Z");
  response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, held).status(),
            v1::INVOICE_STATUS_READY_TO_SEND);
  ASSERT_EQ(ResultOf(response, held).action_ids_size(), 1);
  // By hand the notice is dated today, before the hold: not held.
  ledger.settings().set_progression(v1::MODE_MANUAL);
  ledger.SetAsOf("2026-02-17T12:00:00Z");
  response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, held).status(),
            v1::INVOICE_STATUS_READY_TO_SEND);
}

// Invoice 1 of person K1, due 2026-11-15, under automatic progression
// switched on 2026-11-02.
TestLedger AutomaticLedger() {
  TestLedger ledger;
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1", "K1", "2026-11-01", "2026-11-15", 100000);
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  *ledger.settings().mutable_automation_enabled_at() =
      Instant("2026-11-02T08:00:00Z");
  return ledger;
}

TEST(EngineLettersTest, ADispatchAfterTheRateTablesIsFlagged) {
  // The built-in tables end 2026-12-31 (README "Rate tables"). At 13:00 Oslo
  // that day the automatic notices are dated 2027-01-01, whose inkassosats
  // the tables do not have: flagged, as carrying an as-of date forward is.
  TestLedger ledger = AutomaticLedger();
  ledger.SetAsOf("2026-12-31T12:00:00Z");
  v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.next_dispatch().date(), "2027-01-01");
  ASSERT_EQ(response.warnings_size(), 1);
  EXPECT_EQ(response.warnings(0).code(), "RATE_CARRIED_FORWARD");
  EXPECT_THAT(response.warnings(0).message(),
              ::testing::HasSubstr("2027-01-01, is after the rate tables end "
                                   "(2026-12-31)"));
  // At 09:00 Oslo the dispatch is today's: nothing to flag.
  ledger.SetAsOf("2026-12-31T08:00:00Z");
  response = ledger.Evaluate();
  EXPECT_EQ(response.warnings_size(), 0);

  // With a 2027 interest row the tables run on, but the notices dated
  // 2027-01-01 still lack 2027's inkassosats (law.md § 3.2: set per year).
  v1::InterestRate* rate = ledger.request().mutable_rate_tables()->add_interest_rates();
  rate->set_valid_from("2027-01-01");
  rate->set_rate_basis_points(1300);
  ledger.SetAsOf("2026-12-31T12:00:00Z");
  response = ledger.Evaluate();
  ASSERT_EQ(response.warnings_size(), 1);
  EXPECT_EQ(response.warnings(0).code(), "RATE_CARRIED_FORWARD");
  EXPECT_THAT(response.warnings(0).message(),
              ::testing::HasSubstr("no inkassosats for 2027"));
  v1::CollectionRate* sats =
      ledger.request().mutable_rate_tables()->add_collection_rates();
  sats->set_valid_from("2027-01-01");
  sats->set_amount(78000);
  response = ledger.Evaluate();
  EXPECT_EQ(response.warnings_size(), 0);
}

TEST(EngineLettersTest, RatesCarriedForwardAreFlaggedOnce) {
  // Past the tables with carry_last_rate_forward the rates are carried to
  // the as-of date, and the dispatch the day after takes the same: one
  // warning, which names where the tables really end.
  TestLedger ledger = AutomaticLedger();
  ledger.request().mutable_rate_tables()->set_carry_last_rate_forward(true);
  ledger.SetAsOf("2027-01-07T12:00:00Z");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.next_dispatch().date(), "2027-01-08");
  ASSERT_EQ(response.warnings_size(), 1);
  EXPECT_EQ(response.warnings(0).code(), "RATE_CARRIED_FORWARD");
  EXPECT_THAT(response.warnings(0).message(),
              ::testing::HasSubstr("the rate tables end 2026-12-31; the last "
                                   "rates are carried forward to 2027-01-07"));
}

TEST(EngineLettersTest, DispatchOnTheDaylightSavingSundays) {
  // The engine reports the next 11:00 Oslo in UTC: 09:00Z in summer time,
  // 10:00Z in winter time, including on the change days themselves.
  struct Case {
    const char* as_of;
    const char* instant;
  } cases[] = {
      {"2026-03-29T00:30:00Z", "2026-03-29T09:00:00Z"},  // last Sunday of March
      {"2026-03-28T10:30:00Z", "2026-03-29T09:00:00Z"},  // Sat 11:30 CET
      {"2026-10-25T09:30:00Z", "2026-10-25T10:00:00Z"},  // last Sunday of October
      {"2026-10-24T09:30:00Z", "2026-10-25T10:00:00Z"},  // Sat 11:30 CEST
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.as_of);
    TestLedger ledger;
    ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
    ledger.AddInvoice("1", "K1", "2026-01-01", "2026-01-15", 10000);
    ledger.settings().set_collection_transfer(v1::MODE_AUTOMATIC);
    ledger.settings().set_first_dispatch(v1::FIRST_DISPATCH_TODAY_AFTER_11);
    *ledger.settings().mutable_automation_enabled_at() =
        Instant("2026-01-05T08:00:00Z");
    ledger.SetAsOf(c.as_of);
    const v1::EvaluateResponse response = ledger.Evaluate();
    EXPECT_TRUE(response.next_dispatch().enabled());
    EXPECT_EQ(response.next_dispatch().instant().seconds(),
              Instant(c.instant).seconds());
    // Progression is manual: the reminder is proposed for today, by hand.
    ASSERT_EQ(response.actions_size(), 1);
    EXPECT_FALSE(response.actions(0).automatic());
    EXPECT_EQ(response.actions(0).date(), response.as_of_date());
  }
}

TEST(EngineLettersTest, ADunningLetterIsNotMarkedAsAWarning) {
  // Only the collection warning says collection follows (inkassoloven § 9,
  // law.md § 4.1); the fee-bearing purring before it does not.
  TestLedger ledger;
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1", "K1", "2026-01-01", "2026-02-16", 10000);
  ledger.AddNotice("1", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
  ledger.SetAsOfDate("2026-03-18");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.letters_size(), 1);
  EXPECT_EQ(response.letters(0).step(), v1::STEP_KIND_DUNNING);
  EXPECT_FALSE(response.letters(0).collection_warning());
}

TEST(EngineLettersTest, WarningLetterIsMarked) {
  TestLedger ledger;
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1", "K1", "2026-01-01", "2026-02-16", 10000);
  ledger.AddNotice("1", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
  ledger.AddNotice("1", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01", 3750);
  ledger.SetAsOfDate("2026-04-16");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.letters_size(), 1);
  // inkassoloven § 9 (law.md § 4.1): the warning says collection follows.
  EXPECT_TRUE(response.letters(0).collection_warning());
  EXPECT_EQ(response.letters(0).lines(0).fee(), 3750);
  EXPECT_EQ(response.letters(0).lines(0).fees_earlier(), 3750);
  // Postings for the fee and the interest medium claims from dunning on:
  // none charged yet, so 59 days (02-17..04-16) at 12.00 % on 100 kr,
  // 193.97 øre rounded half up (law.md §§ 1.2, 1.3).
  ASSERT_EQ(response.postings_size(), 2);
  EXPECT_EQ(response.postings(0).kind(), v1::POSTING_KIND_FEE);
  EXPECT_EQ(response.postings(0).amount(), 3750);
  EXPECT_EQ(response.postings(1).kind(), v1::POSTING_KIND_INTEREST);
  EXPECT_EQ(response.postings(1).amount(), 194);
}

TEST(EngineLettersTest, AnObjectionLinkPastTheLimitIsRefusedNamingTheInvoice) {
  // A template repeating a placeholder over long ids would make megabytes
  // of every letter line (a 170 KB request gave a 230 MB response): a link
  // past kMaxObjectionLinkBytes is refused, naming the invoice.
  TestLedger ledger = ReadyLedger();
  std::string link_template;
  for (int i = 0; i < 400; ++i) link_template += "{letter}";
  ledger.settings().set_objection_link_template(link_template);
  const absl::StatusOr<v1::EvaluateResponse> response =
      purring::Evaluate(ledger.request());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(response.status().message()),
              ::testing::HasSubstr("invoice \"11\": its objection link would "
                                   "be more than 8192 bytes"));
}

TEST(EngineLettersTest, AnObjectionLinkPastTheLimitIsNoErrorWhereNoLetterGoes) {
  // README "Errors": refused only "on a letter it would send". Customer K3
  // can be written to neither by e-mail nor by post: no letter, so no link,
  // and the customer is listed as missing an address (F4).
  TestLedger ledger = ReadyLedger();
  for (int i = 0; i < 3; ++i) {
    ledger.request().mutable_invoices(i)->set_do_not_dun(true);
  }
  ASSERT_EQ(ledger.request().invoices(3).customer_id(), "K3");
  std::string link_template;
  for (int i = 0; i < 400; ++i) link_template += "{letter}";
  ledger.settings().set_objection_link_template(link_template);
  const absl::StatusOr<v1::EvaluateResponse> response =
      purring::Evaluate(ledger.request());
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->letters_size(), 0);
  ASSERT_EQ(response->customers_missing_address_size(), 1);
  EXPECT_EQ(response->customers_missing_address(0).customer_id(), "K3");
}

TEST(EngineLettersTest, APaminnelsesCompensationIsNoFee) {
  // product.md glossary: a påminnelse "never carries a fee"; the B2B
  // standard compensation it may charge (law.md § 6) is no fee, so the
  // letter carries it apart: total_fee 0, total_compensation the amount.
  TestLedger ledger;
  ledger.settings().set_default_business_profile("streng");
  ledger.AddCustomer("B1", v1::CUSTOMER_TYPE_BUSINESS);
  ledger.AddInvoice("1", "B1", "2026-02-01", "2026-02-16", 500000);
  ledger.SetAsOfDate("2026-02-17");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.actions_size(), 1);
  ASSERT_EQ(response.actions(0).step(), v1::STEP_KIND_REMINDER);
  // Due in 2026 H1: 460 kr (law.md § 6).
  EXPECT_EQ(response.actions(0).fee(), 0);
  EXPECT_EQ(response.actions(0).compensation(), 46000);
  ASSERT_EQ(response.letters_size(), 1);
  EXPECT_EQ(response.letters(0).total_fee(), 0);
  EXPECT_EQ(response.letters(0).total_compensation(), 46000);
}

TEST(EngineLettersTest, CompensationIsTheHalfYearsTheClaimFallsOverdueIn) {
  // forsinkelsesrenteloven § 3a: the compensation is owed "når
  // forsinkelsesrente skal betales", and interest runs from the day after
  // the due date (Directive 2011/7/EU art. 3 (3) a; law.md § 1.3). A claim
  // due Tuesday 30 June 2026 falls overdue on 1 July: 2026 H2's 430 kr,
  // not H1's 460 kr (law.md § 6). One due Monday 29 June falls overdue in
  // H1; one due Wednesday 31 December 2025 in 2026 H1.
  TestLedger ledger;
  ledger.settings().set_default_business_profile("streng");
  ledger.AddCustomer("B1", v1::CUSTOMER_TYPE_BUSINESS);
  ledger.AddInvoice("1", "B1", "2026-06-15", "2026-06-30", 500000);
  ledger.AddInvoice("2", "B1", "2026-06-14", "2026-06-29", 500000);
  ledger.AddInvoice("3", "B1", "2025-12-16", "2025-12-31", 500000);
  ledger.SetAsOfDate("2026-07-01");
  const v1::EvaluateResponse response = ledger.Evaluate();
  std::map<std::string, int64_t> compensation;
  for (const v1::ProposedAction& action : response.actions()) {
    compensation[action.invoice_number()] = action.compensation();
  }
  EXPECT_EQ(compensation, (std::map<std::string, int64_t>{
                              {"1", 43000}, {"2", 46000}, {"3", 46000}}));
}

TEST(EngineLettersTest, ContactOverridesOfSpacesFallBackToTheCompany) {
  // Seed 000: "Hvis man ikke spesifiserer noe der vil systemet hente epost
  // og telefonnr fra Firmainformasjonen": spaces specify nothing.
  TestLedger ledger = ReadyLedger();
  ledger.settings().set_contact_phone("  ");
  ledger.settings().set_contact_email(" ");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_GT(response.letters_size(), 0);
  EXPECT_EQ(response.letters(0).contact_phone(), "+47 22 00 00 00");
  EXPECT_EQ(response.letters(0).contact_email(), "post@kreditor.no");
}

TEST(EngineLettersTest, AWarningDatedBefore2017GoesByPostOrNotAtAll) {
  // law.md § 4.1: an inkassovarsel may go electronically only from
  // 2017-04-01 (inkassoloven § 3a). A host replaying 2016 gets its warning
  // to a customer with an e-mail by post, or, without a postal address, no
  // letter: e-mailed, the engine would refuse its fee and the transfer once
  // recorded. Reminders still go by e-mail; from 2017-04-01 warnings too.
  TestLedger ledger;
  ledger.SetAsOfDate("2016-07-13");
  v1::Customer* both = ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  both->mutable_postal_address()->add_lines("Storgata 1");
  both->mutable_postal_address()->set_postal_code("0155");
  both->mutable_postal_address()->set_city("Oslo");
  ledger.AddCustomer("K2", v1::CUSTOMER_TYPE_PERSON);  // e-mail only
  for (const char* customer : {"K1", "K2"}) {
    const std::string warned = absl::StrCat(customer, "-W");
    ledger.AddInvoice(warned, customer, "2016-05-02", "2016-05-13", 100000);
    ledger.AddNotice(warned, v1::STEP_KIND_REMINDER, "2016-05-30",
                     "2016-06-13");
    ledger.AddNotice(warned, v1::STEP_KIND_DUNNING, "2016-06-14", "2016-06-28",
                     3750);
    ledger.AddInvoice(absl::StrCat(customer, "-R"), customer, "2016-06-06",
                      "2016-06-20", 50000);
  }
  v1::EvaluateResponse response = ledger.Evaluate();
  ExpectEveryPathGives(response, ledger.request());

  std::map<std::string, v1::ProposedAction> actions;
  for (const v1::ProposedAction& action : response.actions()) {
    actions[action.invoice_number()] = action;
  }
  ASSERT_EQ(actions.size(), 4u);
  EXPECT_EQ(actions["K1-W"].step(), v1::STEP_KIND_COLLECTION_WARNING);
  EXPECT_EQ(actions["K1-W"].channel(), v1::CHANNEL_POST);
  // Due before 2020-10-01: 1/10 of the 2016 inkassosats, 670 kr (law.md
  // § 3.2).
  EXPECT_EQ(actions["K1-W"].fee(), 6700);
  EXPECT_EQ(actions["K2-W"].step(), v1::STEP_KIND_COLLECTION_WARNING);
  EXPECT_EQ(actions["K2-W"].channel(), v1::CHANNEL_UNSPECIFIED);
  EXPECT_EQ(actions["K2-W"].letter_id(), "");
  EXPECT_EQ(actions["K1-R"].channel(), v1::CHANNEL_EMAIL);
  EXPECT_EQ(actions["K2-R"].channel(), v1::CHANNEL_EMAIL);

  std::map<std::string, v1::Channel> letters;
  for (const v1::ProposedLetter& letter : response.letters()) {
    letters[letter.id()] = letter.channel();
  }
  EXPECT_THAT(
      letters,
      ::testing::UnorderedElementsAre(
          ::testing::Pair("K1/collection_warning/2016-07-13", v1::CHANNEL_POST),
          ::testing::Pair("K1/reminder/2016-07-13", v1::CHANNEL_EMAIL),
          ::testing::Pair("K2/reminder/2016-07-13", v1::CHANNEL_EMAIL)));
  ASSERT_EQ(response.customers_missing_address_size(), 1);
  const v1::CustomerMissingAddress& missing =
      response.customers_missing_address(0);
  EXPECT_EQ(missing.customer_id(), "K2");
  EXPECT_THAT(missing.invoice_numbers(),
              ::testing::UnorderedElementsAre("K2-W", "K2-R"));
  // The reminder goes by e-mail, the warning not at all: not all of K2's
  // letters go by e-mail, so the host must find an address.
  EXPECT_FALSE(missing.letters_by_email());

  // Recorded as proposed, the posted warning is an inkassovarsel: its fee
  // stands and, its deadline passed unpaid, the transfer is proposed.
  ledger.Record(response);
  ledger.SetAsOfDate("2016-08-15");
  response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "K1-W").status(),
            v1::INVOICE_STATUS_CONSIDER_COLLECTION);
  EXPECT_EQ(ResultOf(response, "K1-W").balance().fees_charged(), 3750 + 6700);
  for (const v1::Warning& warning : response.warnings()) {
    EXPECT_NE(warning.invoice_number(), "K1-W") << warning.message();
  }

  // From 2017-04-01 itself the warning goes by e-mail; the day before, to a
  // customer with an e-mail only, not at all.
  TestLedger later;
  later.AddCustomer("K2", v1::CUSTOMER_TYPE_PERSON);
  later.AddInvoice("K2-W", "K2", "2017-01-02", "2017-01-13", 100000);
  later.AddNotice("K2-W", v1::STEP_KIND_DUNNING, "2017-03-01", "2017-03-15",
                  3750);
  for (const auto& [as_of, channel] :
       {std::pair<const char*, v1::Channel>{"2017-03-31",
                                            v1::CHANNEL_UNSPECIFIED},
        {"2017-04-01", v1::CHANNEL_EMAIL},
        {"2017-04-03", v1::CHANNEL_EMAIL}}) {
    SCOPED_TRACE(as_of);
    later.SetAsOfDate(as_of);
    response = later.Evaluate();
    ASSERT_EQ(response.actions_size(), 1);
    EXPECT_EQ(response.actions(0).step(), v1::STEP_KIND_COLLECTION_WARNING);
    EXPECT_EQ(response.actions(0).channel(), channel);
  }
}

}  // namespace
}  // namespace purring::testing
