// Refusals at the edges the review found: absurd statutory amounts in a
// supplied rate table (they would overflow derived fees), and instants so
// late that dates derived from them (a dispatch, a deadline) would leave the
// years 1900-2999.
#include "engine_test_ledger.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace purring {
namespace {

using ::testing::HasSubstr;

testing::TestLedger OneInvoice() {
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-11-28");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1", "K1", "2026-09-01", "2026-09-15", 100000);
  return ledger;
}

// One invoice "BIG" of the largest amount a request may hold (10^15 øre).
testing::TestLedger LargestInvoice(v1::CustomerType type,
                                   absl::string_view invoice_date,
                                   absl::string_view due_date) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-11-28");
  ledger.AddCustomer("K1", type);
  ledger.AddInvoice("BIG", "K1", invoice_date, due_date, 1'000'000'000'000'000);
  return ledger;
}

TEST(ValidateExtremesTest, CreditNotesForTheWholeAmountAreAccepted) {
  // ledger.proto CreditNote: together they may not exceed the invoice's
  // amount; equal is an invoice credited in full, settled (F13).
  testing::TestLedger ledger = OneInvoice();
  v1::Invoice& invoice = *ledger.request().mutable_invoices(0);
  testing::AddCreditNote(invoice, "K-1", "2026-09-10", 60000);
  testing::AddCreditNote(invoice, "K-2", "2026-09-11", 40000);
  const absl::StatusOr<v1::EvaluateResponse> response =
      Evaluate(ledger.request());
  ASSERT_TRUE(response.ok()) << response.status();
  const v1::InvoiceResult& result = testing::ResultOf(*response, "1");
  EXPECT_EQ(result.status(), v1::INVOICE_STATUS_PAID);
  EXPECT_EQ(result.balance().credited(), 100000);
  EXPECT_EQ(result.balance().total(), 0);
}

TEST(ValidateExtremesTest, AbsurdCollectionRateIsRefusedNotClamped) {
  testing::TestLedger ledger = OneInvoice();
  v1::CollectionRate* row = ledger.request().mutable_rate_tables()->add_collection_rates();
  row->set_valid_from("2026-01-01");
  row->set_amount(int64_t{1} << 62);
  const absl::Status status = ValidateRequest(ledger.request());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("rate_tables.collection_rates[0]"));
  EXPECT_THAT(status.message(), HasSubstr("amount"));
}

TEST(ValidateExtremesTest, FeeFractionAboveOneIsRefused) {
  testing::TestLedger ledger = OneInvoice();
  v1::FeeFraction* row = ledger.request().mutable_rate_tables()->add_fee_fractions();
  row->set_valid_from("2020-10-01");
  row->set_reminder_numerator(21);
  row->set_reminder_denominator(20);
  row->set_payment_demand_numerator(3);
  row->set_payment_demand_denominator(20);
  const absl::Status status = ValidateRequest(ledger.request());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("rate_tables.fee_fractions[0]"));
}

TEST(ValidateExtremesTest, AsOfInTheLastYearIsRefused) {
  testing::TestLedger ledger = OneInvoice();
  // 2998-12-31 in Oslo: a dispatch the next day would have its deadline of
  // up to 365 days in 3000, outside 1900-2999 (the last day accepted below).
  ledger.SetAsOf("2998-12-31T11:30:00Z");
  const absl::Status status = Evaluate(ledger.request()).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("as_of is after 2998-12-30"));
}

TEST(ValidateExtremesTest, TheLastDaysProposalsCanBeRecorded) {
  // The latest as-of date, automatic progression and 365-day deadlines: the
  // dispatch is the next day and its deadline 365 days after it, and the
  // host records both as the next request's history (dates up to 2999).
  testing::TestLedger ledger;
  ledger.SetAsOf("2998-12-30T11:30:00Z");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1", "K1", "2998-10-01", "2998-11-01", 100000);
  v1::DunningSettings& settings = ledger.settings();
  settings.set_progression(v1::MODE_AUTOMATIC);
  *settings.mutable_automation_enabled_at() = ledger.request().as_of();
  v1::DunningProfile* profile = settings.add_profiles();
  profile->set_id("lang");
  profile->set_name("Lang");
  profile->set_sequence(v1::STEP_SEQUENCE_REMINDER_DUNNING_WARNING);
  profile->set_strictness(v1::FEE_STRICTNESS_MEDIUM);
  profile->set_deadline_days(365);
  settings.set_default_person_profile("lang");
  ledger.request().mutable_rate_tables()->set_carry_last_rate_forward(true);
  const v1::EvaluateResponse first = ledger.Evaluate();
  ASSERT_EQ(first.actions_size(), 1);
  EXPECT_EQ(first.actions(0).date(), "2998-12-31");
  EXPECT_EQ(first.actions(0).deadline(), "2999-12-31");
  ledger.Record(first);
  EXPECT_TRUE(Evaluate(ledger.request()).ok());
}

