// Every F1 status and every step transition, through the public API with
// concrete dates (product.md F1, F6, F9, F10; law.md §§ 1.3, 3.1, 4.1).
#include <functional>
#include <string>

#include "engine_test_ledger.h"
#include "purring/limits.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace purring::testing {
namespace {

constexpr int64_t kAmount = 100000;  // 1 000 kr
// 1/20 × inkassosats 750 kr (2026), law.md § 3.2.
constexpr int64_t kFee2026 = 3750;

// A person (medium profile: reminder → dunning → warning) with invoice 1001
// due Monday 16 Feb 2026.
TestLedger BaseLedger() {
  TestLedger ledger;
  ledger.AddCustomer("P1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1001", "P1", "2026-02-01", "2026-02-16", kAmount);
  return ledger;
}

struct StatusCase {
  const char* name;
  std::function<void(TestLedger&)> setup;
  const char* as_of;
  v1::InvoiceStatus status;
  v1::NextStep next_step;
  const char* next_step_date;  // "" : not checked
};

void AddFullHistory(TestLedger& l) {
  l.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
  l.AddNotice("1001", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01", kFee2026);
  l.AddNotice("1001", v1::STEP_KIND_COLLECTION_WARNING, "2026-04-16",
              "2026-04-30", kFee2026);
}

TEST(EngineStatusTest, EveryStatusAndTransition) {
  const StatusCase cases[] = {
      {"due today: not due (interest from the day after, law.md § 1.3)",
       [](TestLedger&) {}, "2026-02-16", v1::INVOICE_STATUS_NOT_DUE,
       v1::NEXT_STEP_REMINDER, "2026-02-17"},
      {"day after due: the free reminder is ready (law.md § 4.1: any time "
       "after the due date)",
       [](TestLedger&) {}, "2026-02-17", v1::INVOICE_STATUS_READY_TO_SEND,
       v1::NEXT_STEP_REMINDER, "2026-02-17"},
      {"reminder sent, inside its deadline",
       [](TestLedger& l) {
         l.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
       },
       "2026-02-25", v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
       v1::NEXT_STEP_DUNNING, "2026-03-18"},
      {"seed: stays until 14 days after the reminder's deadline (03-03 + 14)",
       [](TestLedger& l) {
         l.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
       },
       "2026-03-17", v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
       v1::NEXT_STEP_DUNNING, "2026-03-18"},
      {"the day after: dunning ready",
       [](TestLedger& l) {
         l.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
       },
       "2026-03-18", v1::INVOICE_STATUS_READY_TO_SEND, v1::NEXT_STEP_DUNNING,
       "2026-03-18"},
      {"dunning sent: the warning waits for its deadline + 14",
       [](TestLedger& l) {
         l.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
         l.AddNotice("1001", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01",
                     kFee2026);
       },
       "2026-04-10", v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
       v1::NEXT_STEP_COLLECTION_WARNING, "2026-04-16"},
      {"warning ready",
       [](TestLedger& l) {
         l.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
         l.AddNotice("1001", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01",
                     kFee2026);
       },
       "2026-04-16", v1::INVOICE_STATUS_READY_TO_SEND,
       v1::NEXT_STEP_COLLECTION_WARNING, "2026-04-16"},
      {"warning sent, deadline + 14 not passed",
       AddFullHistory, "2026-05-14", v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
       v1::NEXT_STEP_TRANSFER_TO_COLLECTION, "2026-05-15"},
      {"every step sent and expired: consider collection", AddFullHistory,
       "2026-05-15", v1::INVOICE_STATUS_CONSIDER_COLLECTION,
       v1::NEXT_STEP_TRANSFER_TO_COLLECTION, "2026-05-15"},
      {"a collection case wins over everything, even payment",
       [](TestLedger& l) {
         AddFullHistory(l);
         auto* c = l.request().mutable_history()->add_collection_cases();
         c->set_invoice_number("1001");
         c->set_transferred_date("2026-05-15");
         c->set_state(v1::COLLECTION_CASE_STATE_ACTIVE);
         auto* p = l.request().mutable_invoices(0)->add_payments();
         p->set_date("2026-05-20");
         p->set_amount(500000);
       },
       "2026-05-25", v1::INVOICE_STATUS_IN_COLLECTION, v1::NEXT_STEP_UNSPECIFIED,
       ""},
      {"paid before due: paid, not 'not due'",
       [](TestLedger& l) {
         auto* p = l.request().mutable_invoices(0)->add_payments();
         p->set_date("2026-02-10");
         p->set_amount(kAmount);
       },
       "2026-02-12", v1::INVOICE_STATUS_PAID, v1::NEXT_STEP_UNSPECIFIED, ""},
      {"before the start-from cutoff (999 < 1000 as numbers)",
       [](TestLedger& l) {
         l.request().mutable_invoices(0)->set_number("999");
         l.settings().set_start_from_invoice_number("1000");
       },
       "2026-03-01", v1::INVOICE_STATUS_BEFORE_CUTOFF, v1::NEXT_STEP_UNSPECIFIED,
       ""},
      {"the cutoff number itself is dunned ('fra og med')",
       [](TestLedger& l) { l.settings().set_start_from_invoice_number("1001"); },
       "2026-03-01", v1::INVOICE_STATUS_READY_TO_SEND, v1::NEXT_STEP_REMINDER,
       ""},
      {"do not dun (customer)",
       [](TestLedger& l) { l.request().mutable_customers(0)->set_do_not_dun(true); },
       "2026-03-01", v1::INVOICE_STATUS_DO_NOT_DUN, v1::NEXT_STEP_UNSPECIFIED, ""},
      {"not due yet, flagged do not dun: no next step, as once overdue",
       [](TestLedger& l) { l.request().mutable_invoices(0)->set_do_not_dun(true); },
       "2026-02-10", v1::INVOICE_STATUS_NOT_DUE, v1::NEXT_STEP_UNSPECIFIED, ""},
      {"not due yet, its customer flagged do not dun: no next step either",
       [](TestLedger& l) { l.request().mutable_customers(0)->set_do_not_dun(true); },
       "2026-02-10", v1::INVOICE_STATUS_NOT_DUE, v1::NEXT_STEP_UNSPECIFIED, ""},
      {"not due yet, before the cutoff: no next step, as once overdue",
       [](TestLedger& l) {
         l.request().mutable_invoices(0)->set_number("999");
         l.settings().set_start_from_invoice_number("1000");
       },
       "2026-02-10", v1::INVOICE_STATUS_NOT_DUE, v1::NEXT_STEP_UNSPECIFIED, ""},
      {"objection via the portal: on hold",
       [](TestLedger& l) {
         auto* h = l.request().mutable_invoices(0)->add_holds();
         h->set_kind(v1::HOLD_KIND_OBJECTION);
         h->set_reason("Varen er returnert");
         h->set_start_date("2026-02-20");
       },
       "2026-03-01", v1::INVOICE_STATUS_ON_HOLD, v1::NEXT_STEP_REMINDER, ""},
      {"a hold's end date is its last day: still on hold",
       [](TestLedger& l) {
         auto* h = l.request().mutable_invoices(0)->add_holds();
         h->set_start_date("2026-02-20");
         h->set_end_date("2026-03-01");
       },
       "2026-03-01", v1::INVOICE_STATUS_ON_HOLD, v1::NEXT_STEP_REMINDER, ""},
      {"hold expired: resumes with the step it had not yet taken",
       [](TestLedger& l) {
         auto* h = l.request().mutable_invoices(0)->add_holds();
         h->set_start_date("2026-02-20");
         h->set_end_date("2026-02-28");
       },
       "2026-03-01", v1::INVOICE_STATUS_READY_TO_SEND, v1::NEXT_STEP_REMINDER,
       ""},
      {"hold after the reminder: released, resumes at dunning",
       [](TestLedger& l) {
         l.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
         auto* h = l.request().mutable_invoices(0)->add_holds();
         h->set_start_date("2026-03-05");
         h->set_end_date("2026-03-25");
       },
       // Its earliest day, 03-18, fell inside the hold: README "Statuses",
       // "no earlier than the day after the hold's end".
       "2026-03-26", v1::INVOICE_STATUS_READY_TO_SEND, v1::NEXT_STEP_DUNNING,
       "2026-03-26"},
      {"ready before a hold that has ended: next step the day after it",
       [](TestLedger& l) {
         auto* h = l.request().mutable_invoices(0)->add_holds();
         h->set_start_date("2026-03-01");
         h->set_end_date("2026-03-10");
       },
       // Ready since 02-17, paused 03-01..03-10: it resumed on 03-11.
       "2026-03-20", v1::INVOICE_STATUS_READY_TO_SEND, v1::NEXT_STEP_REMINDER,
       "2026-03-11"},
      {"not due yet, due inside a hold: next step the day after it",
       [](TestLedger& l) {
         auto* h = l.request().mutable_invoices(0)->add_holds();
         h->set_start_date("2026-02-14");
         h->set_end_date("2026-02-18");
       },
       "2026-02-16", v1::INVOICE_STATUS_NOT_DUE, v1::NEXT_STEP_REMINDER,
       "2026-02-19"},
      {"waiting, next day inside one hold then another: after both",
       [](TestLedger& l) {
         l.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
         auto* h = l.request().mutable_invoices(0)->add_holds();
         h->set_start_date("2026-03-10");
         h->set_end_date("2026-03-20");
         h = l.request().mutable_invoices(0)->add_holds();
         h->set_start_date("2026-03-21");
         h->set_end_date("2026-03-22");
       },
       "2026-03-09", v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED,
       v1::NEXT_STEP_DUNNING, "2026-03-23"},
      {"fee-bearing first step waits 14 days (inkassoforskriften § 1-2)",
       [](TestLedger& l) {
         auto* p = l.settings().add_profiles();
         p->set_id("kort");
         p->set_sequence(v1::STEP_SEQUENCE_DUNNING_WARNING);
         l.request().mutable_customers(0)->set_profile_id("kort");
       },
       "2026-02-20", v1::INVOICE_STATUS_WAITING, v1::NEXT_STEP_DUNNING,
       "2026-03-02"},
      {"... and is ready on due + 14",
       [](TestLedger& l) {
         auto* p = l.settings().add_profiles();
         p->set_id("kort");
         p->set_sequence(v1::STEP_SEQUENCE_DUNNING_WARNING);
         l.request().mutable_customers(0)->set_profile_id("kort");
       },
       "2026-03-02", v1::INVOICE_STATUS_READY_TO_SEND, v1::NEXT_STEP_DUNNING,
       "2026-03-02"},
      {"warning only, first_step_after_days 5: waiting",
       [](TestLedger& l) {
         auto* p = l.settings().add_profiles();
         p->set_id("varsel");
         p->set_sequence(v1::STEP_SEQUENCE_WARNING_ONLY);
         p->set_strictness(v1::FEE_STRICTNESS_OFF);
         p->set_first_step_after_days(5);
         l.request().mutable_customers(0)->set_profile_id("varsel");
       },
       "2026-02-20", v1::INVOICE_STATUS_WAITING,
       v1::NEXT_STEP_COLLECTION_WARNING, "2026-02-21"},
      {"due on Maundy Thursday 2026-04-02: not due until Tue 04-07",
       [](TestLedger& l) {
         l.request().mutable_invoices(0)->set_due_date("2026-04-02");
       },
       "2026-04-07", v1::INVOICE_STATUS_NOT_DUE, v1::NEXT_STEP_REMINDER,
       "2026-04-08"},
      {"due on 17 May 2024 (Fri; Whit Monday follows): due Tue 05-21",
       [](TestLedger& l) {
         l.request().mutable_invoices(0)->set_invoice_date("2024-05-01");
         l.request().mutable_invoices(0)->set_due_date("2024-05-17");
       },
       "2024-05-21", v1::INVOICE_STATUS_NOT_DUE, v1::NEXT_STEP_REMINDER,
       "2024-05-22"},
      {"17 May 2024 due date, day after the moved due date: ready",
       [](TestLedger& l) {
         l.request().mutable_invoices(0)->set_invoice_date("2024-05-01");
         l.request().mutable_invoices(0)->set_due_date("2024-05-17");
       },
       "2024-05-22", v1::INVOICE_STATUS_READY_TO_SEND, v1::NEXT_STEP_REMINDER,
       "2024-05-22"},
      {"shift_due_dates off: 17 May itself is the due date",
       [](TestLedger& l) {
         l.request().mutable_invoices(0)->set_invoice_date("2024-05-01");
         l.request().mutable_invoices(0)->set_due_date("2024-05-17");
         l.request().mutable_options()->set_shift_due_dates(false);
       },
       "2024-05-18", v1::INVOICE_STATUS_READY_TO_SEND, v1::NEXT_STEP_REMINDER,
       "2024-05-18"},
  };
  for (const StatusCase& c : cases) {
    SCOPED_TRACE(c.name);
    TestLedger ledger = BaseLedger();
    c.setup(ledger);
    ledger.SetAsOfDate(c.as_of);
    const v1::EvaluateResponse response = ledger.Evaluate();
    ASSERT_EQ(response.results_size(), 1);
    const v1::InvoiceResult& r = response.results(0);
    EXPECT_EQ(r.status(), c.status);
    EXPECT_EQ(r.next_step(), c.next_step);
    if (*c.next_step_date != '\0') EXPECT_EQ(r.next_step_date(), c.next_step_date);
    const bool acts = c.status == v1::INVOICE_STATUS_READY_TO_SEND ||
                      c.status == v1::INVOICE_STATUS_CONSIDER_COLLECTION;
    EXPECT_EQ(response.actions_size(), acts ? 1 : 0);
    EXPECT_EQ(r.action_ids_size(), acts ? 1 : 0);
  }
}

TEST(EngineStatusTest, MoneyDatedAfterTheAsOfDateIsFlagged) {
  // F13: the balance at the as-of date counts what was paid and credited by
  // then. A payment or credit note dated later is not counted yet, and the
  // invoice is dunned as unpaid: the response says so, on the invoice.
  TestLedger ledger = BaseLedger();
  v1::Invoice& invoice = *ledger.request().mutable_invoices(0);
  v1::Payment* payment = invoice.add_payments();
  payment->set_date("2026-03-20");
  payment->set_amount(60000);
  v1::CreditNote* credit = invoice.add_credit_notes();
  credit->set_number("K-1");
  credit->set_date("2026-03-21");
  credit->set_amount(40000);
  ledger.SetAsOfDate("2026-03-01");
  v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "1001").status(),
            v1::INVOICE_STATUS_READY_TO_SEND);
  EXPECT_EQ(ResultOf(response, "1001").balance().paid(), 0);
  ASSERT_EQ(response.warnings_size(), 1);
  EXPECT_EQ(response.warnings(0).code(), "PAYMENT_AFTER_AS_OF");
  EXPECT_EQ(response.warnings(0).invoice_number(), "1001");
  EXPECT_EQ(response.warnings(0).message(),
            "invoice \"1001\": 2 payments or credit notes of 100000 øre dated "
            "after the as-of date 2026-03-01 not counted");
  // The payment's day come, the credit note alone is still ahead: flagged
  // too (a host must not take the invoice as credited yet).
  ledger.SetAsOfDate("2026-03-20");
  response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "1001").balance().paid(), 60000);
  EXPECT_EQ(ResultOf(response, "1001").balance().credited(), 0);
  ASSERT_EQ(response.warnings_size(), 1);
  EXPECT_EQ(response.warnings(0).code(), "PAYMENT_AFTER_AS_OF");
  EXPECT_EQ(response.warnings(0).message(),
            "invoice \"1001\": 1 payment or credit note of 40000 øre dated "
            "after the as-of date 2026-03-20 not counted");
  // Once both dates have come: paid, nothing to flag.
  ledger.SetAsOfDate("2026-03-21");
  response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "1001").status(), v1::INVOICE_STATUS_PAID);
  EXPECT_EQ(response.warnings_size(), 0);
}

