// Ledger postings (F15; issue 4 item 7), F18 monthly reports and the F19
// provider settlement (issue 4 items 8, 9).
#include "money/postings.h"
#include "money/reports.h"

#include "gtest/gtest.h"

namespace purring::internal {
namespace {

absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

v1::ProposedAction Action(int64_t fee, int64_t compensation, int64_t interest) {
  v1::ProposedAction action;
  action.set_id("10023/dunning/2026-03-01");
  action.set_kind(v1::ACTION_KIND_SEND_NOTICE);
  action.set_invoice_number("10023");
  action.set_customer_id("C1");
  action.set_step(v1::STEP_KIND_DUNNING);
  action.set_date("2026-03-01");
  action.set_fee(fee);
  action.set_compensation(compensation);
  action.set_interest(interest);
  return action;
}

TEST(PostingsTest, FeeAndInterestPostedToDefaultAccountsWithoutVat) {
  // settings.proto defaults: receivable 1500, fee 8050, interest 8050;
  // merverdiavgiftsloven § 4-1 (2): no VAT line (law.md § 5.3).
  google::protobuf::RepeatedPtrField<v1::LedgerPosting> out;
  AppendPostings(Action(3750, 0, 1234), v1::AccountingSettings(), &out);
  ASSERT_EQ(out.size(), 2);
  EXPECT_EQ(out[0].id(), "10023/dunning/2026-03-01/fee");
  EXPECT_EQ(out[0].kind(), v1::POSTING_KIND_FEE);
  EXPECT_EQ(out[0].debit_account(), "1500");
  EXPECT_EQ(out[0].credit_account(), "8050");
  EXPECT_EQ(out[0].amount(), 3750);
  EXPECT_EQ(out[0].date(), "2026-03-01");
  EXPECT_EQ(out[0].invoice_number(), "10023");
  EXPECT_EQ(out[0].action_id(), "10023/dunning/2026-03-01");
  EXPECT_EQ(out[1].kind(), v1::POSTING_KIND_INTEREST);
  EXPECT_EQ(out[1].amount(), 1234);
}

TEST(PostingsTest, ConfiguredAccountsAndDimensions) {
  v1::AccountingSettings accounting;
  accounting.set_receivable_account("1510");
  accounting.set_fee_account("3900");
  accounting.set_interest_account("8040");
  accounting.set_department("20");
  accounting.set_project("P7");
  google::protobuf::RepeatedPtrField<v1::LedgerPosting> out;
  AppendPostings(Action(0, 42250, 500), accounting, &out);
  ASSERT_EQ(out.size(), 2);
  EXPECT_EQ(out[0].kind(), v1::POSTING_KIND_COMPENSATION);
  EXPECT_EQ(out[0].credit_account(), "3900");  // defaults to the fee account
  EXPECT_EQ(out[0].debit_account(), "1510");
  EXPECT_EQ(out[0].department(), "20");
  EXPECT_EQ(out[0].project(), "P7");
  EXPECT_EQ(out[1].credit_account(), "8040");
}

TEST(PostingsTest, NothingForZeroAmountsOrTransfers) {
  google::protobuf::RepeatedPtrField<v1::LedgerPosting> out;
  AppendPostings(Action(0, 0, 0), v1::AccountingSettings(), &out);
  v1::ProposedAction transfer = Action(3750, 0, 100);
  transfer.set_kind(v1::ACTION_KIND_TRANSFER_TO_COLLECTION);
  AppendPostings(transfer, v1::AccountingSettings(), &out);
  EXPECT_EQ(out.size(), 0);
}

v1::Notice HistoryNotice(const char* invoice, const char* sent, int64_t fee,
                         int64_t interest, v1::Channel channel,
                         const char* letter) {
  v1::Notice notice;
  notice.set_invoice_number(invoice);
  notice.set_step(v1::STEP_KIND_DUNNING);
  notice.set_sent_date(sent);
  notice.set_fee(fee);
  notice.set_interest(interest);
  notice.set_channel(channel);
  notice.set_letter_id(letter);
  return notice;
}

TEST(ReportsTest, MonthlyReportsAndSettlement) {
  // Two shards merged. March 2026: two notices in one posted letter (one
  // with a fee, one free), April: a free e-mailed notice and a waived
  // 37.50 kr fee (waived in April). Payments: March 37.50 costs + 92.05
  // interest; April 10.00 interest.
  ReportAccumulator a, b;
  a.AddNotice(HistoryNotice("1", "2026-03-02", 3750, 0, v1::CHANNEL_POST, "L1"), false);
  a.AddNotice(HistoryNotice("2", "2026-03-02", 0, 0, v1::CHANNEL_POST, "L1"), false);
  v1::Notice waived = HistoryNotice("3", "2026-03-20", 3750, 0, v1::CHANNEL_EMAIL, "L2");
  waived.set_fee_waived_date("2026-04-02");
  b.AddNotice(waived, false);
  // Notice 4 was sent under a profile with fees and interest off.
  b.AddNotice(HistoryNotice("4", "2026-04-05", 0, 0, v1::CHANNEL_EMAIL, "L3"),
              /*charges_off=*/true);
  a.AddAllocation({D(2026, 3, 10), 3750, 9205, 387045, 0});
  b.AddAllocation({D(2026, 4, 1), 0, 1000, 0, 0});
  a.Merge(b);
  v1::EvaluateResponse response;
  a.Finish(v1::ProviderPricing(), &response);
  ASSERT_EQ(response.monthly_reports_size(), 2);
  const v1::MonthlyReport& march = response.monthly_reports(0);
  EXPECT_EQ(march.month(), "2026-03");
  EXPECT_EQ(march.fees_paid(), 3750);
  EXPECT_EQ(march.interest_paid(), 9205);
  EXPECT_EQ(march.notices_with_fee(), 2);
  EXPECT_EQ(march.notices_without_fee(), 1);
  EXPECT_EQ(march.notices_printed(), 2);
  EXPECT_EQ(march.letters_printed(), 1);
  const v1::MonthlyReport& april = response.monthly_reports(1);
  EXPECT_EQ(april.month(), "2026-04");
  EXPECT_EQ(april.interest_paid(), 1000);
  EXPECT_EQ(april.fees_waived_count(), 1);
  EXPECT_EQ(april.fees_waived_amount(), 3750);
  EXPECT_EQ(april.notices_without_fee(), 1);
  // F19: paid 37.50 + 92.05 + 10.00 = 139.55 kr; 50 % = 69.775 → 69.78 kr
  // (half up). Product.md F19: the 7 kr price is for notices sent with fees
  // and interest off: only notice 4 (notice 2 is free under a fee profile),
  // 1 × 7 kr = 7 kr.
  // Each month's own settlement (F19, a monthly invoice basis): March
  // 129.55 kr paid, 50 % = 64.775 → 64.78 kr; April 10.00 kr → 5.00 kr and
  // notice 4's 7 kr.
  EXPECT_EQ(march.provider_share(), 6478);
  EXPECT_EQ(march.notices_without_charges(), 0);
  EXPECT_EQ(march.provider_total(), 6478);
  EXPECT_EQ(april.provider_share(), 500);
  EXPECT_EQ(april.notices_without_charges(), 1);
  EXPECT_EQ(april.provider_total(), 1200);
  const v1::ProviderSettlement& s = response.provider_settlement();
  EXPECT_EQ(s.fees_and_interest_paid(), 13955);
  EXPECT_EQ(s.share_basis_points(), 5000);
  EXPECT_EQ(s.provider_share(), 6978);
  EXPECT_EQ(s.notices_without_charges(), 1);
  EXPECT_EQ(s.price_per_notice(), 700);
  EXPECT_EQ(s.per_notice_total(), 700);
  EXPECT_EQ(s.total(), 7678);
}

TEST(ReportsTest, ANoticeChargingCompensationIsNotCountedAsFree) {
  // F18 "reminders sent without a fee": a B2B notice charging the § 3a
  // standard compensation (law.md § 6) and no fee charged the debtor.
  ReportAccumulator reports;
  v1::Notice compensated =
      HistoryNotice("1", "2026-09-02", 0, 0, v1::CHANNEL_EMAIL, "L1");
  compensated.set_compensation(46000);
  reports.AddNotice(compensated, false);
  reports.AddNotice(
      HistoryNotice("2", "2026-09-03", 0, 0, v1::CHANNEL_EMAIL, "L2"), false);
  v1::EvaluateResponse response;
  reports.Finish(v1::ProviderPricing(), &response);
  ASSERT_EQ(response.monthly_reports_size(), 1);
  EXPECT_EQ(response.monthly_reports(0).notices_with_fee(), 1);
  EXPECT_EQ(response.monthly_reports(0).notices_without_fee(), 1);
}

TEST(ReportsTest, ConfiguredPricing) {
  ReportAccumulator acc;
  acc.AddAllocation({D(2026, 5, 3), 10000, 0, 0, 0});
  acc.AddNotice(HistoryNotice("1", "2026-05-01", 0, 0, v1::CHANNEL_EMAIL, ""),
                /*charges_off=*/true);
  v1::ProviderPricing pricing;
  pricing.set_share_basis_points(3000);
  pricing.set_price_per_notice_off(900);
  v1::EvaluateResponse response;
  acc.Finish(pricing, &response);
  EXPECT_EQ(response.provider_settlement().provider_share(), 3000);
  EXPECT_EQ(response.provider_settlement().per_notice_total(), 900);
  EXPECT_EQ(response.provider_settlement().total(), 3900);
}

}  // namespace
}  // namespace purring::internal
