// History recorded by another system is held to the law it should have
// followed: only lawful fees are claimed (F11; law.md § 3.1,
// inkassoforskriften §§ 1-2, 1-3), B2B standard compensation only as
// forsinkelsesrenteloven § 3a allows it (law.md § 6), and no transfer to
// collection without a collection warning that satisfies inkassoloven § 9
// (law.md § 4.1). Each departure is a warning naming the invoice, in every
// evaluation path.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine_test_ledger.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace purring {
namespace {

constexpr v1::StepKind kReminder = v1::STEP_KIND_REMINDER;
constexpr v1::StepKind kDunning = v1::STEP_KIND_DUNNING;
constexpr v1::StepKind kWarning = v1::STEP_KIND_COLLECTION_WARNING;

// Invoice `number` of 1 000 kr due Tuesday 2026-09-01 (no holiday: the first
// fee day is 09-15), with a påminnelse charging 37.50 kr on 09-05 and a
// purring charging 70 kr on 10-01: 0 and 37.50 kr are lawful.
void AddOverchargedInvoice(testing::TestLedger& ledger,
                           const std::string& number,
                           const std::string& customer) {
  ledger.AddInvoice(number, customer, "2026-08-18", "2026-09-01", 100000);
  ledger.AddNotice(number, kReminder, "2026-09-05", "2026-09-19", 3750);
  ledger.AddNotice(number, kDunning, "2026-10-01", "2026-10-15", 7000);
}

// One person's overcharged invoice "F1", evaluated as of `as_of`.
absl::StatusOr<v1::EvaluateResponse> EvaluateOvercharged(
    absl::string_view as_of) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate(as_of);
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  AddOverchargedInvoice(ledger, "F1", "K1");
  return Evaluate(ledger.request());
}

TEST(EngineRecordedHistoryTest, OnlyLawfulRecordedFeesAreClaimed) {
  absl::StatusOr<v1::EvaluateResponse> response =
      EvaluateOvercharged("2026-10-20");
  ASSERT_TRUE(response.ok()) << response.status();

  const v1::InvoiceResult& result = testing::ResultOf(*response, "F1");
  EXPECT_EQ(result.balance().fees_charged(), 3750);
  // The history is shown as recorded.
  ASSERT_EQ(result.history_size(), 2);
  EXPECT_EQ(result.history(1).fee(), 7000);

  ASSERT_EQ(response->warnings_size(), 2);
  for (const v1::Warning& warning : response->warnings()) {
    EXPECT_EQ(warning.code(), "RECORDED_FEE_NOT_CLAIMABLE");
    EXPECT_EQ(warning.invoice_number(), "F1");
    EXPECT_EQ(warning.customer_id(), "K1");
  }
  EXPECT_EQ(response->warnings(0).message(),
            "invoice \"F1\": the reminder notice sent 2026-09-05 records a fee "
            "of 3750 øre; 0 øre of it is claimed (a påminnelse never carries "
            "a fee)");
  EXPECT_EQ(response->warnings(1).message(),
            "invoice \"F1\": the dunning notice sent 2026-10-01 records a fee "
            "of 7000 øre; 3750 øre of it is claimed (inkassoforskriften "
            "§ 1-2: the maximum fee on a notice sent 2026-10-01 is 3750 øre)");
  // The figures a host reverses, and the notice each is about, as fields.
  EXPECT_EQ(response->warnings(0).amount_not_claimed(), 3750);
  EXPECT_EQ(response->warnings(0).notice_step(), kReminder);
  EXPECT_EQ(response->warnings(0).notice_sent_date(), "2026-09-05");
  EXPECT_EQ(response->warnings(1).amount_not_claimed(), 7000 - 3750);
  EXPECT_EQ(response->warnings(1).notice_step(), kDunning);
  EXPECT_EQ(response->warnings(1).notice_sent_date(), "2026-10-01");
}

TEST(EngineRecordedHistoryTest, TheCutFeeIsNotCountedTowardsTheTwoFeeLimit) {
  // With the påminnelse's fee cut, the purring is the only fee so far: the
  // collection warning after its deadline carries the second (§ 1-3).
  absl::StatusOr<v1::EvaluateResponse> response =
      EvaluateOvercharged("2026-11-16");
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_EQ(response->actions_size(), 1);
  const v1::ProposedAction& action = response->actions(0);
  EXPECT_EQ(action.step(), kWarning);
  EXPECT_EQ(action.fee(), 3750);
}

// Standard compensation for 2026 H1 (law.md § 6): 460 kr.
constexpr int64_t kCompensation2026H1 = 46000;

// Invoice "B1" of 10 000 kr due Monday 2026-03-02 (first fee day 03-16) for
// customer "K1" of `type`, evaluated as of 2026-04-20 after `notices`:
// {step, sent, deadline, fee, compensation}.
struct RecordedNotice {
  v1::StepKind step;
  const char* sent;
  const char* deadline;
  int64_t fee;
  int64_t compensation;
};
v1::EvaluateResponse EvaluateWithCompensation(
    v1::CustomerType type, const std::vector<RecordedNotice>& notices) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-04-20");
  ledger.AddCustomer("K1", type);
  ledger.AddInvoice("B1", "K1", "2026-02-16", "2026-03-02", 1000000);
  for (const RecordedNotice& n : notices) {
    ledger.AddNotice("B1", n.step, n.sent, n.deadline, n.fee)
        ->set_compensation(n.compensation);
  }
  return ledger.Evaluate();
}

std::vector<std::string> WarningMessages(const v1::EvaluateResponse& response,
                                         absl::string_view code) {
  std::vector<std::string> messages;
  for (const v1::Warning& warning : response.warnings()) {
    if (warning.code() == code) messages.push_back(warning.message());
  }
  return messages;
}

TEST(EngineRecordedHistoryTest, NoStandardCompensationFromAConsumer) {
  // § 3a applies only when the debtor is not a consumer.
  const v1::EvaluateResponse response = EvaluateWithCompensation(
      v1::CUSTOMER_TYPE_PERSON,
      {{kReminder, "2026-03-03", "2026-03-17", 0, kCompensation2026H1}});
  const v1::InvoiceResult& result = testing::ResultOf(response, "B1");
  EXPECT_EQ(result.balance().compensation_charged(), 0);
  EXPECT_EQ(result.history(0).compensation(), kCompensation2026H1)
      << "the history is shown as recorded";
  EXPECT_EQ(
      WarningMessages(response, "RECORDED_COMPENSATION_NOT_CLAIMABLE"),
      std::vector<std::string>{
          "invoice \"B1\": the reminder notice sent 2026-03-03 records a "
          "standard compensation of 46000 øre; 0 øre of it is claimed "
          "(forsinkelsesrenteloven § 3a: standard compensation is claimed "
          "only from a debtor who is not a consumer)"});
  ASSERT_EQ(response.warnings_size(), 1);
  EXPECT_EQ(response.warnings(0).amount_not_claimed(), kCompensation2026H1);
  EXPECT_EQ(response.warnings(0).notice_step(), kReminder);
  EXPECT_EQ(response.warnings(0).notice_sent_date(), "2026-03-03");
}

