// DunningSettings.minimum_amount (minstebeløp): an invoice owing less than
// the module's minimum is neither dunned nor transferred. The law sets no
// minimum; leaving trivial amounts alone is god inkassoskikk, a business
// setting (law.md § 7). README "Statuses", items 6 and 7.
#include <string>

#include "absl/strings/str_cat.h"
#include "engine_test_ledger.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace purring::testing {
namespace {

constexpr int64_t kAmount = 100000;  // 1 000 kr
constexpr int64_t kMinimum = 5000;   // 50 kr
// 1/20 × inkassosats 750 kr (2026), law.md § 3.2.
constexpr int64_t kFee2026 = 3750;

// A payment on invoice 1001, the ledger's first.
v1::Payment* AddPayment(TestLedger& ledger, const char* date, int64_t amount) {
  v1::Payment* payment = ledger.request().mutable_invoices(0)->add_payments();
  payment->set_id(
      absl::StrCat("B", ledger.request().invoices(0).payments_size()));
  payment->set_date(date);
  payment->set_amount(amount);
  return payment;
}

// A person (medium: reminder → dunning → warning) with invoice 1001 due
// Monday 16 Feb 2026, paid on its due date short by `short_by` øre.
TestLedger PaidShortLedger(int64_t short_by) {
  TestLedger ledger;
  ledger.AddCustomer("P1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1001", "P1", "2026-02-01", "2026-02-16", kAmount);
  AddPayment(ledger, "2026-02-16", kAmount - short_by);
  ledger.SetAsOfDate("2026-03-02");
  return ledger;
}

// Invoice 1001 as above, unpaid, after the reminder and a dunning notice
// with a fee (medium claims interest from it).
TestLedger DunnedLedger() {
  TestLedger ledger;
  ledger.AddCustomer("P1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1001", "P1", "2026-02-01", "2026-02-16", kAmount);
  ledger.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
  ledger.AddNotice("1001", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01",
                   kFee2026);
  return ledger;
}

const v1::StatusCount* CountOf(const v1::EvaluateResponse& response,
                               v1::InvoiceStatus status) {
  for (const v1::StatusCount& count : response.status_counts()) {
    if (count.status() == status) return &count;
  }
  return nullptr;
}

TEST(EngineMinimumAmountTest, WithoutAMinimumTwelveKronerAreDunned) {
  // 0, the default: no minimum (law.md § 7 sets none).
  const v1::EvaluateResponse response = PaidShortLedger(1200).Evaluate();
  EXPECT_EQ(ResultOf(response, "1001").status(),
            v1::INVOICE_STATUS_READY_TO_SEND);
  EXPECT_EQ(response.actions_size(), 1);
}

TEST(EngineMinimumAmountTest, AnInvoiceOwingLessIsNeitherDunnedNorLettered) {
  TestLedger ledger = PaidShortLedger(1200);
  ledger.settings().set_minimum_amount(kMinimum);
  const v1::EvaluateResponse response = ledger.Evaluate();
  const v1::InvoiceResult& result = ResultOf(response, "1001");
  EXPECT_EQ(result.status(), v1::INVOICE_STATUS_BELOW_MINIMUM);
  EXPECT_EQ(result.balance().total(), 1200);
  EXPECT_EQ(result.next_step(), v1::NEXT_STEP_UNSPECIFIED);
  EXPECT_EQ(result.next_step_date(), "");
  EXPECT_EQ(result.action_ids_size(), 0);
  EXPECT_EQ(response.actions_size(), 0);
  EXPECT_EQ(response.letters_size(), 0);
  // Still owed, and counted as such.
  const v1::StatusCount* count =
      CountOf(response, v1::INVOICE_STATUS_BELOW_MINIMUM);
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(count->count(), 1);
  EXPECT_EQ(count->balance(), 1200);
}

TEST(EngineMinimumAmountTest, ABalanceOfExactlyTheMinimumIsDunned) {
  // "Below" is strict: 50 kr owed against a 50 kr minimum is dunned.
  TestLedger at = PaidShortLedger(kMinimum);
  at.settings().set_minimum_amount(kMinimum);
  EXPECT_EQ(ResultOf(at.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_READY_TO_SEND);
  TestLedger under = PaidShortLedger(kMinimum - 1);
  under.settings().set_minimum_amount(kMinimum);
  EXPECT_EQ(ResultOf(under.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_BELOW_MINIMUM);
}

TEST(EngineMinimumAmountTest, FeesAndClaimedInterestOwedCountTowardsIt) {
  // Judged on what is owed: the principal paid first
  // (ALLOCATION_PRINCIPAL_FIRST) leaves the fee and the interest, which are
  // still dunned when they come to the minimum, and not given up unsaid.
  TestLedger ledger = DunnedLedger();
  AddPayment(ledger, "2026-03-20", kAmount)
      ->set_allocation(v1::ALLOCATION_PRINCIPAL_FIRST);
  ledger.SetAsOfDate("2026-04-16");
  const v1::Balance owed = ResultOf(ledger.Evaluate(), "1001").balance();
  ASSERT_EQ(owed.principal_outstanding(), 0);
  ASSERT_GT(owed.interest_outstanding(), 0);
  ASSERT_EQ(owed.total(), kFee2026 + owed.interest_outstanding());

  ledger.settings().set_minimum_amount(owed.total());
  EXPECT_EQ(ResultOf(ledger.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_READY_TO_SEND);
  ledger.settings().set_minimum_amount(owed.total() + 1);
  EXPECT_EQ(ResultOf(ledger.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_BELOW_MINIMUM);
}

TEST(EngineMinimumAmountTest, TheNextNoticesOwnFeeDoesNotCount) {
  // 40 kr owed against a 50 kr minimum: not dunned, though the purring's
  // 37.50 kr fee would bring the claim over it.
  TestLedger ledger = PaidShortLedger(4000);
  ledger.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
  ledger.SetAsOfDate("2026-03-18");
  const v1::EvaluateResponse unlimited = ledger.Evaluate();
  ASSERT_EQ(ResultOf(unlimited, "1001").next_step_fee(), kFee2026);
  ASSERT_EQ(ResultOf(unlimited, "1001").balance().total(), 4000);
  ledger.settings().set_minimum_amount(kMinimum);
  EXPECT_EQ(ResultOf(ledger.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_BELOW_MINIMUM);
}

TEST(EngineMinimumAmountTest, NoTransferOfAClaimBelowIt) {
  // Every step sent and its deadline passed: collection would be next.
  TestLedger ledger = DunnedLedger();
  ledger.AddNotice("1001", v1::STEP_KIND_COLLECTION_WARNING, "2026-04-16",
                   "2026-04-30", kFee2026);
  ledger.SetAsOfDate("2026-05-15");
  ASSERT_EQ(ResultOf(ledger.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_CONSIDER_COLLECTION);
  const int64_t owed = ResultOf(ledger.Evaluate(), "1001").balance().total();
  AddPayment(ledger, "2026-05-15", owed - 300);  // 3 kr left
  ledger.settings().set_minimum_amount(kMinimum);
  const v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "1001").status(),
            v1::INVOICE_STATUS_BELOW_MINIMUM);
  EXPECT_EQ(ResultOf(response, "1001").balance().total(), 300);
  EXPECT_EQ(response.actions_size(), 0);
  EXPECT_EQ(response.collection_hand_offs_size(), 0);
}

TEST(EngineMinimumAmountTest, ACaseAlreadyInCollectionStaysThere) {
  // The minimum decides what the engine starts, not what an agency holds.
  TestLedger ledger = PaidShortLedger(1200);
  ledger.settings().set_minimum_amount(kMinimum);
  v1::CollectionCase* c =
      ledger.request().mutable_history()->add_collection_cases();
  c->set_invoice_number("1001");
  c->set_transferred_date("2026-03-01");
  c->set_state(v1::COLLECTION_CASE_STATE_ACTIVE);
  EXPECT_EQ(ResultOf(ledger.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_IN_COLLECTION);
}

TEST(EngineMinimumAmountTest, ANotYetDueInvoiceBelowItShowsNoNextStep) {
  TestLedger ledger;
  ledger.AddCustomer("P1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1001", "P1", "2026-02-01", "2026-02-16", kAmount);
  AddPayment(ledger, "2026-02-10", kAmount - 1200);
  ledger.SetAsOfDate("2026-02-12");
  EXPECT_EQ(ResultOf(ledger.Evaluate(), "1001").next_step(),
            v1::NEXT_STEP_REMINDER);
  ledger.settings().set_minimum_amount(kMinimum);
  const v1::EvaluateResponse response = ledger.Evaluate();
  const v1::InvoiceResult& result = ResultOf(response, "1001");
  EXPECT_EQ(result.status(), v1::INVOICE_STATUS_NOT_DUE);
  EXPECT_EQ(result.next_step(), v1::NEXT_STEP_UNSPECIFIED);
  EXPECT_EQ(result.next_step_date(), "");
}

TEST(EngineMinimumAmountTest, AHoldComesFirst) {
  // A dispute needs an answer whatever the amount: the objection is shown,
  // with no next step, as the invoice will not resume; once the hold ends
  // the invoice is below the minimum.
  TestLedger ledger = PaidShortLedger(1200);
  ledger.settings().set_minimum_amount(kMinimum);
  v1::Hold* hold = ledger.request().mutable_invoices(0)->add_holds();
  hold->set_kind(v1::HOLD_KIND_OBJECTION);
  hold->set_reason("Bestrider beløpet");
  hold->set_start_date("2026-02-20");
  hold->set_end_date("2026-03-10");
  const v1::InvoiceResult held = ResultOf(ledger.Evaluate(), "1001");
  EXPECT_EQ(held.status(), v1::INVOICE_STATUS_ON_HOLD);
  EXPECT_EQ(held.hold().kind(), v1::HOLD_KIND_OBJECTION);
  EXPECT_EQ(held.hold().reason(), "Bestrider beløpet");
  EXPECT_EQ(held.next_step(), v1::NEXT_STEP_UNSPECIFIED);
  EXPECT_EQ(held.next_step_date(), "");
  ledger.SetAsOfDate("2026-03-11");
  EXPECT_EQ(ResultOf(ledger.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_BELOW_MINIMUM);
}

TEST(EngineMinimumAmountTest, AHoldNotBegunIsNotShownForIt) {
  // The hold the next automatic dispatch would run into (README "Statuses"
  // 6) matters only to an invoice the dispatch would send something for.
  TestLedger ledger = PaidShortLedger(1200);
  ledger.settings().set_minimum_amount(kMinimum);
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  *ledger.settings().mutable_automation_enabled_at() =
      Instant("2026-02-01T08:00:00Z");
  ledger.SetAsOf("2026-03-02T12:00:00Z");  // 13:00 Oslo: dispatch tomorrow
  v1::Hold* hold = ledger.request().mutable_invoices(0)->add_holds();
  hold->set_kind(v1::HOLD_KIND_MANUAL);
  hold->set_start_date("2026-03-03");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.next_dispatch().date(), "2026-03-03");
  EXPECT_EQ(ResultOf(response, "1001").status(),
            v1::INVOICE_STATUS_BELOW_MINIMUM);
  EXPECT_FALSE(ResultOf(response, "1001").has_hold());
}

TEST(EngineMinimumAmountTest, ClaimedInterestCanBringAnInvoiceBackOverIt) {
  // Judged at the as-of date: once interest is claimed (from the dunning
  // notice under medium) it keeps accruing into the balance.
  TestLedger ledger = DunnedLedger();
  ledger.SetAsOfDate("2026-03-20");
  const int64_t owed = ResultOf(ledger.Evaluate(), "1001").balance().total();
  AddPayment(ledger, "2026-03-20", owed - 4000);  // 40 kr of principal left
  ledger.settings().set_minimum_amount(4100);
  ledger.SetAsOfDate("2026-04-16");
  const v1::InvoiceResult soon = ResultOf(ledger.Evaluate(), "1001");
  EXPECT_EQ(soon.status(), v1::INVOICE_STATUS_BELOW_MINIMUM);
  EXPECT_LT(soon.balance().total(), 4100);
  // 12.00 % then 12.25 % a year on 40 kr is about 1.3 øre a day: 27 days
  // to 16 April add about 36 øre, the 270 to 15 December about 360.
  ledger.SetAsOfDate("2026-12-15");
  const v1::InvoiceResult later = ResultOf(ledger.Evaluate(), "1001");
  EXPECT_GE(later.balance().total(), 4100);
  EXPECT_EQ(later.status(), v1::INVOICE_STATUS_READY_TO_SEND);
}

TEST(EngineMinimumAmountTest, TheTreeAndTheStreamedPathsAgree) {
  TestLedger ledger = PaidShortLedger(1200);
  ledger.settings().set_minimum_amount(kMinimum);
  ExpectEveryPathGives(ledger.Evaluate(), ledger.request());
}

}  // namespace
}  // namespace purring::testing
