// EvaluateBytes refuses what ParseRequest and then EvaluateSerialized refuse,
// with the same code and message: bad records, values over the limits (and
// those exactly at them, accepted), invalid UTF-8, every cut of a valid
// request, and requests with several errors (the first reported is the
// same). Each case also checks what the reference itself does.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "evaluate_bytes_support.h"
#include "google/protobuf/stubs/logging.h"
#include "gtest/gtest.h"
#include "purring/limits.h"

namespace purring::testing_bytes {
namespace {

// Adds notices of invoice "1001" until it has `total`: fee-free, each a
// distinct step and day from 2026-03-01 on.
void FillNoticesOf1001(v1::EvaluateRequest& r, int total) {
  int have = 0;
  for (const v1::Notice& n : r.history().notices()) {
    if (n.invoice_number() == "1001") ++have;
  }
  const v1::StepKind steps[] = {v1::STEP_KIND_REMINDER, v1::STEP_KIND_DUNNING,
                                v1::STEP_KIND_COLLECTION_WARNING};
  for (int k = 0; have < total; ++k, ++have) {
    v1::Notice* n = r.mutable_history()->add_notices();
    n->set_invoice_number("1001");
    n->set_step(steps[k % 3]);
    const absl::CivilDay sent = absl::CivilDay(2026, 3, 1) + k / 3;
    n->set_sent_date(absl::FormatCivilTime(sent));
    n->set_deadline(absl::FormatCivilTime(sent + 14));
  }
}

TEST(EvaluateBytes, RefusedRecords) {
  struct Case {
    const char* name;
    void (*damage)(v1::EvaluateRequest&);
    absl::StatusCode code;
    const char* message_part;
  };
  const Case cases[] = {
      {"duplicate invoice number",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(2)->set_number("1001");
       },
       absl::StatusCode::kInvalidArgument, "duplicate invoice number"},
      {"customer_id not a customer",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(1)->set_customer_id("C9");
       },
       absl::StatusCode::kInvalidArgument, "is not a customer in the request"},
      {"notice naming an unknown invoice",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(1)->set_invoice_number("9999");
       },
       absl::StatusCode::kInvalidArgument, "invoice_number is not an invoice"},
      {"notice before its invoice's invoice_date",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(0)->set_sent_date("2025-11-01");
       },
       absl::StatusCode::kInvalidArgument, "is before the invoice_date"},
      {"notice with a bad sent_date",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(1)->set_sent_date("2026-02-30");
       },
       absl::StatusCode::kInvalidArgument, "sent_date"},
      {"notice without a step",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(1)->set_step(v1::STEP_KIND_UNSPECIFIED);
       },
       absl::StatusCode::kInvalidArgument, "step is required"},
      {"collection case before its invoice's invoice_date",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_collection_cases(0)->set_transferred_date(
             "2025-12-31");
       },
       absl::StatusCode::kInvalidArgument, "is before the invoice_date"},
      {"duplicate collection case",
       [](v1::EvaluateRequest& r) {
         *r.mutable_history()->add_collection_cases() =
             r.history().collection_cases(0);
       },
       absl::StatusCode::kInvalidArgument, "duplicate collection case"},
      {"collection case of an unknown invoice",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_collection_cases(0)->set_invoice_number("77");
       },
       absl::StatusCode::kInvalidArgument, "invoice_number is not an invoice"},
      {"payment with a bad date",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(0)->mutable_payments(0)->set_date("2026-02-30");
       },
       absl::StatusCode::kInvalidArgument, "payments[0].date"},
      {"payment of zero",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(0)->mutable_payments(0)->set_amount(0);
       },
       absl::StatusCode::kInvalidArgument, "payments[0].amount"},
      {"credit notes over the invoice amount",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(1)->mutable_credit_notes(0)->set_amount(2500001);
       },
       absl::StatusCode::kInvalidArgument, "exceed the invoice amount"},
      {"invoice due before its date",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(2)->set_due_date("2026-01-01");
       },
       absl::StatusCode::kInvalidArgument, "is before invoice_date"},
      {"invoice amount over kMaxAmount",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(2)->set_amount(kMaxAmount + 1);
       },
       absl::StatusCode::kInvalidArgument, "amount"},
      {"negative invoice amount",
       [](v1::EvaluateRequest& r) { r.mutable_invoices(2)->set_amount(-5); },
       absl::StatusCode::kInvalidArgument, "amount"},
      {"invoice amounts over kMaxLedgerTotal together",
       [](v1::EvaluateRequest& r) {
         for (int i = 0; i <= kMaxLedgerTotal / kMaxAmount; ++i) {
           v1::Invoice* inv = r.add_invoices();
           inv->set_number(absl::StrCat("big-", i));
           inv->set_customer_id("C1");
           inv->set_invoice_date("2026-01-02");
           inv->set_due_date("2026-01-16");
           inv->set_amount(kMaxAmount);
         }
       },
       absl::StatusCode::kInvalidArgument,
       "invoice amounts together exceed the maximum total 100000000000000000 "
       "øre (passed at invoice \"big-99\")"},
      {"payments over kMaxLedgerTotal together",
       [](v1::EvaluateRequest& r) {
         for (int i = 0; i <= kMaxLedgerTotal / kMaxAmount; ++i) {
           v1::Invoice* inv = r.add_invoices();
           inv->set_number(absl::StrCat("paid-", i));
           inv->set_customer_id("C1");
           inv->set_invoice_date("2026-01-02");
           inv->set_due_date("2026-01-16");
           inv->set_amount(100);
           v1::Payment* pay = inv->add_payments();
           pay->set_date("2026-01-10");
           pay->set_amount(kMaxAmount);
         }
       },
       absl::StatusCode::kInvalidArgument,
       "payments of all invoices together exceed the maximum total "
       "100000000000000000 øre (passed at invoice \"paid-99\")"},
      {"a notice's charges overflowing",
       [](v1::EvaluateRequest& r) {
         v1::Notice* n = r.mutable_history()->mutable_notices(0);
         n->set_fee(kMaxAmount);
         n->set_interest(1);
       },
       absl::StatusCode::kInvalidArgument,
       "the charges of the invoice's notices together"},
      {"two notices' charges overflowing",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(0)->set_interest(kMaxAmount / 2 + 1);
         r.mutable_history()->mutable_notices(1)->set_compensation(kMaxAmount / 2);
       },
       absl::StatusCode::kInvalidArgument,
       "the charges of the invoice's notices together"},
      {"too many payments on one invoice",
       [](v1::EvaluateRequest& r) {
         v1::Invoice* inv = r.mutable_invoices(1);
         for (int i = 0; i <= kMaxPaymentsPerInvoice; ++i) {
           v1::Payment* pay = inv->add_payments();
           pay->set_date("2026-01-20");
           pay->set_amount(1);
         }
       },
       absl::StatusCode::kResourceExhausted,
       "invoice \"1002\": has 10001 payments; the limit is 10000"},
      {"too many holds on one invoice",
       [](v1::EvaluateRequest& r) {
         v1::Invoice* inv = r.mutable_invoices(0);
         for (int i = 0; i <= kMaxHoldsPerInvoice; ++i) {
           v1::Hold* h = inv->add_holds();
           h->set_kind(v1::HOLD_KIND_OBJECTION);
           h->set_start_date("2026-02-01");
         }
       },
       absl::StatusCode::kResourceExhausted,
       "invoice \"1001\": has 1001 holds; the limit is 1000"},
      {"too many notices of one invoice",
       [](v1::EvaluateRequest& r) {
         FillNoticesOf1001(r, kMaxNoticesPerInvoice + 1);
       },
       absl::StatusCode::kResourceExhausted,
       "invoice \"1001\": has 1001 notices; the limit is 1000"},
      {"too many empty holds on one invoice (the densest record over a limit)",
       [](v1::EvaluateRequest& r) {
         v1::Invoice* inv = r.mutable_invoices(0);
         for (int i = 0; i <= kMaxHoldsPerInvoice; ++i) inv->add_holds();
       },
       absl::StatusCode::kResourceExhausted,
       "invoice \"1001\": has 1001 holds; the limit is 1000"},
      {"an invoice string over kMaxStringBytes",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(1)->set_comment(std::string(kMaxStringBytes + 1, 'x'));
       },
       absl::StatusCode::kResourceExhausted, "comment"},
      {"an invoice number over kMaxStringBytes",
       [](v1::EvaluateRequest& r) {
         const std::string number(kMaxStringBytes + 1, '7');
         r.mutable_invoices(1)->set_number(number);
         r.mutable_history()->mutable_notices(0)->set_invoice_number(number);
         r.mutable_history()->mutable_notices(1)->set_invoice_number(number);
       },
       absl::StatusCode::kResourceExhausted, "number"},
      {"a notice string over kMaxStringBytes",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(1)->set_letter_id(
             std::string(kMaxStringBytes + 1, 'L'));
       },
       absl::StatusCode::kResourceExhausted, "letter_id"},
      {"a payment id over kMaxStringBytes",
       [](v1::EvaluateRequest& r) {
         r.mutable_invoices(0)->mutable_payments(0)->set_id(
             std::string(kMaxStringBytes + 1, 'p'));
       },
       absl::StatusCode::kResourceExhausted, "payments[0].id"},
      {"a notice of an unknown enum step",
       [](v1::EvaluateRequest& r) {
         r.mutable_history()->mutable_notices(0)->set_step(static_cast<v1::StepKind>(77));
       },
       absl::StatusCode::kInvalidArgument, "step"},
      {"threads negative",
       [](v1::EvaluateRequest& r) { r.mutable_options()->set_threads(-1); },
       absl::StatusCode::kInvalidArgument, "threads"},
      {"threads over kMaxThreads",
       [](v1::EvaluateRequest& r) {
         r.mutable_options()->set_threads(kMaxThreads + 1);
       },
       absl::StatusCode::kResourceExhausted, "threads"},
      {"duplicate customer",
       [](v1::EvaluateRequest& r) { *r.add_customers() = r.customers(0); },
       absl::StatusCode::kInvalidArgument, "duplicate customer id"},
  };
  for (const Case& c : cases) {
    v1::EvaluateRequest request = SampleRequest();
    c.damage(request);
    ExpectRefused(Bytes(request), c.code, c.message_part, c.name);
  }
}