TEST(EngineRecordedHistoryTest,
     NoStandardCompensationOnANoticeSentBeforeTheClaimWasOverdue) {
  // § 3a: the compensation is owed "når forsinkelsesrente skal betales",
  // from the day after the due date (law.md §§ 1.3, 6). A notice recorded
  // on Monday 2026-03-02, the due date itself (history from another system,
  // or a due date the host moved later), claims none: 460 kr paid that day
  // pays the principal, not the compensation. The next notice claims it.
  // One sent 03-03, the first day the claim is overdue, claims it whole.
  for (const char* sent : {"2026-03-02", "2026-03-03"}) {
    SCOPED_TRACE(sent);
    testing::TestLedger ledger;
    ledger.settings().set_default_business_profile("streng");
    ledger.SetAsOfDate("2026-04-20");
    ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_BUSINESS);
    v1::Invoice* invoice =
        ledger.AddInvoice("B1", "K1", "2026-02-16", "2026-03-02", 1000000);
    testing::AddPayment(*invoice, "2026-03-02", kCompensation2026H1);
    ledger.AddNotice("B1", kReminder, sent, "2026-03-17", 0)
        ->set_compensation(kCompensation2026H1);
    const v1::EvaluateResponse response = ledger.Evaluate();
    const v1::Balance& balance = testing::ResultOf(response, "B1").balance();
    ASSERT_EQ(response.actions_size(), 1);
    const v1::ProposedAction& next = response.actions(0);
    if (std::string(sent) == "2026-03-02") {
      EXPECT_EQ(balance.compensation_charged(), 0);
      EXPECT_EQ(balance.fees_paid(), 0);
      EXPECT_EQ(balance.principal_paid(), kCompensation2026H1);
      EXPECT_EQ(next.fee() + next.compensation(), kCompensation2026H1);
      EXPECT_EQ(
          WarningMessages(response, "RECORDED_COMPENSATION_NOT_CLAIMABLE"),
          std::vector<std::string>{
              "invoice \"B1\": the reminder notice sent 2026-03-02 records a "
              "standard compensation of 46000 øre; 0 øre of it is claimed "
              "(forsinkelsesrenteloven § 3a: no standard compensation on a "
              "notice sent before the claim was overdue (interest runs from "
              "2026-03-03))"});
    } else {
      // Paid the day before the notice: the principal, all the same.
      EXPECT_EQ(balance.compensation_charged(), kCompensation2026H1);
      EXPECT_EQ(balance.principal_paid(), kCompensation2026H1);
      EXPECT_EQ(next.fee() + next.compensation(), 0);
      EXPECT_THAT(
          WarningMessages(response, "RECORDED_COMPENSATION_NOT_CLAIMABLE"),
          ::testing::IsEmpty());
    }
  }
}

TEST(EngineRecordedHistoryTest,
     AWaivedCompensationIsGivenUpEvenWhereNoneCouldBeClaimed) {
  // README: a waived compensation is given up. A påminnelse recorded on
  // Saturday 2026-03-14, the due date (adjusted to Monday 03-16), records
  // 460 kr that § 3a does not let it claim (sent before the claim was
  // overdue); the host waives it on 03-20. The waiver gives it up all the
  // same: the purring proposed on 04-12 carries the fee alone (37.50 kr,
  // law.md § 3.2), no compensation.
  testing::TestLedger ledger;
  v1::DunningProfile* profile = ledger.settings().add_profiles();
  profile->set_id("bkomp");
  profile->set_strictness(v1::FEE_STRICTNESS_MEDIUM);
  profile->set_claim_standard_compensation(true);
  ledger.settings().set_default_business_profile("bkomp");
  ledger.SetAsOfDate("2026-04-12");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_BUSINESS);
  ledger.AddInvoice("B1", "K1", "2026-02-28", "2026-03-14", 100000);
  v1::Notice* notice =
      ledger.AddNotice("B1", kReminder, "2026-03-14", "2026-03-28", 0);
  notice->set_compensation(kCompensation2026H1);
  notice->set_fee_waived_date("2026-03-20");
  const v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(testing::ResultOf(response, "B1").balance().compensation_charged(),
            0);
  ASSERT_EQ(response.actions_size(), 1);
  EXPECT_EQ(response.actions(0).step(), kDunning);
  EXPECT_EQ(response.actions(0).fee(), 3750);
  EXPECT_EQ(response.actions(0).compensation(), 0);
}

TEST(EngineRecordedHistoryTest, StandardCompensationAtMostTheHalfYearsAmount) {
  const v1::EvaluateResponse response = EvaluateWithCompensation(
      v1::CUSTOMER_TYPE_BUSINESS,
      {{kReminder, "2026-03-03", "2026-03-17", 0, 100000}});
  EXPECT_EQ(testing::ResultOf(response, "B1").balance().compensation_charged(),
            kCompensation2026H1);
  EXPECT_EQ(
      WarningMessages(response, "RECORDED_COMPENSATION_NOT_CLAIMABLE"),
      std::vector<std::string>{
          "invoice \"B1\": the reminder notice sent 2026-03-03 records a "
          "standard compensation of 100000 øre; 46000 øre of it is claimed "
          "(forsinkelsesrenteloven § 3a: fees and compensation together come "
          "to at most the greater of the standard compensation (46000 øre "
          "for the half-year the claim fell overdue in) and the fees "
          "claimed)"});
}

TEST(EngineRecordedHistoryTest, StandardCompensationIsClaimedOnce) {
  const v1::EvaluateResponse response = EvaluateWithCompensation(
      v1::CUSTOMER_TYPE_BUSINESS,
      {{kReminder, "2026-03-03", "2026-03-17", 0, kCompensation2026H1},
       {kDunning, "2026-03-20", "2026-04-03", 0, kCompensation2026H1}});
  EXPECT_EQ(testing::ResultOf(response, "B1").balance().compensation_charged(),
            kCompensation2026H1);
  EXPECT_EQ(
      WarningMessages(response, "RECORDED_COMPENSATION_NOT_CLAIMABLE").size(),
      1u);
}

TEST(EngineRecordedHistoryTest, AFeeAfterTheCompensationIsDeductedFromIt) {
  // Fees and compensation together: max(460 kr, 37.50 kr) = 460 kr.
  const v1::EvaluateResponse response = EvaluateWithCompensation(
      v1::CUSTOMER_TYPE_BUSINESS,
      {{kReminder, "2026-03-03", "2026-03-17", 0, kCompensation2026H1},
       {kDunning, "2026-03-20", "2026-04-03", 3750, 0}});
  const v1::Balance& balance = testing::ResultOf(response, "B1").balance();
  EXPECT_EQ(balance.compensation_charged(), kCompensation2026H1);
  EXPECT_EQ(balance.fees_charged(), 0);
  EXPECT_EQ(
      WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE"),
      std::vector<std::string>{
          "invoice \"B1\": the dunning notice sent 2026-03-20 records a fee "
          "of 3750 øre; 0 øre of it is claimed (forsinkelsesrenteloven § 3a: "
          "the reminder fee is deducted from the standard compensation "
          "already claimed)"});
}

TEST(EngineRecordedHistoryTest, FeesWithoutCompensationStandForABusiness) {
  // Fees first, compensation after: it tops them up to 460 kr.
  const v1::EvaluateResponse fees_only = EvaluateWithCompensation(
      v1::CUSTOMER_TYPE_BUSINESS,
      {{kDunning, "2026-03-16", "2026-03-30", 3750, 0},
       {kWarning, "2026-04-01", "2026-04-15", 3750, 0}});
  EXPECT_EQ(testing::ResultOf(fees_only, "B1").balance().fees_charged(), 7500);
  EXPECT_EQ(fees_only.warnings_size(), 0);

  const v1::EvaluateResponse topped_up = EvaluateWithCompensation(
      v1::CUSTOMER_TYPE_BUSINESS,
      {{kDunning, "2026-03-16", "2026-03-30", 3750, 0},
       {kWarning, "2026-04-01", "2026-04-15", 3750, kCompensation2026H1}});
  const v1::Balance& balance = testing::ResultOf(topped_up, "B1").balance();
  EXPECT_EQ(balance.fees_charged(), 7500);
  EXPECT_EQ(balance.compensation_charged(), kCompensation2026H1 - 7500);
  ASSERT_EQ(topped_up.warnings_size(), 1);
  EXPECT_EQ(topped_up.warnings(0).code(), "RECORDED_COMPENSATION_NOT_CLAIMABLE");
}

