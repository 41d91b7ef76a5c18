// The purring.v1 schema survives binary and JSON round trips, and its JSON
// mapping is readable: dates as "YYYY-MM-DD", enums by name, øre as integers.
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "purring/v1/evaluate.pb.h"

namespace purring {
namespace {

using ::testing::HasSubstr;

// A request touching every message of the schema.
v1::EvaluateRequest FullRequest() {
  v1::EvaluateRequest request;
  const bool ok = google::protobuf::TextFormat::ParseFromString(R"pb(
    as_of { seconds: 1795860000 }
    last_synchronized { seconds: 1795856400 }
    settings {
      company { name: "Fjord Regnskap AS" organization_number: "912345678"
                address { lines: "Storgata 1" postal_code: "0155" city: "Oslo" }
                phone: "+47 22 00 00 00" email: "post@fjord.example" bank_account: "1234.56.78903" }
      vat_registered: true
      start_from_invoice_number: "10000"
      progression: MODE_AUTOMATIC
      collection_transfer: MODE_MANUAL
      first_dispatch: FIRST_DISPATCH_TOMORROW_AFTER_11
      automation_enabled_at { seconds: 1795000000 }
      contact_phone: "+47 400 00 000"
      contact_email: "purring@fjord.example"
      email_preference: EMAIL_PREFERENCE_INVOICE_EMAIL
      accounting { receivable_account: "1500" fee_account: "8050" interest_account: "8051"
                   compensation_account: "8052" department: "10" project: "P-7" }
      default_person_profile: "mild"
      default_business_profile: "b2b"
      profiles { id: "b2b" name: "Bedrift" sequence: STEP_SEQUENCE_DUNNING_WARNING
                 strictness: FEE_STRICTNESS_STRENG deadline_days: 14 first_step_after_days: 0
                 days_after_deadline: 0 claim_standard_compensation: true }
      objection_link_template: "https://portal.example/innsigelse?faktura={invoice}"
      provider_pricing { share_basis_points: 5000 price_per_notice_off: 700 }
    }
    customers { id: "K1" name: "Ola Nordmann" crm_type: CUSTOMER_TYPE_PERSON
                type_override: CUSTOMER_TYPE_BUSINESS
                postal_address { lines: "Gate 2" postal_code: "5003" city: "Bergen" country_code: "NO" }
                company_email: "ola@example.no" invoice_email: "faktura@example.no"
                do_not_dun: false profile_id: "b2b" organization_number: "998877665" comment: "VIP" }
    invoices { number: "10023" customer_id: "K1" invoice_date: "2026-09-01" due_date: "2026-09-15"
               amount: 125000 vat_amount: 25000
               payments { id: "B1" date: "2026-10-01" amount: 50000 allocation: ALLOCATION_PRINCIPAL_FIRST }
               credit_notes { number: "KN-1" date: "2026-09-20" amount: 10000 }
               do_not_dun: false
               holds { kind: HOLD_KIND_OBJECTION reason: "Varen er ikke levert" start_date: "2026-10-05" end_date: "2026-10-20" }
               payment_reference: "000100237" comment: "" }
    history {
      notices { invoice_number: "10023" step: STEP_KIND_DUNNING sent_date: "2026-09-30"
                deadline: "2026-10-14" fee: 3750 compensation: 0 interest: 120 channel: CHANNEL_POST
                letter_id: "K1/DUNNING/2026-09-30" fee_waived_date: "2026-10-02" }
      collection_cases { invoice_number: "10023" transferred_date: "2026-11-20"
                         state: COLLECTION_CASE_STATE_ACTIVE case_reference: "INK-1" agency: "Inkassopartner AS" }
    }
    rate_tables {
      interest_rates { valid_from: "2027-01-01" rate_basis_points: 1200 }
      collection_rates { valid_from: "2027-01-01" amount: 80000 }
      fee_fractions { valid_from: "2020-10-01" reminder_numerator: 1 reminder_denominator: 20
                      payment_demand_numerator: 3 payment_demand_denominator: 20 }
      reminder_fee_caps { valid_from: "2026-01-01" amount: 3800 }
      standard_compensations { valid_from: "2027-01-01" amount: 45000 }
      collection_cost_bands { valid_from: "2020-10-01" claim_up_to: 50000 light_permille: 250 heavy_permille: 500 }
      carry_last_rate_forward: true
      valid_until: "2027-06-30"
    }
    options { day_count: DAY_COUNT_ACTUAL_365 shift_due_dates: false threads: 2 }
  )pb", &request);
  EXPECT_TRUE(ok);
  return request;
}

TEST(SchemaRoundTrip, BinaryKeepsEveryField) {
  const v1::EvaluateRequest request = FullRequest();
  const std::string bytes = request.SerializeAsString();
  v1::EvaluateRequest parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(request, parsed));
  EXPECT_EQ(parsed.invoices(0).payments(0).allocation(), v1::ALLOCATION_PRINCIPAL_FIRST);
}

TEST(SchemaRoundTrip, JsonKeepsEveryField) {
  const v1::EvaluateRequest request = FullRequest();
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(request, &json).ok());
  v1::EvaluateRequest parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(request, parsed));
}

TEST(SchemaRoundTrip, JsonIsReadable) {
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(FullRequest(), &json).ok());
  EXPECT_THAT(json, HasSubstr(R"("dueDate":"2026-09-15")"));
  EXPECT_THAT(json, HasSubstr(R"("asOf":"2026-11-28T10:00:00Z")"));
  EXPECT_THAT(json, HasSubstr(R"("step":"STEP_KIND_DUNNING")"));
  // int64 øre: the proto3 JSON mapping prints them as strings.
  EXPECT_THAT(json, HasSubstr(R"("amount":"125000")"));
}

TEST(SchemaRoundTrip, JsonAcceptsSnakeCaseAndNumbers) {
  // Hosts may write proto field names and plain numbers for øre.
  v1::EvaluateRequest parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                  R"({"as_of":"2026-11-28T10:00:00+01:00",
                      "invoices":[{"number":"1","customer_id":"K","due_date":"2026-01-02","amount":4200}]})",
                  &parsed)
                  .ok());
  EXPECT_EQ(parsed.as_of().seconds(), 1795856400);
  EXPECT_EQ(parsed.invoices(0).amount(), 4200);
  EXPECT_EQ(parsed.invoices(0).customer_id(), "K");
}

TEST(SchemaRoundTrip, OptionalFieldsKeepPresence) {
  v1::DunningProfile profile;
  EXPECT_FALSE(profile.has_days_after_deadline());
  profile.set_days_after_deadline(0);
  v1::DunningProfile parsed;
  ASSERT_TRUE(parsed.ParseFromString(profile.SerializeAsString()));
  EXPECT_TRUE(parsed.has_days_after_deadline());
  EXPECT_EQ(parsed.days_after_deadline(), 0);
}

}  // namespace
}  // namespace purring
