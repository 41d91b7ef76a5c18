#include "money/reports.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "dates.h"
#include "money/money_math.h"

namespace purring::internal {
namespace {

// F19 defaults (settings.proto ProviderPricing).
constexpr int32_t kDefaultShareBasisPoints = 5000;
constexpr int64_t kDefaultPricePerNotice = 700;

constexpr size_t kMonthLength = 7;  // "YYYY-MM"

// Adds, or marks *overflowed and leaves *sum: Finish turns that into an
// error (accumulating goes on; only the report's figures are lost).
void Add(int64_t amount, int64_t* sum, bool* overflowed) {
  if (!AddMoney(amount, sum).ok()) *overflowed = true;
}

// "provider share rounds half up to øre"; false when it passes an int64. A
// month that gave back more than was paid in it (a waiver refunding a paid
// fee) takes back the share of what it gave back, rounded alike.
bool ProviderShare(int64_t paid, int32_t share_basis_points, int64_t* share) {
  if (share_basis_points < 0) return false;
  if (paid >= 0) {
    return RoundHalfUp(absl::int128(paid) * share_basis_points, 10000, share);
  }
  int64_t rounded = 0;
  if (!RoundHalfUp(-absl::int128(paid) * share_basis_points, 10000, &rounded)) {
    return false;
  }
  *share = -rounded;
  return true;
}

// price × notices; false when it passes an int64.
bool PerNoticeTotal(int64_t price, int32_t notices, int64_t* total) {
  const absl::int128 product = absl::int128(price) * notices;
  if (price < 0 || product > absl::int128(INT64_MAX)) return false;
  *total = static_cast<int64_t>(product);
  return true;
}

absl::Status TooLarge(absl::string_view report) {
  return absl::OutOfRangeError(absl::StrCat(
      report,
      ": the fees and interest paid, the fees waived or the provider's price "
      "add up to more than ", INT64_MAX, " øre; look for absurd amounts in the "
      "history's notices and the settings' provider_pricing"));
}

}  // namespace

ReportAccumulator::MonthKey ReportAccumulator::KeyOf(absl::string_view month) {
  MonthKey key = 0;
  for (size_t i = 0; i < kMonthLength; ++i) {
    key = (key << 8) | static_cast<unsigned char>(month[i]);
  }
  return key;
}

ReportAccumulator::MonthKey ReportAccumulator::KeyOf(absl::CivilDay day) {
  return KeyOf(FormatDate(day));  // "YYYY-MM-DD" fits std::string's buffer
}

void ReportAccumulator::AddNotice(const v1::Notice& notice,
                                  const NoticeCharge& charge, bool charges_off,
                                  bool waiver_made) {
  const bool charged = charge.fee > 0 || charge.compensation > 0;
  if (notice.sent_date().size() >= kMonthLength) {
    Month& month = (*months_)[KeyOf(notice.sent_date())];
    // Compensation is a charge like the fee (it is paid and waived with
    // it): a notice charging either is not one "sent without a fee".
    if (charged) {
      ++month.notices_with_fee;
    } else {
      ++month.notices_without_fee;
    }
    // Unrecorded, the channel counts as paper (history.proto), as the law's
    // rules read it (HasSection9Form).
    if (notice.channel() != v1::CHANNEL_EMAIL) {
      ++month.notices_printed;
      // A letter covering several invoices is one printed letter; a notice
      // without a letter id is its own letter.
      // Looked up before it is copied: most letters cover several notices,
      // and a copy of an id this long is an allocation.
      absl::string_view key = notice.letter_id();
      if (key.empty()) {
        key_scratch_.clear();
        absl::StrAppend(&key_scratch_, "\x01", notice.invoice_number(), "/",
                        notice.sent_date(), "/", notice.step());
        key = key_scratch_;
      }
      if (!month.printed_letters->contains(key)) {
        month.printed_letters->insert(keys_.Copy(key));
      }
    }
  }
  // Validated dates: a waived date is "YYYY-MM-DD" or empty.
  if (waiver_made && notice.fee_waived_date().size() >= kMonthLength &&
      charged) {
    Month& month = (*months_)[KeyOf(notice.fee_waived_date())];
    ++month.fees_waived_count;
    Add(charge.fee, &month.fees_waived_amount, &month.overflowed);
    Add(charge.compensation, &month.fees_waived_amount, &month.overflowed);
  }
  if (charges_off && !charged && notice.interest() == 0 &&
      notice.sent_date().size() >= kMonthLength) {
    ++(*months_)[KeyOf(notice.sent_date())].notices_without_charges;
  }
}

void ReportAccumulator::AddAllocation(const PaymentAllocation& allocation) {
  if (allocation.costs == 0 && allocation.interest == 0) return;
  Month& month = (*months_)[KeyOf(allocation.date)];
  Add(allocation.costs, &month.fees_paid, &month.overflowed);
  Add(allocation.interest, &month.interest_paid, &month.overflowed);
}

void ReportAccumulator::Merge(const ReportAccumulator& other) {
  for (const auto& [key, theirs] : *other.months_) {
    Month& mine = (*months_)[key];
    mine.overflowed |= theirs.overflowed;
    Add(theirs.fees_paid, &mine.fees_paid, &mine.overflowed);
    Add(theirs.interest_paid, &mine.interest_paid, &mine.overflowed);
    mine.notices_without_fee += theirs.notices_without_fee;
    mine.notices_with_fee += theirs.notices_with_fee;
    mine.fees_waived_count += theirs.fees_waived_count;
    Add(theirs.fees_waived_amount, &mine.fees_waived_amount, &mine.overflowed);
    mine.notices_printed += theirs.notices_printed;
    mine.notices_without_charges += theirs.notices_without_charges;
    for (const absl::string_view letter : *theirs.printed_letters) {
      if (!mine.printed_letters->contains(letter)) {
        mine.printed_letters->insert(keys_.Copy(letter));
      }
    }
  }
}

absl::Status ReportAccumulator::Finish(const v1::ProviderPricing& pricing,
                                       v1::EvaluateResponse* response) const {
  std::vector<MonthKey> keys;
  keys.reserve(months_->size());
  for (const auto& entry : *months_) keys.push_back(entry.first);
  std::sort(keys.begin(), keys.end());  // by month, as the strings sort
  const int32_t share = pricing.has_share_basis_points()
                            ? pricing.share_basis_points()
                            : kDefaultShareBasisPoints;
  const int64_t price = pricing.has_price_per_notice_off()
                            ? pricing.price_per_notice_off()
                            : kDefaultPricePerNotice;
  int64_t paid = 0;
  int32_t notices_without_charges = 0;  // at most kMaxNotices
  for (const MonthKey key : keys) {
    const Month& month = months_->at(key);
    v1::MonthlyReport* report = response->add_monthly_reports();
    char text[kMonthLength];
    for (size_t i = 0; i < kMonthLength; ++i) {
      text[i] = static_cast<char>(key >> (8 * (kMonthLength - 1 - i)));
    }
    report->set_month(std::string(text, kMonthLength));
    const std::string& name = report->month();
    if (month.overflowed) return TooLarge(absl::StrCat("monthly report ", name));
    report->set_fees_paid(month.fees_paid);
    report->set_interest_paid(month.interest_paid);
    report->set_notices_without_fee(month.notices_without_fee);
    report->set_notices_with_fee(month.notices_with_fee);
    report->set_fees_waived_count(month.fees_waived_count);
    report->set_fees_waived_amount(month.fees_waived_amount);
    report->set_notices_printed(month.notices_printed);
    report->set_letters_printed(static_cast<int32_t>(month.printed_letters->size()));
    bool overflowed = false;
    int64_t month_paid = month.fees_paid;
    Add(month.interest_paid, &month_paid, &overflowed);
    Add(month_paid, &paid, &overflowed);
    // The month's own settlement, a basis for the provider's monthly
    // invoice: its share rounds half up on its own.
    int64_t month_share = 0, month_per_notice = 0;
    overflowed |= !ProviderShare(month_paid, share, &month_share) ||
                  !PerNoticeTotal(price, month.notices_without_charges,
                                  &month_per_notice);
    int64_t month_total = month_share;
    Add(month_per_notice, &month_total, &overflowed);
    if (overflowed) return TooLarge(absl::StrCat("monthly report ", name));
    report->set_provider_share(month_share);
    report->set_notices_without_charges(month.notices_without_charges);
    report->set_provider_total(month_total);
    notices_without_charges += month.notices_without_charges;
  }
  v1::ProviderSettlement* settlement = response->mutable_provider_settlement();
  settlement->set_fees_and_interest_paid(paid);
  settlement->set_share_basis_points(share);
  bool overflowed = false;
  int64_t provider_share = 0, per_notice_total = 0;
  overflowed |= !ProviderShare(paid, share, &provider_share) ||
                !PerNoticeTotal(price, notices_without_charges,
                                &per_notice_total);
  int64_t total = provider_share;
  Add(per_notice_total, &total, &overflowed);
  if (overflowed) return TooLarge("provider settlement");
  settlement->set_provider_share(provider_share);
  settlement->set_notices_without_charges(notices_without_charges);
  settlement->set_price_per_notice(price);
  settlement->set_per_notice_total(per_notice_total);
  settlement->set_total(total);
  return absl::OkStatus();
}

}  // namespace purring::internal