TEST(EngineRecordedHistoryTest, NoTransferWithoutAValidCollectionWarning) {
  // The warning went out on the due date itself, not after it (§ 9): a new
  // warning is proposed instead of the transfer.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-12-01");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("F1", "K1", "2026-08-18", "2026-09-01", 100000);
  ledger.AddNotice("F1", kReminder, "2026-09-02", "2026-09-16");
  ledger.AddNotice("F1", kDunning, "2026-10-01", "2026-10-15", 3750);
  ledger.AddNotice("F1", kWarning, "2026-09-01", "2026-09-15");
  ledger.AddInvoice("F2", "K1", "2026-08-18", "2026-09-01", 100000);
  ledger.AddNotice("F2", kReminder, "2026-09-02", "2026-09-16");
  ledger.AddNotice("F2", kDunning, "2026-10-01", "2026-10-15", 3750);
  ledger.AddNotice("F2", kWarning, "2026-10-30", "2026-11-13", 3750);
  absl::StatusOr<v1::EvaluateResponse> response = Evaluate(ledger.request());
  ASSERT_TRUE(response.ok()) << response.status();

  const v1::InvoiceResult& f1 = testing::ResultOf(*response, "F1");
  EXPECT_EQ(f1.status(), v1::INVOICE_STATUS_READY_TO_SEND);
  EXPECT_EQ(f1.next_step(), v1::NEXT_STEP_COLLECTION_WARNING);
  const v1::InvoiceResult& f2 = testing::ResultOf(*response, "F2");
  EXPECT_EQ(f2.status(), v1::INVOICE_STATUS_CONSIDER_COLLECTION);

  ASSERT_EQ(response->actions_size(), 2);
  EXPECT_EQ(response->actions(0).kind(), v1::ACTION_KIND_SEND_NOTICE);
  EXPECT_EQ(response->actions(0).step(), kWarning);
  EXPECT_EQ(response->actions(1).kind(),
            v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
  ASSERT_EQ(response->warnings_size(), 1);
  EXPECT_EQ(response->warnings(0).code(), "COLLECTION_WARNING_NOT_VALID");
  EXPECT_EQ(response->warnings(0).invoice_number(), "F1");
}

TEST(EngineRecordedHistoryTest, AShortDeadlineWarningsFeeIsNotClaimed) {
  // inkassoforskriften § 1-2 (2) (law.md § 3.1) prices an inkassovarsel
  // "under inkassoloven § 9", whose deadline is at least 14 days (law.md
  // § 4.1): one of 10 days earns no fee, does not count towards the two-fee
  // limit (§ 1-3), and the valid warning after it carries the fee.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-11-28");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("A1", "K1", "2026-07-20", "2026-08-03", 100000);
  ledger.AddNotice("A1", kReminder, "2026-08-05", "2026-08-19");
  ledger.AddNotice("A1", kWarning, "2026-10-20", "2026-10-30", 3750);
  const v1::EvaluateResponse response = ledger.Evaluate();

  const v1::InvoiceResult& result = testing::ResultOf(response, "A1");
  EXPECT_EQ(result.balance().fees_charged(), 0);
  EXPECT_EQ(result.history(1).fee(), 3750);  // shown as recorded
  EXPECT_THAT(
      WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE"),
      ::testing::ElementsAre(
          "invoice \"A1\": the collection warning notice sent 2026-10-20 "
          "records a fee of 3750 øre; 0 øre of it is claimed "
          "(inkassoforskriften § 1-2 (2): its deadline is shorter than 14 "
          "days, so it is not an inkassovarsel under inkassoloven § 9)"));
  EXPECT_EQ(WarningMessages(response, "COLLECTION_WARNING_NOT_VALID").size(),
            1u);

  ASSERT_EQ(response.actions_size(), 1);
  EXPECT_EQ(response.actions(0).step(), kWarning);
  EXPECT_EQ(response.actions(0).fee(), 3750);  // 1/20 × 750 kr (2026)
}

TEST(EngineRecordedHistoryTest, AWarningEmailedBefore2017IsNoneUnder9) {
  // law.md § 4.1: an inkassovarsel may be sent electronically only since
  // 2017-04-01 (inkassoloven § 3a). One e-mailed in 2016 allows no transfer
  // and earns no fee; the same one posted allows both.
  for (const v1::Channel channel : {v1::CHANNEL_EMAIL, v1::CHANNEL_POST}) {
    testing::TestLedger ledger;
    ledger.SetAsOfDate("2016-07-10");
    ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
    ledger.AddInvoice("W1", "K1", "2016-05-02", "2016-05-13", 100000);
    ledger.AddNotice("W1", kWarning, "2016-06-01", "2016-06-15", 6700)
        ->set_channel(channel);
    const v1::EvaluateResponse response = ledger.Evaluate();
    testing::ExpectEveryPathGives(response, ledger.request());

    const v1::InvoiceResult& result = testing::ResultOf(response, "W1");
    if (channel == v1::CHANNEL_POST) {
      EXPECT_EQ(result.balance().fees_charged(), 6700);  // 1/10 × 670 kr
      EXPECT_EQ(result.status(), v1::INVOICE_STATUS_CONSIDER_COLLECTION);
      EXPECT_EQ(response.warnings_size(), 0);
      continue;
    }
    EXPECT_EQ(result.balance().fees_charged(), 0);
    EXPECT_NE(result.status(), v1::INVOICE_STATUS_CONSIDER_COLLECTION);
    EXPECT_THAT(WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE"),
                ::testing::ElementsAre(::testing::HasSubstr(
                    "it was e-mailed before 2017-04-01 (inkassoloven § 3a)")));
    EXPECT_EQ(WarningMessages(response, "COLLECTION_WARNING_NOT_VALID").size(),
              1u);
    for (const v1::ProposedAction& action : response.actions()) {
      EXPECT_NE(action.kind(), v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
    }
  }
}

// A person K1 with invoice `number` of `amount` øre, dated `invoice_date`
// and due `due_date`, and payment "P1" of `paid` øre on `paid_on`, as of
// `as_of`; *invoice (when given) is the invoice.
testing::TestLedger PaidPersonLedger(const char* as_of, const char* number,
                                     const char* invoice_date,
                                     const char* due_date, int64_t amount,
                                     const char* paid_on, int64_t paid,
                                     v1::Invoice** invoice = nullptr) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate(as_of);
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  v1::Invoice* added =
      ledger.AddInvoice(number, "K1", invoice_date, due_date, amount);
  v1::Payment* payment = added->add_payments();
  payment->set_id("P1");
  payment->set_date(paid_on);
  payment->set_amount(paid);
  if (invoice != nullptr) *invoice = added;
  return ledger;
}

// PaidPersonLedger's, with the invoice dated 2026-02-16 and due Monday
// 2026-03-02, under a profile purring → inkassovarsel (medium).
testing::TestLedger PurringVarselLedger(const char* as_of, const char* number,
                                        int64_t amount, const char* paid_on,
                                        int64_t paid) {
  testing::TestLedger ledger = PaidPersonLedger(
      as_of, number, "2026-02-16", "2026-03-02", amount, paid_on, paid);
  v1::DunningProfile* profile = ledger.settings().add_profiles();
  profile->set_id("purring-varsel");
  profile->set_sequence(v1::STEP_SEQUENCE_DUNNING_WARNING);
  profile->set_strictness(v1::FEE_STRICTNESS_MEDIUM);
  ledger.settings().set_default_person_profile("purring-varsel");
  return ledger;
}

v1::EvaluateResponse EvaluateSecondRecordedFee(const char* paid_on,
                                               int64_t paid) {
  testing::TestLedger ledger =
      PurringVarselLedger("2026-05-01", "S1", 100000, paid_on, paid);
  ledger.AddNotice("S1", kDunning, "2026-03-16", "2026-03-30", 3750);
  ledger.AddNotice("S1", kWarning, "2026-04-01", "2026-04-15", 3750);
  const v1::EvaluateResponse response = ledger.Evaluate();
  testing::ExpectEveryPathGives(response, ledger.request());
  return response;
}

// What a cut second fee leaves: "S1" paid, the purring's fee alone
// charged, `overpaid` in credit, one RECORDED_FEE_NOT_CLAIMABLE and no
// action (no transfer over the cut fee).
void ExpectPaidWithTheSecondFeeCut(const v1::EvaluateResponse& response,
                                   int64_t overpaid) {
  const v1::InvoiceResult& result = testing::ResultOf(response, "S1");
  EXPECT_EQ(result.status(), v1::INVOICE_STATUS_PAID);
  EXPECT_EQ(result.balance().fees_charged(), 3750);
  EXPECT_EQ(result.balance().overpaid(), overpaid);
  EXPECT_EQ(response.actions_size(), 0);
  EXPECT_EQ(WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE").size(), 1u);
}

TEST(EngineRecordedHistoryTest, NoRecordedSecondFeeWhenTheFirstWasPaidInTime) {
  // inkassoforskriften § 1-3 (law.md § 3.1): a second fee only when the
  // debtor exceeded the first purring's deadline. 1 050 kr paid on 03-20
  // paid what it demanded: the fee, 18 days' interest at 12 % (2026 H1,
  // law.md § 1.2: 100 000 × 0.12 × 18 / 365 = 591.78 → 592 øre) and the
  // principal, 658 øre over. The recorded inkassovarsel fee is not claimed,
  // so the invoice is paid, not sent to collection over that fee.
  const v1::EvaluateResponse response =
      EvaluateSecondRecordedFee("2026-03-20", 105000);
  ExpectPaidWithTheSecondFeeCut(response, 658);
  EXPECT_EQ(testing::ResultOf(response, "S1").balance().interest_claimed(),
            592);
  EXPECT_THAT(
      WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE"),
      ::testing::ElementsAre(
          "invoice \"S1\": the collection warning notice sent 2026-04-01 "
          "records a fee of 3750 øre; 0 øre of it is claimed "
          "(inkassoforskriften § 1-3: what the first fee-bearing notice (sent "
          "2026-03-16) demanded was paid by its deadline, which was not "
          "exceeded)"));
  // The month's report counts the inkassovarsel as sent without a fee.
  const v1::MonthlyReport* april = testing::ReportFor(response, "2026-04");
  ASSERT_NE(april, nullptr);
  EXPECT_EQ(april->notices_with_fee(), 0);
  EXPECT_EQ(april->notices_without_fee(), 1);
}

TEST(EngineRecordedHistoryTest, PayingMoreDoesNotBringACutSecondFeeBack) {
  // 1 100 kr by the deadline would cover the inkassovarsel's fee too
  // (100 000 + 2 × 3 750 + 592 = 108 092 øre): the deadline was still not
  // exceeded, so its fee is still not claimed and 5 658 øre is in credit.
  const v1::EvaluateResponse response =
      EvaluateSecondRecordedFee("2026-03-20", 110000);
  ExpectPaidWithTheSecondFeeCut(response, 110000 - 100000 - 3750 - 592);
  // The provider shares what was paid of fees and interest (F19).
  EXPECT_EQ(response.provider_settlement().fees_and_interest_paid(),
            3750 + 592);
}

TEST(EngineRecordedHistoryTest, PaidOnTheFirstNoticesDayTheDeadlineIsKept) {
  // Paid on the purring's own day: before the letter, but what it left over
  // is set off against the letter's charges (README "Payments and
  // balance"), so nothing was left to pay by the deadline: no second fee.
  // 1 000 kr, the fee and 14 days' interest (100 000 × 0.12 × 14 / 365 =
  // 460.27 → 460 øre).
  const v1::EvaluateResponse response =
      EvaluateSecondRecordedFee("2026-03-16", 100000 + 3750 + 460);
  ExpectPaidWithTheSecondFeeCut(response, 0);
  EXPECT_EQ(testing::ResultOf(response, "S1").balance().interest_claimed(),
            460);
}

TEST(EngineRecordedHistoryTest, ARecordedSecondFeeStandsAfterALatePayment) {
  // Paid after the purring's deadline (and after the inkassovarsel): the
  // deadline was exceeded, and the inkassovarsel's fee is lawful (§ 1-3).
  const v1::EvaluateResponse response =
      EvaluateSecondRecordedFee("2026-04-02", 105000);
  EXPECT_EQ(testing::ResultOf(response, "S1").balance().fees_charged(), 7500);
  EXPECT_TRUE(WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE").empty());
}

// "S2": the purring of EvaluateSecondRecordedFee's "S1" (1 000 kr due
// 2026-03-02, 37.50 kr fee on 03-16, deadline 03-30, 14 days' interest:
// 100 000 × 0.12 × 14 / 365 = 460.27 → 460 øre), whose letter demanded
// 1 042.10 kr, paid in full on 03-25; the invoice's amount since corrected
// up to 1 500 kr. As of 04-15, the inkassovarsel is due.
v1::EvaluateResponse EvaluateCorrectedUpAfterPaying(int64_t amount_claimed) {
  testing::TestLedger ledger =
      PurringVarselLedger("2026-04-15", "S2", 150000, "2026-03-25", 104210);
  v1::Notice* purring =
      ledger.AddNotice("S2", kDunning, "2026-03-16", "2026-03-30", 3750);
  purring->set_interest(460);
  purring->set_amount_claimed(amount_claimed);
  const v1::EvaluateResponse response = ledger.Evaluate();
  testing::ExpectEveryPathGives(response, ledger.request());
  return response;
}

TEST(EngineRecordedHistoryTest, PayingWhatTheLetterDemandedKeepsItsDeadline) {
  // inkassoforskriften § 1-3 (law.md § 3.1): a second fee only when the
  // first purring's deadline was exceeded. The debtor paid by the deadline
  // what the letter demanded (Notice.amount_claimed); the 500 kr the
  // invoice was corrected up by later was never demanded of them, so the
  // inkassovarsel carries no fee (found by an independent check).
  const v1::EvaluateResponse response = EvaluateCorrectedUpAfterPaying(104210);
  ASSERT_EQ(response.actions_size(), 1);
  EXPECT_EQ(response.actions(0).step(), kWarning);
  EXPECT_EQ(response.actions(0).fee(), 0);
  EXPECT_THAT(response.actions(0).fee_note(),
              ::testing::HasSubstr("was paid by its deadline"));
  // Without the printed amount the demand is reckoned from the corrected
  // ledger, of which 500 kr was unpaid: the deadline counts as exceeded.
  const v1::EvaluateResponse unrecorded = EvaluateCorrectedUpAfterPaying(0);
  ASSERT_EQ(unrecorded.actions_size(), 1);
  EXPECT_EQ(unrecorded.actions(0).fee(), 3750);
}

TEST(EngineRecordedHistoryTest, NoFeeOnANoticeSentAfterEverythingWasPaid) {
  // Paid in full on 03-31, the day after the purring's deadline, but booked
  // after the inkassovarsel of 04-01: the bank's date counts (inkassoloven
  // § 9), so nothing was owed when it was sent, and a purregebyr is for a
  // claim left unpaid (law.md § 3.1). The engine, knowing the money, would
  // have sent none: the recorded fee is not claimed. 29 days' interest
  // (03-03 to 03-31): 100 000 × 0.12 × 29 / 365 = 953.42 → 953 øre.
  const v1::EvaluateResponse response =
      EvaluateSecondRecordedFee("2026-03-31", 105000);
  ExpectPaidWithTheSecondFeeCut(response, 105000 - 100000 - 3750 - 953);
  EXPECT_THAT(
      WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE"),
      ::testing::ElementsAre(
          "invoice \"S1\": the collection warning notice sent 2026-04-01 "
          "records a fee of 3750 øre; 0 øre of it is claimed (nothing was "
          "owed when it was sent: money dated before 2026-04-01 had paid the "
          "claim (the bank's date counts, inkassoloven § 9))"));
  for (const v1::Warning& warning : response.warnings()) {
    if (warning.code() != "RECORDED_FEE_NOT_CLAIMABLE") continue;
    EXPECT_EQ(warning.amount_not_claimed(), 3750);
    EXPECT_EQ(warning.notice_step(), kWarning);
    EXPECT_EQ(warning.notice_sent_date(), "2026-04-01");
  }
}

// A person's invoice "B1" of 1 000 kr due Monday 2026-01-05, `paid` øre
// paid on 01-20, and a purring of 37.50 kr with 9.86 kr interest recorded
// on 02-04 (the payment was booked after it); as of 2026-03-10.
v1::EvaluateResponse EvaluatePaidBeforeThePurring(int64_t paid) {
  testing::TestLedger ledger =
      PaidPersonLedger("2026-03-10", "B1", "2025-12-22", "2026-01-05", 100000,
                       "2026-01-20", paid);
  ledger.AddNotice("B1", kDunning, "2026-02-04", "2026-02-18", 3750)
      ->set_interest(986);
  const v1::EvaluateResponse response = ledger.Evaluate();
  testing::ExpectEveryPathGives(response, ledger.request());
  return response;
}

TEST(EngineRecordedHistoryTest, NoFeeOnAPurringSentAfterThePrincipalWasPaid) {
  // The principal paid on 01-20, before the purring of 02-04: it charges no
  // fee and starts no interest claim, and the invoice is paid, not dunned
  // again (before: a collection warning with a second fee), as when the
  // payment is booked in time. The 9.86 kr of interest it recorded is not
  // claimed: the host reverses it (RECORDED_INTEREST_NOT_CLAIMABLE).
  for (const int64_t paid :
       {int64_t{100000}, int64_t{100493}, int64_t{104000}}) {
    const v1::EvaluateResponse response = EvaluatePaidBeforeThePurring(paid);
    const v1::InvoiceResult& result = testing::ResultOf(response, "B1");
    EXPECT_EQ(result.status(), v1::INVOICE_STATUS_PAID) << paid;
    EXPECT_EQ(result.balance().fees_charged(), 0);
    EXPECT_EQ(result.balance().interest_claimed(), 0);
    EXPECT_EQ(result.balance().total(), 0);
    EXPECT_EQ(result.balance().overpaid(), paid - 100000);
    EXPECT_EQ(response.actions_size(), 0);
    EXPECT_THAT(WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE"),
                ::testing::ElementsAre(
                    ::testing::HasSubstr("nothing was owed when it was sent")));
    EXPECT_EQ(
        WarningMessages(response, "RECORDED_INTEREST_NOT_CLAIMABLE").size(),
        1u);
  }
  // Half paid: something was owed, and the fee stands.
  const v1::EvaluateResponse half = EvaluatePaidBeforeThePurring(50000);
  EXPECT_EQ(testing::ResultOf(half, "B1").balance().fees_charged(), 3750);
  EXPECT_TRUE(WarningMessages(half, "RECORDED_FEE_NOT_CLAIMABLE").empty());
}

TEST(EngineRecordedHistoryTest, EveryNoticeAfterThePaymentChargesNothing) {
  // Paid in full on 01-20 (booked late); a påminnelse, a purring and an
  // inkassovarsel recorded after it: nothing was owed before any of them,
  // so none charges a fee or starts the interest claim, and the invoice is
  // paid. Paid on 02-21 instead, after the purring, the 1 000 kr paid its
  // fee and interest first (law.md § 7): principal was left when the
  // inkassovarsel was sent, and both fees stand.
  for (const char* paid_on : {"2026-01-20", "2026-02-21"}) {
    testing::TestLedger ledger =
        PaidPersonLedger("2026-04-10", "B2", "2025-12-22", "2026-01-05", 100000,
                         paid_on, 100000);
    ledger.AddNotice("B2", kReminder, "2026-01-21", "2026-02-04");
    ledger.AddNotice("B2", kDunning, "2026-02-05", "2026-02-19", 3750)
        ->set_interest(355);
    ledger.AddNotice("B2", kWarning, "2026-03-09", "2026-03-23", 3750);
    const v1::EvaluateResponse response = ledger.Evaluate();
    testing::ExpectEveryPathGives(response, ledger.request());
    const v1::InvoiceResult& result = testing::ResultOf(response, "B2");
    if (std::string(paid_on) == "2026-01-20") {
      EXPECT_EQ(result.status(), v1::INVOICE_STATUS_PAID);
      EXPECT_EQ(result.balance().fees_charged(), 0);
      EXPECT_EQ(result.balance().interest_claimed(), 0);
      EXPECT_EQ(result.balance().overpaid(), 0);
      EXPECT_EQ(WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE").size(),
                2u);
      EXPECT_EQ(response.actions_size(), 0);
    } else {
      EXPECT_EQ(result.balance().fees_charged(), 7500);
      EXPECT_TRUE(
          WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE").empty());
    }
  }
}

TEST(EngineRecordedHistoryTest, WarningsAreTheSameInEveryPathAndThreadCount) {
  // Two warnings an invoice, over enough invoices for several shards: the
  // tree, the streamed bytes and two threads give the same bytes.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-10-20");
  for (int c = 0; c < 300; ++c) {
    ledger.AddCustomer(absl::StrCat("K", c), v1::CUSTOMER_TYPE_PERSON);
  }
  for (int i = 0; i < 9000; ++i) {
    AddOverchargedInvoice(ledger, absl::StrCat("F", i),
                          absl::StrCat("K", i % 300));
  }
  absl::StatusOr<v1::EvaluateResponse> tree = Evaluate(ledger.request());
  ASSERT_TRUE(tree.ok()) << tree.status();
  ASSERT_EQ(tree->warnings_size(), 18000);
  EXPECT_EQ(tree->warnings(17999).invoice_number(), "F8999");
  testing::ExpectEveryPathGives(*tree, ledger.request());
}

TEST(EngineRecordedHistoryTest, WaivedFeesAreReportedAsTheRulesAllowedThem) {
  // The monthly report counts what a notice could charge (README "Fee
  // strictness"): a waived fee refused by the rules was never charged, so
  // a waived påminnelse fee is no fee and no waiver, and a waived fee above
  // the maximum waived only the maximum (inkassoforskriften § 1-2, 37.50 kr
  // in 2026, law.md § 3.2).
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-04-20");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("B1", "K1", "2026-02-01", "2026-02-16", 1000000);
  ledger.AddNotice("B1", kReminder, "2026-02-17", "2026-03-03", 3750)
      ->set_fee_waived_date("2026-03-01");
  ledger.AddNotice("B1", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01", 5156)
      ->set_fee_waived_date("2026-04-02");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.monthly_reports_size(), 3);
  const v1::MonthlyReport& february = response.monthly_reports(0);
  EXPECT_EQ(february.month(), "2026-02");
  EXPECT_EQ(february.notices_with_fee(), 0);
  EXPECT_EQ(february.notices_without_fee(), 1);
  const v1::MonthlyReport& march = response.monthly_reports(1);
  EXPECT_EQ(march.fees_waived_count(), 0);
  EXPECT_EQ(march.notices_with_fee(), 1);
  const v1::MonthlyReport& april = response.monthly_reports(2);
  EXPECT_EQ(april.month(), "2026-04");
  EXPECT_EQ(april.fees_waived_count(), 1);
  EXPECT_EQ(april.fees_waived_amount(), 3750);
}

// A purring's fee waived on `waived` (empty: not waived), after a
// collection warning recorded with a fee inside the purring's deadline.
v1::EvaluateResponse WarningInsideTheFirstDeadline(absl::string_view as_of,
                                                   absl::string_view waived) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate(as_of);
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("S1", "K1", "2026-01-01", "2026-01-15", 100000);
  ledger.AddNotice("S1", kReminder, "2026-01-30", "2026-02-13", 0);
  v1::Notice* purring = ledger.AddNotice("S1", v1::STEP_KIND_DUNNING,
                                         "2026-03-02", "2026-03-16", 3750);
  purring->set_interest(1512);
  purring->set_fee_waived_date(std::string(waived));
  ledger.AddNotice("S1", kWarning, "2026-03-10", "2026-03-24", 3750)
      ->set_interest(263);
  testing::AddPayment(*ledger.request().mutable_invoices(0), "2026-03-25",
                      3750);
  return ledger.Evaluate();
}

TEST(EngineRecordedHistoryTest, AWaiverDoesNotMakeAnEarlierSecondFeeLawful) {
  // inkassoforskriften § 1-3 (law.md § 3.1): the warning, sent before the
  // purring's deadline had passed, earns no second fee. README: a waived
  // fee stops counting towards the limit from its waiver on, so the
  // purring's waiver on 04-20 leaves the warning's fee cut, and March's
  // report as it was (one notice with a fee, one without).
  for (const v1::EvaluateResponse& response :
       {WarningInsideTheFirstDeadline("2026-04-10", ""),
        WarningInsideTheFirstDeadline("2026-05-10", "2026-04-20")}) {
    const std::vector<std::string> cut =
        WarningMessages(response, "RECORDED_FEE_NOT_CLAIMABLE");
    ASSERT_EQ(cut.size(), 1u);
    EXPECT_THAT(cut[0], ::testing::HasSubstr("sent 2026-03-10"));
    EXPECT_THAT(cut[0], ::testing::HasSubstr("a second fee only after"));
    const v1::MonthlyReport* march = testing::ReportFor(response, "2026-03");
    ASSERT_NE(march, nullptr);
    EXPECT_EQ(march->notices_with_fee(), 1);
    EXPECT_EQ(march->notices_without_fee(), 1);
    EXPECT_EQ(march->fees_paid(), 3750);  // the purring's fee, then owed
  }
  const v1::EvaluateResponse waived =
      WarningInsideTheFirstDeadline("2026-05-10", "2026-04-20");
  EXPECT_EQ(testing::ResultOf(waived, "S1").balance().fees_charged(), 0);
  const v1::MonthlyReport* april = testing::ReportFor(waived, "2026-04");
  ASSERT_NE(april, nullptr);
  EXPECT_EQ(april->fees_waived_amount(), 3750);
  EXPECT_EQ(april->fees_paid(), -3750);  // given back on the waiver
}

TEST(EngineRecordedHistoryTest, AWaivedFirstFeesDemandPaidInTimeStillCounts) {
  // inkassoforskriften § 1-3 (law.md § 3.1): the purring's demand (105 262
  // øre) was paid by its deadline, so the warning after it earns no second
  // fee; the purring's fee waived after the warning was sent does not
  // change that (README: a waived fee stops counting from its waiver on).
  for (const char* waived : {"", "2026-04-20"}) {
    testing::TestLedger ledger;
    ledger.SetAsOfDate("2026-05-10");
    ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
    ledger.AddInvoice("S2", "K1", "2026-01-01", "2026-01-15", 100000);
    v1::Notice* purring = ledger.AddNotice("S2", v1::STEP_KIND_DUNNING,
                                           "2026-03-02", "2026-03-16", 3750);
    purring->set_interest(1512);
    purring->set_amount_claimed(105262);
    purring->set_fee_waived_date(waived);
    ledger.AddNotice("S2", kWarning, "2026-04-01", "2026-04-15", 3750);
    testing::AddPayment(*ledger.request().mutable_invoices(0), "2026-03-10",
                        105262);
    const std::vector<std::string> cut =
        WarningMessages(ledger.Evaluate(), "RECORDED_FEE_NOT_CLAIMABLE");
    ASSERT_EQ(cut.size(), 1u) << "waived " << waived;
    EXPECT_THAT(cut[0], ::testing::HasSubstr("was paid by its deadline"));
  }
}

TEST(EngineRecordedHistoryTest, AfterAFirstFeesWaiverTheNextFeeIsTheFirst) {
  // inkassoforskriften § 1-3 (law.md § 3.1), README: a waived fee stops
  // counting from its waiver on, and the first fee not waived is the first
  // for the notices after. A purring of 02-02 with a fee, waived 03-10; a
  // second purring of 03-02 with a fee, whose demand (100 000 + 2 × 37.50
  // kr) was paid on 03-12, inside its deadline. For the warning proposed
  // on 04-01 the 03-02 purring's fee is the first: its deadline was not
  // exceeded, so the warning earns no fee. Unpaid, it earns one.
  for (const bool paid_in_time : {true, false}) {
    testing::TestLedger ledger;
    ledger.SetAsOfDate("2026-04-01");
    ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
    ledger.AddInvoice("S4", "K1", "2026-01-15", "2026-01-15", 1000000);
    ledger
        .AddNotice("S4", v1::STEP_KIND_DUNNING, "2026-02-02", "2026-02-16",
                   3750)
        ->set_fee_waived_date("2026-03-10");
    ledger.AddNotice("S4", v1::STEP_KIND_DUNNING, "2026-03-02", "2026-03-16",
                     3750);
    if (paid_in_time) {
      testing::AddPayment(*ledger.request().mutable_invoices(0), "2026-03-12",
                          1007500);
    }
    const v1::EvaluateResponse response = ledger.Evaluate();
    ASSERT_EQ(response.actions_size(), 1) << "paid " << paid_in_time;
    const v1::ProposedAction& warning = response.actions(0);
    ASSERT_EQ(warning.step(), kWarning);
    if (paid_in_time) {
      EXPECT_EQ(warning.fee(), 0);
      EXPECT_THAT(warning.fee_note(),
                  ::testing::HasSubstr("first fee-bearing notice (sent "
                                       "2026-03-02) demanded was paid by its "
                                       "deadline"));
    } else {
      EXPECT_EQ(warning.fee(), 3750);  // 1/20 × 750 kr (law.md § 3.2)
    }
  }
}

// A business customer's påminnelse claiming 460 kr of compensation (its
// waiver on `waived`, empty: none) and a purring whose 37.50 kr fee was
// deducted from it, with 500 kr paid on 2026-03-20.
v1::EvaluateResponse CompensationWaivedAfterAFee(absl::string_view as_of,
                                                 absl::string_view waived) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate(as_of);
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_BUSINESS);
  ledger.AddInvoice("S3", "K1", "2026-01-01", "2026-01-15", 100000);
  v1::Notice* reminder =
      ledger.AddNotice("S3", kReminder, "2026-02-02", "2026-02-16", 0);
  reminder->set_compensation(kCompensation2026H1);
  reminder->set_fee_waived_date(std::string(waived));
  ledger.AddNotice("S3", v1::STEP_KIND_DUNNING, "2026-03-02", "2026-03-16",
                   3750);
  testing::AddPayment(*ledger.request().mutable_invoices(0), "2026-03-20",
                      50000);
  return ledger.Evaluate();
}

TEST(EngineRecordedHistoryTest, ACompensationWaivedLaterKeepsTheFeeItTookIn) {
  // forsinkelsesrenteloven § 3a (law.md § 6): the purring's fee is deducted
  // from the compensation claimed when it was sent. Waiving the
  // compensation on 04-15 gives it up with what it took in (README "B2B
  // standard compensation"): the fee is not claimed again, and March, when
  // 460 kr of the payment went to it, keeps what it showed.
  const v1::EvaluateResponse before =
      CompensationWaivedAfterAFee("2026-03-31", "");
  const v1::EvaluateResponse after =
      CompensationWaivedAfterAFee("2026-05-10", "2026-04-15");
  for (const v1::EvaluateResponse* response : {&before, &after}) {
    EXPECT_EQ(WarningMessages(*response, "RECORDED_FEE_NOT_CLAIMABLE").size(),
              1u);
    const v1::MonthlyReport* march = testing::ReportFor(*response, "2026-03");
    ASSERT_NE(march, nullptr);
    EXPECT_EQ(march->fees_paid(), kCompensation2026H1);
    EXPECT_EQ(march->notices_with_fee(), 0);
    EXPECT_EQ(march->notices_without_fee(), 1);
  }
  const v1::Balance& balance = testing::ResultOf(after, "S3").balance();
  EXPECT_EQ(balance.fees_charged(), 0);
  EXPECT_EQ(balance.compensation_charged(), 0);
  const v1::MonthlyReport* april = testing::ReportFor(after, "2026-04");
  ASSERT_NE(april, nullptr);
  EXPECT_EQ(april->fees_paid(), -kCompensation2026H1);
}

TEST(EngineRecordedHistoryTest, ANoticeRecordedAheadCountsFromItsDay) {
  // evaluate.proto MonthlyReport: notices sent by the as-of date. A dispatch
  // the host booked ahead (sent 03-19, evaluated 03-18) is not counted yet,
  // as it is not in the balance yet; from its day it is.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-03-18");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("B1", "K1", "2026-02-01", "2026-02-16", 1000000);
  ledger.AddNotice("B1", kReminder, "2026-02-17", "2026-03-03", 0);
  ledger.AddNotice("B1", v1::STEP_KIND_DUNNING, "2026-03-19", "2026-04-02",
                   3750);
  const v1::EvaluateResponse before = ledger.Evaluate();
  EXPECT_EQ(testing::ResultOf(before, "B1").balance().fees_charged(), 0);
  const v1::MonthlyReport* march = testing::ReportFor(before, "2026-03");
  EXPECT_EQ(march == nullptr ? 0 : march->notices_with_fee(), 0);
  ledger.SetAsOfDate("2026-03-19");
  const v1::EvaluateResponse after = ledger.Evaluate();
  EXPECT_EQ(testing::ResultOf(after, "B1").balance().fees_charged(), 3750);
  march = testing::ReportFor(after, "2026-03");
  ASSERT_NE(march, nullptr);
  EXPECT_EQ(march->notices_with_fee(), 1);
}

// A person's 1 000 kr invoice due 2026-09-01 with a påminnelse (09-02) and a
// purring sent under `streng` (10-01: 37.50 kr fee and 10.07 kr interest,
// both posted), paid 1 037.50 kr on 10-10; the customer's profile is now
// `profile` (evaluated as of 10-20).
v1::EvaluateResponse EvaluateAfterProfileSwitch(absl::string_view profile) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-10-20");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON)
      ->set_profile_id(std::string(profile));
  ledger.AddInvoice("P1", "K1", "2026-08-18", "2026-09-01", 100000);
  ledger.AddNotice("P1", kReminder, "2026-09-02", "2026-09-16", 0);
  ledger.AddNotice("P1", kDunning, "2026-10-01", "2026-10-15", 3750)
      ->set_interest(1007);
  v1::Payment* payment = ledger.request().mutable_invoices(0)->add_payments();
  payment->set_date("2026-10-10");
  payment->set_amount(103750);
  return ledger.Evaluate();
}

