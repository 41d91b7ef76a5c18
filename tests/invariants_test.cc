// Invariants of the engine on generated ledgers with fixed seeds (issue 7):
// every invoice answered exactly once, balances that reconcile, fees within
// the law, and the same bytes whatever the thread count.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "dates.h"
#include "generated_ledgers.h"
#include "gtest/gtest.h"
#include "hardening/sample_requests.h"
#include "money/rate_book.h"
#include "purring/engine.h"

namespace purring::testing {
namespace {

constexpr uint64_t kSeeds[] = {1, 7, 2026};
constexpr int kInvoices = 400;

v1::EvaluateRequest Ledger(uint64_t seed) {
  return generated::Ledger(kInvoices, seed);
}

v1::EvaluateResponse EvaluateOrDie(const v1::EvaluateRequest& request) {
  absl::StatusOr<v1::EvaluateResponse> response = Evaluate(request);
  EXPECT_TRUE(response.ok()) << response.status();
  return response.ok() ? *std::move(response) : v1::EvaluateResponse();
}

class InvariantsTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(InvariantsTest, EveryInvoiceAppearsExactlyOnceInRequestOrder) {
  const v1::EvaluateRequest request = Ledger(GetParam());
  ASSERT_EQ(request.invoices_size(), kInvoices);
  const v1::EvaluateResponse response = EvaluateOrDie(request);
  ASSERT_EQ(response.results_size(), request.invoices_size());
  std::map<std::string, int> seen;
  for (int i = 0; i < response.results_size(); ++i) {
    EXPECT_EQ(response.results(i).invoice_number(), request.invoices(i).number()) << i;
    ++seen[response.results(i).invoice_number()];
  }
  for (const auto& [number, count] : seen) EXPECT_EQ(count, 1) << number;
  // Every invoice is in exactly one bucket (F1), and the counts say so.
  int counted = 0;
  for (const v1::StatusCount& s : response.status_counts()) counted += s.count();
  EXPECT_EQ(counted, kInvoices);
  for (const v1::InvoiceResult& r : response.results()) {
    EXPECT_NE(r.status(), v1::INVOICE_STATUS_UNSPECIFIED) << r.invoice_number();
  }
}

// F13: original − credited + fees + compensation + interest − paid is what is
// outstanding, and what payments covered adds up to what was paid.
TEST_P(InvariantsTest, BalancesReconcile) {
  const v1::EvaluateRequest request = Ledger(GetParam());
  const v1::EvaluateResponse response = EvaluateOrDie(request);
  ASSERT_EQ(response.results_size(), request.invoices_size());
  for (int i = 0; i < response.results_size(); ++i) {
    const v1::Invoice& inv = request.invoices(i);
    const v1::Balance& b = response.results(i).balance();
    SCOPED_TRACE(absl::StrCat("invoice ", inv.number()));
    int64_t paid = 0, credited = 0;
    for (const v1::Payment& p : inv.payments()) paid += p.amount();
    for (const v1::CreditNote& c : inv.credit_notes()) credited += c.amount();
    EXPECT_EQ(b.original(), inv.amount());
    EXPECT_EQ(b.paid(), paid);
    EXPECT_EQ(b.credited(), credited);
    EXPECT_EQ(b.original() - b.credited() + b.fees_charged() +
                  b.compensation_charged() + b.interest_claimed() - b.paid(),
              b.total() - b.overpaid());
    EXPECT_EQ(b.total(), b.principal_outstanding() + b.fees_outstanding() +
                             b.interest_outstanding());
    EXPECT_EQ(b.paid(), b.fees_paid() + b.interest_paid() + b.principal_paid() +
                            b.overpaid());
    for (int64_t part : {b.total(), b.overpaid(), b.principal_outstanding(),
                         b.fees_outstanding(), b.interest_outstanding(),
                         b.fees_paid(), b.interest_paid(), b.principal_paid()}) {
      EXPECT_GE(part, 0);
    }
    // Claimed interest is part of the accrued interest, never more.
    EXPECT_LE(response.results(i).interest().claimed(),
              response.results(i).interest().accrued());
  }
}

// law.md § 3.1 (inkassoforskriften §§ 1-2, 1-3): a proposed fee is at most the
// statutory maximum for the due date and send date, never on a reminder
// (påminnelse), only from 14 days after the adjusted due date, and at most two
// fee-bearing notices per claim.
TEST_P(InvariantsTest, FeesNeverExceedTheLaw) {
  const v1::EvaluateRequest request = Ledger(GetParam());
  const v1::EvaluateResponse response = EvaluateOrDie(request);
  const internal::RateBook rates = internal::RateBook::Builtin();
  std::map<std::string, const v1::InvoiceResult*> results;
  for (const v1::InvoiceResult& r : response.results()) results[r.invoice_number()] = &r;
  std::map<std::string, int> fee_notices;  // per invoice, not waived
  for (const v1::Notice& n : request.history().notices()) {
    if (n.fee() > 0 && n.fee_waived_date().empty()) ++fee_notices[n.invoice_number()];
  }
  int fees_seen = 0;
  for (const v1::ProposedAction& a : response.actions()) {
    if (a.kind() != v1::ACTION_KIND_SEND_NOTICE) continue;
    SCOPED_TRACE(a.id());
    ASSERT_TRUE(results.count(a.invoice_number()));
    const v1::InvoiceResult& r = *results[a.invoice_number()];
    EXPECT_GE(a.fee(), 0);
    if (a.fee() == 0) continue;
    ++fees_seen;
    EXPECT_NE(a.step(), v1::STEP_KIND_REMINDER);
    const auto due = internal::ParseDate(r.due_date());
    const auto adjusted = internal::ParseDate(r.adjusted_due_date());
    const auto send = internal::ParseDate(a.date());
    ASSERT_TRUE(due && adjusted && send);
    EXPECT_LE(a.fee(), rates.MaxReminderFee(*due, *send));
    EXPECT_GE(*send, *adjusted + 14);
    EXPECT_LE(++fee_notices[a.invoice_number()], 2);
  }
  EXPECT_GT(fees_seen, 0) << "the generated ledger should propose some fees";
}

// The same request gives the same bytes whatever EvaluateOptions.threads.
TEST_P(InvariantsTest, SameBytesWhateverTheThreadCount) {
  v1::EvaluateRequest request = Ledger(GetParam());
  request.mutable_options()->set_threads(1);
  const std::string serial = EvaluateOrDie(request).SerializeAsString();
  ASSERT_FALSE(serial.empty());
  for (int threads : {0, 2, 3, 8, 64}) {
    request.mutable_options()->set_threads(threads);
    EXPECT_EQ(EvaluateOrDie(request).SerializeAsString(), serial) << threads;
  }
  // And again: no state survives between calls.
  request.mutable_options()->set_threads(1);
  EXPECT_EQ(EvaluateOrDie(request).SerializeAsString(), serial);
}

// Each letter's objection link is the template filled in from the letter:
// its first line's invoice, its customer and its own id (the engine takes it
// from that line; here it is made from the template).
TEST_P(InvariantsTest, EveryLetterLinksItsFirstInvoiceCustomerAndId) {
  v1::EvaluateRequest request = Ledger(GetParam());
  request.mutable_settings()->set_objection_link_template(
      "https://portal.example/i?f={invoice}&k={customer}&l={letter}");
  const v1::EvaluateResponse response = EvaluateOrDie(request);
  ASSERT_GT(response.letters_size(), 0);
  for (const v1::ProposedLetter& letter : response.letters()) {
    ASSERT_GT(letter.lines_size(), 0) << letter.id();
    // Generated ids and numbers: letters, digits and '-' but for the
    // letter id's '/', which is escaped.
    EXPECT_EQ(letter.objection_link(),
              absl::StrCat("https://portal.example/i?f=",
                           letter.lines(0).invoice_number(),
                           "&k=", letter.customer_id(), "&l=",
                           absl::StrReplaceAll(letter.id(), {{"/", "%2F"}})))
        << letter.id();
  }
}

TEST_P(InvariantsTest, EveryLetterLineAddsUpAsTheDebtorReadsIt) {
  // F16: a letter shows the invoices, fees, interest and what to pay; the
  // debtor must be able to check the sum: original − credited − paid +
  // earlier fees + this fee and compensation + interest = amount due, each
  // term as the invoice's result has it (F13: balance = original + fees +
  // interest − payments).
  const v1::EvaluateResponse response = EvaluateOrDie(Ledger(GetParam()));
  std::map<std::string, const v1::InvoiceResult*> results;
  for (const v1::InvoiceResult& r : response.results()) {
    results[r.invoice_number()] = &r;
  }
  std::map<std::string, const v1::ProposedAction*> notices;
  for (const v1::ProposedAction& a : response.actions()) {
    if (a.kind() == v1::ACTION_KIND_SEND_NOTICE) notices[a.invoice_number()] = &a;
  }
  int lines = 0, with_payments = 0;
  for (const v1::ProposedLetter& letter : response.letters()) {
    for (const v1::LetterLine& line : letter.lines()) {
      ++lines;
      const v1::InvoiceResult& result = *results.at(line.invoice_number());
      const v1::ProposedAction& action = *notices.at(line.invoice_number());
      const v1::Balance& b = result.balance();
      if (b.paid() > 0) ++with_payments;
      EXPECT_EQ(line.paid(), b.paid()) << line.invoice_number();
      EXPECT_EQ(line.fees_earlier(), b.fees_charged() + b.compensation_charged())
          << line.invoice_number();
      const bool claims_interest =
          b.interest_claimed() > 0 || action.interest() > 0;
      EXPECT_EQ(line.interest(), claims_interest ? result.interest().accrued() : 0)
          << line.invoice_number();
      EXPECT_EQ(line.original_amount() - line.credited() - line.paid() +
                    line.fees_earlier() + line.fee() + line.compensation() +
                    line.interest(),
                line.amount_due())
          << line.invoice_number();
    }
  }
  EXPECT_GT(lines, 0);
  EXPECT_GT(with_payments, 0);  // the case the sum is about
}

INSTANTIATE_TEST_SUITE_P(FixedSeeds, InvariantsTest, ::testing::ValuesIn(kSeeds));

// The hand-built sample of the catalogue keeps the invariants too.
TEST(Invariants, SampleRequestReconciles) {
  const v1::EvaluateResponse response = EvaluateOrDie(SampleRequest());
  ASSERT_EQ(response.results_size(), 3);
  for (const v1::InvoiceResult& r : response.results()) {
    const v1::Balance& b = r.balance();
    EXPECT_EQ(b.original() - b.credited() + b.fees_charged() + b.compensation_charged() +
                  b.interest_claimed() - b.paid(),
              b.total() - b.overpaid())
        << r.invoice_number();
  }
}

}  // namespace
}  // namespace purring::testing