// Evaluates as of `date`, records what the engine proposes as a host does,
// and returns what the notice's letter asks of invoice 1001.
int64_t SendNext(TestLedger& ledger, const char* date) {
  ledger.SetAsOfDate(date);
  const v1::EvaluateResponse response = ledger.Evaluate();
  ledger.Record(response);
  EXPECT_EQ(response.actions_size(), 1) << date;
  return response.actions_size() > 0 ? response.actions(0).amount_claimed() : 0;
}

void Pay(TestLedger& ledger, const char* date, int64_t amount) {
  v1::Payment* p = ledger.request().mutable_invoices(0)->add_payments();
  p->set_date(date);
  p->set_amount(amount);
}

TEST(EngineStatusTest, PayingWhatTheDunningDemandedInTimeEarnsNoSecondFee) {
  // inkassoforskriften § 1-3 (law.md § 3.1): the second fee only when the
  // debtor "exceeded a payment deadline of at least 14 days set in the first
  // purring". Paying, by its deadline, exactly what the dunning letter of
  // 03-18 asked leaves the interest since open, but exceeds nothing.
  TestLedger ledger = BaseLedger();
  SendNext(ledger, "2026-02-17");                          // reminder
  const int64_t asked = SendNext(ledger, "2026-03-18");   // dunning, a fee
  TestLedger late = ledger;
  Pay(ledger, "2026-03-25", asked);
  Pay(late, "2026-04-02", asked);  // a day after the deadline
  ledger.SetAsOfDate("2026-04-16");
  late.SetAsOfDate("2026-04-16");
  const v1::InvoiceResult in_time = ResultOf(ledger.Evaluate(), "1001");
  EXPECT_EQ(in_time.status(), v1::INVOICE_STATUS_READY_TO_SEND);
  EXPECT_GT(in_time.balance().total(), 0);  // the interest since
  EXPECT_EQ(in_time.next_step(), v1::NEXT_STEP_COLLECTION_WARNING);
  EXPECT_EQ(in_time.next_step_fee(), 0);
  EXPECT_THAT(in_time.next_step_fee_note(),
              ::testing::HasSubstr("demanded was paid by its deadline"));
  EXPECT_EQ(ResultOf(late.Evaluate(), "1001").next_step_fee(), kFee2026);
}