TEST(EngineRecordedHistoryTest, AProfileSwitchKeepsInterestALetterCharged) {
  // `mild` claims interest only from the collection warning, but the purring
  // already charged it and the host posted it (history.proto
  // Notice.interest; F13, F15): switching the profile must not drop it, as
  // it does not drop the purring's fee.
  const v1::EvaluateResponse kept = EvaluateAfterProfileSwitch("streng");
  const v1::EvaluateResponse switched = EvaluateAfterProfileSwitch("mild");
  const v1::InvoiceResult& before = testing::ResultOf(kept, "P1");
  const v1::InvoiceResult& after = testing::ResultOf(switched, "P1");
  // 39 days (09-02..10-10) at 12.25 % on 1 000 kr, 1 308.90 øre, then 10
  // days on the 13.09 kr of principal the payment left, 4.39 øre: 1 313
  // rounded once (law.md §§ 1.2, 1.3, 7).
  EXPECT_EQ(after.interest().claimed(), 1313);
  EXPECT_EQ(after.interest().claimed(), after.interest().accrued());
  EXPECT_EQ(after.balance().fees_charged(), 3750);
  // The payment covered the fee and the interest to 10-10 first (law.md
  // § 7): principal is left, and the invoice is not paid.
  EXPECT_GT(after.balance().principal_outstanding(), 0);
  EXPECT_NE(after.status(), v1::INVOICE_STATUS_PAID);
  EXPECT_EQ(after.balance().SerializeAsString(),
            before.balance().SerializeAsString());
}

