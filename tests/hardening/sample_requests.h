// Small, valid requests for the hardening tests, built in code so that each
// test can damage exactly one field.
#ifndef PURRING_TESTS_HARDENING_SAMPLE_REQUESTS_H_
#define PURRING_TESTS_HARDENING_SAMPLE_REQUESTS_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "purring/engine.h"
#include "purring/parse.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::testing {

// 2026-03-16 10:00 UTC.
inline constexpr int64_t kAsOfSeconds = 1773655200;

// A request touching every record kind: a custom profile, two customers, three
// invoices (payments, a credit note, a hold), two notices and a collection
// case. It validates.
inline v1::EvaluateRequest SampleRequest() {
  v1::EvaluateRequest r;
  r.mutable_as_of()->set_seconds(kAsOfSeconds);
  v1::DunningSettings* s = r.mutable_settings();
  s->mutable_company()->set_name("Fjordkaffe AS");
  s->set_vat_registered(true);
  s->set_default_business_profile("b2b");
  v1::DunningProfile* p = s->add_profiles();
  p->set_id("b2b");
  p->set_sequence(v1::STEP_SEQUENCE_DUNNING_WARNING);
  p->set_strictness(v1::FEE_STRICTNESS_STRENG);

  v1::Customer* c1 = r.add_customers();
  c1->set_id("C1");
  c1->set_name("Kari Nordmann");
  c1->set_crm_type(v1::CUSTOMER_TYPE_PERSON);
  c1->mutable_postal_address()->add_lines("Bakkeveien 2");
  c1->mutable_postal_address()->set_postal_code("5003");
  v1::Customer* c2 = r.add_customers();
  c2->set_id("C2");
  c2->set_name("Byggmester Hansen AS");
  c2->set_crm_type(v1::CUSTOMER_TYPE_BUSINESS);

  v1::Invoice* i1 = r.add_invoices();
  i1->set_number("1001");
  i1->set_customer_id("C1");
  i1->set_invoice_date("2026-01-02");
  i1->set_due_date("2026-01-16");
  i1->set_amount(125000);
  i1->set_vat_amount(25000);
  v1::Payment* pay = i1->add_payments();
  pay->set_id("P1");
  pay->set_date("2026-02-20");
  pay->set_amount(50000);

  v1::Invoice* i2 = r.add_invoices();
  i2->set_number("1002");
  i2->set_customer_id("C2");
  i2->set_invoice_date("2025-12-01");
  i2->set_due_date("2025-12-15");
  i2->set_amount(2500000);
  v1::CreditNote* credit = i2->add_credit_notes();
  credit->set_number("K1");
  credit->set_date("2026-01-10");
  credit->set_amount(100000);

  v1::Invoice* i3 = r.add_invoices();
  i3->set_number("1003");
  i3->set_customer_id("C2");
  i3->set_invoice_date("2026-02-01");
  i3->set_due_date("2026-02-15");
  i3->set_amount(80000);
  v1::Hold* hold = i3->add_holds();
  hold->set_kind(v1::HOLD_KIND_OBJECTION);
  hold->set_start_date("2026-03-01");

  v1::Notice* n1 = r.mutable_history()->add_notices();
  n1->set_invoice_number("1002");
  n1->set_step(v1::STEP_KIND_DUNNING);
  n1->set_sent_date("2026-01-05");
  n1->set_deadline("2026-01-19");
  n1->set_fee(3750);
  n1->set_channel(v1::CHANNEL_EMAIL);
  v1::Notice* n2 = r.mutable_history()->add_notices();
  n2->set_invoice_number("1002");
  n2->set_step(v1::STEP_KIND_COLLECTION_WARNING);
  n2->set_sent_date("2026-02-09");
  n2->set_deadline("2026-02-23");
  n2->set_fee(3750);
  n2->set_channel(v1::CHANNEL_POST);
  v1::CollectionCase* cc = r.mutable_history()->add_collection_cases();
  cc->set_invoice_number("1001");
  cc->set_transferred_date("2026-03-01");
  cc->set_state(v1::COLLECTION_CASE_STATE_ACTIVE);
  return r;
}

// What the C ABI does with request bytes (same parser, same engine), in C++:
// the status, and the response (empty unless OK).
struct Outcome {
  absl::Status status;
  v1::EvaluateResponse response;
};

inline Outcome EvaluateBinary(const std::string& bytes) {
  Outcome out;
  v1::EvaluateRequest request;
  out.status = ParseRequest(bytes, &request);
  if (out.status.ok()) out.status = EvaluateInto(request, &out.response);
  return out;
}

inline Outcome EvaluateJsonText(const std::string& json) {
  Outcome out;
  v1::EvaluateRequest request;
  out.status = ParseRequestJson(json, &request);
  if (out.status.ok()) out.status = EvaluateInto(request, &out.response);
  return out;
}

}  // namespace purring::testing

#endif  // PURRING_TESTS_HARDENING_SAMPLE_REQUESTS_H_
