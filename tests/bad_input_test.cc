// The bad-input catalogue (issue 7): every case is damaged input with the
// status an accountant would expect and a message that names the record and
// the field. Each goes through the same parser and engine as the C ABI
// (purring/parse.h, then EvaluateInto), and a refused request must leave no
// partial response behind.
#include <functional>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "hardening/sample_requests.h"
#include "purring/limits.h"

namespace purring::testing {
namespace {

using ::testing::HasSubstr;
using Code = absl::StatusCode;

struct Case {
  std::string name;
  std::function<Outcome()> run;
  Code code;
  std::vector<std::string> message_parts;  // each must appear in the message
};

// gtest prints a parameter it cannot print as the struct's bytes, which hold
// pointers and so change from build to build; the name is stable and says
// which case failed.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

// Runs `damage` on the sample request and evaluates the binary encoding.
std::function<Outcome()> Damaged(std::function<void(v1::EvaluateRequest&)> damage) {
  return [damage] {
    v1::EvaluateRequest request = SampleRequest();
    damage(request);
    return EvaluateBinary(request.SerializeAsString());
  };
}

std::function<Outcome()> Bytes(std::string bytes) {
  return [bytes] { return EvaluateBinary(bytes); };
}

std::function<Outcome()> Json(std::string json) {
  return [json] { return EvaluateJsonText(json); };
}

std::string SampleJson() {
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(SampleRequest(), &json).ok());
  return json;
}

std::string RandomBytes(uint32_t seed, size_t size) {
  std::mt19937 rng(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xff);
  return bytes;
}

// `depth` nested start-group tags of unknown field 100, then their ends.
std::string NestedGroups(int depth) {
  std::string bytes;
  for (int i = 0; i < depth; ++i) bytes += "\xA3\x06";
  for (int i = 0; i < depth; ++i) bytes += "\xA4\x06";
  return bytes;
}

v1::Invoice& Invoice(v1::EvaluateRequest& r, int i) { return *r.mutable_invoices(i); }
v1::Notice& Notice(v1::EvaluateRequest& r, int i) {
  return *r.mutable_history()->mutable_notices(i);
}

std::vector<Case> Catalogue() {
  std::vector<Case> c;
  // --- Bytes that are not a request at all.
  const std::string sample = SampleRequest().SerializeAsString();
  c.push_back({"TruncatedBinary", Bytes(sample.substr(0, sample.size() / 2)),
               Code::kInvalidArgument, {"not a valid serialized"}});
  c.push_back({"TruncatedBinaryLastByte", Bytes(sample.substr(0, sample.size() - 1)),
               Code::kInvalidArgument, {"not a valid serialized"}});
  c.push_back({"RandomBytes", Bytes(RandomBytes(7, 4096)), Code::kInvalidArgument,
               {"request"}});
  c.push_back({"SingleFFByte", Bytes("\xff"), Code::kInvalidArgument,
               {"not a valid serialized"}});
  c.push_back({"DeeplyNestedBinaryGroups", Bytes(NestedGroups(100000)),
               Code::kInvalidArgument, {"nested deeper than"}});
  c.push_back({"InvalidUtf8InvoiceNumber", Damaged([](auto& r) {
                 Invoice(r, 0).set_number("10\xff\xfe");
               }),
               Code::kInvalidArgument, {"not a valid serialized", ": invoices[0].number is not UTF-8"}});
  c.push_back({"InvalidUtf8InvoiceComment", Damaged([](auto& r) {
                 Invoice(r, 1).set_comment("bl\xe5" "b\xe6r");  // Latin-1 "blåbær"
               }),
               Code::kInvalidArgument, {"not a valid serialized", ": invoices[1].comment is not UTF-8"}});
  c.push_back({"InvalidUtf8NoticeLetterId", Damaged([](auto& r) {
                 Notice(r, 1).set_letter_id("\xc3");
               }),
               Code::kInvalidArgument,
               {"not a valid serialized", ": history.notices[1].letter_id is not UTF-8"}});
  // --- JSON that is not a request.
  const std::string json = SampleJson();
  c.push_back({"TruncatedJson", Json(json.substr(0, json.size() / 2)),
               Code::kInvalidArgument, {"JSON"}});
  c.push_back({"JsonArrayRoot", Json("[1, 2, 3]"), Code::kInvalidArgument, {"JSON"}});
  c.push_back({"JsonUnknownEnumName",
               Json(R"({"asOf":"2026-03-16T10:00:00Z","settings":{"progression":"MODE_WHENEVER"}})"),
               Code::kInvalidArgument, {"progression"}});
  c.push_back({"JsonUnknownField",
               Json(R"({"asOf":"2026-03-16T10:00:00Z","invoicez":[]})"),
               Code::kInvalidArgument, {"invoicez"}});
  c.push_back({"JsonDeepNesting",
               Json("{\"settings\":" + std::string(100000, '[') + std::string(100000, ']') + "}"),
               Code::kInvalidArgument, {"JSON"}});
  c.push_back({"JsonDeepObjects", Json([] {
                 std::string deep = "{\"settings\":";
                 for (int i = 0; i < 100000; ++i) deep += "{\"company\":";
                 return deep + "{}" + std::string(100001, '}');
               }()),
               Code::kInvalidArgument, {"JSON"}});
  c.push_back({"JsonFractionalAmount",
               Json(R"({"asOf":"2026-03-16T10:00:00Z","invoices":[{"number":"1","amount":"12.5"}]})"),
               Code::kInvalidArgument, {"amount"}});
  c.push_back({"JsonAmountBeyondInt64",
               Json(R"({"asOf":"2026-03-16T10:00:00Z","invoices":[{"number":"1","amount":"99999999999999999999"}]})"),
               Code::kInvalidArgument, {"amount"}});
  c.push_back({"JsonImpossibleAsOf", Json(R"({"asOf":"2026-02-30T10:00:00Z"})"),
               Code::kInvalidArgument, {"JSON"}});
  // --- Unknown enum numbers, which proto3 binary keeps.
  c.push_back({"UnknownProgression", Damaged([](auto& r) {
                 r.mutable_settings()->set_progression(static_cast<v1::Mode>(7));
               }),
               Code::kInvalidArgument, {"settings", "progression", "7"}});
  c.push_back({"UnknownFirstDispatch", Damaged([](auto& r) {
                 r.mutable_settings()->set_first_dispatch(static_cast<v1::FirstDispatch>(5));
               }),
               Code::kInvalidArgument, {"settings", "first_dispatch"}});
  c.push_back({"UnknownProfileStrictness", Damaged([](auto& r) {
                 r.mutable_settings()->mutable_profiles(0)->set_strictness(
                     static_cast<v1::FeeStrictness>(9));
               }),
               Code::kInvalidArgument, {"profile \"b2b\"", "strictness", "9"}});
  c.push_back({"UnknownCustomerType", Damaged([](auto& r) {
                 r.mutable_customers(1)->set_crm_type(static_cast<v1::CustomerType>(5));
               }),
               Code::kInvalidArgument, {"customer \"C2\"", "crm_type"}});
  c.push_back({"NegativeTypeOverride", Damaged([](auto& r) {
                 r.mutable_customers(0)->set_type_override(static_cast<v1::CustomerType>(-1));
               }),
               Code::kInvalidArgument, {"customer \"C1\"", "type_override", "-1"}});
  c.push_back({"UnknownAllocation", Damaged([](auto& r) {
                 Invoice(r, 0).mutable_payments(0)->set_allocation(
                     static_cast<v1::Allocation>(3));
               }),
               Code::kInvalidArgument, {"invoice \"1001\"", "payments[0].allocation"}});
  c.push_back({"UnknownHoldKind", Damaged([](auto& r) {
                 Invoice(r, 2).mutable_holds(0)->set_kind(static_cast<v1::HoldKind>(4));
               }),
               Code::kInvalidArgument, {"invoice \"1003\"", "holds[0].kind"}});
  c.push_back({"UnknownNoticeStep", Damaged([](auto& r) {
                 Notice(r, 1).set_step(static_cast<v1::StepKind>(4));
               }),
               Code::kInvalidArgument, {"history.notices[1] (invoice \"1002\")", "step"}});
  c.push_back({"UnknownNoticeChannel", Damaged([](auto& r) {
                 Notice(r, 0).set_channel(static_cast<v1::Channel>(3));
               }),
               Code::kInvalidArgument, {"history.notices[0] (invoice \"1002\")", "channel"}});
  c.push_back({"UnknownCollectionState", Damaged([](auto& r) {
                 r.mutable_history()->mutable_collection_cases(0)->set_state(
                     static_cast<v1::CollectionCaseState>(9));
               }),
               Code::kInvalidArgument, {"collection case of invoice \"1001\"", "state"}});
  c.push_back({"UnknownDayCount", Damaged([](auto& r) {
                 r.mutable_options()->set_day_count(static_cast<v1::DayCount>(3));
               }),
               Code::kInvalidArgument, {"options", "day_count"}});
  // --- Amounts.
  c.push_back({"NegativeInvoiceAmount", Damaged([](auto& r) { Invoice(r, 1).set_amount(-500); }),
               Code::kInvalidArgument, {"invoice \"1002\"", "amount -500"}});
  c.push_back({"ZeroInvoiceAmount", Damaged([](auto& r) { Invoice(r, 2).set_amount(0); }),
               Code::kInvalidArgument, {"invoice \"1003\"", "amount 0", "positive"}});
  c.push_back({"AmountBeyondMaximum",
               Damaged([](auto& r) { Invoice(r, 0).set_amount(kMaxAmount + 1); }),
               Code::kInvalidArgument, {"invoice \"1001\"", "amount", "maximum"}});
  c.push_back({"Int64MaxAmount", Damaged([](auto& r) {
                 Invoice(r, 0).set_amount(std::numeric_limits<int64_t>::max());
               }),
               Code::kInvalidArgument, {"invoice \"1001\"", "amount"}});
  c.push_back({"NegativePayment", Damaged([](auto& r) {
                 Invoice(r, 0).mutable_payments(0)->set_amount(-1);
               }),
               Code::kInvalidArgument, {"invoice \"1001\"", "payments[0].amount"}});
  c.push_back({"ZeroPayment", Damaged([](auto& r) {
                 Invoice(r, 0).mutable_payments(0)->set_amount(0);
               }),
               Code::kInvalidArgument,
               {"invoice \"1001\"", "payments[0].amount 0 must be positive"}});
  c.push_back({"ZeroCreditNote", Damaged([](auto& r) {
                 Invoice(r, 1).mutable_credit_notes(0)->set_amount(0);
               }),
               Code::kInvalidArgument, {"invoice \"1002\"", "credit_notes[0].amount"}});
  c.push_back({"NegativeNoticeFee", Damaged([](auto& r) { Notice(r, 0).set_fee(-3750); }),
               Code::kInvalidArgument, {"history.notices[0] (invoice \"1002\")", "fee"}});
  c.push_back({"VatAboveAmount", Damaged([](auto& r) { Invoice(r, 0).set_vat_amount(125001); }),
               Code::kInvalidArgument, {"invoice \"1001\"", "vat_amount"}});
  c.push_back({"PaymentsOverflowTogether", Damaged([](auto& r) {
                 for (int i = 0; i < 10; ++i) {
                   v1::Payment* p = Invoice(r, 0).add_payments();
                   p->set_date("2026-03-01");
                   p->set_amount(kMaxAmount);
                 }
               }),
               Code::kInvalidArgument, {"invoice \"1001\"", "payments together"}});
  c.push_back({"LedgerTotalOverflow", Damaged([](auto& r) {
                 for (int i = 0; i < 200; ++i) {
                   v1::Invoice* inv = r.add_invoices();
                   inv->set_number(absl::StrCat("X", i));
                   inv->set_customer_id("C1");
                   inv->set_invoice_date("2026-01-01");
                   inv->set_due_date("2026-01-15");
                   inv->set_amount(kMaxAmount);
                 }
               }),
               Code::kInvalidArgument, {"invoice amounts together"}});
  c.push_back({"CreditNotesAboveInvoice", Damaged([](auto& r) {
                 Invoice(r, 1).mutable_credit_notes(0)->set_amount(2500001);
               }),
               Code::kInvalidArgument, {"invoice \"1002\"", "credit notes", "exceed"}});
  c.push_back({"NoticeChargesOverflowTogether", Damaged([](auto& r) {
                 Notice(r, 0).set_fee(kMaxAmount);
                 Notice(r, 1).set_interest(kMaxAmount);
               }),
               Code::kInvalidArgument, {"history.notices[1] (invoice \"1002\")", "together"}});
  // --- Dates.
  c.push_back({"ImpossibleDueDate", Damaged([](auto& r) { Invoice(r, 0).set_due_date("2026-02-30"); }),
               Code::kInvalidArgument, {"invoice \"1001\"", "due_date \"2026-02-30\""}});
  c.push_back({"MonthThirteen", Damaged([](auto& r) { Invoice(r, 0).set_invoice_date("2026-13-01"); }),
               Code::kInvalidArgument, {"invoice \"1001\"", "invoice_date"}});
  c.push_back({"MissingDueDate", Damaged([](auto& r) { Invoice(r, 2).clear_due_date(); }),
               Code::kInvalidArgument, {"invoice \"1003\"", "due_date is required"}});
  c.push_back({"DueBeforeInvoiceDate", Damaged([](auto& r) { Invoice(r, 0).set_due_date("2025-12-31"); }),
               Code::kInvalidArgument, {"invoice \"1001\"", "due_date 2025-12-31", "before"}});
  c.push_back({"PaymentDateInWords", Damaged([](auto& r) {
                 Invoice(r, 0).mutable_payments(0)->set_date("yesterday");
               }),
               Code::kInvalidArgument, {"invoice \"1001\"", "payments[0].date"}});
  c.push_back({"YearThreeThousand", Damaged([](auto& r) { Invoice(r, 0).set_due_date("3000-01-01"); }),
               Code::kInvalidArgument, {"invoice \"1001\"", "due_date"}});
  c.push_back({"CreditNoteBeforeInvoice", Damaged([](auto& r) {
                 Invoice(r, 1).mutable_credit_notes(0)->set_date("2025-11-30");
               }),
               Code::kInvalidArgument, {"invoice \"1002\"", "credit_notes[0].date"}});
  c.push_back({"NoticeDeadlineBeforeSent", Damaged([](auto& r) { Notice(r, 0).set_deadline("2026-01-04"); }),
               Code::kInvalidArgument, {"history.notices[0] (invoice \"1002\")", "deadline"}});
  c.push_back({"NoticeBeforeInvoiceExisted", Damaged([](auto& r) { Notice(r, 0).set_sent_date("2025-11-01"); }),
               Code::kInvalidArgument, {"history.notices[0] (invoice \"1002\")", "sent_date"}});
  c.push_back({"FeeWaivedBeforeSent", Damaged([](auto& r) {
                 Notice(r, 1).set_fee_waived_date("2026-02-01");
               }),
               Code::kInvalidArgument, {"history.notices[1] (invoice \"1002\")", "fee_waived_date"}});
  c.push_back({"HoldEndsBeforeStart", Damaged([](auto& r) {
                 Invoice(r, 2).mutable_holds(0)->set_end_date("2026-02-28");
               }),
               Code::kInvalidArgument, {"invoice \"1003\"", "holds[0].end_date"}});
  c.push_back({"CaseClosedBeforeTransfer", Damaged([](auto& r) {
                 r.mutable_history()->mutable_collection_cases(0)->set_closed_date("2026-02-01");
               }),
               Code::kInvalidArgument, {"collection case of invoice \"1001\"", "closed_date"}});
  c.push_back({"MissingAsOf", Damaged([](auto& r) { r.clear_as_of(); }),
               Code::kInvalidArgument, {"request", "as_of is required"}});
  c.push_back({"AsOfNanosOutOfRange",
               Damaged([](auto& r) { r.mutable_as_of()->set_nanos(-5); }),
               Code::kInvalidArgument,
               {"request", "as_of", "(nanos 0-999999999)"}});
  c.push_back(
      {"AsOfInYear10000",
       Damaged([](auto& r) { r.mutable_as_of()->set_seconds(253402300800); }),
       Code::kInvalidArgument,
       {"request: as_of 10000-01-01T00:00:00+00:00 (seconds 253402300800, nanos 0) "
        "is out of range (years 1900-2999)"}});
  c.push_back({"AutomationWithoutStart", Damaged([](auto& r) {
                 r.mutable_settings()->set_progression(v1::MODE_AUTOMATIC);
               }),
               Code::kInvalidArgument, {"settings", "automation_enabled_at"}});
  // --- Duplicates and references.
  c.push_back({"DuplicateInvoiceNumber", Damaged([](auto& r) { Invoice(r, 2).set_number("1001"); }),
               Code::kInvalidArgument, {"invoice \"1001\"", "duplicate invoice number"}});
  c.push_back({"DuplicateCustomerId", Damaged([](auto& r) { r.mutable_customers(1)->set_id("C1"); }),
               Code::kInvalidArgument, {"customer \"C1\"", "duplicate customer id"}});
  c.push_back({"MissingInvoiceNumber", Damaged([](auto& r) { Invoice(r, 1).clear_number(); }),
               Code::kInvalidArgument, {"invoices[1] (customer \"C2\")", "number is required"}});
  c.push_back({"MissingCustomerId", Damaged([](auto& r) { r.mutable_customers(0)->clear_id(); }),
               Code::kInvalidArgument, {"customers[0] (name \"Kari Nordmann\"): id is required"}});
  // Keys of white space only name nothing a person could tell apart, and a
  // tab or a line break is no part of one (the "Bad input" standard: empty
  // strings and whitespace-only ids).
  c.push_back({"BlankInvoiceNumber", Damaged([](auto& r) { Invoice(r, 1).set_number(" \t"); }),
               Code::kInvalidArgument, {"invoices[1] (number \" \\x09\")", "control character"}});
  c.push_back({"SpacesOnlyInvoiceNumber", Damaged([](auto& r) { Invoice(r, 1).set_number("   "); }),
               Code::kInvalidArgument, {"invoices[1] (number \"   \"): number \"   \" is blank"}});
  c.push_back({"NoBreakSpaceCustomerId", Damaged([](auto& r) {
                 r.mutable_customers(1)->set_id("\u00a0");
                 for (auto& inv : *r.mutable_invoices()) {
                   if (inv.customer_id() == "C2") inv.set_customer_id("\u00a0");
                 }
               }),
               Code::kInvalidArgument, {"customers[1] (id \"\u00a0\"): id \"\u00a0\" is blank"}});
  c.push_back({"InvoiceNumberWithLineBreak", Damaged([](auto& r) { Invoice(r, 2).set_number("1003\n"); }),
               Code::kInvalidArgument, {"invoices[2] (number \"1003\\x0a\")", "contains a control character"}});
  c.push_back({"InvoiceNumberWithC1Control", Damaged([](auto& r) { Invoice(r, 2).set_number("A\u0085B"); }),
               Code::kInvalidArgument, {"invoices[2] (number \"A\\u0085B\")", "contains a control character"}});
  c.push_back({"BlankProfileId", Damaged([](auto& r) { r.mutable_settings()->mutable_profiles(0)->set_id(" "); }),
               Code::kInvalidArgument, {"profile \" \": id \" \" is blank"}});
  c.push_back({"BlankCreditNoteNumber", Damaged([](auto& r) {
                 Invoice(r, 1).mutable_credit_notes(0)->set_number("\u3000");
               }),
               Code::kInvalidArgument, {"invoice \"1002\"", "credit_notes[0].number", "is blank"}});
  c.push_back({"InvoiceOfUnknownCustomer", Damaged([](auto& r) { Invoice(r, 0).set_customer_id("C9"); }),
               Code::kInvalidArgument, {"invoice \"1001\"", "customer_id \"C9\""}});
  c.push_back({"NoticeOfUnknownInvoice", Damaged([](auto& r) { Notice(r, 1).set_invoice_number("4711"); }),
               Code::kInvalidArgument, {"history.notices[1] (invoice \"4711\")", "invoice_number"}});
  // One step on one day is one notice (its action id); a second record of
  // it would count its fee and report it twice.
  c.push_back({"DuplicateNotice", Damaged([](auto& r) {
                 *r.mutable_history()->add_notices() = Notice(r, 1);
               }),
               Code::kInvalidArgument, {"notice of invoice", "(duplicate notice)"}});
  c.push_back({"CaseOfUnknownInvoice", Damaged([](auto& r) {
                 r.mutable_history()->mutable_collection_cases(0)->set_invoice_number("4711");
               }),
               Code::kInvalidArgument, {"collection case of invoice \"4711\"", "invoice_number"}});
  c.push_back({"DuplicateCollectionCase", Damaged([](auto& r) {
                 *r.mutable_history()->add_collection_cases() = r.history().collection_cases(0);
               }),
               Code::kInvalidArgument, {"collection case of invoice \"1001\"", "duplicate"}});
  c.push_back({"UnknownCustomerProfile", Damaged([](auto& r) {
                 r.mutable_customers(0)->set_profile_id("ekstra-streng");
               }),
               Code::kInvalidArgument, {"customer \"C1\"", "profile_id \"ekstra-streng\""}});
  c.push_back({"ProfileReusesBuiltinId", Damaged([](auto& r) {
                 r.mutable_settings()->mutable_profiles(0)->set_id("streng");
                 r.mutable_settings()->clear_default_business_profile();
               }),
               Code::kInvalidArgument, {"profile \"streng\"", "built-in"}});
  c.push_back({"DuplicatePaymentId", Damaged([](auto& r) {
                 *Invoice(r, 0).add_payments() = Invoice(r, 0).payments(0);
               }),
               Code::kInvalidArgument, {"invoice \"1001\"", "payments[1].id \"P1\"", "duplicate"}});
  c.push_back({"DuplicateCreditNote", Damaged([](auto& r) {
                 v1::CreditNote* copy = Invoice(r, 1).add_credit_notes();
                 *copy = Invoice(r, 1).credit_notes(0);
               }),
               Code::kInvalidArgument, {"invoice \"1002\"", "credit_notes[1].number \"K1\""}});
  c.push_back({"NoticeWithoutStep", Damaged([](auto& r) { Notice(r, 0).clear_step(); }),
               Code::kInvalidArgument, {"history.notices[0] (invoice \"1002\")", "step is required"}});
  c.push_back({"DeadlineDaysBelowLaw", Damaged([](auto& r) {
                 r.mutable_settings()->mutable_profiles(0)->set_deadline_days(7);
               }),
               Code::kInvalidArgument, {"profile \"b2b\"", "deadline_days 7", "inkassoloven § 9"}});
  c.push_back({"ProviderShareAbove100Percent", Damaged([](auto& r) {
                 r.mutable_settings()->mutable_provider_pricing()->set_share_basis_points(10001);
               }),
               Code::kInvalidArgument, {"settings", "share_basis_points"}});
  c.push_back({"NegativeMinimumAmount", Damaged([](auto& r) {
                 r.mutable_settings()->set_minimum_amount(-1);
               }),
               Code::kInvalidArgument, {"settings", "minimum_amount -1", "must not be negative"}});
  c.push_back({"MinimumAmountAboveTheMaximum", Damaged([](auto& r) {
                 r.mutable_settings()->set_minimum_amount(kMaxAmount + 1);
               }),
               Code::kInvalidArgument, {"settings", "minimum_amount", "exceeds the maximum amount"}});
  // --- Rate tables (the rate book's checks, seen through the public API).
  c.push_back({"OverlappingInterestRows", Damaged([](auto& r) {
                 for (int rate : {1200, 1300}) {
                   v1::InterestRate* row = r.mutable_rate_tables()->add_interest_rates();
                   row->set_valid_from("2026-01-01");
                   row->set_rate_basis_points(rate);
                 }
               }),
               Code::kInvalidArgument, {"interest_rates", "2026-01-01"}});
  c.push_back({"NegativeInterestRate", Damaged([](auto& r) {
                 v1::InterestRate* row = r.mutable_rate_tables()->add_interest_rates();
                 row->set_valid_from("2026-07-01");
                 row->set_rate_basis_points(-100);
               }),
               Code::kInvalidArgument, {"interest_rates"}});
  c.push_back({"RateRowWithImpossibleDate", Damaged([](auto& r) {
                 v1::CollectionRate* row = r.mutable_rate_tables()->add_collection_rates();
                 row->set_valid_from("2026-02-29");
                 row->set_amount(76000);
               }),
               Code::kInvalidArgument, {"collection_rates", "2026-02-29"}});
  c.push_back({"AsOfAfterRateTables", Damaged([](auto& r) {
                 r.mutable_as_of()->set_seconds(kAsOfSeconds + 400 * 86400);  // 2027
               }),
               Code::kOutOfRange, {"rate tables end", "carry_last_rate_forward"}});
  c.push_back({"AsOfBeforeRateTables", Damaged([](auto& r) {
                 r.mutable_as_of()->set_seconds(1262304000);  // 2010-01-01
               }),
               Code::kOutOfRange, {"before the rate tables begin"}});
  c.push_back({"AbsurdInterestRate", Damaged([](auto& r) {
                 v1::InterestRate* row = r.mutable_rate_tables()->add_interest_rates();
                 row->set_valid_from("2026-07-01");
                 row->set_rate_basis_points(2000000000);  // 20 million % a year
               }),
               Code::kInvalidArgument, {"interest_rates[0]", "rate_basis_points"}});
  c.push_back({"FeeFractionDividingByZero", Damaged([](auto& r) {
                 v1::FeeFraction* row = r.mutable_rate_tables()->add_fee_fractions();
                 row->set_valid_from("2026-01-01");
                 row->set_reminder_numerator(1);
               }),
               Code::kInvalidArgument, {"fee_fractions[0]", "denominator"}});
  c.push_back({"InvalidRateValidUntil", Damaged([](auto& r) {
                 r.mutable_rate_tables()->set_valid_until("2027-06-31");
               }),
               Code::kInvalidArgument, {"rate_tables", "valid_until"}});
  // --- Absurd sizes.
  c.push_back({"TooManyThreads", Damaged([](auto& r) { r.mutable_options()->set_threads(65); }),
               Code::kResourceExhausted, {"options", "threads 65"}});
  c.push_back({"NegativeThreads", Damaged([](auto& r) { r.mutable_options()->set_threads(-2); }),
               Code::kInvalidArgument, {"options", "threads -2"}});
  c.push_back({"HugeCustomerName", Damaged([](auto& r) {
                 r.mutable_customers(1)->set_name(std::string(kMaxStringBytes + 1, 'x'));
               }),
               Code::kResourceExhausted, {"customer \"C2\"", "name", "4097 bytes"}});
  c.push_back({"TooManyHolds", Damaged([](auto& r) {
                 for (int i = 0; i < kMaxHoldsPerInvoice; ++i) {
                   *Invoice(r, 2).add_holds() = Invoice(r, 2).holds(0);
                 }
               }),
               Code::kResourceExhausted,
               {"invoice \"1003\": has 1001 holds; the limit is 1000"}});
  c.push_back({"TooManyAddressLines", Damaged([](auto& r) {
                 for (int i = 0; i < kMaxAddressLines; ++i) {
                   r.mutable_customers(0)->mutable_postal_address()->add_lines("x");
                 }
               }),
               Code::kResourceExhausted, {"customer \"C1\"", "postal_address.lines"}});
  c.push_back({"MillionsOfEmptyInvoicesOnTheWire", [] {
                 // Field 5 (invoices), length 0: two bytes per invoice.
                 std::string bytes;
                 for (int i = 0; i <= kMaxInvoices; ++i) bytes += std::string("\x2A\x00", 2);
                 return EvaluateBinary(bytes);
               },
               Code::kResourceExhausted, {"invoices", "limit"}});
  c.push_back({"RequestLargerThanTheLimit", [] {
                 // Only the size is looked at: the bytes are never read.
                 static const char kByte = 0;
                 Outcome out;
                 v1::EvaluateRequest request;
                 out.status = ParseRequest(absl::string_view(&kByte, kMaxRequestBytes + 1),
                                           &request);
                 return out;
               },
               Code::kResourceExhausted, {"bytes", "limit"}});
  return c;
}

class BadInputTest : public ::testing::TestWithParam<Case> {};

TEST_P(BadInputTest, RefusedWithStatusAndMessageAndNoPartialResponse) {
  const Case& c = GetParam();
  const Outcome out = c.run();
  EXPECT_EQ(out.status.code(), c.code) << out.status;
  for (const std::string& part : c.message_parts) {
    EXPECT_THAT(std::string(out.status.message()), HasSubstr(part));
  }
  EXPECT_EQ(out.response.ByteSizeLong(), 0u) << "a refused request left a partial response";
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInputTest, ::testing::ValuesIn(Catalogue()),
                         [](const auto& info) { return info.param.name; });

TEST(BadInputCatalogue, HasAtLeastFortyCases) { EXPECT_GE(Catalogue().size(), 40u); }

TEST(BadInputCatalogue, TheSampleItselfValidates) {
  EXPECT_TRUE(ValidateRequest(SampleRequest()).ok()) << ValidateRequest(SampleRequest());
  const Outcome out = EvaluateJsonText(SampleJson());
  EXPECT_TRUE(out.status.ok()) << out.status;
}

// Not errors: what an accountant expects the engine to accept and report.

// An overpayment is money the debtor is owed back, not bad input: the engine
// reports it in Balance.overpaid (issue 4), it does not refuse the ledger.
TEST(AcceptedInput, PaymentLargerThanTheClaimIsReportedAsOverpaid) {
  v1::EvaluateRequest request = SampleRequest();
  request.mutable_invoices(0)->mutable_payments(0)->set_amount(200000);  // owes 1250 kr
  ASSERT_TRUE(ValidateRequest(request).ok()) << ValidateRequest(request);
  const Outcome out = EvaluateBinary(request.SerializeAsString());
  ASSERT_TRUE(out.status.ok()) << out.status;
  ASSERT_GE(out.response.results_size(), 1);
  EXPECT_EQ(out.response.results(0).invoice_number(), "1001");
  EXPECT_EQ(out.response.results(0).balance().overpaid(), 200000 - 125000);
}

// The largest amounts and rates the limits allow are evaluated, not refused,
// and the balance still reconciles (no overflow, law.md § 1.3 simple interest):
// 10^15 øre owed since 2014 at 1 000 % a year (the highest rate a row may
// hold), an inkassosats and a fee cap of 10^9 øre (the highest amounts).
TEST(AcceptedInput, ExtremeButValidAmountsAndRatesReconcile) {
  v1::EvaluateRequest request = SampleRequest();
  request.mutable_invoices(1)->set_invoice_date("2014-01-01");
  request.mutable_invoices(1)->set_due_date("2014-01-15");
  request.mutable_invoices(1)->set_amount(kMaxAmount);
  v1::InterestRate* interest = request.mutable_rate_tables()->add_interest_rates();
  interest->set_valid_from("2014-01-01");
  interest->set_rate_basis_points(100000);
  v1::CollectionRate* rate = request.mutable_rate_tables()->add_collection_rates();
  rate->set_valid_from("2014-01-01");
  rate->set_amount(1000000000);
  v1::ReminderFeeCap* cap = request.mutable_rate_tables()->add_reminder_fee_caps();
  cap->set_valid_from("2014-01-01");
  cap->set_amount(1000000000);
  const Outcome out = EvaluateBinary(request.SerializeAsString());
  ASSERT_TRUE(out.status.ok()) << out.status;
  ASSERT_EQ(out.response.results_size(), 3);
  const v1::Balance& b = out.response.results(1).balance();
  EXPECT_EQ(b.original(), kMaxAmount);
  EXPECT_EQ(b.original() - b.credited() + b.fees_charged() + b.compensation_charged() +
                b.interest_claimed() - b.paid(),
            b.total() - b.overpaid());
  // The host's row holds until the built-in 2014-07-01 row: 166 days
  // (2014-01-16..06-30) at ten times the principal a year, then the
  // statutory rates.
  EXPECT_GT(out.response.results(1).interest().accrued(), kMaxAmount * 10 * 166 / 365);
}

// A debt older than the rate tables (built-in rows begin 2014-01-01, law.md
// § 1.2), or tables replaced by newer rows only, leave early interest days
// without a rate. One old invoice must not refuse a whole ledger: it is
// evaluated from the first table day and flagged (the money module's rule).
TEST(AcceptedInput, DebtOlderThanTheRateTablesIsEvaluated) {
  for (bool replace_with_2026_rows : {false, true}) {
    v1::EvaluateRequest request = SampleRequest();
    if (replace_with_2026_rows) {
      v1::InterestRate* row = request.mutable_rate_tables()->add_interest_rates();
      row->set_valid_from("2026-01-01");
      row->set_rate_basis_points(1200);
      request.mutable_rate_tables()->set_replace_builtin(true);
    } else {
      request.mutable_invoices(1)->set_invoice_date("2012-05-01");
      request.mutable_invoices(1)->set_due_date("2012-05-15");
    }
    const Outcome out = EvaluateBinary(request.SerializeAsString());
    ASSERT_TRUE(out.status.ok()) << out.status;
    ASSERT_EQ(out.response.results_size(), 3);
    const v1::InvoiceResult& old = out.response.results(1);
    EXPECT_EQ(old.invoice_number(), "1002");
    EXPECT_GT(old.interest().accrued(), 0);
    // Interest runs from the tables' first day, and the invoice says so.
    ASSERT_GT(old.interest().periods_size(), 0);
    EXPECT_EQ(old.interest().periods(0).from_date(),
              replace_with_2026_rows ? "2026-01-01" : "2014-01-01");
    int flagged = 0;
    for (const v1::Warning& warning : out.response.warnings()) {
      flagged += warning.code() == "INTEREST_BEFORE_RATE_TABLES" &&
                 warning.invoice_number() == "1002";
    }
    EXPECT_EQ(flagged, 1);
  }
}

// A payment received before the invoice date is a prepayment (a deposit),
// common in practice: accepted.
TEST(AcceptedInput, PrepaymentBeforeTheInvoiceDateIsAccepted) {
  v1::EvaluateRequest request = SampleRequest();
  request.mutable_invoices(0)->mutable_payments(0)->set_date("2025-12-20");
  EXPECT_TRUE(ValidateRequest(request).ok()) << ValidateRequest(request);
}

// A notice whose deadline was shorter than the law's 14 days was still sent:
// the history is the truth, and the engine applies the law to it (no second
// fee, law.md § 3.1) rather than refusing the ledger.
TEST(AcceptedInput, ShortDeadlineInHistoryIsAccepted) {
  v1::EvaluateRequest request = SampleRequest();
  request.mutable_history()->mutable_notices(0)->set_deadline("2026-01-10");
  EXPECT_TRUE(ValidateRequest(request).ok()) << ValidateRequest(request);
}

// The as-of date after the tables with carry_last_rate_forward is accepted,
// with a warning from the engine.
TEST(AcceptedInput, CarryForwardAcceptsALaterAsOf) {
  v1::EvaluateRequest request = SampleRequest();
  request.mutable_as_of()->set_seconds(kAsOfSeconds + 400 * 86400);
  request.mutable_rate_tables()->set_carry_last_rate_forward(true);
  EXPECT_TRUE(ValidateRequest(request).ok()) << ValidateRequest(request);
}

// Each limit a check draws is itself allowed: validation refuses only past
// it (the proto's comments say "not before", "at most", "inclusive").
TEST(AcceptedInput, TheBoundaryOfEveryDateAndRangeCheckIsAccepted) {
  struct Boundary {
    const char* name;
    void (*apply)(v1::EvaluateRequest&);
  };
  const Boundary boundaries[] = {
      {"a one-day hold (end_date = start_date)",
       [](v1::EvaluateRequest& r) {
         Invoice(r, 2).mutable_holds(0)->set_end_date("2026-03-01");
       }},
      {"vat_amount = amount",
       [](v1::EvaluateRequest& r) { Invoice(r, 0).set_vat_amount(125000); }},
      {"a case closed on its transfer day",
       [](v1::EvaluateRequest& r) {
         auto* c = r.mutable_history()->mutable_collection_cases(0);
         c->set_state(v1::COLLECTION_CASE_STATE_CLOSED);
         c->set_closed_date("2026-03-01");
       }},
      {"a transfer on the invoice date",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_collection_cases(0)->set_transferred_date(
             "2026-01-02");
       }},
      {"a notice sent on the invoice date",
       [](v1::EvaluateRequest& r) {
         Notice(r, 0).set_sent_date("2025-12-01");
       }},
      {"a deadline on the send day",
       [](v1::EvaluateRequest& r) { Notice(r, 0).set_deadline("2026-01-05"); }},
      {"a credit note on the invoice date",
       [](v1::EvaluateRequest& r) {
         Invoice(r, 1).mutable_credit_notes(0)->set_date("2025-12-01");
       }},
      {"first_step_after_days 3650",
       [](v1::EvaluateRequest& r) {
         r.mutable_settings()->mutable_profiles(0)->set_first_step_after_days(
             3650);
       }},
  };
  for (const Boundary& boundary : boundaries) {
    SCOPED_TRACE(boundary.name);
    v1::EvaluateRequest request = SampleRequest();
    boundary.apply(request);
    EXPECT_TRUE(ValidateRequest(request).ok()) << ValidateRequest(request);
    const Outcome out = EvaluateBinary(request.SerializeAsString());
    EXPECT_TRUE(out.status.ok()) << out.status;
    EXPECT_EQ(out.response.results_size(), 3);
  }
}

}  // namespace
}  // namespace purring::testing