TEST(EngineRecordedHistoryTest, ANoticeSentWithChargesOffKeepsItsPrice) {
  // F19: a notice sent while fees and interest were off is priced per
  // notice (7 kr); the strictness recorded with it keeps that price after
  // the customer's profile changes, and a notice recorded without it is
  // priced by the profile now.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-09-02");
  v1::DunningProfile* off = ledger.settings().add_profiles();
  off->set_id("av");
  off->set_strictness(v1::FEE_STRICTNESS_OFF);
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON)->set_profile_id("av");
  ledger.AddInvoice("F1", "K1", "2026-08-18", "2026-09-01", 100000);
  const v1::EvaluateResponse proposed = ledger.Evaluate();
  ASSERT_EQ(proposed.actions_size(), 1);
  EXPECT_EQ(proposed.actions(0).strictness(), v1::FEE_STRICTNESS_OFF);
  ledger.Record(proposed);
  ASSERT_EQ(ledger.request().history().notices_size(), 1);

  ledger.SetAsOfDate("2026-09-10");
  ledger.request().mutable_customers(0)->set_profile_id("medium");
  const v1::EvaluateResponse switched = ledger.Evaluate();
  EXPECT_EQ(switched.provider_settlement().notices_without_charges(), 1);
  EXPECT_EQ(switched.provider_settlement().per_notice_total(), 700);

  ledger.request().mutable_history()->mutable_notices(0)->clear_strictness();
  const v1::EvaluateResponse unrecorded = ledger.Evaluate();
  EXPECT_EQ(unrecorded.provider_settlement().notices_without_charges(), 0);
}

