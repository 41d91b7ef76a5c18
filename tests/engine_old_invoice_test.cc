// An invoice due before the built-in rate tables begin (2014-01-01, law.md
// § 1.2) does not refuse the ledger: it is evaluated with interest from the
// first table day, and the response warns about it by invoice.
#include "engine_test_ledger.h"
#include "gtest/gtest.h"

namespace purring {
namespace {

TEST(EngineOldInvoiceTest, EvaluatedWithAWarningNamingTheInvoice) {
  testing::TestLedger ledger;
  ledger.SetAsOfDate("2026-11-28");
  ledger.AddCustomer("K1", v1::CUSTOMER_TYPE_PERSON);
  ledger.AddInvoice("OLD-1", "K1", "2013-09-01", "2013-09-16", 100000);
  ledger.AddInvoice("NEW-1", "K1", "2026-09-01", "2026-09-15", 100000);
  absl::StatusOr<v1::EvaluateResponse> response = Evaluate(ledger.request());
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_EQ(response->results_size(), 2);
  EXPECT_EQ(response->results(0).status(), v1::INVOICE_STATUS_READY_TO_SEND);
  ASSERT_EQ(response->warnings_size(), 1);
  EXPECT_EQ(response->warnings(0).code(), "INTEREST_BEFORE_RATE_TABLES");
  EXPECT_EQ(response->warnings(0).invoice_number(), "OLD-1");
  // Interest runs from the first rated day: the first period starts then.
  ASSERT_GT(response->results(0).interest().periods_size(), 0);
  EXPECT_EQ(response->results(0).interest().periods(0).from_date(), "2014-01-01");
}

}  // namespace
}  // namespace purring
