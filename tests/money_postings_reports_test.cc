// Ledger postings (F15; issue 4 item 7), F18 monthly reports and the F19
// provider settlement (issue 4 items 8, 9).
#include "money/postings.h"
#include "money/reports.h"

#include "gmock/gmock.h"
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

TEST(PostingsTest, TheFeeIsNamedByItsNotice) {
  // inkassoforskriften § 1-2 (1), (2): the same fee on a purring and on an
  // inkassovarsel; the posting's text says which the debtor was charged.
  google::protobuf::RepeatedPtrField<v1::LedgerPosting> out;
  AppendPostings(Action(3750, 0, 0), v1::AccountingSettings(), &out);
  v1::ProposedAction warning = Action(3750, 0, 0);
  warning.set_step(v1::STEP_KIND_COLLECTION_WARNING);
  AppendPostings(warning, v1::AccountingSettings(), &out);
  ASSERT_EQ(out.size(), 2);
  EXPECT_EQ(out[0].description(), "Purregebyr faktura 10023");
  EXPECT_EQ(out[1].description(), "Inkassovarselgebyr faktura 10023");
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

// A notice whose recorded fee and compensation the rules allow in full.
NoticeCharge Allowed(const v1::Notice& notice) {
  NoticeCharge charge;
  charge.fee = notice.fee();
  charge.compensation = notice.compensation();
  charge.interest = notice.interest();
  return charge;
}

// Evaluated after every date the notice names: its waiver is made.
void Add(ReportAccumulator* reports, const v1::Notice& notice,
         bool charges_off) {
  reports->AddNotice(notice, Allowed(notice), charges_off,
                     !notice.fee_waived_date().empty());
}

TEST(ReportsTest, ANoticeWithoutARecordedChannelWasPrinted) {
  // history.proto: an unrecorded channel counts as paper, as it does for
  // the law (an inkassovarsel before 2017-04-01 was valid only on paper):
  // F18 counts it printed. Two notices of one letter and one of its own.
  ReportAccumulator reports;
  Add(&reports,
      HistoryNotice("1", "2016-06-20", 6700, 0, v1::CHANNEL_UNSPECIFIED, "L1"),
      false);
  Add(&reports,
      HistoryNotice("2", "2016-06-20", 6700, 0, v1::CHANNEL_UNSPECIFIED, "L1"),
      false);
  Add(&reports,
      HistoryNotice("3", "2016-06-21", 0, 0, v1::CHANNEL_UNSPECIFIED, ""),
      false);
  Add(&reports, HistoryNotice("4", "2016-06-22", 0, 0, v1::CHANNEL_EMAIL, "L2"),
      false);
  v1::EvaluateResponse response;
  ASSERT_TRUE(reports.Finish(v1::ProviderPricing(), &response).ok());
  ASSERT_EQ(response.monthly_reports_size(), 1);
  EXPECT_EQ(response.monthly_reports(0).notices_printed(), 3);
  EXPECT_EQ(response.monthly_reports(0).letters_printed(), 2);
}

TEST(ReportsTest, MonthlyReportsAndSettlement) {
  // Two shards merged. March 2026: two notices in one posted letter (one
  // with a fee, one free), April: a free e-mailed notice and a waived
  // 37.50 kr fee (waived in April). Payments: March 37.50 costs + 92.05
  // interest; April 10.00 interest.
  ReportAccumulator a, b;
  Add(&a, HistoryNotice("1", "2026-03-02", 3750, 0, v1::CHANNEL_POST, "L1"), false);
  Add(&a, HistoryNotice("2", "2026-03-02", 0, 0, v1::CHANNEL_POST, "L1"), false);
  v1::Notice waived = HistoryNotice("3", "2026-03-20", 3750, 0, v1::CHANNEL_EMAIL, "L2");
  waived.set_fee_waived_date("2026-04-02");
  Add(&b, waived, false);
  // Notice 4 was sent under a profile with fees and interest off.
  Add(&b, HistoryNotice("4", "2026-04-05", 0, 0, v1::CHANNEL_EMAIL, "L3"),
              /*charges_off=*/true);
  a.AddAllocation({D(2026, 3, 10), 3750, 9205, 387045, 0});
  b.AddAllocation({D(2026, 4, 1), 0, 1000, 0, 0});
  a.Merge(b);
  v1::EvaluateResponse response;
  ASSERT_TRUE(a.Finish(v1::ProviderPricing(), &response).ok());
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
  Add(&reports, compensated, false);
  Add(&reports, HistoryNotice("2", "2026-09-03", 0, 0, v1::CHANNEL_EMAIL, "L2"),
      false);
  v1::EvaluateResponse response;
  ASSERT_TRUE(reports.Finish(v1::ProviderPricing(), &response).ok());
  ASSERT_EQ(response.monthly_reports_size(), 1);
  EXPECT_EQ(response.monthly_reports(0).notices_with_fee(), 1);
  EXPECT_EQ(response.monthly_reports(0).notices_without_fee(), 1);
}

TEST(ReportsTest,
     AWaivedCompensationIsWaivedAndAnOffNoticeWithInterestIsPriced) {
  // F18 "fees waived": a waiver takes back the notice's B2B standard
  // compensation (422.50 kr) as it does a fee. F19: the 7 kr price is for
  // notices sent with fees and interest off that charged nothing; one that
  // recorded 5 kr of interest (history from before the switch) charged.
  ReportAccumulator reports;
  v1::Notice waived =
      HistoryNotice("1", "2026-09-02", 0, 0, v1::CHANNEL_EMAIL, "L1");
  waived.set_compensation(42250);
  waived.set_fee_waived_date("2026-10-05");
  Add(&reports, waived, false);
  Add(&reports,
      HistoryNotice("2", "2026-09-03", 0, 500, v1::CHANNEL_EMAIL, "L2"),
      /*charges_off=*/true);
  v1::EvaluateResponse response;
  ASSERT_TRUE(reports.Finish(v1::ProviderPricing(), &response).ok());
  ASSERT_EQ(response.monthly_reports_size(), 2);
  const v1::MonthlyReport& september = response.monthly_reports(0);
  EXPECT_EQ(september.notices_without_charges(), 0);
  EXPECT_EQ(september.provider_total(), 0);
  const v1::MonthlyReport& october = response.monthly_reports(1);
  EXPECT_EQ(october.month(), "2026-10");
  EXPECT_EQ(october.fees_waived_count(), 1);
  EXPECT_EQ(october.fees_waived_amount(), 42250);
  EXPECT_EQ(response.provider_settlement().notices_without_charges(), 0);
}

TEST(ReportsTest, AMonthBelowZeroRoundsItsShareLikeAMonthAbove) {
  // README "Rounding": a month that gave back more than was paid in it (a
  // waiver refunding a paid fee) rounds the size of its share half up, as
  // a month above 0 does: 50 % of −3 059 øre is −1 529.5 → −1 530.
  ReportAccumulator reports;
  reports.AddAllocation({D(2026, 9, 10), 3059, 0, 0, 0});
  reports.AddAllocation({D(2026, 10, 5), -3059, 0, 0, 0});
  v1::EvaluateResponse response;
  ASSERT_TRUE(reports.Finish(v1::ProviderPricing(), &response).ok());
  ASSERT_EQ(response.monthly_reports_size(), 2);
  EXPECT_EQ(response.monthly_reports(0).provider_share(), 1530);
  EXPECT_EQ(response.monthly_reports(1).fees_paid(), -3059);
  EXPECT_EQ(response.monthly_reports(1).provider_share(), -1530);
  EXPECT_EQ(response.monthly_reports(1).provider_total(), -1530);
  // Over the whole history nothing was paid.
  EXPECT_EQ(response.provider_settlement().provider_share(), 0);
}

TEST(ReportsTest, ConfiguredPricing) {
  ReportAccumulator acc;
  acc.AddAllocation({D(2026, 5, 3), 10000, 0, 0, 0});
  Add(&acc, HistoryNotice("1", "2026-05-01", 0, 0, v1::CHANNEL_EMAIL, ""),
                /*charges_off=*/true);
  v1::ProviderPricing pricing;
  pricing.set_share_basis_points(3000);
  pricing.set_price_per_notice_off(900);
  v1::EvaluateResponse response;
  ASSERT_TRUE(acc.Finish(pricing, &response).ok());
  EXPECT_EQ(response.provider_settlement().provider_share(), 3000);
  EXPECT_EQ(response.provider_settlement().per_notice_total(), 900);
  EXPECT_EQ(response.provider_settlement().total(), 3900);
}

TEST(ReportsTest, AFeeTheRulesRefusedIsNoFeeChargedOrWaived) {
  // README "Fee strictness": a recorded fee the rules do not allow (here on
  // a påminnelse, which never carries one) is left out of the balance; the
  // report counts what was charged, so the notice was sent without a fee
  // and its waiver waived nothing.
  ReportAccumulator reports;
  v1::Notice reminder =
      HistoryNotice("1", "2026-09-20", 3750, 0, v1::CHANNEL_EMAIL, "L1");
  reminder.set_step(v1::STEP_KIND_REMINDER);
  reminder.set_fee_waived_date("2026-10-01");
  NoticeCharge refused = Allowed(reminder);
  refused.fee = 0;
  reports.AddNotice(reminder, refused, false, /*waiver_made=*/true);
  v1::EvaluateResponse response;
  ASSERT_TRUE(reports.Finish(v1::ProviderPricing(), &response).ok());
  ASSERT_EQ(response.monthly_reports_size(), 1);
  EXPECT_EQ(response.monthly_reports(0).month(), "2026-09");
  EXPECT_EQ(response.monthly_reports(0).notices_with_fee(), 0);
  EXPECT_EQ(response.monthly_reports(0).notices_without_fee(), 1);
  EXPECT_EQ(response.monthly_reports(0).fees_waived_count(), 0);
}

TEST(ReportsTest, SumsPastAnInt64AreErrorsNotClamps) {
  // "Overflow is an error, not a wrap" (README, Money): 9 301 notices
  // priced at the 10^15 øre limit each, and 9 300 waived fees of 10^15 øre,
  // pass INT64_MAX (9.22 × 10^18).
  constexpr int64_t kLimit = 1000000000000000;
  ReportAccumulator priced;
  for (int i = 0; i < 9301; ++i) {
    Add(&priced, HistoryNotice("1", "2026-03-02", 0, 0, v1::CHANNEL_EMAIL, ""),
        /*charges_off=*/true);
  }
  v1::ProviderPricing pricing;
  pricing.set_price_per_notice_off(kLimit);
  v1::EvaluateResponse response;
  absl::Status status = priced.Finish(pricing, &response);
  EXPECT_EQ(status.code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(status.message(), ::testing::HasSubstr("monthly report 2026-03"));

  ReportAccumulator waived;
  for (int i = 0; i < 9300; ++i) {
    v1::Notice notice =
        HistoryNotice("1", "2026-02-02", kLimit, 0, v1::CHANNEL_EMAIL, "");
    notice.set_fee_waived_date("2026-03-05");
    Add(&waived, notice, false);
  }
  status = waived.Finish(v1::ProviderPricing(), &response);
  EXPECT_EQ(status.code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(status.message(), ::testing::HasSubstr("monthly report 2026-03"));

  // Just under: 9 223 notices at the limit fit (9.223 × 10^18).
  ReportAccumulator fits;
  for (int i = 0; i < 9223; ++i) {
    Add(&fits, HistoryNotice("1", "2026-03-02", 0, 0, v1::CHANNEL_EMAIL, ""),
        /*charges_off=*/true);
  }
  ASSERT_TRUE(fits.Finish(pricing, &response).ok());
  EXPECT_EQ(response.provider_settlement().total(), 9223 * kLimit);
}

}  // namespace
}  // namespace purring::internal
