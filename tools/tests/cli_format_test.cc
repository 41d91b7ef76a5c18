// The purring tool's text: money, columns, the overview and the reports,
// checked on hand-built responses so that they hold whatever the engine says.
#include <string>

#include "gtest/gtest.h"
#include "ledger_input.h"
#include "overview.h"
#include "text_format.h"

namespace purring::cli {
namespace {

TEST(FormatAmount, KronerWithTwoDecimalsFromOre) {
  EXPECT_EQ(FormatAmount(0), "0,00");
  EXPECT_EQ(FormatAmount(5), "0,05");
  EXPECT_EQ(FormatAmount(3750), "37,50");
  EXPECT_EQ(FormatAmount(123456789), "1 234 567,89");
  EXPECT_EQ(FormatAmount(-100000), "-1 000,00");
  EXPECT_EQ(FormatKroner(99999), "999,99 kr");
}

TEST(FormatAmount, ExtremesDoNotOverflow) {
  EXPECT_EQ(FormatAmount(INT64_MAX), "92 233 720 368 547 758,07");
  EXPECT_EQ(FormatAmount(INT64_MIN), "-92 233 720 368 547 758,08");
}

TEST(TextTable, CountsCharactersNotBytes) {
  EXPECT_EQ(DisplayWidth("Tromsø"), 6u);
  EXPECT_EQ(Truncate("Bjørkeveien Bygg", 8), "Bjørkev…");
  TextTable table({{"Kunde"}, {"Beløp", true}});
  table.AddRow({"Ærlig Øl", "1,00"});
  table.AddRow({"Bo", "100,00"});
  EXPECT_EQ(table.Render(""),
            "Kunde      Beløp\n"
            "Ærlig Øl    1,00\n"
            "Bo        100,00\n");
}

TEST(TextTable, ARowStaysOnOneLine) {
  // A name or comment may hold a line break (only ids are refused for
  // control characters): each control character, C1 too, becomes a space.
  EXPECT_EQ(OneLine("Fjellbekk AS\nAvd. Bergen"), "Fjellbekk AS Avd. Bergen");
  EXPECT_EQ(OneLine("ring\r\nså\tsend\x7f\xc2\x85!"), "ring  så send  !");
  EXPECT_EQ(OneLine("Tromsø \xc2\xa0"), "Tromsø \xc2\xa0");  // no-break space
  EXPECT_EQ(OneLine("a\xe2\x80\xa8"
                    "b\xe2\x80\xa9"
                    "c\xe2\x80\xaf"),
            "a b c\xe2\x80\xaf");  // U+2028, U+2029; U+202F stays
  TextTable table({{"Kunde", false, 12}, {"Nr"}});
  table.AddRow({"Ola\nNordmann AS", "7"});
  EXPECT_EQ(table.Render(""),
            "Kunde         Nr\n"
            "Ola Nordman…  7\n");
}

TEST(TextTable, CountsTakeTheSingularForOne) {
  EXPECT_EQ(Count(1, "faktura", "fakturaer"), "1 faktura");
  EXPECT_EQ(Count(0, "faktura", "fakturaer"), "0 fakturaer");
  EXPECT_EQ(Count(2, "handling", "handlinger"), "2 handlinger");
}

class OverviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    response_.set_as_of_date("2026-11-28");
    response_.mutable_as_of()->set_seconds(1795856400);  // 10:00 Oslo
    response_.set_engine_version("1.0.0");
    v1::InvoiceResult* ready = response_.add_results();
    ready->set_invoice_number("10042");
    ready->set_customer_name("Kari Nordmann");
    ready->set_customer_type(v1::CUSTOMER_TYPE_PERSON);
    ready->set_invoice_date("2026-10-01");
    ready->set_due_date("2026-10-15");
    ready->set_original_amount(125000);
    ready->mutable_balance()->set_total(128750);
    ready->set_status(v1::INVOICE_STATUS_READY_TO_SEND);
    ready->set_current_step(v1::STEP_KIND_REMINDER);
    ready->set_current_deadline("2026-11-01");
    ready->set_next_step(v1::NEXT_STEP_DUNNING);
    ready->set_next_step_date("2026-11-28");
    v1::Notice* reminder = ready->add_history();
    reminder->set_step(v1::STEP_KIND_REMINDER);
    reminder->set_sent_date("2026-10-18");
    v1::InvoiceResult* hold = response_.add_results();
    hold->set_invoice_number("10043");
    hold->set_customer_name("Granlund Bygg AS");
    hold->set_customer_type(v1::CUSTOMER_TYPE_BUSINESS);
    hold->set_custom_process(true);
    hold->set_status(v1::INVOICE_STATUS_ON_HOLD);
    hold->mutable_hold()->set_kind(v1::HOLD_KIND_OBJECTION);
    hold->mutable_hold()->set_reason("bestrider timer");
    hold->mutable_balance()->set_total(50000);
    v1::CustomerMissingAddress* missing = response_.add_customers_missing_address();
    missing->set_customer_id("K1013");
    missing->set_customer_name("Uten Adresse");
    missing->add_invoice_numbers("10050");
    missing->add_invoice_numbers("10051");
    v1::CustomerMissingAddress* emailed = response_.add_customers_missing_address();
    emailed->set_customer_id("K1014");
    emailed->set_customer_name("Bare Epost");
    emailed->add_invoice_numbers("10052");
    emailed->set_letters_by_email(true);
    v1::NextDispatch* dispatch = response_.mutable_next_dispatch();
    dispatch->set_enabled(true);
    dispatch->mutable_instant()->set_seconds(1795860000);  // 11:00 Oslo
    dispatch->add_action_ids("10042/dunning/2026-11-28");
    dispatch->set_letter_count(1);
    v1::ProposedAction* action = response_.add_actions();
    action->set_id("10042/dunning/2026-11-28");
    action->set_kind(v1::ACTION_KIND_SEND_NOTICE);
    action->set_step(v1::STEP_KIND_DUNNING);
  }