TEST(ValidateExtremesTest, WhatTheLargestInvoicesLetterPrintedCanBeRecorded) {
  // The principal alone may be kMaxAmount, so what a letter demands with
  // fees and interest on top may pass it: the host records it as it was
  // printed (Notice.amount_claimed) and the next request accepts it.
  testing::TestLedger ledger =
      LargestInvoice(v1::CUSTOMER_TYPE_PERSON, "2026-09-01", "2026-09-15");
  ledger.AddNotice("BIG", v1::STEP_KIND_REMINDER, "2026-10-01", "2026-10-15");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.actions_size(), 1);
  EXPECT_GT(response.actions(0).amount_claimed(), 1'000'000'000'000'000);
  ledger.Record(response);
  EXPECT_TRUE(Evaluate(ledger.request()).ok());

  ledger.request().mutable_history()->mutable_notices(1)->set_amount_claimed(
      -1);
  const absl::Status status = Evaluate(ledger.request()).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(),
              HasSubstr("amount_claimed -1 must not be negative"));
}

TEST(ValidateExtremesTest, ValidationAndEvaluationAgreeOnTheOsloDate) {
  // 2026-06-30T22:30Z is 1 July 00:30 in Oslo (summer time): both the
  // validation's rate check and the evaluation read it as 2026-07-01.
  testing::TestLedger ledger = OneInvoice();
  ledger.SetAsOf("2026-06-30T22:30:00Z");
  absl::StatusOr<v1::EvaluateResponse> response = Evaluate(ledger.request());
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->as_of_date(), "2026-07-01");
}

TEST(ValidateExtremesTest, LedgerWideSumsOverflowIntoAnErrorNotAWrap) {
  // 10 000 invoices of 10^13 øre (10^17 together: the most a ledger may
  // hold) at the host's 1 000 % p.a. for nine years and five months: each
  // balance, about 9.5 * 10^14 øre of it interest claimed by its purring, is
  // a valid amount, but together they do not fit in int64: refused with
  // OUT_OF_RANGE, never a negative total. (Recorded fees and compensation
  // would not do: only the lawful part of each is claimed. The notices'
  // deadlines have not expired, so nothing new is proposed on top.)
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-06-01");
  v1::RateTables& rates = *ledger.request().mutable_rate_tables();
  rates.set_replace_builtin(true);
  for (const char* from : {"2014-01-01", "2026-01-01"}) {  // to the as-of
    v1::InterestRate* rate = rates.add_interest_rates();
    rate->set_valid_from(from);
    rate->set_rate_basis_points(100000);
  }
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_BUSINESS);
  for (int i = 0; i < 10000; ++i) {
    const std::string number = absl::StrCat("F", i);
    ledger.AddInvoice(number, "K1", "2016-12-01", "2017-01-02",
                      10'000'000'000'000);
    ledger.AddNotice(number, v1::STEP_KIND_DUNNING, "2026-05-20",
                     "2026-06-03");
  }
  const absl::Status status = Evaluate(ledger.request()).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kOutOfRange) << status;
  EXPECT_THAT(status.message(),
              HasSubstr("the balances of status "
                        "INVOICE_STATUS_DEADLINE_NOT_EXPIRED overflow"));
}

TEST(ValidateExtremesTest, NoProposalTheNextRequestWouldRefuse) {
  // A notice's charges join those recorded for its invoice, which may come
  // to at most kMaxAmount together (limits.h). Seven years of interest on
  // the largest amount, after 5 * 10^14 øre recorded: the warning would
  // bring them over, so the evaluation refuses rather than propose it.
  testing::TestLedger ledger =
      LargestInvoice(v1::CUSTOMER_TYPE_BUSINESS, "2020-01-01", "2020-01-15");
  ledger.AddNotice("BIG", v1::STEP_KIND_DUNNING, "2020-02-01", "2020-02-15")
      ->set_compensation(500'000'000'000'000);
  const absl::Status status = Evaluate(ledger.request()).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kOutOfRange) << status;
  EXPECT_THAT(status.message(), HasSubstr("invoice \"BIG\""));
  EXPECT_THAT(status.message(), HasSubstr("more than a recorded history"));
}

}  // namespace
}  // namespace purring