TEST(EngineRecordedHistoryTest, InterestOffClaimsNoMoreThanWasCharged) {
  // types.proto FEE_STRICTNESS_OFF: notices never claim interest. A
  // påminnelse sent under `streng` charged 5 kr of it; after a switch to a
  // profile with fees and interest off that 5 kr stays claimed, and the
  // purring proposed now charges none.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-10-20");
  v1::DunningProfile* off = ledger.settings().add_profiles();
  off->set_id("av");
  off->set_strictness(v1::FEE_STRICTNESS_OFF);
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON)->set_profile_id("av");
  ledger.AddInvoice("O1", "K1", "2026-08-18", "2026-09-01", 100000);
  v1::Notice* reminder =
      ledger.AddNotice("O1", kReminder, "2026-09-02", "2026-09-16", 0);
  reminder->set_interest(500);
  reminder->set_strictness(v1::FEE_STRICTNESS_STRENG);
  const v1::EvaluateResponse response = ledger.Evaluate();
  const v1::InvoiceResult& result = testing::ResultOf(response, "O1");
  EXPECT_GT(result.interest().accrued(), 500);
  EXPECT_EQ(result.interest().claimed(), 500);
  EXPECT_EQ(result.balance().total(), 100500);
  ASSERT_EQ(response.actions_size(), 1);
  EXPECT_EQ(response.actions(0).interest(), 0);
  EXPECT_EQ(response.actions(0).amount_claimed(), 100500);
}