  OsloClock oslo_ = OsloClock::Load();
  v1::EvaluateRequest request_;
  v1::EvaluateResponse response_;
};

TEST_F(OverviewTest, EverySectionWithCountsAndRows) {
  // product.md F2's columns, the history last before the comment.
  const std::string text = FormatOverview(request_, response_, oslo_);
  EXPECT_NE(text.find("oversikt per 2026-11-28 (evaluert 2026-11-28 10:00"),
            std::string::npos) << text;
  EXPECT_NE(text.find("Klar til å sende purring (ready to send): 1 faktura, "
                      "saldo 1 287,50 kr"), std::string::npos) << text;
  EXPECT_NE(text.find("Kari Nordmann  P    10042      2026-10-01   2026-10-15"
                      "     1 250,00  1 287,50  påminnelse 2026-11-01"
                      "   purring 2026-11-28  påminnelse 2026-10-18\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("B*"), std::string::npos) << text;
  EXPECT_NE(text.find("innsigelse: bestrider timer"), std::string::npos) << text;
  for (const char* title : {"Venter", "Frist ikke utløpt", "Ikke send purring",
                            "Vurder inkasso", "Inkasso (in collection): 0",
                            "Ikke forfalt", "Betalt", "Før startfaktura"}) {
    EXPECT_NE(text.find(title), std::string::npos) << title << "\n" << text;
  }
  EXPECT_NE(text.find("K1013    Uten Adresse  ikke            10050, 10051"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("K1014    Bare Epost    på e-post       10052"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("next automatic dispatch): 2026-11-28 11:00 Europe/Oslo, "
                      "1 handling, 1 brev\n  purring: 1\n"),
            std::string::npos) << text;
}

TEST_F(OverviewTest, RowsShowTheInvoicesOrElseTheCustomersComment) {
  // product.md F3 "per-row comment"; ledger.proto: a customer's comment is
  // "shown on the dunning screen". The invoice's own comment comes first.
  v1::Customer* kari = request_.add_customers();
  kari->set_id("K1");
  kari->set_comment("Ring før purring");
  v1::Invoice* invoice = request_.add_invoices();
  invoice->set_number("10042");
  invoice->set_customer_id("K1");
  std::string text = FormatOverview(request_, response_, oslo_);
  EXPECT_NE(text.find("purring 2026-11-28  påminnelse 2026-10-18  Ring før purring\n"),
            std::string::npos) << text;
  invoice->set_comment("Lovet betaling 1.12");
  text = FormatOverview(request_, response_, oslo_);
  EXPECT_NE(text.find("påminnelse 2026-10-18  Lovet betaling 1.12\n"),
            std::string::npos) << text;
  EXPECT_EQ(text.find("Ring før purring"), std::string::npos) << text;
}

TEST_F(OverviewTest, TheSnapshotsTimeIsSaidOrSaidUnknown) {
  // README "The demo and the purring tool": the overview starts with the
  // snapshot's time (F5); a request without one says so.
  std::string text = FormatOverview(request_, response_, oslo_);
  EXPECT_NE(text.find("Sist synkronisert: ukjent (not given)\n2 fakturaer\n"),
            std::string::npos)
      << text;
  response_.mutable_last_synchronized()->set_seconds(1795849200);  // 08:00
  text = FormatOverview(request_, response_, oslo_);
  EXPECT_NE(text.find("Sist synkronisert: 2026-11-28 08:00\n"),
            std::string::npos)
      << text;
}

TEST_F(OverviewTest, AHoldFromTheNextDispatchSaysFromWhen) {
  // README Statuses 6: a hold beginning by the next dispatch's date holds
  // the invoice now; the row says it begins later.
  response_.mutable_results(1)->mutable_hold()->set_since("2026-11-29");
  const std::string text = FormatOverview(request_, response_, oslo_);
  EXPECT_NE(text.find("innsigelse fra 2026-11-29: bestrider timer"),
            std::string::npos)
      << text;
  response_.mutable_results(1)->mutable_hold()->set_since("2026-11-28");
  EXPECT_NE(FormatOverview(request_, response_, oslo_)
                .find("innsigelse: bestrider timer"),
            std::string::npos);
  // A long reason is cut; the end date stays.
  response_.mutable_results(1)->mutable_hold()->set_reason(
      "Venter på svar fra kunde om kreditnota og avtale om nedbetaling");
  response_.mutable_results(1)->mutable_hold()->set_until("2026-12-31");
  EXPECT_NE(FormatOverview(request_, response_, oslo_)
                .find("innsigelse: Venter på svar fra kunde om kredit… (til "
                      "2026-12-31)"),
            std::string::npos)
      << FormatOverview(request_, response_, oslo_);
}

TEST_F(OverviewTest, AnOverpaidInvoiceShowsWhatIsInCredit) {
  // evaluate.proto Balance.overpaid: money in credit is never hidden.
  v1::InvoiceResult* paid = response_.add_results();
  paid->set_invoice_number("10044");
  paid->set_customer_name("Per Hansen");
  paid->set_status(v1::INVOICE_STATUS_PAID);
  paid->mutable_balance()->set_overpaid(50000);
  const std::string text = FormatOverview(request_, response_, oslo_);
  EXPECT_NE(text.find("betalt for mye 500,00 kr"), std::string::npos) << text;
}

TEST_F(OverviewTest, DispatchOffIsSaid) {
  response_.mutable_next_dispatch()->set_enabled(false);
  EXPECT_NE(FormatOverview(request_, response_, oslo_).find("av (manual progression"),
            std::string::npos);
}

TEST(MonthlyReport, PrintsTheMonthAndTheSettlement) {
  v1::EvaluateResponse response;
  v1::MonthlyReport* other = response.add_monthly_reports();
  other->set_month("2026-10");
  other->set_fees_paid(999);
  v1::MonthlyReport* month = response.add_monthly_reports();
  month->set_month("2026-11");
  month->set_fees_paid(7000);
  month->set_interest_paid(1234);
  month->set_notices_without_fee(12);
  month->set_fees_waived_count(1);
  month->set_fees_waived_amount(3750);
  month->set_letters_printed(4);
  response.mutable_provider_settlement()->set_share_basis_points(5000);
  response.mutable_provider_settlement()->set_provider_share(4117);
  absl::StatusOr<std::string> text = FormatMonthlyReport(response, "2026-11");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_NE(text->find("Renter betalt (interest paid)                           12,34 kr\n"),
            std::string::npos) << *text;
  EXPECT_NE(text->find("70,00 kr"), std::string::npos) << *text;
  EXPECT_EQ(text->find("9,99 kr"), std::string::npos) << *text;
  EXPECT_NE(text->find("1 / 37,50 kr"), std::string::npos) << *text;
  EXPECT_NE(text->find("share 50,00 %"), std::string::npos) << *text;
  EXPECT_NE(text->find("41,17 kr"), std::string::npos) << *text;
}

TEST(MonthlyReport, RefusesAMalformedMonth) {
  v1::EvaluateResponse response;
  EXPECT_FALSE(FormatMonthlyReport(response, "2026-13").ok());
  EXPECT_FALSE(FormatMonthlyReport(response, "november").ok());
  EXPECT_TRUE(FormatMonthlyReport(response, "2026-01").ok());
}

TEST(AsOf, DateMeansNoonInOslo) {
  const OsloClock oslo = OsloClock::Load();
  absl::StatusOr<absl::Time> t = ParseAsOf("2026-11-28", oslo);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(absl::ToUnixSeconds(*t), 1795863600);  // 11:00Z, CET
  t = ParseAsOf("2026-07-01", oslo);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(absl::FormatTime("%H:%M", *t, absl::UTCTimeZone()), "10:00");  // CEST
  t = ParseAsOf("2026-11-28T10:00:00+01:00", oslo);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(absl::ToUnixSeconds(*t), 1795856400);
  EXPECT_FALSE(ParseAsOf("2026-02-30", oslo).ok());
  EXPECT_FALSE(ParseAsOf("tomorrow", oslo).ok());
}

TEST(OsloClock, TheEuRuleAgreesWithTheTzDatabase) {
  // Without tzdata the tool keeps Oslo time by the EU rule (Norway's since
  // 1996): every hour of 1996-2040, and the clock changes' own hours.
  absl::TimeZone tz;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Oslo", &tz));
  const OsloClock rule = OsloClock::EuRule();
  const absl::Time from = absl::FromCivil(absl::CivilDay(1996, 1, 1), tz);
  const absl::Time to = absl::FromCivil(absl::CivilDay(2041, 1, 1), tz);
  int checked = 0;
  for (absl::Time t = from; t < to; t += absl::Minutes(59)) {
    ASSERT_EQ(absl::FormatTime("%F %R", t, rule.ZoneAt(t)),
              absl::FormatTime("%F %R", t, tz))
        << absl::FormatTime(t);
    ++checked;
  }
  EXPECT_GT(checked, 390000);
  for (absl::CivilDay day(1996, 1, 1); day < absl::CivilDay(2041, 1, 1);
       ++day) {
    ASSERT_EQ(rule.Noon(day),
              absl::FromCivil(absl::CivilSecond(day.year(), day.month(),
                                                day.day(), 12, 0, 0),
                              tz))
        << day;
  }
}

TEST(MonthlyReport, RefusesAMonthOutsideTheEnginesYears) {
  v1::EvaluateResponse response;
  EXPECT_FALSE(FormatMonthlyReport(response, "1899-12").ok());
  EXPECT_FALSE(FormatMonthlyReport(response, "3000-01").ok());
  EXPECT_FALSE(FormatMonthlyReport(response, "0000-01").ok());
  EXPECT_TRUE(FormatMonthlyReport(response, "1900-01").ok());
  EXPECT_TRUE(FormatMonthlyReport(response, "2999-12").ok());
}

TEST(ReadRequest, NamesTheFileAndTheProblem) {
  absl::StatusOr<v1::EvaluateRequest> r = ReadRequest("/nonexistent/ledger.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/ledger.json"),
            absl::string_view::npos);
}

}  // namespace
}  // namespace purring::cli
