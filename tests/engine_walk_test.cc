// End to end: invoices of a person and of a business walk from issue to
// collection through successive as-of dates, the host feeding every proposed
// action back as history (issue 3 §§ 1-3, 8, 9; product.md F1, F6, F17;
// law.md §§ 3.1, 4.1).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "dates.h"
#include "engine_test_ledger.h"
#include "gtest/gtest.h"

namespace purring::testing {
namespace {

constexpr int64_t kFee2026 = 3750;  // law.md § 3.2: 1/20 × 750 kr

struct Step {
  std::string as_of;
  v1::InvoiceStatus status;
  std::string action_id;  // "" : no action
};

TEST(EngineWalkTest, PersonAndBusinessFromIssueToCollection) {
  TestLedger ledger;
  auto* firma = ledger.settings().add_profiles();
  firma->set_id("firma");
  firma->set_sequence(v1::STEP_SEQUENCE_DUNNING_WARNING);
  firma->set_strictness(v1::FEE_STRICTNESS_MEDIUM);
  ledger.settings().set_default_business_profile("firma");
  ledger.AddCustomer("P1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddCustomer("B1", v1::CUSTOMER_TYPE_BUSINESS)
      ->set_organization_number("912345678");
  // Person: due Maundy Thursday 2026-04-02, moved to Tue 2026-04-07.
  ledger.AddInvoice("5001", "P1", "2026-03-19", "2026-04-02", 250000);
  // Business: due Mon 2026-03-02.
  ledger.AddInvoice("5002", "B1", "2026-02-16", "2026-03-02", 1200000);

  struct Walk {
    const char* as_of;
    v1::InvoiceStatus person;
    v1::InvoiceStatus business;
  };
  const Walk walk[] = {
      {"2026-03-02", v1::INVOICE_STATUS_NOT_DUE, v1::INVOICE_STATUS_NOT_DUE},
      // Business: dunning carries a fee, so it waits for due + 14 (§ 1-2).
      {"2026-03-03", v1::INVOICE_STATUS_NOT_DUE, v1::INVOICE_STATUS_WAITING},
      {"2026-03-16", v1::INVOICE_STATUS_NOT_DUE, v1::INVOICE_STATUS_READY_TO_SEND},
      {"2026-03-20", v1::INVOICE_STATUS_NOT_DUE,
       v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED},
      {"2026-04-07", v1::INVOICE_STATUS_NOT_DUE,
       v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED},
      // Dunning deadline 03-30, + 14 = 04-13; warning from 04-14.
      {"2026-04-08", v1::INVOICE_STATUS_READY_TO_SEND,
       v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED},
      {"2026-04-14", v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
       v1::INVOICE_STATUS_READY_TO_SEND},
      // Reminder 04-08, deadline 04-22, + 14 = 05-06; dunning 05-07.
      {"2026-05-06", v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
       v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED},
      {"2026-05-07", v1::INVOICE_STATUS_READY_TO_SEND,
       v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED},
      // Warning 04-14, deadline 04-28, + 14 = 05-12: collection from 05-13.
      {"2026-05-13", v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
       v1::INVOICE_STATUS_CONSIDER_COLLECTION},
      {"2026-05-14", v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
       v1::INVOICE_STATUS_IN_COLLECTION},
      // Dunning 05-07, deadline 05-21, + 14 = 06-04: warning 06-05.
      {"2026-06-05", v1::INVOICE_STATUS_READY_TO_SEND,
       v1::INVOICE_STATUS_IN_COLLECTION},
      // Warning 06-05, deadline 06-19, + 14 = 07-03: collection 07-04.
      {"2026-07-03", v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
       v1::INVOICE_STATUS_IN_COLLECTION},
      {"2026-07-04", v1::INVOICE_STATUS_CONSIDER_COLLECTION,
       v1::INVOICE_STATUS_IN_COLLECTION},
      {"2026-07-06", v1::INVOICE_STATUS_IN_COLLECTION,
       v1::INVOICE_STATUS_IN_COLLECTION},
  };
  int fee_notices_person = 0;
  int fee_notices_business = 0;
  std::vector<std::string> hand_offs;
  for (const Walk& w : walk) {
    SCOPED_TRACE(w.as_of);
    ledger.SetAsOfDate(w.as_of);
    const v1::EvaluateResponse response = ledger.Evaluate();
    ASSERT_EQ(response.results_size(), 2);  // never one dropped
    EXPECT_EQ(ResultOf(response, "5001").status(), w.person);
    EXPECT_EQ(ResultOf(response, "5002").status(), w.business);
    EXPECT_EQ(ResultOf(response, "5001").adjusted_due_date(), "2026-04-07");
    for (const v1::ProposedAction& a : response.actions()) {
      EXPECT_EQ(a.date(), w.as_of);  // manual progression: dated today
      if (a.kind() == v1::ACTION_KIND_SEND_NOTICE) {
        // law.md § 4.1: at least 14 days from sending.
        EXPECT_EQ(a.deadline(), internal::FormatDate(
                                    *internal::ParseDate(a.date()) + 14));
        if (a.fee() > 0) {
          EXPECT_EQ(a.fee(), kFee2026);
          (a.invoice_number() == "5001" ? fee_notices_person
                                        : fee_notices_business)++;
        }
        EXPECT_FALSE(a.letter_id().empty());
      } else {
        hand_offs.push_back(a.invoice_number());
      }
    }
    // The host collects the transfer on the day after "vurder inkasso".
    ledger.Record(response);
    const v1::EvaluateResponse again = ledger.Evaluate();
    EXPECT_EQ(again.actions_size(), 0) << "recorded actions are not proposed again";
  }
  // Person: reminder (free), dunning and warning (fees). Business: dunning
  // and warning. law.md § 3.1: never more than two fee-bearing notices.
  EXPECT_EQ(fee_notices_person, 2);
  EXPECT_EQ(fee_notices_business, 2);
  EXPECT_EQ(hand_offs, (std::vector<std::string>{"5002", "5001"}));
}

TEST(EngineWalkTest, HandOffCarriesTheCaseFile) {
  TestLedger ledger;
  ledger.AddCustomer("B1", v1::CUSTOMER_TYPE_BUSINESS)
      ->set_organization_number("912345678");
  ledger.AddInvoice("7001", "B1", "2026-01-15", "2026-02-16", 100000);
  ledger.AddNotice("7001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
  ledger.AddNotice("7001", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01",
                   kFee2026);
  ledger.AddNotice("7001", v1::STEP_KIND_COLLECTION_WARNING, "2026-04-16",
                   "2026-04-30", kFee2026);
  ledger.settings().set_vat_registered(true);
  ledger.SetAsOfDate("2026-05-20");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.actions_size(), 1);
  EXPECT_EQ(response.actions(0).kind(), v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
  EXPECT_EQ(response.actions(0).id(), "7001/collection/2026-05-20");
  ASSERT_EQ(response.collection_hand_offs_size(), 1);
  const v1::CollectionCaseFile& file = response.collection_hand_offs(0);
  EXPECT_EQ(file.invoice_number(), "7001");
  EXPECT_EQ(file.debtor().organization_number(), "912345678");
  EXPECT_EQ(file.debtor_type(), v1::CUSTOMER_TYPE_BUSINESS);
  EXPECT_EQ(file.creditor_name(), "Kreditor AS");
  EXPECT_EQ(file.creditor_organization_number(), "999888777");
  EXPECT_EQ(file.action_id(), "7001/collection/2026-05-20");
  EXPECT_EQ(file.payment_reference(), "KID7001");
  ASSERT_EQ(file.notices_size(), 3);
  EXPECT_EQ(file.notices(2).step(), v1::STEP_KIND_COLLECTION_WARNING);
  EXPECT_EQ(file.balance().fees_charged(), 2 * kFee2026);
  // Interest accrues from the day after the due date (law.md § 1.3).
  EXPECT_EQ(file.interest().from_date(), "2026-02-17");
  // 93 days (02-17..05-20) at 12.00 % on 1 000 kr: 3 057.53 øre, rounded
  // half up (law.md §§ 1.2, 1.3).
  EXPECT_EQ(file.interest().accrued(), 3058);
  // The band up to 1 000 kr: 0.35 and 0.70 × the 750 kr inkassosats, no VAT
  // uplift for a VAT-registered creditor (law.md §§ 5.2, 5.3).
  EXPECT_EQ(file.collection_costs().claim(), 100000);
  EXPECT_EQ(file.collection_costs().light(), 26250);
  EXPECT_EQ(file.collection_costs().heavy(), 52500);
  EXPECT_FALSE(file.collection_costs().vat_uplift());
}

TEST(EngineWalkTest, ARecordedTransferCarriesItsCaseFileUntilTakenUp) {
  // F17 "for invoices moved to collection: the case file the collection
  // partner needs", also when the user moved it by hand (F3): the warning's
  // deadline 04-30 ran out unpaid, and on 05-05, before the engine would
  // propose the transfer (05-15), the host records one. No action is
  // proposed, but the case file comes, with the id a transfer action of
  // that day has, until the agency's reference or state is recorded.
  TestLedger ledger;
  ledger.AddCustomer("B1", v1::CUSTOMER_TYPE_BUSINESS);
  ledger.AddInvoice("7002", "B1", "2026-01-15", "2026-02-16", 100000);
  ledger.AddNotice("7002", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01",
                   kFee2026);
  ledger.AddNotice("7002", v1::STEP_KIND_COLLECTION_WARNING, "2026-04-16",
                   "2026-04-30", kFee2026);
  v1::CollectionCase* manual =
      ledger.request().mutable_history()->add_collection_cases();
  manual->set_invoice_number("7002");
  manual->set_transferred_date("2026-05-05");
  ledger.SetAsOfDate("2026-05-06");
  v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "7002").status(),
            v1::INVOICE_STATUS_IN_COLLECTION);
  EXPECT_EQ(response.actions_size(), 0);
  EXPECT_EQ(response.postings_size(), 0);
  EXPECT_EQ(response.warnings_size(), 0);  // the warning had run out unpaid
  ASSERT_EQ(response.collection_hand_offs_size(), 1);
  const v1::CollectionCaseFile& file = response.collection_hand_offs(0);
  EXPECT_EQ(file.action_id(), "7002/collection/2026-05-05");
  EXPECT_EQ(file.balance().fees_charged(), 2 * kFee2026);
  EXPECT_EQ(file.balance().SerializeAsString(),
            ResultOf(response, "7002").balance().SerializeAsString());
  EXPECT_EQ(file.notices_size(), 2);
  EXPECT_EQ(file.collection_costs().claim(), 100000);

  // Paid in full after the transfer: nothing for an agency to collect.
  v1::Payment* payment = ledger.request().mutable_invoices(0)->add_payments();
  payment->set_date("2026-05-06");
  payment->set_amount(file.balance().total());
  const v1::EvaluateResponse settled = ledger.Evaluate();
  EXPECT_EQ(ResultOf(settled, "7002").balance().total(), 0);
  EXPECT_EQ(ResultOf(settled, "7002").status(),
            v1::INVOICE_STATUS_IN_COLLECTION);
  EXPECT_EQ(settled.collection_hand_offs_size(), 0);
  ledger.request().mutable_invoices(0)->clear_payments();

  manual->set_case_reference("\xC2\xA0");  // blank: still awaited
  EXPECT_EQ(ledger.Evaluate().collection_hand_offs_size(), 1);
  manual->set_case_reference("IP-1");
  EXPECT_EQ(ledger.Evaluate().collection_hand_offs_size(), 0);
  manual->clear_case_reference();
  manual->set_state(v1::COLLECTION_CASE_STATE_ACTIVE);
  EXPECT_EQ(ledger.Evaluate().collection_hand_offs_size(), 0);
}

TEST(EngineWalkTest,
     ARecordedTransfersCostEstimateKeepsThePrincipalItWasMadeOn) {
  // README "Collection hand-off" and law.md § 5.1: the collection-cost
  // estimate is read on the principal outstanding at the transfer date; a
  // payment after the transfer (700 kr of 1 500 kr, which would put the
  // rest in the band up to 1 000 kr) does not move it.
  TestLedger ledger;
  ledger.settings().set_vat_registered(false);
  ledger.AddCustomer("P1", v1::CUSTOMER_TYPE_PERSON);
  v1::Invoice* invoice =
      ledger.AddInvoice("7004", "P1", "2026-01-15", "2026-02-16", 150000);
  ledger.AddNotice("7004", v1::STEP_KIND_COLLECTION_WARNING, "2026-04-16",
                   "2026-04-30", kFee2026);
  v1::CollectionCase* manual =
      ledger.request().mutable_history()->add_collection_cases();
  manual->set_invoice_number("7004");
  manual->set_transferred_date("2026-06-05");
  ledger.SetAsOfDate("2026-06-10");
  const v1::EvaluateResponse unpaid = ledger.Evaluate();
  ASSERT_EQ(unpaid.collection_hand_offs_size(), 1);
  const v1::CollectionCostEstimate before =
      unpaid.collection_hand_offs(0).collection_costs();
  EXPECT_EQ(before.claim(), 150000);

  v1::Payment* payment = invoice->add_payments();
  payment->set_date("2026-06-07");
  payment->set_amount(70000);
  const v1::EvaluateResponse paid = ledger.Evaluate();
  ASSERT_EQ(paid.collection_hand_offs_size(), 1);
  const v1::CollectionCaseFile& file = paid.collection_hand_offs(0);
  EXPECT_LT(file.balance().principal_outstanding(), 100000);
  EXPECT_EQ(file.collection_costs().SerializeAsString(),
            before.SerializeAsString());
  ExpectEveryPathGives(paid, ledger.request());

  // A credit note after the transfer says the claim itself was smaller: it
  // lowers the band's claim (by its amount, from the transfer's principal).
  payment->set_date("2026-06-07");
  v1::CreditNote* credit = invoice->add_credit_notes();
  credit->set_number("K-1");
  credit->set_date("2026-06-08");
  credit->set_amount(20000);
  const v1::EvaluateResponse credited = ledger.Evaluate();
  ASSERT_EQ(credited.collection_hand_offs_size(), 1);
  EXPECT_EQ(credited.collection_hand_offs(0).collection_costs().claim(),
            150000 - 20000);
  // Dated the transfer day, it is in the principal that day: counted once.
  credit->set_date("2026-06-05");
  const v1::EvaluateResponse credited_that_day = ledger.Evaluate();
  ASSERT_EQ(credited_that_day.collection_hand_offs_size(), 1);
  EXPECT_EQ(
      credited_that_day.collection_hand_offs(0).collection_costs().claim(),
      150000 - 20000);
  invoice->clear_credit_notes();

  // Paid on the transfer date itself: the principal that day is what is
  // left after it, as for a transfer proposed today.
  payment->set_date("2026-06-05");
  const v1::EvaluateResponse same_day = ledger.Evaluate();
  ASSERT_EQ(same_day.collection_hand_offs_size(), 1);
  EXPECT_EQ(same_day.collection_hand_offs(0).collection_costs().claim(),
            same_day.collection_hand_offs(0).balance().principal_outstanding());
}

TEST(EngineWalkTest, TheCaseFileCarriesTheDebtorsObjections) {
  // inkassoloven § 17 (2) (law.md § 7): no collection costs where the debtor
  // had objections it was reasonable to have assessed. The agency gets the
  // objections recorded on the invoice, an ended one too; a manual stop is
  // the creditor's own and stays out.
  TestLedger ledger;
  ledger.AddCustomer("P1", v1::CUSTOMER_TYPE_PERSON);
  v1::Invoice* invoice =
      ledger.AddInvoice("7005", "P1", "2026-01-15", "2026-02-16", 100000);
  v1::Hold* objection = invoice->add_holds();
  objection->set_kind(v1::HOLD_KIND_OBJECTION);
  objection->set_reason("Varen kom aldri");
  objection->set_start_date("2026-03-01");
  objection->set_end_date("2026-03-20");
  v1::Hold* stop = invoice->add_holds();
  stop->set_kind(v1::HOLD_KIND_MANUAL);
  stop->set_start_date("2026-03-21");
  stop->set_end_date("2026-03-25");
  ledger.AddNotice("7005", v1::STEP_KIND_COLLECTION_WARNING, "2026-04-16",
                   "2026-04-30", kFee2026);
  ledger.SetAsOfDate("2026-05-20");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.collection_hand_offs_size(), 1);
  const v1::CollectionCaseFile& file = response.collection_hand_offs(0);
  ASSERT_EQ(file.objections_size(), 1);
  EXPECT_EQ(file.objections(0).SerializeAsString(),
            objection->SerializeAsString());
  ExpectEveryPathGives(response, ledger.request());
}

TEST(EngineWalkTest, AProposedTransferRecordedKeepsItsCaseFileId) {
  // The transfer the engine proposed on 05-20, recorded by the host as
  // proposed: the next evaluation's case file has the action's id, so a
  // host that sent it already knows it.
  TestLedger ledger;
  ledger.AddCustomer("P1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("7003", "P1", "2026-01-15", "2026-02-16", 100000);
  ledger.AddNotice("7003", v1::STEP_KIND_COLLECTION_WARNING, "2026-04-16",
                   "2026-04-30", kFee2026);
  ledger.SetAsOfDate("2026-05-20");
  const v1::EvaluateResponse proposed = ledger.Evaluate();
  ASSERT_EQ(proposed.collection_hand_offs_size(), 1);
  ledger.Record(proposed);
  ledger.SetAsOfDate("2026-05-21");
  const v1::EvaluateResponse next = ledger.Evaluate();
  EXPECT_EQ(next.actions_size(), 0);
  ASSERT_EQ(next.collection_hand_offs_size(), 1);
  EXPECT_EQ(next.collection_hand_offs(0).action_id(),
            proposed.collection_hand_offs(0).action_id());
}

TEST(EngineWalkTest, RecordedTransfersCaseFilesAreTheSameInEveryPath) {
  // Proposed transfers and recorded ones awaiting their agency, over enough
  // invoices for several shards: the case files come in request order, the
  // same bytes from the tree, the bytes and two threads.
  TestLedger ledger;
  ledger.SetAsOfDate("2026-05-20");
  for (int c = 0; c < 300; ++c) {
    ledger.AddCustomer(absl::StrCat("K", c), v1::CUSTOMER_TYPE_PERSON);
  }
  for (int i = 0; i < 9000; ++i) {
    const std::string number = absl::StrCat("T", i);
    ledger.AddInvoice(number, absl::StrCat("K", i % 300), "2026-01-15",
                      "2026-02-16", 100000);
    ledger.AddNotice(number, v1::STEP_KIND_COLLECTION_WARNING, "2026-04-16",
                     "2026-04-30", kFee2026);
    if (i % 3 == 0) {
      v1::CollectionCase* recorded =
          ledger.request().mutable_history()->add_collection_cases();
      recorded->set_invoice_number(number);
      recorded->set_transferred_date("2026-05-15");
      if (i % 9 == 0) recorded->set_case_reference(absl::StrCat("IP-", i));
    }
  }
  absl::StatusOr<v1::EvaluateResponse> tree = Evaluate(ledger.request());
  ASSERT_TRUE(tree.ok()) << tree.status();
  EXPECT_EQ(tree->actions_size(), 6000);
  ASSERT_EQ(tree->collection_hand_offs_size(), 6000 + 2000);
  EXPECT_EQ(tree->collection_hand_offs(0).action_id(),
            "T1/collection/2026-05-20");
  EXPECT_EQ(tree->collection_hand_offs(2).action_id(),
            "T3/collection/2026-05-15");
  ExpectEveryPathGives(*tree, ledger.request());
}

TEST(EngineWalkTest, HandOffPassesOnWhatTheAgencyMayActOn) {
  // F17 and law.md § 3.1: the agency gets the charges that may be claimed,
  // not a påminnelse's recorded 70 kr fee (RECORDED_FEE_NOT_CLAIMABLE), so
  // the notices add up to the balance; and not the dunning module's own
  // comment or profile. From a parsed request and from its bytes alike.
  TestLedger ledger;
  v1::Customer* customer = ledger.AddCustomer("P1", v1::CUSTOMER_TYPE_PERSON);
  customer->set_comment("ringer alltid tilbake");
  customer->set_profile_id("streng");
  ledger.AddInvoice("7001", "P1", "2026-01-15", "2026-02-16", 100000);
  ledger.AddNotice("7001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03",
                   7000);
  ledger.AddNotice("7001", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01",
                   kFee2026);
  ledger.AddNotice("7001", v1::STEP_KIND_COLLECTION_WARNING, "2026-04-16",
                   "2026-04-30", kFee2026);
  // The warning's fee waived (gebyr trukket): nothing of it is claimed.
  v1::DunningHistory& history = *ledger.request().mutable_history();
  history.mutable_notices(history.notices_size() - 1)
      ->set_fee_waived_date("2026-05-02");
  ledger.SetAsOfDate("2026-05-20");
  absl::StatusOr<SerializedResponse> bytes =
      EvaluateBytes(ledger.request().SerializeAsString());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  v1::EvaluateResponse from_bytes;
  ASSERT_TRUE(from_bytes.ParseFromArray(bytes->data.get(),
                                        static_cast<int>(bytes->size)));
  for (const v1::EvaluateResponse& response : {ledger.Evaluate(), from_bytes}) {
    ASSERT_EQ(response.collection_hand_offs_size(), 1);
    const v1::CollectionCaseFile& file = response.collection_hand_offs(0);
    ASSERT_EQ(file.notices_size(), 3);
    EXPECT_EQ(file.notices(0).fee(), 0);
    EXPECT_EQ(file.notices(0).sent_date(), "2026-02-17");
    EXPECT_EQ(file.notices(1).fee(), kFee2026);
    EXPECT_EQ(file.notices(2).fee(), 0);
    EXPECT_EQ(file.notices(2).fee_waived_date(), "2026-05-02");
    EXPECT_EQ(file.balance().fees_charged(), kFee2026);
    EXPECT_EQ(file.notices(0).fee() + file.notices(1).fee() +
                  file.notices(2).fee(),
              file.balance().fees_charged());
    EXPECT_EQ(file.debtor().id(), "P1");
    EXPECT_EQ(file.debtor().comment(), "");
    EXPECT_EQ(file.debtor().profile_id(), "");
    // The result's history keeps what was recorded.
    EXPECT_EQ(response.results(0).history(0).fee(), 7000);
  }
}

TEST(EngineWalkTest, SameRequestSameBytesWhateverTheThreadCount) {
  TestLedger ledger;
  for (int c = 0; c < 40; ++c) {
    const std::string id = absl::StrCat("K", c);
    auto* customer = ledger.AddCustomer(
        id, c % 3 == 0 ? v1::CUSTOMER_TYPE_BUSINESS : v1::CUSTOMER_TYPE_PERSON);
    if (c % 7 == 0) customer->clear_invoice_email();
    for (int i = 0; i < 250; ++i) {
      const int n = c * 1000 + i;
      const absl::CivilDay due = absl::CivilDay(2026, 1, 1) + (n % 150);
      auto* invoice = ledger.AddInvoice(
          absl::StrCat(n), id, internal::FormatDate(due - 14),
          internal::FormatDate(due), 10000 + 37 * n);
      if (n % 5 == 0) {
        ledger.AddNotice(invoice->number(), v1::STEP_KIND_REMINDER,
                         internal::FormatDate(due + 1),
                         internal::FormatDate(due + 15));
      }
      if (n % 11 == 0) {
        auto* p = invoice->add_payments();
        p->set_date(internal::FormatDate(due + 3));
        p->set_amount(invoice->amount() / (n % 2 + 1));
      }
    }
  }
  ledger.SetAsOfDate("2026-05-04");
  std::string one, again, many;
  ASSERT_TRUE(ledger.Evaluate().SerializeToString(&one));
  ASSERT_TRUE(ledger.Evaluate().SerializeToString(&again));
  ledger.request().mutable_options()->set_threads(3);
  const v1::EvaluateResponse threaded = ledger.Evaluate();
  ASSERT_TRUE(threaded.SerializeToString(&many));
  EXPECT_EQ(one, again);
  EXPECT_EQ(one, many);
  EXPECT_EQ(threaded.results_size(), 10000);
  EXPECT_GT(threaded.actions_size(), 0);
  EXPECT_GT(threaded.letters_size(), 0);
  EXPECT_GT(threaded.customers_missing_address_size(), 0);
}

}  // namespace
}  // namespace purring::testing