TEST(EngineStatusTest, AWarningWhoseAmountWasPaidInTimeAllowsNoTransfer) {
  // inkassoloven § 9 (law.md § 4.1): collection only once the warning's
  // deadline "har løpt ut uten at beløpet er betalt". Paying what the
  // warning letter of 04-16 asked by 04-30 leaves only the interest since,
  // which no warning has demanded: a new warning, not the transfer.
  TestLedger ledger = BaseLedger();
  SendNext(ledger, "2026-02-17");
  SendNext(ledger, "2026-03-18");
  const int64_t asked = SendNext(ledger, "2026-04-16");  // the warning
  TestLedger short_by_one = ledger;
  Pay(ledger, "2026-04-30", asked);
  Pay(short_by_one, "2026-04-30", asked - 1);
  ledger.SetAsOfDate("2026-05-20");
  short_by_one.SetAsOfDate("2026-05-20");
  const v1::EvaluateResponse response = ledger.Evaluate();
  const v1::InvoiceResult& paid = ResultOf(response, "1001");
  EXPECT_EQ(paid.status(), v1::INVOICE_STATUS_READY_TO_SEND);
  EXPECT_EQ(paid.next_step(), v1::NEXT_STEP_COLLECTION_WARNING);
  EXPECT_EQ(paid.next_step_fee(), 0);  // two fees already (§ 1-3)
  ASSERT_EQ(response.warnings_size(), 1);
  EXPECT_EQ(response.warnings(0).code(), "COLLECTION_WARNING_NOT_VALID");
  EXPECT_THAT(response.warnings(0).message(),
              ::testing::HasSubstr("demanded was paid by its deadline"));
  EXPECT_EQ(ResultOf(short_by_one.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_CONSIDER_COLLECTION);
}

TEST(EngineStatusTest, ATransferTheHostMadeWithoutAValidWarningIsFlagged) {
  // inkassoloven § 9 (law.md § 4.1): no collection steps before a warning
  // sent after the due date has a deadline of at least 14 days that has run
  // out unpaid. A transfer recorded 8 days after the due date with no
  // notice, one made on the warning's own deadline, and one made the day
  // after it (valid): all in collection, the first two flagged.
  auto transferred = [](const char* date) {
    TestLedger ledger = BaseLedger();
    if (std::string(date) != "2026-02-24") AddFullHistory(ledger);
    auto* c = ledger.request().mutable_history()->add_collection_cases();
    c->set_invoice_number("1001");
    c->set_transferred_date(date);
    ledger.SetAsOfDate("2026-06-01");
    return ledger.Evaluate();
  };
  for (const char* date : {"2026-02-24", "2026-04-30"}) {
    const v1::EvaluateResponse response = transferred(date);
    EXPECT_EQ(ResultOf(response, "1001").status(),
              v1::INVOICE_STATUS_IN_COLLECTION);
    ASSERT_EQ(response.warnings_size(), 1) << date;
    EXPECT_EQ(response.warnings(0).code(), "TRANSFER_WITHOUT_VALID_WARNING");
    EXPECT_EQ(response.warnings(0).invoice_number(), "1001");
    EXPECT_THAT(response.warnings(0).message(),
                ::testing::HasSubstr(std::string("on ") + date));
  }
  const v1::EvaluateResponse valid = transferred("2026-05-01");
  EXPECT_EQ(ResultOf(valid, "1001").status(), v1::INVOICE_STATUS_IN_COLLECTION);
  EXPECT_EQ(valid.warnings_size(), 0);
}

TEST(EngineStatusTest, ATransferTheHostMadeDuringAnObjectionIsFlagged) {
  // law.md § 7 (inkassoloven § 17 (2)): no collection costs where the
  // debtor had objections it was reasonable to have assessed; F10: an
  // objection pauses the invoice. A valid transfer on 05-01 with the
  // debtor's objection open from 04-20 is flagged; one that ended on
  // 04-30, or a hold of another kind, is not.
  auto transferred_with = [](v1::HoldKind kind, const char* end) {
    TestLedger ledger = BaseLedger();
    AddFullHistory(ledger);
    v1::Hold* hold = ledger.request().mutable_invoices(0)->add_holds();
    hold->set_kind(kind);
    hold->set_start_date("2026-04-20");
    hold->set_end_date(end);
    auto* c = ledger.request().mutable_history()->add_collection_cases();
    c->set_invoice_number("1001");
    c->set_transferred_date("2026-05-01");
    ledger.SetAsOfDate("2026-06-01");
    return ledger.Evaluate();
  };
  for (const char* end : {"", "2026-05-01"}) {
    const v1::EvaluateResponse response =
        transferred_with(v1::HOLD_KIND_OBJECTION, end);
    EXPECT_EQ(ResultOf(response, "1001").status(),
              v1::INVOICE_STATUS_IN_COLLECTION);
    ASSERT_EQ(response.warnings_size(), 1) << end;
    EXPECT_EQ(response.warnings(0).code(), "TRANSFER_DURING_OBJECTION");
    EXPECT_EQ(response.warnings(0).message(),
              "invoice \"1001\": transferred to collection on 2026-05-01 "
              "while the debtor's objection recorded from 2026-04-20 was "
              "open: no collection costs may be claimed where the debtor had "
              "objections it was reasonable to have assessed (inkassoloven "
              "§ 17 (2)); the case file lists it");
  }
  EXPECT_EQ(
      transferred_with(v1::HOLD_KIND_OBJECTION, "2026-04-30").warnings_size(),
      0);
  EXPECT_EQ(transferred_with(v1::HOLD_KIND_MANUAL, "").warnings_size(), 0);
}

// BaseLedger with the reminder of 02-17, the dunning of 03-18 and the
// warning of 04-16 (deadline 04-30) sent as the engine proposed them, and
// what the warning demanded paid on `paid_on`.
TestLedger WarningPaidOn(const char* paid_on) {
  TestLedger ledger = BaseLedger();
  SendNext(ledger, "2026-02-17");
  SendNext(ledger, "2026-03-18");
  Pay(ledger, paid_on, SendNext(ledger, "2026-04-16"));
  return ledger;
}

TEST(EngineStatusTest, ATransferAfterAWarningPaidInTimeStaysFlaggedOncePaidOff) {
  // inkassoloven § 9 (law.md § 4.1): the warning of 04-16 was paid in full
  // by its deadline 04-30, so a transfer recorded on 05-20 had no valid
  // warning; paying the rest after the transfer does not mend that.
  TestLedger ledger = WarningPaidOn("2026-04-30");
  auto* c = ledger.request().mutable_history()->add_collection_cases();
  c->set_invoice_number("1001");
  c->set_transferred_date("2026-05-20");
  ledger.SetAsOfDate("2026-06-01");
  const v1::EvaluateResponse owing = ledger.Evaluate();
  ASSERT_EQ(owing.warnings_size(), 1);
  EXPECT_EQ(owing.warnings(0).code(), "TRANSFER_WITHOUT_VALID_WARNING");
  Pay(ledger, "2026-05-25", ResultOf(owing, "1001").balance().total());
  const v1::EvaluateResponse paid_off = ledger.Evaluate();
  EXPECT_EQ(ResultOf(paid_off, "1001").balance().total(), 0);
  EXPECT_EQ(ResultOf(paid_off, "1001").status(),
            v1::INVOICE_STATUS_IN_COLLECTION);
  ASSERT_EQ(paid_off.warnings_size(), 1);
  EXPECT_EQ(paid_off.warnings(0).code(), "TRANSFER_WITHOUT_VALID_WARNING");
}

TEST(EngineStatusTest, APaymentDatedAfterTheAsOfDatePaysNoDemandYet) {
  // A payment counts from its date (PAYMENT_AFTER_AS_OF): the warning of
  // 04-16 (deadline 04-30) paid as demanded on 04-25 is, as of 04-20, still
  // unpaid, and the transfer comes next (inkassoloven § 9); as of 04-25 it
  // is paid, and the interest since takes a second warning instead.
  TestLedger ledger = WarningPaidOn("2026-04-25");
  ledger.SetAsOfDate("2026-04-20");
  const v1::EvaluateResponse before = ledger.Evaluate();
  EXPECT_EQ(ResultOf(before, "1001").status(),
            v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED);
  EXPECT_EQ(ResultOf(before, "1001").next_step(),
            v1::NEXT_STEP_TRANSFER_TO_COLLECTION);
  ASSERT_EQ(before.warnings_size(), 1);
  EXPECT_EQ(before.warnings(0).code(), "PAYMENT_AFTER_AS_OF");
  ledger.SetAsOfDate("2026-04-25");
  const v1::EvaluateResponse paid = ledger.Evaluate();
  EXPECT_EQ(ResultOf(paid, "1001").next_step(),
            v1::NEXT_STEP_COLLECTION_WARNING);
  EXPECT_GT(ResultOf(paid, "1001").balance().total(), 0);
}

TEST(EngineStatusTest, ATransferOnTheRepeatedWarningsDeadlineIsFlagged) {
  // inkassoloven § 9 (law.md § 4.1): the warning of 04-16 was paid as it
  // demanded by its deadline, so the interest since took a second warning,
  // sent 05-15 with the deadline 05-29. A transfer recorded on that deadline
  // came before it had run out and is flagged; one the day after is valid.
  TestLedger ledger = WarningPaidOn("2026-04-30");
  ledger.SetAsOfDate("2026-05-14");
  EXPECT_EQ(ResultOf(ledger.Evaluate(), "1001").next_step_date(), "2026-05-15");
  SendNext(ledger, "2026-05-15");  // the second warning
  auto transferred = [&ledger](const char* date) {
    TestLedger with_case = ledger;
    auto* c = with_case.request().mutable_history()->add_collection_cases();
    c->set_invoice_number("1001");
    c->set_transferred_date(date);
    with_case.SetAsOfDate("2026-06-15");
    return with_case.Evaluate();
  };
  const v1::EvaluateResponse early = transferred("2026-05-29");
  EXPECT_EQ(ResultOf(early, "1001").status(), v1::INVOICE_STATUS_IN_COLLECTION);
  ASSERT_EQ(early.warnings_size(), 1);
  EXPECT_EQ(early.warnings(0).code(), "TRANSFER_WITHOUT_VALID_WARNING");
  const v1::EvaluateResponse valid = transferred("2026-05-30");
  EXPECT_EQ(ResultOf(valid, "1001").status(), v1::INVOICE_STATUS_IN_COLLECTION);
  EXPECT_EQ(valid.warnings_size(), 0);
}

TEST(EngineStatusTest, AnAutomaticLettersAmountIsWhatItDemanded) {
  // F8: after 11:00 the automatic notice is made today and sent tomorrow;
  // its letter asks the balance of today. Paying that by the deadline is
  // paying what it demanded (inkassoloven § 9), though a day's more
  // interest ran before it was sent.
  TestLedger ledger = BaseLedger();
  AddFullHistory(ledger);
  ledger.request().mutable_history()->mutable_notices()->RemoveLast();
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  ledger.settings().set_collection_transfer(v1::MODE_AUTOMATIC);
  ledger.settings().set_first_dispatch(v1::FIRST_DISPATCH_TODAY_AFTER_11);
  *ledger.settings().mutable_automation_enabled_at() =
      Instant("2026-02-02T08:00:00Z");
  ledger.SetAsOf("2026-04-16T12:00:00Z");  // 14:00 Oslo: sent 04-17
  v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.actions_size(), 1);
  ASSERT_EQ(response.actions(0).date(), "2026-04-17");
  const int64_t asked = response.actions(0).amount_claimed();
  ledger.Record(response);
  TestLedger short_by_one = ledger;
  Pay(ledger, "2026-05-01", asked);  // on the deadline
  Pay(short_by_one, "2026-05-01", asked - 1);
  ledger.SetAsOf("2026-05-20T08:00:00Z");
  short_by_one.SetAsOf("2026-05-20T08:00:00Z");
  EXPECT_EQ(ResultOf(ledger.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_READY_TO_SEND);
  EXPECT_EQ(ResultOf(short_by_one.Evaluate(), "1001").status(),
            v1::INVOICE_STATUS_CONSIDER_COLLECTION);
}

// BaseLedger with every step sent, progression automatic since February and
// the transfer to collection as given: the automatic dispatch runs 11:00
// Oslo, so one evaluated at 14:00 is tomorrow's.
TestLedger AutomaticNoticesLedger(v1::Mode collection_transfer,
                                  const char* as_of) {
  TestLedger ledger = BaseLedger();
  AddFullHistory(ledger);
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  ledger.settings().set_collection_transfer(collection_transfer);
  ledger.settings().set_first_dispatch(v1::FIRST_DISPATCH_TODAY_AFTER_11);
  *ledger.settings().mutable_automation_enabled_at() =
      Instant("2026-02-02T08:00:00Z");
  ledger.SetAsOf(as_of);
  return ledger;
}

TEST(EngineStatusTest, TheTransferIsAutomaticOnlyWhenItsOwnModeIs) {
  // F8: progression and transfer to collection are manual or automatic
  // each on its own. The warning's deadline 04-30 and 14 days after it
  // have passed by 05-20 (settings.proto days_after_deadline).
  const v1::EvaluateResponse manual =
      AutomaticNoticesLedger(v1::MODE_MANUAL, "2026-05-20T12:00:00Z")
          .Evaluate();
  EXPECT_EQ(ResultOf(manual, "1001").status(),
            v1::INVOICE_STATUS_CONSIDER_COLLECTION);
  ASSERT_EQ(manual.actions_size(), 1);
  const v1::ProposedAction& proposed = manual.actions(0);
  EXPECT_EQ(proposed.kind(), v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
  EXPECT_FALSE(proposed.automatic());
  EXPECT_EQ(proposed.date(), "2026-05-20");  // the host's to make, now
  EXPECT_TRUE(manual.next_dispatch().enabled());
  EXPECT_EQ(manual.next_dispatch().date(), "2026-05-21");
  EXPECT_THAT(manual.next_dispatch().action_ids(), ::testing::IsEmpty());

  const v1::EvaluateResponse automatic =
      AutomaticNoticesLedger(v1::MODE_AUTOMATIC, "2026-05-20T12:00:00Z")
          .Evaluate();
  ASSERT_EQ(automatic.actions_size(), 1);
  EXPECT_TRUE(automatic.actions(0).automatic());
  EXPECT_EQ(automatic.actions(0).date(), "2026-05-21");
  EXPECT_THAT(automatic.next_dispatch().action_ids(),
              ::testing::ElementsAre(automatic.actions(0).id()));
}

TEST(EngineStatusTest, ATransferIsUpcomingOnlyWhenItsModeIsAutomatic) {
  // F8: the host is told what the next dispatch would carry out. Evaluated
  // the day before the transfer falls due, after 11:00: the dispatch is on
  // its day.
  const v1::EvaluateResponse manual =
      AutomaticNoticesLedger(v1::MODE_MANUAL, "2026-05-14T12:00:00Z")
          .Evaluate();
  const v1::InvoiceResult& row = ResultOf(manual, "1001");
  ASSERT_EQ(row.status(), v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED);
  ASSERT_EQ(row.next_step(), v1::NEXT_STEP_TRANSFER_TO_COLLECTION);
  ASSERT_EQ(row.next_step_date(), manual.next_dispatch().date());
  EXPECT_THAT(manual.next_dispatch().upcoming_invoice_numbers(),
              ::testing::IsEmpty());
  const v1::EvaluateResponse automatic =
      AutomaticNoticesLedger(v1::MODE_AUTOMATIC, "2026-05-14T12:00:00Z")
          .Evaluate();
  EXPECT_THAT(automatic.next_dispatch().upcoming_invoice_numbers(),
              ::testing::ElementsAre("1001"));
}

TEST(EngineStatusTest, TheLastSynchronisationIsEchoedWhenGiven) {
  // F5: the response reports the snapshot's age as the host gave it, and
  // no time when the host gave none.
  TestLedger ledger = BaseLedger();
  ledger.SetAsOf("2026-03-01T10:00:00Z");
  EXPECT_FALSE(ledger.Evaluate().has_last_synchronized());
  *ledger.request().mutable_last_synchronized() =
      Instant("2026-03-01T07:45:00Z");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_TRUE(response.has_last_synchronized());
  EXPECT_EQ(response.last_synchronized().seconds(),
            Instant("2026-03-01T07:45:00Z").seconds());
}

TEST(EngineStatusTest, ADebtorInCreditIsNotDunned) {
  // F13: what the debtor is owed back (here a credit note beyond the
  // principal left) is set off against the fee and interest they owe, in
  // the legal order (law.md § 7): a debtor in credit is not dunned.
  TestLedger ledger = BaseLedger();
  SendNext(ledger, "2026-02-17");
  SendNext(ledger, "2026-03-18");  // a fee, and interest claimed
  Pay(ledger, "2026-03-20", 90000);
  v1::CreditNote* credit = ledger.request().mutable_invoices(0)->add_credit_notes();
  credit->set_number("K-1");
  credit->set_date("2026-03-22");
  credit->set_amount(20000);
  ledger.SetAsOfDate("2026-04-16");
  const v1::InvoiceResult result = ResultOf(ledger.Evaluate(), "1001");
  const v1::Balance& b = result.balance();
  EXPECT_EQ(result.status(), v1::INVOICE_STATUS_PAID);
  EXPECT_EQ(b.total(), 0);
  EXPECT_EQ(b.fees_outstanding(), 0);
  EXPECT_EQ(b.interest_outstanding(), 0);
  // Balance identity: total − overpaid = original − credited + fees +
  // compensation + interest − paid.
  EXPECT_EQ(b.total() - b.overpaid(),
            b.original() - b.credited() + b.fees_charged() +
                b.compensation_charged() + b.interest_claimed() - b.paid());
  EXPECT_GT(b.overpaid(), 0);
}

// Invoice 1001 after the reminder and a dunning notice whose 37.50 kr fee
// is waived on `waived`.
TestLedger WaivedDunningLedger(const char* waived) {
  TestLedger ledger = BaseLedger();
  ledger.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
  ledger.AddNotice("1001", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01",
                   kFee2026)
      ->set_fee_waived_date(waived);
  return ledger;
}

TEST(EngineStatusTest, AFeeWaivedAfterTheAsOfDateIsStillOwedOnIt) {
  // history.proto: a waived fee (gebyr trukket) is not claimed, from the
  // day it is waived: evaluated as of an earlier day it is owed, as a
  // payment dated later is not yet counted (F13).
  // It says so, as for such money (WAIVER_AFTER_AS_OF), until its day.
  TestLedger ledger = WaivedDunningLedger("2026-03-25");
  ledger.SetAsOfDate("2026-03-24");
  v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "1001").balance().fees_charged(), kFee2026);
  ASSERT_EQ(response.warnings_size(), 1);
  EXPECT_EQ(response.warnings(0).code(), "WAIVER_AFTER_AS_OF");
  EXPECT_EQ(response.warnings(0).invoice_number(), "1001");
  EXPECT_EQ(response.warnings(0).message(),
            "invoice \"1001\": 1 notice's fee waiver dated after the as-of "
            "date 2026-03-24 not counted: what it waives is still claimed, "
            "also by actions dated after the as-of date");
  ledger.SetAsOfDate("2026-03-25");
  response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "1001").balance().fees_charged(), 0);
  EXPECT_EQ(response.warnings_size(), 0);
}