TEST(EvaluateBytes, AtTheLimitsIsAccepted) {
  {
    v1::EvaluateRequest r = SampleRequest();
    FillNoticesOf1001(r, kMaxNoticesPerInvoice);
    ExpectAccepted(Bytes(r), "kMaxNoticesPerInvoice notices");
  }
  {
    v1::EvaluateRequest r = SampleRequest();
    v1::Invoice* inv = r.mutable_invoices(1);
    for (int i = 0; i < kMaxPaymentsPerInvoice - 1; ++i) {
      v1::Payment* pay = inv->add_payments();
      pay->set_date("2026-01-20");
      pay->set_amount(1);
    }
    inv->add_credit_notes()->CopyFrom(inv->credit_notes(0));
    inv->mutable_credit_notes(1)->set_number("K2");
    ASSERT_EQ(inv->payments_size(), kMaxPaymentsPerInvoice - 1);
    inv->add_payments()->CopyFrom(inv->payments(0));
    ExpectAccepted(Bytes(r), "kMaxPaymentsPerInvoice payments");
  }
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_invoices(1)->set_comment(std::string(kMaxStringBytes, 'x'));
    r.mutable_history()->mutable_notices(1)->set_letter_id(std::string(kMaxStringBytes, 'L'));
    ExpectAccepted(Bytes(r), "strings of kMaxStringBytes");
  }
  {
    // Exactly kMaxLedgerTotal.
    v1::EvaluateRequest r = SampleRequest();
    int64_t total = 0;
    for (const auto& inv : r.invoices()) total += inv.amount();
    for (int i = 0; total < kMaxLedgerTotal; ++i) {
      v1::Invoice* inv = r.add_invoices();
      inv->set_number(absl::StrCat("big-", i));
      inv->set_customer_id("C2");
      inv->set_invoice_date("2026-01-02");
      inv->set_due_date("2026-01-16");
      inv->set_amount(std::min(kMaxAmount, kMaxLedgerTotal - total));
      total += inv->amount();
    }
    ExpectAccepted(Bytes(r), "invoice amounts of exactly kMaxLedgerTotal");
  }
  {
    // One notice's charges of exactly kMaxAmount.
    v1::EvaluateRequest r = SampleRequest();
    v1::Notice* n = r.mutable_history()->mutable_notices(0);
    n->set_fee(kMaxAmount - 3750 - 2);
    n->set_compensation(1);
    n->set_interest(1);
    ExpectAccepted(Bytes(r), "an invoice's notice charges of exactly kMaxAmount");
  }
}

