// A small builder of EvaluateRequests for the process and engine tests, and
// the host's side of the loop: recording proposed actions as history.
#ifndef PURRING_TESTS_ENGINE_TEST_LEDGER_H_
#define PURRING_TESTS_ENGINE_TEST_LEDGER_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "purring/engine.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::testing {

inline google::protobuf::Timestamp Instant(absl::string_view rfc3339) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &error)) {
    ADD_FAILURE() << "bad instant " << rfc3339 << ": " << error;
  }
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(t));
  return out;
}

// Every path gives the tree's bytes: the request's bytes evaluated on one
// thread and on two (README "Determinism and threads").
inline void ExpectEveryPathGives(const v1::EvaluateResponse& tree,
                                 v1::EvaluateRequest request) {
  const std::string tree_bytes = tree.SerializeAsString();
  for (const int threads : {1, 2}) {
    request.mutable_options()->set_threads(threads);
    absl::StatusOr<SerializedResponse> bytes =
        EvaluateBytes(request.SerializeAsString());
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    EXPECT_EQ(std::string(bytes->data.get(), bytes->size), tree_bytes)
        << threads << " thread(s)";
  }
}

// A payment of `amount` øre dated `date` on `invoice`.
inline v1::Payment* AddPayment(v1::Invoice& invoice, absl::string_view date,
                               int64_t amount) {
  v1::Payment* payment = invoice.add_payments();
  payment->set_date(std::string(date));
  payment->set_amount(amount);
  return payment;
}

// Credit note `number` of `amount` øre dated `date` on `invoice`.
inline v1::CreditNote* AddCreditNote(v1::Invoice& invoice,
                                     absl::string_view number,
                                     absl::string_view date, int64_t amount) {
  v1::CreditNote* credit = invoice.add_credit_notes();
  credit->set_number(std::string(number));
  credit->set_date(std::string(date));
  credit->set_amount(amount);
  return credit;
}

class TestLedger {
 public:
  TestLedger() {
    auto* company = request_.mutable_settings()->mutable_company();
    company->set_name("Kreditor AS");
    company->set_organization_number("999888777");
    company->set_phone("+47 22 00 00 00");
    company->set_email("post@kreditor.no");
    company->set_bank_account("1234.56.78901");
  }

  v1::EvaluateRequest& request() { return request_; }
  v1::DunningSettings& settings() { return *request_.mutable_settings(); }

  // 10:00 UTC: 11:00 or 12:00 in Oslo, the same civil date all year.
  void SetAsOfDate(absl::string_view date) {
    *request_.mutable_as_of() = Instant(std::string(date) + "T10:00:00Z");
  }
  void SetAsOf(absl::string_view rfc3339) {
    *request_.mutable_as_of() = Instant(rfc3339);
  }

  v1::Customer* AddCustomer(absl::string_view id, v1::CustomerType type) {
    v1::Customer* c = request_.add_customers();
    c->set_id(std::string(id));
    c->set_name(absl::StrCat("Kunde ", id));
    c->set_crm_type(type);
    c->set_invoice_email(absl::StrCat("faktura@", id, ".no"));
    return c;
  }

  v1::Invoice* AddInvoice(absl::string_view number, absl::string_view customer,
                          absl::string_view invoice_date,
                          absl::string_view due_date, int64_t amount) {
    v1::Invoice* inv = request_.add_invoices();
    inv->set_number(std::string(number));
    inv->set_customer_id(std::string(customer));
    inv->set_invoice_date(std::string(invoice_date));
    inv->set_due_date(std::string(due_date));
    inv->set_amount(amount);
    inv->set_payment_reference(absl::StrCat("KID", number));
    return inv;
  }

  v1::Notice* AddNotice(absl::string_view invoice, v1::StepKind step,
                        absl::string_view sent, absl::string_view deadline,
                        int64_t fee = 0) {
    v1::Notice* n = request_.mutable_history()->add_notices();
    n->set_invoice_number(std::string(invoice));
    n->set_step(step);
    n->set_sent_date(std::string(sent));
    n->set_deadline(std::string(deadline));
    n->set_fee(fee);
    n->set_channel(v1::CHANNEL_EMAIL);
    return n;
  }

  v1::EvaluateResponse Evaluate() const {
    absl::StatusOr<v1::EvaluateResponse> response = purring::Evaluate(request_);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? *response : v1::EvaluateResponse();
  }

  // The host carries the proposed actions out: notices and collection cases.
  void Record(const v1::EvaluateResponse& response) {
    for (const v1::ProposedAction& a : response.actions()) {
      // A notice without a letter cannot be sent (README "A host's night").
      if (a.kind() == v1::ACTION_KIND_SEND_NOTICE && !a.letter_id().empty()) {
        v1::Notice* n = request_.mutable_history()->add_notices();
        n->set_invoice_number(a.invoice_number());
        n->set_step(a.step());
        n->set_sent_date(a.date());
        n->set_deadline(a.deadline());
        n->set_fee(a.fee());
        n->set_compensation(a.compensation());
        n->set_interest(a.interest());
        n->set_channel(a.channel());
        n->set_letter_id(a.letter_id());
        n->set_strictness(a.strictness());
        n->set_amount_claimed(a.amount_claimed());
      } else if (a.kind() == v1::ACTION_KIND_TRANSFER_TO_COLLECTION) {
        v1::CollectionCase* c = request_.mutable_history()->add_collection_cases();
        c->set_invoice_number(a.invoice_number());
        c->set_transferred_date(a.date());
        c->set_state(v1::COLLECTION_CASE_STATE_NOT_STARTED);
      }
    }
  }

 private:
  v1::EvaluateRequest request_;
};

inline const v1::InvoiceResult& ResultOf(const v1::EvaluateResponse& response,
                                         absl::string_view number) {
  for (const v1::InvoiceResult& r : response.results()) {
    if (r.invoice_number() == number) return r;
  }
  ADD_FAILURE() << "no result for invoice " << number;
  static const v1::InvoiceResult* const kEmpty = new v1::InvoiceResult();
  return *kEmpty;
}

// The monthly report of `month` ("YYYY-MM"), or nullptr when the response
// has none for it.
inline const v1::MonthlyReport* ReportFor(const v1::EvaluateResponse& response,
                                          absl::string_view month) {
  for (const v1::MonthlyReport& report : response.monthly_reports()) {
    if (report.month() == month) return &report;
  }
  return nullptr;
}

}  // namespace purring::testing

#endif  // PURRING_TESTS_ENGINE_TEST_LEDGER_H_