TEST(EngineStatusTest, AWaiverAfterTheAsOfDateIsNotReportedYet) {
  // F18 "fees waived" by month, "as in the balance" (evaluate.proto
  // MonthlyReport): a waiver dated after the as-of date is not made yet,
  // in March's report nor in a report for April.
  TestLedger ledger = WaivedDunningLedger("2026-04-10");
  auto waived_in = [](const v1::EvaluateResponse& response,
                      absl::string_view month) {
    const v1::MonthlyReport* report = ReportFor(response, month);
    return report == nullptr ? -1 : report->fees_waived_count();
  };
  ledger.SetAsOfDate("2026-04-09");
  v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "1001").balance().fees_charged(), kFee2026);
  EXPECT_EQ(waived_in(response, "2026-03"), 0);
  EXPECT_EQ(waived_in(response, "2026-04"), -1);  // no April report
  ledger.SetAsOfDate("2026-04-10");
  response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "1001").balance().fees_charged(), 0);
  EXPECT_EQ(waived_in(response, "2026-04"), 1);
  EXPECT_EQ(ReportFor(response, "2026-04")->fees_waived_amount(), kFee2026);
}

TEST(EngineStatusTest, DetailsOfEachStatus) {
  TestLedger ledger = BaseLedger();
  ledger.AddCustomer("B1", v1::CUSTOMER_TYPE_BUSINESS)->set_do_not_dun(true);
  ledger.AddInvoice("2001", "B1", "2026-02-01", "2026-02-16", kAmount)
      ->set_do_not_dun(true);
  ledger.AddInvoice("2002", "B1", "2026-02-01", "2026-02-16", kAmount);
  auto* held = ledger.AddInvoice("1002", "P1", "2026-02-01", "2026-02-16", kAmount);
  auto* h1 = held->add_holds();
  h1->set_kind(v1::HOLD_KIND_MANUAL);
  h1->set_reason("first");
  h1->set_start_date("2026-02-18");
  auto* h2 = held->add_holds();
  h2->set_kind(v1::HOLD_KIND_OBJECTION);
  h2->set_reason("Feil antall");
  h2->set_start_date("2026-02-20");
  h2->set_end_date("2026-03-31");
  AddFullHistory(ledger);
  auto* c = ledger.request().mutable_history()->add_collection_cases();
  c->set_invoice_number("1001");
  c->set_transferred_date("2026-05-15");
  ledger.SetAsOfDate("2026-03-01");
  const v1::EvaluateResponse response = ledger.Evaluate();

  const v1::InvoiceResult& collected = ResultOf(response, "1001");
  EXPECT_EQ(collected.status(), v1::INVOICE_STATUS_IN_COLLECTION);
  // An unspecified case state reads as "not started".
  EXPECT_EQ(collected.collection_state(), v1::COLLECTION_CASE_STATE_NOT_STARTED);
  EXPECT_EQ(ResultOf(response, "2001").do_not_dun_source(),
            v1::DO_NOT_DUN_SOURCE_INVOICE);
  EXPECT_EQ(ResultOf(response, "2002").do_not_dun_source(),
            v1::DO_NOT_DUN_SOURCE_CUSTOMER);
  EXPECT_EQ(ResultOf(response, "2002").customer_type(),
            v1::CUSTOMER_TYPE_BUSINESS);

  const v1::InvoiceResult& on_hold = ResultOf(response, "1002");
  EXPECT_EQ(on_hold.status(), v1::INVOICE_STATUS_ON_HOLD);
  // The hold that started last is reported.
  EXPECT_EQ(on_hold.hold().kind(), v1::HOLD_KIND_OBJECTION);
  EXPECT_EQ(on_hold.hold().reason(), "Feil antall");
  EXPECT_EQ(on_hold.hold().since(), "2026-02-20");
  EXPECT_EQ(on_hold.hold().until(), "2026-03-31");
  // The first hold has no end and still runs after the second's: no day.
  EXPECT_EQ(on_hold.next_step_date(), "");

  // Status counts: one per status present, sorted by status number.
  ASSERT_EQ(response.status_counts_size(), 3);
  EXPECT_EQ(response.status_counts(0).status(), v1::INVOICE_STATUS_DO_NOT_DUN);
  EXPECT_EQ(response.status_counts(0).count(), 2);
  EXPECT_EQ(response.status_counts(1).status(), v1::INVOICE_STATUS_ON_HOLD);
  EXPECT_EQ(response.status_counts(2).status(), v1::INVOICE_STATUS_IN_COLLECTION);
}