// The sample with `marker` (a string the sample does not contain) replaced
// by `bytes` of the same length in its serialized form.
std::string WithBytes(v1::EvaluateRequest request, absl::string_view marker,
                      absl::string_view bytes) {
  std::string out = Bytes(request);
  const size_t at = out.find(std::string(marker));
  EXPECT_NE(at, std::string::npos);
  EXPECT_EQ(marker.size(), bytes.size());
  EXPECT_EQ(out.find(std::string(marker), at + 1), std::string::npos);
  out.replace(at, marker.size(), std::string(bytes));
  return out;
}

TEST(EvaluateBytes, InvalidUtf8Strings) {
  const std::string bad = "ok\xff\xfe";  // four bytes, not UTF-8
  const char* where[] = {"invoice comment", "invoice number", "invoice customer_id",
                         "notice letter_id", "notice invoice_number",
                         "payment id", "collection case agency"};
  for (int k = 0; k < 7; ++k) {
    v1::EvaluateRequest r = SampleRequest();
    const std::string marker = "@@@@";
    switch (k) {
      case 0: r.mutable_invoices(1)->set_comment(marker); break;
      case 1: r.mutable_invoices(2)->set_number(marker); break;
      case 2:
        r.mutable_customers(1)->set_id("ok??");
        r.mutable_invoices(2)->set_customer_id(marker);
        break;
      case 3: r.mutable_history()->mutable_notices(1)->set_letter_id(marker); break;
      case 4:
        r.mutable_invoices(1)->set_number("ok??");
        r.mutable_history()->mutable_notices(0)->set_invoice_number("ok??");
        r.mutable_history()->mutable_notices(1)->set_invoice_number(marker);
        break;
      case 5: r.mutable_invoices(0)->mutable_payments(0)->set_id(marker); break;
      case 6: r.mutable_history()->mutable_collection_cases(0)->set_agency(marker); break;
    }
    ExpectRefused(WithBytes(r, marker, bad), absl::StatusCode::kInvalidArgument,
                  "not a valid serialized", where[k]);
  }
  // The same bytes in an unknown length-delimited field are not a string:
  // accepted.
  Pieces p = SamplePieces();
  p.invoices[0] += Len(150, bad);
  p.notices[0] += Len(150, bad);
  ExpectAcceptedLikeCanonical(p.Canonical(), "non-UTF-8 bytes in unknown fields");
}

