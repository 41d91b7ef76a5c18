#include "process/invoice_warnings.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "dates.h"
#include "process/naming.h"

namespace purring::internal {
namespace {

// A warning about a recorded notice's charge, with the notice and the
// amount not claimed set for a host's books (Warning.amount_not_claimed).
v1::Warning AboutNotice(v1::Warning warning, const NoticeCharge& notice,
                        int64_t not_claimed) {
  warning.set_amount_not_claimed(not_claimed);
  warning.set_notice_step(notice.step);
  warning.set_notice_sent_date(FormatDate(notice.sent));
  return warning;
}

}  // namespace

absl::Status AmountOverflow(const v1::Invoice& invoice) {
  return absl::OutOfRangeError(absl::StrCat("invoice \"", invoice.number(),
                                            "\": amount overflows 64-bit øre"));
}

absl::Status AboutInvoice(const v1::Invoice& invoice,
                          const absl::Status& status) {
  return absl::Status(
      status.code(),
      absl::StrCat("invoice \"", invoice.number(), "\": ", status.message()));
}

v1::Warning WarningAbout(const v1::Invoice& invoice, absl::string_view code,
                         std::string message) {
  v1::Warning warning;
  warning.set_code(code.data(), code.size());
  warning.set_message(std::move(message));
  warning.set_invoice_number(invoice.number());
  warning.set_customer_id(invoice.customer_id());
  return warning;
}

v1::Warning RecordedFeeWarning(const v1::Invoice& invoice, int64_t recorded_fee,
                               const NoticeCharge& notice,
                               absl::string_view why_not) {
  return AboutNotice(
      WarningAbout(invoice, "RECORDED_FEE_NOT_CLAIMABLE",
                   absl::StrCat("invoice \"", invoice.number(), "\": the ",
                                StepWords(notice.step), " notice sent ",
                                FormatDate(notice.sent), " records a fee of ",
                                recorded_fee, " øre; ", notice.fee,
                                " øre of it is claimed (", why_not, ")")),
      notice, recorded_fee - notice.fee);
}

v1::Warning RecordedCompensationWarning(const v1::Invoice& invoice,
                                        const NoticeCharge& notice,
                                        int64_t claimable,
                                        absl::string_view why_not) {
  return AboutNotice(
      WarningAbout(invoice, "RECORDED_COMPENSATION_NOT_CLAIMABLE",
                   absl::StrCat("invoice \"", invoice.number(), "\": the ",
                                StepWords(notice.step), " notice sent ",
                                FormatDate(notice.sent),
                                " records a standard compensation of ",
                                notice.compensation, " øre; ", claimable,
                                " øre of it is claimed (", why_not, ")")),
      notice, notice.compensation - claimable);
}

v1::Warning RecordedInterestWarning(const v1::Invoice& invoice,
                                    int64_t recorded, int64_t claimed,
                                    absl::CivilDay as_of) {
  v1::Warning warning = WarningAbout(
      invoice, "RECORDED_INTEREST_NOT_CLAIMABLE",
      absl::StrCat("invoice \"", invoice.number(), "\": its notices record ",
                   recorded, " øre of interest, but ", claimed,
                   " øre is claimed by ", FormatDate(as_of), "; the other ",
                   recorded - claimed,
                   " øre is not, and with no principal left no interest will "
                   "make it up (reverse it in the books)"));
  warning.set_amount_not_claimed(recorded - claimed);
  return warning;
}

v1::Warning TransferWithoutValidWarning(const v1::Invoice& invoice,
                                        absl::CivilDay transferred) {
  return WarningAbout(
      invoice, "TRANSFER_WITHOUT_VALID_WARNING",
      absl::StrCat("invoice \"", invoice.number(),
                   "\": transferred to collection on ", FormatDate(transferred),
                   " without a recorded collection warning sent after the due "
                   "date (on paper before 2017-04-01) whose deadline of at "
                   "least 14 days had run out unpaid by then (inkassoloven "
                   "§ 9): no collection steps "
                   "may be taken on it until one has"));
}

v1::Warning TransferDuringObjection(const v1::Invoice& invoice,
                                    absl::CivilDay transferred,
                                    const v1::Hold& objection) {
  return WarningAbout(
      invoice, "TRANSFER_DURING_OBJECTION",
      absl::StrCat("invoice \"", invoice.number(),
                   "\": transferred to collection on ", FormatDate(transferred),
                   " while the debtor's objection recorded from ",
                   objection.start_date(),
                   " was open: no collection costs may be claimed where the "
                   "debtor had objections it was reasonable to have assessed "
                   "(inkassoloven § 17 (2)); the case file lists it"));
}

v1::Warning NoValidCollectionWarning(const v1::Invoice& invoice,
                                     bool warning_paid) {
  return WarningAbout(
      invoice, "COLLECTION_WARNING_NOT_VALID",
      absl::StrCat(
          "invoice \"", invoice.number(), "\": ",
          warning_paid
              ? "what the recorded collection warning demanded was paid by "
                "its deadline, and what is left (interest since) was never "
                "demanded by one"
              : "no recorded collection warning was sent after the due date "
                "with a deadline of at least 14 days (and on paper before "
                "2017-04-01)",
          " (inkassoloven § 9); a new one comes before any transfer to "
          "collection"));
}

void FlagLaterMoney(const v1::Invoice& invoice, const ClaimEvents& events,
                    absl::CivilDay as_of, std::vector<v1::Warning>* warnings) {
  int later = 0;
  int64_t amount = 0;
  bool overflow = false;
  auto count = [&](absl::CivilDay date, int64_t money) {
    if (date <= as_of) return;
    ++later;
    overflow |= __builtin_add_overflow(amount, money, &amount);
  };
  for (const PaymentEvent& p : events.payments) count(p.date, p.amount);
  for (const CreditEvent& c : events.credits) count(c.date, c.amount);
  if (later == 0) return;
  warnings->push_back(WarningAbout(
      invoice, "PAYMENT_AFTER_AS_OF",
      absl::StrCat(
          "invoice \"", invoice.number(), "\": ", later,
          later == 1 ? " payment or credit note" : " payments or credit notes",
          overflow ? "" : absl::StrCat(" of ", amount, " øre"),
          " dated after the as-of date ", FormatDate(as_of), " not counted")));
}

v1::Warning LaterWaiverWarning(const v1::Invoice& invoice, int count,
                               absl::CivilDay as_of) {
  return WarningAbout(
      invoice, "WAIVER_AFTER_AS_OF",
      absl::StrCat(
          "invoice \"", invoice.number(), "\": ", count,
          count == 1 ? " notice's fee waiver" : " notices' fee waivers",
          " dated after the as-of date ", FormatDate(as_of), " not counted: ",
          count == 1 ? "what it waives is" : "what they waive is",
          " still claimed, also by actions dated after the as-of date"));
}

}  // namespace purring::internal