TEST(EngineStatusTest, OfTwoHoldsStartingTheSameDayTheLongerIsReported) {
  // README "Statuses" 6: the end shown is when the pause really ends. An
  // open-ended manual hold and an objection to 03-10, both from 03-01,
  // listed in either order: the open-ended one is reported.
  for (bool open_first : {true, false}) {
    TestLedger ledger = BaseLedger();
    auto* held =
        ledger.AddInvoice("1002", "P1", "2026-02-01", "2026-02-16", kAmount);
    for (int k = 0; k < 2; ++k) {
      const bool open = (k == 0) == open_first;
      auto* hold = held->add_holds();
      hold->set_kind(open ? v1::HOLD_KIND_MANUAL : v1::HOLD_KIND_OBJECTION);
      hold->set_start_date("2026-03-01");
      if (!open) hold->set_end_date("2026-03-10");
    }
    ledger.SetAsOfDate("2026-03-05");
    const v1::EvaluateResponse response = ledger.Evaluate();
    const v1::InvoiceResult& r = ResultOf(response, "1002");
    EXPECT_EQ(r.status(), v1::INVOICE_STATUS_ON_HOLD);
    EXPECT_EQ(r.hold().kind(), v1::HOLD_KIND_MANUAL) << open_first;
    EXPECT_EQ(r.hold().until(), "") << open_first;
    EXPECT_EQ(r.next_step_date(), "") << open_first;
  }
}