// The fees paid in each month of 2024, as of `as_of`, by a person whose
// collection warning of 2024-02-22 recorded 37.50 kr (2024's maximum is
// 35 kr) and was waived on 04-19; 1 097.02 kr paid that day.
std::map<std::string, int64_t> FeesPaidByMonth(absl::string_view as_of) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate(as_of);
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("W1", "K1", "2023-11-29", "2023-12-13", 50000);
  ledger.AddNotice("W1", kWarning, "2024-02-22", "2024-03-07", 3750)
      ->set_fee_waived_date("2024-04-19");
  v1::Payment* payment = ledger.request().mutable_invoices(0)->add_payments();
  payment->set_date("2024-02-22");
  payment->set_amount(109702);
  const v1::EvaluateResponse response = ledger.Evaluate();
  std::map<std::string, int64_t> months;
  for (const v1::MonthlyReport& month : response.monthly_reports()) {
    months[month.month()] = month.fees_paid();
  }
  return months;
}

TEST(EngineRecordedHistoryTest, AWaiverKeepsTheMonthAnUnlawfulFeeWasPaidIn) {
  // evaluate.proto MonthlyReport: earlier months keep what was paid in
  // them. The warning's fee is claimed at the 35 kr the law allows
  // (inkassoforskriften § 1-2, law.md § 3.2) until its waiver, and paid in
  // February from the money in credit; the waiver gives back those 35 kr
  // in April, not the 37.50 kr recorded.
  const std::map<std::string, int64_t> march = FeesPaidByMonth("2024-03-31");
  const std::map<std::string, int64_t> later = FeesPaidByMonth("2024-09-21");
  EXPECT_EQ(march.at("2024-02"), 3500);
  EXPECT_EQ(later.at("2024-02"), 3500);
  EXPECT_EQ(later.at("2024-04"), -3500);
}

// The interest paid in October by a person whose purring (sent under
// `medium`, charging 5 kr of interest) started the interest claim, with
// the customer's profile now `profile`.
int64_t InterestPaidInOctober(absl::string_view profile, v1::Balance* balance) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-11-20");
  v1::DunningProfile* off = ledger.settings().add_profiles();
  off->set_id("av");
  off->set_strictness(v1::FEE_STRICTNESS_OFF);
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON)
      ->set_profile_id(std::string(profile));
  ledger.AddInvoice("O3", "K1", "2026-08-18", "2026-09-01", 100000);
  v1::Notice* purring =
      ledger.AddNotice("O3", kDunning, "2026-09-16", "2026-09-30", 3750);
  purring->set_interest(500);
  purring->set_strictness(v1::FEE_STRICTNESS_MEDIUM);
  v1::Payment* payment = ledger.request().mutable_invoices(0)->add_payments();
  payment->set_date("2026-10-20");
  payment->set_amount(10000);
  const v1::EvaluateResponse response = ledger.Evaluate();
  *balance = testing::ResultOf(response, "O3").balance();
  for (const v1::MonthlyReport& month : response.monthly_reports()) {
    if (month.month() == "2026-10") return month.interest_paid();
  }
  return -1;
}

