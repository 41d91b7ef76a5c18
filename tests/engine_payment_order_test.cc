// When a payment pays what: costs → interest → principal in date order
// (law.md § 7), a notice's charges owed from its send date, and a waived fee
// not claimed from the waiver's date on (history.proto fee_waived_date), so
// a month already reported keeps what was paid in it (F18, F19).
#include <string>

#include "absl/strings/string_view.h"
#include "engine_test_ledger.h"
#include "gtest/gtest.h"

namespace purring {
namespace {

constexpr v1::StepKind kDunning = v1::STEP_KIND_DUNNING;

using testing::ReportFor;

// A person's 1 000 kr invoice due Friday 2025-08-01 with a purring of
// 2025-08-20 charging the 2025 maximum fee, 35 kr (law.md § 3.2), and the
// interest it claims from then; paid in full (1 048.42 kr, the total on
// 09-10) on 2025-09-10. `waived`: the purring's fee_waived_date, or empty.
v1::EvaluateResponse EvaluatePaidFee(absl::string_view as_of,
                                     absl::string_view waived) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate(as_of);
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("W1", "K1", "2025-07-18", "2025-08-01", 100000);
  ledger.AddNotice("W1", kDunning, "2025-08-20", "2025-09-03", 3500)
      ->set_fee_waived_date(std::string(waived));
  testing::AddPayment(*ledger.request().mutable_invoices(0), "2025-09-10",
                      104842);
  return ledger.Evaluate();
}

TEST(EnginePaymentOrderTest, AWaiverAfterPaymentKeepsTheMonthItWasPaidIn) {
  const v1::EvaluateResponse before = EvaluatePaidFee("2025-09-30", "");
  const v1::EvaluateResponse after =
      EvaluatePaidFee("2025-10-20", "2025-10-15");
  const v1::MonthlyReport* september = ReportFor(before, "2025-09");
  ASSERT_NE(september, nullptr);
  EXPECT_EQ(september->fees_paid(), 3500);
  ASSERT_GT(september->interest_paid(), 0);
  EXPECT_EQ(testing::ResultOf(before, "W1").status(), v1::INVOICE_STATUS_PAID);

  // The fee was owed and paid in September: the October waiver leaves that
  // month as it was and gives the 35 kr back in October.
  const v1::MonthlyReport* september_later = ReportFor(after, "2025-09");
  ASSERT_NE(september_later, nullptr);
  EXPECT_EQ(september_later->SerializeAsString(),
            september->SerializeAsString());
  const v1::MonthlyReport* october = ReportFor(after, "2025-10");
  ASSERT_NE(october, nullptr);
  EXPECT_EQ(october->fees_paid(), -3500);
  EXPECT_EQ(october->interest_paid(), 0);
  EXPECT_EQ(october->fees_waived_count(), 1);
  EXPECT_EQ(october->fees_waived_amount(), 3500);
  // The provider gives back its half of the fee (F19, 50 % by default).
  EXPECT_EQ(october->provider_share(), -1750);
  EXPECT_EQ(after.provider_settlement().fees_and_interest_paid(),
            september->interest_paid());

  // Nothing else was owed on 10-15: the debtor is owed the fee back.
  const v1::Balance& balance = testing::ResultOf(after, "W1").balance();
  EXPECT_EQ(balance.fees_charged(), 0);
  EXPECT_EQ(balance.fees_paid(), 0);
  EXPECT_EQ(balance.interest_paid(), september->interest_paid());
  EXPECT_EQ(balance.principal_paid(), 100000);
  EXPECT_EQ(balance.overpaid(), 3500);
  EXPECT_EQ(balance.total(), 0);
}

TEST(EnginePaymentOrderTest, AWaiverSetsAPaidFeeOffAgainstThePrincipal) {
  // Paid only 1 000 kr on 09-10: the payment covered the fee and interest
  // first, so principal is left; the waiver gives the fee back against it.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2025-10-20");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("W2", "K1", "2025-07-18", "2025-08-01", 100000);
  ledger.AddNotice("W2", kDunning, "2025-08-20", "2025-09-03", 3500)
      ->set_fee_waived_date("2025-10-15");
  testing::AddPayment(*ledger.request().mutable_invoices(0), "2025-09-10",
                      100000);
  const v1::EvaluateResponse response = ledger.Evaluate();
  const v1::Balance& balance = testing::ResultOf(response, "W2").balance();
  const v1::MonthlyReport* october = ReportFor(response, "2025-10");
  ASSERT_NE(october, nullptr);
  EXPECT_EQ(october->fees_paid(), -3500);
  EXPECT_EQ(balance.fees_charged(), 0);
  EXPECT_EQ(balance.fees_outstanding(), 0);
  EXPECT_EQ(balance.overpaid(), 0);
  // Every øre paid is counted once (README "Payments").
  EXPECT_EQ(balance.fees_paid() + balance.interest_paid() +
                balance.principal_paid() + balance.overpaid(),
            balance.paid());
  EXPECT_EQ(balance.total(),
            balance.principal_outstanding() + balance.interest_outstanding());
}

TEST(EnginePaymentOrderTest, APaymentOnTheSendDayDoesNotPayThatNotice) {
  // A payment dated the day a purring is sent came before the letter: it
  // pays principal, and the purring's 37.50 kr fee (2026, law.md § 3.2) and
  // the interest it claims stay owed; a payment the next day pays them.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-10-01");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("S1", "K1", "2026-08-18", "2026-09-01", 100000);
  ledger.AddNotice("S1", kDunning, "2026-10-01", "2026-10-15", 3750);
  testing::AddPayment(*ledger.request().mutable_invoices(0), "2026-10-01",
                      50000);
  const v1::EvaluateResponse same_day = ledger.Evaluate();
  const v1::Balance& first = testing::ResultOf(same_day, "S1").balance();
  EXPECT_EQ(first.principal_paid(), 50000);
  EXPECT_EQ(first.fees_paid(), 0);
  EXPECT_EQ(first.interest_paid(), 0);
  EXPECT_EQ(first.fees_outstanding(), 3750);
  ASSERT_GT(first.interest_outstanding(), 0);

  ledger.SetAsOfDate("2026-10-02");
  testing::AddPayment(*ledger.request().mutable_invoices(0), "2026-10-02",
                      3750);
  const v1::EvaluateResponse next_day = ledger.Evaluate();
  const v1::Balance& second = testing::ResultOf(next_day, "S1").balance();
  EXPECT_EQ(second.fees_paid(), 3750);
  EXPECT_EQ(second.principal_paid(), 50000);
}

TEST(EnginePaymentOrderTest, AFeeWaivedOnItsSendDayWasNeverOwed) {
  // history.proto fee_waived_date: the fee is not claimed from that day
  // on. Waived the day it was sent, it was never owed: the 100 kr paid
  // before it is principal, nothing is given back, and no fee is owed.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-11-28");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("V1", "K1", "2026-08-01", "2026-08-14", 100000);
  ledger.AddNotice("V1", kDunning, "2026-09-05", "2026-09-19", 3500)
      ->set_fee_waived_date("2026-09-05");
  testing::AddPayment(*ledger.request().mutable_invoices(0), "2026-09-01",
                      10000);
  const v1::EvaluateResponse response = ledger.Evaluate();
  const v1::Balance& balance = testing::ResultOf(response, "V1").balance();
  EXPECT_EQ(balance.fees_charged(), 0);
  EXPECT_EQ(balance.fees_paid(), 0);
  EXPECT_EQ(balance.fees_outstanding(), 0);
  EXPECT_EQ(balance.principal_paid(), 10000);
  EXPECT_EQ(balance.principal_outstanding(), 90000);
  const v1::MonthlyReport* september = ReportFor(response, "2026-09");
  ASSERT_NE(september, nullptr);
  EXPECT_EQ(september->fees_paid(), 0);
  EXPECT_EQ(september->provider_share(), 0);
}

TEST(EnginePaymentOrderTest, ACreditNoteComesBeforeAPaymentOfItsDay) {
  // A person's 1 000 kr invoice due Saturday 2026-08-15 (adjusted to Monday
  // 08-17), a purring of 09-05 charging 35 kr, and on 09-10 a credit note
  // and a payment of 600 kr each. The credit note takes 600 kr principal
  // first; the payment then pays the fee, the interest for 08-18..09-10
  // (24 days × 100 000 × 12.25 % / 365 = 805.48 → 805 øre; law.md § 1)
  // and the 400 kr principal left, and the rest is in credit. Paid first,
  // it would have paid 556.95 kr principal the credit note then took off
  // again: principal paid and credited beyond the invoice.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-11-28");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("D1", "K1", "2026-08-01", "2026-08-15", 100000);
  ledger.AddNotice("D1", kDunning, "2026-09-05", "2026-09-19", 3500);
  v1::Invoice& invoice = *ledger.request().mutable_invoices(0);
  testing::AddPayment(invoice, "2026-09-10", 60000);
  testing::AddCreditNote(invoice, "CN1", "2026-09-10", 60000);
  const v1::EvaluateResponse response = ledger.Evaluate();
  const v1::Balance& balance = testing::ResultOf(response, "D1").balance();
  EXPECT_EQ(balance.credited(), 60000);
  EXPECT_EQ(balance.fees_paid(), 3500);
  EXPECT_EQ(balance.interest_paid(), 805);
  EXPECT_EQ(balance.principal_paid(), 40000);
  EXPECT_EQ(balance.overpaid(), 60000 - 3500 - 805 - 40000);
  EXPECT_EQ(balance.total(), 0);
}

}  // namespace
}  // namespace purring