TEST(EngineStatusTest, AnOpenHoldSaysWhyTheNextStepHasNoFee) {
  // evaluate.proto next_step_fee: while a hold with no end runs the step
  // has no day, so no fee: the note says so where the step could carry one
  // (a purring under `medium`), and not before a påminnelse, which never
  // does (law.md § 3.1).
  TestLedger ledger = BaseLedger();
  for (const char* number : {"1002", "1003"}) {
    auto* held =
        ledger.AddInvoice(number, "P1", "2026-02-01", "2026-02-16", kAmount);
    auto* hold = held->add_holds();
    hold->set_kind(v1::HOLD_KIND_OBJECTION);
    hold->set_start_date("2026-03-04");
  }
  ledger.AddNotice("1003", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
  ledger.SetAsOfDate("2026-03-05");
  const v1::EvaluateResponse response = ledger.Evaluate();
  const v1::InvoiceResult& reminder = ResultOf(response, "1002");
  EXPECT_EQ(reminder.status(), v1::INVOICE_STATUS_ON_HOLD);
  EXPECT_EQ(reminder.next_step(), v1::NEXT_STEP_REMINDER);
  EXPECT_EQ(reminder.next_step_fee(), 0);
  EXPECT_EQ(reminder.next_step_fee_note(), "");
  const v1::InvoiceResult& dunning = ResultOf(response, "1003");
  EXPECT_EQ(dunning.status(), v1::INVOICE_STATUS_ON_HOLD);
  EXPECT_EQ(dunning.next_step(), v1::NEXT_STEP_DUNNING);
  EXPECT_EQ(dunning.next_step_date(), "");
  EXPECT_EQ(dunning.next_step_fee(), 0);
  EXPECT_THAT(dunning.next_step_fee_note(),
              ::testing::HasSubstr("paused until the hold is released"));
}

TEST(EngineStatusTest, AFeeDatedInAYearWithoutItsSatsSaysItIsAForecast) {
  // law.md § 3.1: the fee is 1/20 of the inkassosats in force on the day
  // the notice is sent. The built-in tables end with 2026's 750 kr: a
  // purring previewed in December for January is reckoned on it, and says
  // so; one still in 2026 is not.
  TestLedger ledger;
  ledger.AddCustomer("P1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("1001", "P1", "2026-11-01", "2026-11-16", kAmount);
  ledger.AddInvoice("1002", "P1", "2026-11-01", "2026-11-02", kAmount);
  ledger.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-12-01", "2026-12-15");
  ledger.AddNotice("1002", v1::STEP_KIND_REMINDER, "2026-11-03", "2026-11-17");
  ledger.SetAsOfDate("2026-12-10");
  const v1::EvaluateResponse response = ledger.Evaluate();
  for (const char* number : {"1001", "1002"}) {
    const v1::InvoiceResult& in_2026 = ResultOf(response, number);
    EXPECT_EQ(in_2026.next_step(), v1::NEXT_STEP_DUNNING) << number;
    EXPECT_EQ(in_2026.next_step_date().substr(0, 4), "2026") << number;
    EXPECT_EQ(in_2026.next_step_fee(), kFee2026) << number;
    EXPECT_EQ(in_2026.next_step_fee_note(), "") << number;
  }

  // The reminder sent three days later: its deadline + 14 days ends on
  // New Year's Day, so the purring comes on 2 January.
  ledger.request().mutable_history()->mutable_notices(0)->set_sent_date(
      "2026-12-04");
  ledger.request().mutable_history()->mutable_notices(0)->set_deadline(
      "2026-12-18");
  const v1::InvoiceResult later = ResultOf(ledger.Evaluate(), "1001");
  EXPECT_EQ(later.next_step_date(), "2027-01-02");
  EXPECT_EQ(later.next_step_fee(), kFee2026);
  EXPECT_EQ(later.next_step_fee_note(),
            "the rate tables have no inkassosats for 2027: reckoned on the "
            "last one");

  // Ready now, but sent by the automatic dispatch on New Year's Day: the
  // action and its row say the same.
  ledger.settings().set_progression(v1::MODE_AUTOMATIC);
  *ledger.settings().mutable_automation_enabled_at() =
      Instant("2026-11-02T08:30:00Z");
  ledger.SetAsOf("2026-12-31T12:00:00Z");  // 13:00 Oslo: after the dispatch
  const v1::EvaluateResponse at_new_year = ledger.Evaluate();
  const v1::InvoiceResult& ready = ResultOf(at_new_year, "1002");
  ASSERT_EQ(ready.status(), v1::INVOICE_STATUS_READY_TO_SEND);
  ASSERT_EQ(ready.action_ids_size(), 1);
  int found = 0;
  for (const v1::ProposedAction& action : at_new_year.actions()) {
    if (action.id() != ready.action_ids(0)) continue;
    ++found;
    EXPECT_EQ(action.date(), "2027-01-01");
    EXPECT_EQ(action.fee(), kFee2026);
    EXPECT_EQ(action.fee_note(),
              "the rate tables have no inkassosats for 2027: reckoned on the "
              "last one");
  }
  EXPECT_EQ(found, 1);
  EXPECT_EQ(ready.next_step_fee_note(),
            "the rate tables have no inkassosats for 2027: reckoned on the "
            "last one");
}

TEST(EngineStatusTest, OfTwoHoldsAlikeInDatesTheObjectionIsReported) {
  // README "Statuses" 6: holds with the same start and end, listed in either
  // order, report the same one: the objection before the manual stop, and
  // of two manual stops the reason first in byte order.
  for (bool objection_first : {true, false}) {
    TestLedger ledger = BaseLedger();
    auto* held =
        ledger.AddInvoice("1002", "P1", "2026-02-01", "2026-02-16", kAmount);
    auto* open_held =
        ledger.AddInvoice("1003", "P1", "2026-02-01", "2026-02-16", kAmount);
    for (int k = 0; k < 2; ++k) {
      const bool objection = (k == 0) == objection_first;
      auto* hold = held->add_holds();
      hold->set_kind(objection ? v1::HOLD_KIND_OBJECTION
                               : v1::HOLD_KIND_MANUAL);
      hold->set_reason(objection ? "Bestrider" : "Manuell stopp");
      hold->set_start_date("2026-03-01");
      hold->set_end_date("2026-03-31");
      auto* open_hold = open_held->add_holds();
      open_hold->set_kind(v1::HOLD_KIND_MANUAL);
      open_hold->set_reason(objection ? "B" : "A");
      open_hold->set_start_date("2026-03-01");
    }
    ledger.SetAsOfDate("2026-03-05");
    const v1::EvaluateResponse response = ledger.Evaluate();
    const v1::InvoiceResult& r = ResultOf(response, "1002");
    EXPECT_EQ(r.status(), v1::INVOICE_STATUS_ON_HOLD);
    EXPECT_EQ(r.hold().kind(), v1::HOLD_KIND_OBJECTION) << objection_first;
    EXPECT_EQ(r.hold().reason(), "Bestrider") << objection_first;
    EXPECT_EQ(ResultOf(response, "1003").hold().reason(), "A")
        << objection_first;
  }
}

TEST(EngineStatusTest, HistoryAndCurrentNoticeColumns) {
  TestLedger ledger = BaseLedger();
  // Recorded out of order: the result lists them oldest first.
  ledger.AddNotice("1001", v1::STEP_KIND_DUNNING, "2026-03-18", "2026-04-01",
                   kFee2026);
  ledger.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
  ledger.SetAsOfDate("2026-03-20");
  const v1::InvoiceResult r = ledger.Evaluate().results(0);
  ASSERT_EQ(r.history_size(), 2);
  EXPECT_EQ(r.history(0).step(), v1::STEP_KIND_REMINDER);
  EXPECT_EQ(r.history(1).step(), v1::STEP_KIND_DUNNING);
  EXPECT_EQ(r.current_step(), v1::STEP_KIND_DUNNING);
  EXPECT_EQ(r.current_sent_date(), "2026-03-18");
  EXPECT_EQ(r.current_deadline(), "2026-04-01");
  EXPECT_EQ(r.waiting_until(), "2026-04-15");
  EXPECT_EQ(r.customer_name(), "Kunde P1");
  EXPECT_EQ(r.profile_id(), "medium");
  EXPECT_FALSE(r.custom_process());

  ledger.request().mutable_options()->set_omit_history_in_results(true);
  EXPECT_EQ(ledger.Evaluate().results(0).history_size(), 0);
}

TEST(EngineStatusTest, TypeOverrideWinsOverCrmType) {
  // F3: the B/P switch in the dunning module wins over the CRM type.
  TestLedger ledger;
  auto* p = ledger.settings().add_profiles();
  p->set_id("firma");
  p->set_sequence(v1::STEP_SEQUENCE_DUNNING_WARNING);
  ledger.settings().set_default_business_profile("firma");
  ledger.AddCustomer("C1", v1::CUSTOMER_TYPE_BUSINESS);
  ledger.AddCustomer("C2", v1::CUSTOMER_TYPE_BUSINESS)
      ->set_type_override(v1::CUSTOMER_TYPE_PERSON);
  ledger.AddCustomer("C3", v1::CUSTOMER_TYPE_UNSPECIFIED);
  ledger.AddInvoice("1", "C1", "2026-02-01", "2026-02-16", kAmount);
  ledger.AddInvoice("2", "C2", "2026-02-01", "2026-02-16", kAmount);
  ledger.AddInvoice("3", "C3", "2026-02-01", "2026-02-16", kAmount);
  ledger.SetAsOfDate("2026-02-20");
  const v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(ResultOf(response, "1").profile_id(), "firma");
  EXPECT_EQ(ResultOf(response, "1").next_step(), v1::NEXT_STEP_DUNNING);
  EXPECT_EQ(ResultOf(response, "2").customer_type(), v1::CUSTOMER_TYPE_PERSON);
  EXPECT_EQ(ResultOf(response, "2").profile_id(), "medium");
  EXPECT_EQ(ResultOf(response, "2").next_step(), v1::NEXT_STEP_REMINDER);
  EXPECT_EQ(ResultOf(response, "3").customer_type(), v1::CUSTOMER_TYPE_PERSON);
}

TEST(EngineStatusTest, NonNumericCutoffComparesBytewiseWithWarning) {
  // F9: "never dunns an invoice twice" asks numbers to order as numbers;
  // after the same prefix they do ("A-99" before "A-100"), and otherwise
  // the byte-wise order is used and said.
  TestLedger ledger = BaseLedger();
  ledger.request().mutable_invoices(0)->set_number("A-99");
  ledger.settings().set_start_from_invoice_number("A-100");
  ledger.SetAsOfDate("2026-03-01");
  v1::EvaluateResponse response = ledger.Evaluate();
  EXPECT_EQ(response.results(0).status(), v1::INVOICE_STATUS_BEFORE_CUTOFF);
  EXPECT_EQ(response.warnings_size(), 0);

  // Spaces alone are no cutoff: every invoice, no warning. A pasted
  // no-break space or zero-width space is a space too.
  for (const char* spaces : {"   ", "\u00a0", " \u200b\t"}) {
    ledger.settings().set_start_from_invoice_number(spaces);
    response = ledger.Evaluate();
    EXPECT_EQ(response.results(0).status(), v1::INVOICE_STATUS_READY_TO_SEND)
        << spaces;
    EXPECT_EQ(response.warnings_size(), 0) << spaces;
  }

  ledger.settings().set_start_from_invoice_number("B-1");
  response = ledger.Evaluate();
  EXPECT_EQ(response.results(0).status(), v1::INVOICE_STATUS_BEFORE_CUTOFF);
  ASSERT_EQ(response.warnings_size(), 1);
  EXPECT_EQ(response.warnings(0).code(), "CUTOFF_NOT_NUMERIC");
  EXPECT_EQ(response.warnings(0).invoice_number(), "A-99");
}

TEST(EngineStatusTest, UnicodeSpacesAroundTheCutoffAreIgnored) {
  // proto: "Spaces around a number are ignored"; a cutoff pasted with a
  // no-break space must neither dun 999 nor skip 1000 itself (F9).
  TestLedger ledger = BaseLedger();
  ledger.AddInvoice("999", "P1", "2026-02-01", "2026-02-16", kAmount);
  ledger.AddInvoice("1000", "P1", "2026-02-01", "2026-02-16", kAmount);
  ledger.AddInvoice("\u00a0998", "P1", "2026-02-01", "2026-02-16", kAmount);
  ledger.SetAsOfDate("2026-03-01");
  for (const char* cutoff :
       {"1000\u00a0", "\u200b1000", "\u30001000", "\ufeff1000 "}) {
    ledger.settings().set_start_from_invoice_number(cutoff);
    const v1::EvaluateResponse response = ledger.Evaluate();
    EXPECT_EQ(ResultOf(response, "999").status(),
              v1::INVOICE_STATUS_BEFORE_CUTOFF) << cutoff;
    EXPECT_EQ(ResultOf(response, "\u00a0998").status(),
              v1::INVOICE_STATUS_BEFORE_CUTOFF) << cutoff;
    EXPECT_EQ(ResultOf(response, "1000").status(),
              v1::INVOICE_STATUS_READY_TO_SEND) << cutoff;
    EXPECT_EQ(ResultOf(response, "1001").status(),
              v1::INVOICE_STATUS_READY_TO_SEND) << cutoff;
    EXPECT_EQ(response.warnings_size(), 0) << cutoff;
  }
}

TEST(EngineStatusTest, NonNumericCutoffIsWarnedOfForInvoicesNotYetDue) {
  // README F9: the byte-wise comparison decides whether a not-yet-due
  // invoice's next step is shown, so it is warned of as for an overdue one.
  TestLedger ledger = BaseLedger();
  ledger.AddInvoice("G-2", "P1", "2026-02-20", "2026-03-20", kAmount);
  ledger.AddInvoice("E-3", "P1", "2026-02-20", "2026-03-20", kAmount);
  ledger.settings().set_start_from_invoice_number("F-100");
  ledger.SetAsOfDate("2026-03-01");
  const v1::EvaluateResponse response = ledger.Evaluate();
  const v1::InvoiceResult& after = ResultOf(response, "G-2");
  const v1::InvoiceResult& before = ResultOf(response, "E-3");
  EXPECT_EQ(after.status(), v1::INVOICE_STATUS_NOT_DUE);
  EXPECT_EQ(after.next_step(), v1::NEXT_STEP_REMINDER);
  EXPECT_EQ(before.status(), v1::INVOICE_STATUS_NOT_DUE);
  EXPECT_EQ(before.next_step(), v1::NEXT_STEP_UNSPECIFIED);
  std::vector<std::string> warned;
  for (const v1::Warning& w : response.warnings()) {
    if (w.code() == "CUTOFF_NOT_NUMERIC") warned.push_back(w.invoice_number());
  }
  // "1001" against "F-100" compares byte-wise too.
  EXPECT_THAT(warned, ::testing::UnorderedElementsAre("1001", "G-2", "E-3"));
}

TEST(EngineStatusTest, ActionCarriesDeadlineAndLegalFee) {
  TestLedger ledger = BaseLedger();
  ledger.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03");
  ledger.SetAsOfDate("2026-03-18");
  const v1::EvaluateResponse response = ledger.Evaluate();
  ASSERT_EQ(response.actions_size(), 1);
  const v1::ProposedAction& a = response.actions(0);
  EXPECT_EQ(a.id(), "1001/dunning/2026-03-18");
  EXPECT_EQ(a.kind(), v1::ACTION_KIND_SEND_NOTICE);
  EXPECT_EQ(a.step(), v1::STEP_KIND_DUNNING);
  // law.md § 4.1: the deadline is 14 days from sending, same weekday.
  EXPECT_EQ(a.deadline(), "2026-04-01");
  // law.md § 3.1: medium charges the dunning fee, 1/20 × 750 kr in 2026.
  EXPECT_EQ(a.fee(), kFee2026);
  EXPECT_FALSE(a.automatic());
  EXPECT_EQ(a.letter_id(), "P1/dunning/2026-03-18");
  EXPECT_EQ(a.channel(), v1::CHANNEL_EMAIL);
  // medium's purring claims the interest too: 30 days (02-17..03-18) at
  // 12.00 % on 1 000 kr, 986.30 øre rounded half up (law.md §§ 1.2, 1.3).
  EXPECT_EQ(a.interest(), 986);
  EXPECT_EQ(a.amount_claimed(), kAmount + kFee2026 + 986);
}

TEST(EngineStatusTest, ChargesPastTheHistoryLimitNameTheNextNoticeAndTheRecordedOnes) {
  // purring/limits.h: a recorded history's charges together stay within
  // kMaxAmount. A reminder recorded with a fee at that limit (absurd, and
  // refused as a fee) leaves no room for the next notice the host would
  // record: the refusal names what the next notice charges and what the
  // recorded notices already do, so that the host finds the absurd record.
  TestLedger ledger = BaseLedger();
  ledger.AddNotice("1001", v1::STEP_KIND_REMINDER, "2026-02-17", "2026-03-03",
                   purring::kMaxAmount);
  ledger.SetAsOfDate("2026-03-18");
  const absl::StatusOr<v1::EvaluateResponse> response =
      purring::Evaluate(ledger.request());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(std::string(response.status().message()),
              ::testing::AllOf(
                  ::testing::HasSubstr("invoice \"1001\": its next notice (dunning, fee 3750"),
                  ::testing::HasSubstr("its recorded notices already charge 1000000000000000 øre")));
}

}  // namespace
}  // namespace purring::testing