TEST(EngineRecordedHistoryTest, ASwitchToInterestOffKeepsEarlierPaymentsSplit) {
  // evaluate.proto MonthlyReport: earlier months keep what was paid in
  // them (F18, F19). A payment made while the profile claimed interest
  // paid the interest accrued to its day (law.md § 7); a later switch to
  // fees and interest off caps the interest claimed from then on at what
  // letters charged, never below what was paid.
  v1::Balance medium, off;
  const int64_t paid_under_medium = InterestPaidInOctober("medium", &medium);
  const int64_t paid_after_switch = InterestPaidInOctober("av", &off);
  // After the 37.50 kr fee, the interest to 10-20: 49 days (09-02..10-20)
  // at 12.25 % on 1 000 kr, 1 644.52 øre rounded half up (law.md §§ 1.2,
  // 1.3, 7).
  EXPECT_EQ(paid_under_medium, 1645);
  EXPECT_EQ(paid_after_switch, paid_under_medium);
  EXPECT_EQ(off.interest_paid(), medium.interest_paid());
  EXPECT_EQ(off.interest_claimed(), off.interest_paid());
  EXPECT_EQ(off.interest_outstanding(), 0);
  EXPECT_GT(medium.interest_outstanding(), 0);
}

TEST(EngineRecordedHistoryTest, ANoticeSentWithInterestOffClaimsNone) {
  // Two notices sent while fees and interest were off charged nothing; the
  // profile is `medium` now, whose purring would claim interest: they still
  // claimed none (only the next notice will).
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-10-20");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON)->set_profile_id("medium");
  ledger.AddInvoice("O2", "K1", "2026-08-18", "2026-09-01", 100000);
  ledger.AddNotice("O2", kReminder, "2026-09-02", "2026-09-16", 0)
      ->set_strictness(v1::FEE_STRICTNESS_OFF);
  ledger.AddNotice("O2", kDunning, "2026-10-01", "2026-10-15", 0)
      ->set_strictness(v1::FEE_STRICTNESS_OFF);
  const v1::EvaluateResponse response = ledger.Evaluate();
  const v1::InvoiceResult& result = testing::ResultOf(response, "O2");
  EXPECT_EQ(result.interest().claimed(), 0);
  EXPECT_EQ(result.balance().total(), 100000);
  EXPECT_GT(result.interest().accrued(), 0);
}

TEST(EngineRecordedHistoryTest,
     AFeeAfterCompensationIsDeductedAfterAProfileSwitch) {
  // forsinkelsesrenteloven § 3a (law.md § 6): a business debtor charged the
  // 430 kr standard compensation (2026 H2) under `streng` owes no further
  // reminder fee on top of it, also once the profile is `medium`, which
  // claims no compensation itself: the proposed collection warning carries
  // no fee, and recording it as proposed cuts nothing.
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-10-20");
  ledger.AddCustomer("B1", v1::CUSTOMER_TYPE_BUSINESS)
      ->set_profile_id("medium");
  ledger.AddInvoice("C1", "B1", "2026-08-18", "2026-09-01", 1000000);
  ledger.AddNotice("C1", kDunning, "2026-09-16", "2026-09-30", 0)
      ->set_compensation(43000);
  const v1::EvaluateResponse proposed = ledger.Evaluate();
  ASSERT_EQ(proposed.actions_size(), 1);
  const v1::ProposedAction& warning = proposed.actions(0);
  EXPECT_EQ(warning.step(), kWarning);
  EXPECT_EQ(warning.fee(), 0);
  EXPECT_EQ(warning.compensation(), 0);
  EXPECT_NE(warning.fee_note().find("§ 3a"), std::string::npos);

  ledger.Record(proposed);
  ledger.SetAsOfDate("2026-10-21");
  const v1::EvaluateResponse recorded = ledger.Evaluate();
  for (const v1::Warning& w : recorded.warnings()) {
    EXPECT_NE(w.code(), "RECORDED_FEE_NOT_CLAIMABLE") << w.message();
  }
  EXPECT_EQ(testing::ResultOf(recorded, "C1").balance().fees_charged(), 0);
  EXPECT_EQ(testing::ResultOf(recorded, "C1").balance().compensation_charged(),
            43000);
}

// Invoice "R1" of 1 000 kr due Tuesday 2026-09-01, 500 kr of it paid on
// 09-10, with a purring on 10-01 charging 37.50 kr and recording
// `recorded_interest`; as of 10-20, when `paid_on_as_of` more is paid.
v1::EvaluateResponse EvaluateRecordedInterest(int64_t recorded_interest,
                                              int64_t paid_on_as_of = 0) {
  v1::Invoice* invoice = nullptr;
  testing::TestLedger ledger =
      PaidPersonLedger("2026-10-20", "R1", "2026-08-18", "2026-09-01", 100000,
                       "2026-09-10", 50000, &invoice);
  if (paid_on_as_of > 0) {
    v1::Payment* rest = invoice->add_payments();
    rest->set_id("P2");
    rest->set_date("2026-10-20");
    rest->set_amount(paid_on_as_of);
  }
  ledger.AddNotice("R1", kDunning, "2026-10-01", "2026-10-15", 3750)
      ->set_interest(recorded_interest);
  return ledger.Evaluate();
}

// Forsinkelsesrente 12.25 % (2026 H2, law.md § 1.2), actual/365, from the
// day after the due date, on the principal outstanding at each day's end:
// 1 000 kr for 09-02..09-10 (9 days) and 500 kr for 09-11..10-20 (40 days):
// (100 000 × 9 + 50 000 × 40) × 0.1225 / 365 = 973.29 øre, rounded 973.
constexpr int64_t kAccruedByOctober20 = 973;
// What is owed on 10-20: the fee, that interest and 500 kr (a payment that
// day covers the interest of its own day, README "Payments and balance").
constexpr int64_t kOwedOnOctober20 = 3750 + kAccruedByOctober20 + 50000;

TEST(EngineRecordedHistoryTest, RecordedInterestAboveWhatAccruedIsNotClaimed) {
  // The other system reckoned the purring's interest on the whole 1 000 kr
  // for 09-02..10-01 (30 days: 1 006.85 øre), not knowing of the payment.
  // Once the principal is paid no interest will make the 34 øre up: the
  // host that booked them reverses them.
  const v1::EvaluateResponse response =
      EvaluateRecordedInterest(1007, kOwedOnOctober20);
  const v1::InvoiceResult& result = testing::ResultOf(response, "R1");
  EXPECT_EQ(result.status(), v1::INVOICE_STATUS_PAID);
  EXPECT_EQ(result.balance().interest_claimed(), kAccruedByOctober20);
  EXPECT_EQ(result.history(0).interest(), 1007);  // shown as recorded

  const std::vector<std::string> messages =
      WarningMessages(response, "RECORDED_INTEREST_NOT_CLAIMABLE");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0],
            "invoice \"R1\": its notices record 1007 øre of interest, but 973 "
            "øre is claimed by 2026-10-20; the other 34 øre is not, and with "
            "no principal left no interest will make it up (reverse it in the "
            "books)");
  for (const v1::Warning& warning : response.warnings()) {
    if (warning.code() != "RECORDED_INTEREST_NOT_CLAIMABLE") continue;
    EXPECT_EQ(warning.invoice_number(), "R1");
    EXPECT_EQ(warning.customer_id(), "K1");
    EXPECT_EQ(warning.amount_not_claimed(), 1007 - kAccruedByOctober20);
    // About the notices' sum, not one notice.
    EXPECT_EQ(warning.notice_step(), v1::STEP_KIND_UNSPECIFIED);
    EXPECT_EQ(warning.notice_sent_date(), "");
  }
}

TEST(EngineRecordedHistoryTest,
     RecordedInterestIsNotWarnedOfWhilePrincipalIsLeft) {
  // Reckoned on what was outstanding: 1 000 kr for 9 days, 500 kr for 21
  // (09-11..10-01): (900 000 + 1 050 000) × 0.1225 / 365 = 654.45 øre. Or
  // more than has accrued by 10-20 (1 007): with 500 kr left, interest
  // accruing makes that up, and the next notice charges from 1 007.
  for (const int64_t recorded :
       {int64_t{654}, kAccruedByOctober20, int64_t{1007}}) {
    const v1::EvaluateResponse response = EvaluateRecordedInterest(recorded);
    EXPECT_EQ(testing::ResultOf(response, "R1").balance().interest_claimed(),
              kAccruedByOctober20);
    EXPECT_TRUE(
        WarningMessages(response, "RECORDED_INTEREST_NOT_CLAIMABLE").empty())
        << recorded;
  }
  // Paid in full, the consistent history is silent too.
  EXPECT_TRUE(WarningMessages(EvaluateRecordedInterest(654, kOwedOnOctober20),
                              "RECORDED_INTEREST_NOT_CLAIMABLE")
                  .empty());
}

}  // namespace
}  // namespace purring