TEST(EvaluateBytes, InvalidUtf8IsRefusedWithoutAWordToStderr) {
  // Protobuf logs each string that is not UTF-8; the library quiets it.
  v1::EvaluateRequest r = SampleRequest();
  r.mutable_invoices(1)->set_comment("@@@@");
  const std::string bytes = WithBytes(r, "@@@@", "ok\xff\xfe");
  ::testing::internal::CaptureStderr();
  const absl::StatusOr<SerializedResponse> streamed = EvaluateBytes(bytes);
  v1::EvaluateRequest parsed;
  const absl::Status tree = ParseRequest(bytes, &parsed);
  const std::string written = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(streamed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(tree.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(written, "");
}

TEST(EvaluateBytes, EveryCutOfTheSample) {
  const google::protobuf::LogSilencer quiet;  // cut UTF-8 is logged
  const std::string bytes = Bytes(SampleRequest());
  int refused = 0;
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    const Outcome o = ExpectSame(absl::string_view(bytes).substr(0, cut),
                                 absl::StrCat("cut at ", cut));
    if (!o.status.ok()) ++refused;
  }
  // Most cuts land inside a field.
  EXPECT_GT(refused, static_cast<int>(bytes.size() / 2));
}

TEST(EvaluateBytes, EveryCutOfAnIrregularEncoding) {
  const google::protobuf::LogSilencer quiet;  // cut UTF-8 is logged
  // The history first and split, unknown fields inside records.
  Pieces p = SamplePieces();
  p.invoices[1] += VarintField(99, 1);
  const std::string bytes = absl::StrCat(
      Len(kHistory, Len(kHistoryNotices, p.notices[0])), Len(kAsOf, p.as_of),
      p.Invoices(), Len(kSettings, p.settings), p.Customers(),
      Len(kHistory, Len(kHistoryNotices, p.notices[1]) + Len(kHistoryCases, p.cases[0])));
  ExpectAccepted(bytes, "irregular whole");
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    ExpectSame(absl::string_view(bytes).substr(0, cut), absl::StrCat("cut at ", cut));
  }
}

TEST(EvaluateBytes, SeveralErrorsTheFirstReportedIsTheSame) {
  // A bad notice and a later bad invoice: invoices are validated first.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_history()->mutable_notices(0)->set_invoice_number("9999");
    r.mutable_invoices(2)->set_due_date("2026-13-01");
    ExpectRefused(Bytes(r), absl::StatusCode::kInvalidArgument, "due_date",
                  "bad notice and bad invoice");
  }
  // The same with the history written before the invoices.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_history()->mutable_notices(0)->set_invoice_number("9999");
    r.mutable_invoices(2)->set_due_date("2026-13-01");
    const Pieces p = SamplePieces(r);
    ExpectRefused(absl::StrCat(Len(kAsOf, p.as_of), Len(kSettings, p.settings),
                               p.Customers(), p.History(), p.Invoices()),
                  absl::StatusCode::kInvalidArgument, "due_date",
                  "bad notice written before a bad invoice");
  }
  // Two bad invoices: the first in request order.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_invoices(0)->set_invoice_date("2026-02-31");
    r.mutable_invoices(2)->set_customer_id("C9");
    ExpectRefused(Bytes(r), absl::StatusCode::kInvalidArgument, "invoice_date",
                  "two bad invoices");
  }
  // A bad invoice date, and a string over the limit in a later invoice:
  // every size limit is reported before any other check.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_invoices(0)->set_invoice_date("2026-02-31");
    r.mutable_invoices(2)->set_comment(std::string(kMaxStringBytes + 1, 'x'));
    ExpectRefused(Bytes(r), absl::StatusCode::kResourceExhausted, "comment",
                  "bad date, then a string over the limit");
  }
  // A bad notice, and a string over the limit in a later notice.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_history()->mutable_notices(0)->set_deadline("2025-01-01");
    r.mutable_history()->mutable_notices(1)->set_letter_id(
        std::string(kMaxStringBytes + 1, 'L'));
    ExpectRefused(Bytes(r), absl::StatusCode::kResourceExhausted, "letter_id",
                  "bad notice, then a notice string over the limit");
  }
  // A bad notice and a bad collection case: notices first.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_history()->mutable_collection_cases(0)->set_invoice_number("77");
    r.mutable_history()->mutable_notices(1)->set_deadline("2026-01-01");
    ExpectRefused(Bytes(r), absl::StatusCode::kInvalidArgument, "deadline",
                  "bad case and bad notice");
  }
  // A bad invoice and bytes damaged at the end: the parse error wins.
  {
    v1::EvaluateRequest r = SampleRequest();
    r.mutable_invoices(0)->set_invoice_date("2026-02-31");
    ExpectRefused(Bytes(r) + "\x0a\x05" "ab", absl::StatusCode::kInvalidArgument,
                  "not a valid serialized", "bad invoice and truncated end");
  }
  // A bad settings field written after a fine ledger.
  {
    const Pieces p = SamplePieces();
    v1::DunningSettings bad;
    bad.set_default_person_profile("nope");
    ExpectRefused(p.Canonical() + Len(kSettings, Bytes(bad)),
                  absl::StatusCode::kInvalidArgument, "default_person_profile",
                  "bad settings after the ledger");
  }
  // A bad customer after the invoices.
  {
    const Pieces p = SamplePieces();
    v1::Customer bad;
    bad.set_id("C3");
    bad.set_profile_id("nope");
    ExpectRefused(p.Canonical() + Len(kCustomers, Bytes(bad)),
                  absl::StatusCode::kInvalidArgument, "profile_id",
                  "bad customer after the ledger");
  }
}

}  // namespace
}  // namespace purring::testing_bytes
