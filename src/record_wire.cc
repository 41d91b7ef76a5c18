#include "record_wire.h"

#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>

#include "dates.h"
#include "google/protobuf/wire_format_lite.h"
#include "known_fields.h"
#include "wire_fields.h"

namespace purring::internal {
namespace {

using google::protobuf::internal::WireFormatLite;

// A string written even when empty, as a repeated field's elements are.
// Not WireFormatLite::WriteStringToArray: that is a library call.
uint8_t* Element(int field, absl::string_view value, uint8_t* at) {
  at = WriteFieldHead(field, static_cast<uint32_t>(value.size()), at);
  // An empty view's data may be null, which memcpy must not be given.
  if (!value.empty()) std::memcpy(at, value.data(), value.size());
  return at + value.size();
}

// One singular field each, left out at its default as proto3 does. The
// writers below call them in field-number order, as protobuf writes.
uint8_t* String(int field, absl::string_view value, uint8_t* at) {
  return value.empty() ? at : Element(field, value, at);
}
uint8_t* Int64(int field, int64_t value, uint8_t* at) {
  return value == 0 ? at : WireFormatLite::WriteInt64ToArray(field, value, at);
}
uint8_t* Int32(int field, int32_t value, uint8_t* at) {
  return value == 0 ? at : WireFormatLite::WriteInt32ToArray(field, value, at);
}
uint8_t* Enum(int field, int value, uint8_t* at) {
  return value == 0 ? at : WireFormatLite::WriteEnumToArray(field, value, at);
}
uint8_t* Bool(int field, bool value, uint8_t* at) {
  return value ? WireFormatLite::WriteBoolToArray(field, value, at) : at;
}
// The bytes String, Int64 and Enum write.
size_t StringBytes(int field, absl::string_view value) {
  return value.empty() ? 0 : FieldBytes(field, value.size());
}
size_t Int64Bytes(int field, int64_t value) {
  return value == 0 ? 0
                    : WireFormatLite::TagSize(field, WireFormatLite::TYPE_INT64) +
                          WireFormatLite::Int64Size(value);
}
size_t EnumBytes(int field, int value) {
  return value == 0 ? 0
                    : WireFormatLite::TagSize(field, WireFormatLite::TYPE_ENUM) +
                          WireFormatLite::EnumSize(value);
}

// A string field whose value is `pieces` one after another, and its bytes.
size_t JoinedSize(std::initializer_list<absl::string_view> pieces) {
  size_t size = 0;
  for (absl::string_view piece : pieces) size += piece.size();
  return size;
}
size_t JoinedBytes(int field, std::initializer_list<absl::string_view> pieces) {
  const size_t size = JoinedSize(pieces);
  return size == 0 ? 0 : FieldBytes(field, size);
}
uint8_t* Joined(int field, std::initializer_list<absl::string_view> pieces,
                uint8_t* at) {
  const size_t size = JoinedSize(pieces);
  if (size == 0) return at;
  at = WriteFieldHead(field, static_cast<uint32_t>(size), at);
  for (absl::string_view piece : pieces) {
    // An empty view's data may be null, which memcpy must not be given.
    if (!piece.empty()) std::memcpy(at, piece.data(), piece.size());
    at += piece.size();
  }
  return at;
}

// A date field from a day: the text FormatDate makes, written in place.
size_t DateBytes(int field, absl::CivilDay day) {
  const int64_t year = day.year();
  return FieldBytes(field, year >= 0 && year <= 9999 ? kDateTextSize
                                                     : FormatDate(day).size());
}
size_t DateBytes(int field, const std::optional<absl::CivilDay>& day) {
  return day.has_value() ? DateBytes(field, *day) : 0;
}
// What a date from `day` adds in place of the field's text `text` (the sum
// it goes into is size_t arithmetic: a smaller date wraps and comes back).
template <typename Day>
size_t DateInPlaceOf(int field, const Day& day, absl::string_view text) {
  return DateBytes(field, day) - StringBytes(field, text);
}
uint8_t* Date(int field, absl::CivilDay day, uint8_t* at) {
  uint8_t* text = WriteFieldHead(field, kDateTextSize, at);
  if (FormatDateTo(day, reinterpret_cast<char*>(text))) {
    return text + kDateTextSize;
  }
  return Element(field, FormatDate(day), at);  // over the head written
}
uint8_t* Date(int field, const std::optional<absl::CivilDay>& day,
              uint8_t* at) {
  return day.has_value() ? Date(field, *day, at) : at;
}

// A nested message protobuf writes itself: it is rare (HoldInfo), or came
// from the request with fields this schema does not know.
uint8_t* ByProtobuf(int field, const google::protobuf::MessageLite& message,
                    uint8_t* at) {
  at = WriteFieldHead(field, static_cast<uint32_t>(message.GetCachedSize()),
                      at);
  return message.SerializeWithCachedSizesToArray(at);
}

uint8_t* WriteBalance(int field, const v1::Balance& balance, uint8_t* at) {
  using B = v1::Balance;
  const B& b = balance;
  at = WriteFieldHead(field, static_cast<uint32_t>(b.GetCachedSize()), at);
  at = Int64(B::kOriginalFieldNumber, b.original(), at);
  at = Int64(B::kCreditedFieldNumber, b.credited(), at);
  at = Int64(B::kPaidFieldNumber, b.paid(), at);
  at = Int64(B::kFeesChargedFieldNumber, b.fees_charged(), at);
  at = Int64(B::kCompensationChargedFieldNumber, b.compensation_charged(), at);
  at = Int64(B::kInterestClaimedFieldNumber, b.interest_claimed(), at);
  at = Int64(B::kFeesPaidFieldNumber, b.fees_paid(), at);
  at = Int64(B::kInterestPaidFieldNumber, b.interest_paid(), at);
  at = Int64(B::kPrincipalPaidFieldNumber, b.principal_paid(), at);
  at = Int64(B::kPrincipalOutstandingFieldNumber, b.principal_outstanding(),
             at);
  at = Int64(B::kFeesOutstandingFieldNumber, b.fees_outstanding(), at);
  at = Int64(B::kInterestOutstandingFieldNumber, b.interest_outstanding(), at);
  at = Int64(B::kTotalFieldNumber, b.total(), at);
  return Int64(B::kOverpaidFieldNumber, b.overpaid(), at);
}

// With its dates from `span` (nullptr: its own text) in place of its own:
// the size of the period's body, from the size protobuf cached for it.
size_t PeriodBytes(const v1::InterestPeriod& period,
                   const InterestDays::Span* span) {
  using P = v1::InterestPeriod;
  const size_t measured = period.GetCachedSize();
  if (span == nullptr) return measured;
  return measured +
         DateInPlaceOf(P::kFromDateFieldNumber, span->from, period.from_date()) +
         DateInPlaceOf(P::kToDateFieldNumber, span->to, period.to_date());
}

uint8_t* WritePeriod(int field, const v1::InterestPeriod& period,
                     const InterestDays::Span* span, uint8_t* at) {
  using P = v1::InterestPeriod;
  at = WriteFieldHead(field, static_cast<uint32_t>(PeriodBytes(period, span)),
                      at);
  if (span != nullptr) {
    at = Date(P::kFromDateFieldNumber, span->from, at);
    at = Date(P::kToDateFieldNumber, span->to, at);
  } else {
    at = String(P::kFromDateFieldNumber, period.from_date(), at);
    at = String(P::kToDateFieldNumber, period.to_date(), at);
  }
  at = Int32(P::kDaysFieldNumber, period.days(), at);
  at = Int32(P::kRateBasisPointsFieldNumber, period.rate_basis_points(), at);
  at = Int32(P::kDaysInYearFieldNumber, period.days_in_year(), at);
  at = Int64(P::kPrincipalFieldNumber, period.principal(), at);
  return Int64(P::kAmountFieldNumber, period.amount(), at);
}

// Period i's dates in `days` (nullptr: none, or no days).
const InterestDays::Span* SpanOf(const InterestDays* days, int i) {
  if (days == nullptr || static_cast<size_t>(i) >= days->periods.size()) {
    return nullptr;
  }
  return &days->periods[i];
}

// The size of the interest's body with its dates from `days` (nullptr: its
// own text), from the sizes protobuf cached for it.
size_t InterestBytes(const v1::Interest& interest, const InterestDays* days) {
  using I = v1::Interest;
  size_t size = interest.GetCachedSize();
  if (days == nullptr) return size;
  size += DateInPlaceOf(I::kFromDateFieldNumber, days->from,
                        interest.from_date());
  for (int i = 0; i < interest.periods_size(); ++i) {
    const v1::InterestPeriod& period = interest.periods(i);
    size += FieldBytes(I::kPeriodsFieldNumber,
                       PeriodBytes(period, SpanOf(days, i))) -
            FieldBytes(I::kPeriodsFieldNumber, period.GetCachedSize());
  }
  return size;
}

uint8_t* WriteInterest(int field, const v1::Interest& interest,
                       const InterestDays* days, uint8_t* at) {
  using I = v1::Interest;
  at = WriteFieldHead(field,
                      static_cast<uint32_t>(InterestBytes(interest, days)), at);
  at = Int64(I::kAccruedFieldNumber, interest.accrued(), at);
  at = Int64(I::kClaimedFieldNumber, interest.claimed(), at);
  at = days != nullptr ? Date(I::kFromDateFieldNumber, days->from, at)
                       : String(I::kFromDateFieldNumber, interest.from_date(), at);
  for (int i = 0; i < interest.periods_size(); ++i) {
    at = WritePeriod(I::kPeriodsFieldNumber, interest.periods(i),
                     SpanOf(days, i), at);
  }
  return at;
}

// A notice from the request: one carrying fields this schema does not know
// (kept by the parser, and so written back) goes through protobuf.
uint8_t* WriteNotice(int field, const v1::Notice& notice, uint8_t* at) {
  using N = v1::Notice;
  if (HasUnknownFields(notice)) return ByProtobuf(field, notice, at);
  at = WriteFieldHead(field, static_cast<uint32_t>(notice.GetCachedSize()),
                      at);
  at = String(N::kInvoiceNumberFieldNumber, notice.invoice_number(), at);
  at = Enum(N::kStepFieldNumber, notice.step(), at);
  at = String(N::kSentDateFieldNumber, notice.sent_date(), at);
  at = String(N::kDeadlineFieldNumber, notice.deadline(), at);
  at = Int64(N::kFeeFieldNumber, notice.fee(), at);
  at = Int64(N::kCompensationFieldNumber, notice.compensation(), at);
  at = Int64(N::kInterestFieldNumber, notice.interest(), at);
  at = Enum(N::kChannelFieldNumber, notice.channel(), at);
  at = String(N::kLetterIdFieldNumber, notice.letter_id(), at);
  at = String(N::kFeeWaivedDateFieldNumber, notice.fee_waived_date(), at);
  at = Enum(N::kStrictnessFieldNumber, notice.strictness(), at);
  return Int64(N::kAmountClaimedFieldNumber, notice.amount_claimed(), at);
}

// A customer's address from the request: as a notice, one carrying fields
// this schema does not know goes through protobuf.
uint8_t* WriteAddress(int field, const v1::PostalAddress& address,
                      uint8_t* at) {
  using A = v1::PostalAddress;
  if (HasUnknownFields(address)) return ByProtobuf(field, address, at);
  at = WriteFieldHead(field, static_cast<uint32_t>(address.GetCachedSize()),
                      at);
  for (const std::string& line : address.lines()) {
    at = Element(A::kLinesFieldNumber, line, at);
  }
  at = String(A::kPostalCodeFieldNumber, address.postal_code(), at);
  at = String(A::kCityFieldNumber, address.city(), at);
  return String(A::kCountryCodeFieldNumber, address.country_code(), at);
}

}  // namespace

size_t ResultByteSize(const v1::InvoiceResult& result,
                      const ResultCopies& copies) {
  using R = v1::InvoiceResult;
  size_t size = result.ByteSizeLong();
  if (const v1::Invoice* invoice = copies.invoice; invoice != nullptr) {
    size += StringBytes(R::kInvoiceNumberFieldNumber, invoice->number()) +
            StringBytes(R::kCustomerIdFieldNumber, invoice->customer_id()) +
            StringBytes(R::kCustomerNameFieldNumber, copies.customer_name) +
            StringBytes(R::kProfileIdFieldNumber, copies.profile_id) +
            StringBytes(R::kInvoiceDateFieldNumber, invoice->invoice_date()) +
            StringBytes(R::kDueDateFieldNumber, invoice->due_date());
  }
  for (const v1::Notice* notice : copies.history) {
    size += FieldBytes(R::kHistoryFieldNumber, notice->ByteSizeLong());
  }
  if (const ResultDates* dates = copies.dates; dates != nullptr) {
    // The days in place of the result's own text.
    size += DateInPlaceOf(R::kAdjustedDueDateFieldNumber, dates->adjusted_due,
                          result.adjusted_due_date()) +
            DateInPlaceOf(R::kCurrentSentDateFieldNumber, dates->current_sent,
                          result.current_sent_date()) +
            DateInPlaceOf(R::kCurrentDeadlineFieldNumber,
                          dates->current_deadline, result.current_deadline()) +
            DateInPlaceOf(R::kWaitingUntilFieldNumber, dates->waiting_until,
                          result.waiting_until()) +
            DateInPlaceOf(R::kNextStepDateFieldNumber, dates->next_step,
                          result.next_step_date());
    if (result.has_interest()) {
      const v1::Interest& interest = result.interest();
      size += FieldBytes(R::kInterestFieldNumber,
                         InterestBytes(interest, &dates->interest)) -
              FieldBytes(R::kInterestFieldNumber, interest.GetCachedSize());
    }
  }
  return size;
}

uint8_t* WriteResultFields(const v1::InvoiceResult& result,
                           const ResultCopies& copies, uint8_t* at) {
  using R = v1::InvoiceResult;
  const R& r = result;
  const v1::Invoice* copied = copies.invoice;
  const ResultDates* dates = copies.dates;
  at = String(R::kInvoiceNumberFieldNumber,
              copied ? copied->number() : r.invoice_number(), at);
  at = String(R::kCustomerIdFieldNumber,
              copied ? copied->customer_id() : r.customer_id(), at);
  at = String(R::kCustomerNameFieldNumber,
              copied ? copies.customer_name : r.customer_name(), at);
  at = Enum(R::kCustomerTypeFieldNumber, r.customer_type(), at);
  at = Bool(R::kCustomProcessFieldNumber, r.custom_process(), at);
  at = String(R::kProfileIdFieldNumber,
              copied ? copies.profile_id : r.profile_id(), at);
  at = String(R::kInvoiceDateFieldNumber,
              copied ? copied->invoice_date() : r.invoice_date(), at);
  at = String(R::kDueDateFieldNumber,
              copied ? copied->due_date() : r.due_date(), at);
  at = dates ? Date(R::kAdjustedDueDateFieldNumber, dates->adjusted_due, at)
             : String(R::kAdjustedDueDateFieldNumber, r.adjusted_due_date(), at);
  at = Int64(R::kOriginalAmountFieldNumber, r.original_amount(), at);
  if (r.has_balance()) {
    at = WriteBalance(R::kBalanceFieldNumber, r.balance(), at);
  }
  if (r.has_interest()) {
    at = WriteInterest(R::kInterestFieldNumber, r.interest(),
                       dates ? &dates->interest : nullptr, at);
  }
  at = Enum(R::kStatusFieldNumber, r.status(), at);
  at = Enum(R::kDoNotDunSourceFieldNumber, r.do_not_dun_source(), at);
  if (r.has_hold()) at = ByProtobuf(R::kHoldFieldNumber, r.hold(), at);
  at = Enum(R::kCollectionStateFieldNumber, r.collection_state(), at);
  at = Enum(R::kCurrentStepFieldNumber, r.current_step(), at);
  if (dates != nullptr) {
    at = Date(R::kCurrentSentDateFieldNumber, dates->current_sent, at);
    at = Date(R::kCurrentDeadlineFieldNumber, dates->current_deadline, at);
    at = Date(R::kWaitingUntilFieldNumber, dates->waiting_until, at);
  } else {
    at = String(R::kCurrentSentDateFieldNumber, r.current_sent_date(), at);
    at = String(R::kCurrentDeadlineFieldNumber, r.current_deadline(), at);
    at = String(R::kWaitingUntilFieldNumber, r.waiting_until(), at);
  }
  at = Enum(R::kNextStepFieldNumber, r.next_step(), at);
  at = dates ? Date(R::kNextStepDateFieldNumber, dates->next_step, at)
             : String(R::kNextStepDateFieldNumber, r.next_step_date(), at);
  at = Int64(R::kNextStepFeeFieldNumber, r.next_step_fee(), at);
  at = String(R::kNextStepFeeNoteFieldNumber, r.next_step_fee_note(), at);
  for (const v1::Notice& notice : r.history()) {
    at = WriteNotice(R::kHistoryFieldNumber, notice, at);
  }
  for (const v1::Notice* notice : copies.history) {
    at = WriteNotice(R::kHistoryFieldNumber, *notice, at);
  }
  for (const std::string& id : r.action_ids()) {
    at = Element(R::kActionIdsFieldNumber, id, at);
  }
  return at;
}

size_t LetterByteSize(const v1::ProposedLetter& letter,
                      absl::Span<const absl::string_view> lines) {
  size_t size = letter.ByteSizeLong();
  for (absl::string_view line : lines) {
    size += FieldBytes(v1::ProposedLetter::kLinesFieldNumber, line.size());
  }
  return size;
}

uint8_t* WriteLetterFields(const v1::ProposedLetter& letter,
                           absl::Span<const absl::string_view> lines,
                           uint8_t* at) {
  using L = v1::ProposedLetter;
  const L& l = letter;
  at = String(L::kIdFieldNumber, l.id(), at);
  at = String(L::kCustomerIdFieldNumber, l.customer_id(), at);
  at = String(L::kCustomerNameFieldNumber, l.customer_name(), at);
  at = Enum(L::kStepFieldNumber, l.step(), at);
  at = String(L::kDateFieldNumber, l.date(), at);
  at = String(L::kDeadlineFieldNumber, l.deadline(), at);
  at = Enum(L::kChannelFieldNumber, l.channel(), at);
  at = String(L::kEmailFieldNumber, l.email(), at);
  if (l.has_postal_address()) {
    at = WriteAddress(L::kPostalAddressFieldNumber, l.postal_address(), at);
  }
  at = String(L::kCreditorNameFieldNumber, l.creditor_name(), at);
  at = String(L::kContactPhoneFieldNumber, l.contact_phone(), at);
  at = String(L::kContactEmailFieldNumber, l.contact_email(), at);
  at = String(L::kBankAccountFieldNumber, l.bank_account(), at);
  for (const v1::LetterLine& line : l.lines()) {
    at = WriteFieldHead(L::kLinesFieldNumber,
                        static_cast<uint32_t>(line.GetCachedSize()), at);
    at = WriteRecordFields(line, at);
  }
  for (absl::string_view line : lines) {
    at = Element(L::kLinesFieldNumber, line, at);  // serialized already
  }
  at = Int64(L::kTotalFeeFieldNumber, l.total_fee(), at);
  at = Int64(L::kTotalInterestFieldNumber, l.total_interest(), at);
  at = Int64(L::kTotalDueFieldNumber, l.total_due(), at);
  at = String(L::kObjectionLinkFieldNumber, l.objection_link(), at);
  at = Bool(L::kAutomaticFieldNumber, l.automatic(), at);
  at = Bool(L::kCollectionWarningFieldNumber, l.collection_warning(), at);
  return Int64(L::kTotalCompensationFieldNumber, l.total_compensation(), at);
}

uint8_t* WriteRecordFields(const v1::ProposedAction& record, uint8_t* at) {
  using A = v1::ProposedAction;
  const A& a = record;
  at = String(A::kIdFieldNumber, a.id(), at);
  at = Enum(A::kKindFieldNumber, a.kind(), at);
  at = String(A::kInvoiceNumberFieldNumber, a.invoice_number(), at);
  at = String(A::kCustomerIdFieldNumber, a.customer_id(), at);
  at = Enum(A::kStepFieldNumber, a.step(), at);
  at = String(A::kDateFieldNumber, a.date(), at);
  at = String(A::kDeadlineFieldNumber, a.deadline(), at);
  at = Int64(A::kFeeFieldNumber, a.fee(), at);
  at = Int64(A::kCompensationFieldNumber, a.compensation(), at);
  at = Int64(A::kInterestFieldNumber, a.interest(), at);
  at = Int64(A::kAmountClaimedFieldNumber, a.amount_claimed(), at);
  at = Bool(A::kAutomaticFieldNumber, a.automatic(), at);
  at = String(A::kLetterIdFieldNumber, a.letter_id(), at);
  at = Enum(A::kChannelFieldNumber, a.channel(), at);
  at = String(A::kFeeNoteFieldNumber, a.fee_note(), at);
  return Enum(A::kStrictnessFieldNumber, a.strictness(), at);
}

uint8_t* WriteRecordFields(const v1::LetterLine& record, uint8_t* at) {
  using L = v1::LetterLine;
  const L& l = record;
  at = String(L::kInvoiceNumberFieldNumber, l.invoice_number(), at);
  at = String(L::kInvoiceDateFieldNumber, l.invoice_date(), at);
  at = String(L::kDueDateFieldNumber, l.due_date(), at);
  at = Int64(L::kOriginalAmountFieldNumber, l.original_amount(), at);
  at = Int64(L::kPaidFieldNumber, l.paid(), at);
  at = Int64(L::kCreditedFieldNumber, l.credited(), at);
  at = Int64(L::kFeeFieldNumber, l.fee(), at);
  at = Int64(L::kCompensationFieldNumber, l.compensation(), at);
  at = Int64(L::kFeesEarlierFieldNumber, l.fees_earlier(), at);
  at = Int64(L::kInterestFieldNumber, l.interest(), at);
  at = Int64(L::kAmountDueFieldNumber, l.amount_due(), at);
  at = String(L::kPaymentReferenceFieldNumber, l.payment_reference(), at);
  return String(L::kObjectionLinkFieldNumber, l.objection_link(), at);
}

size_t PostingByteSize(const PostingLine& line,
                       const v1::ProposedAction& action,
                       const v1::AccountingSettings& accounting) {
  using P = v1::LedgerPosting;
  return JoinedBytes(P::kIdFieldNumber, {action.id(), "/", line.id_suffix}) +
         StringBytes(P::kActionIdFieldNumber, action.id()) +
         StringBytes(P::kDateFieldNumber, action.date()) +
         StringBytes(P::kInvoiceNumberFieldNumber, action.invoice_number()) +
         StringBytes(P::kCustomerIdFieldNumber, action.customer_id()) +
         EnumBytes(P::kKindFieldNumber, line.kind) +
         StringBytes(P::kDebitAccountFieldNumber, line.debit_account) +
         StringBytes(P::kCreditAccountFieldNumber, line.credit_account) +
         Int64Bytes(P::kAmountFieldNumber, line.amount) +
         StringBytes(P::kDepartmentFieldNumber, accounting.department()) +
         StringBytes(P::kProjectFieldNumber, accounting.project()) +
         JoinedBytes(P::kDescriptionFieldNumber,
                     {line.what, kDescriptionJoin, action.invoice_number()});
}

uint8_t* WritePostingFields(const PostingLine& line,
                            const v1::ProposedAction& action,
                            const v1::AccountingSettings& accounting,
                            uint8_t* at) {
  using P = v1::LedgerPosting;
  at = Joined(P::kIdFieldNumber, {action.id(), "/", line.id_suffix}, at);
  at = String(P::kActionIdFieldNumber, action.id(), at);
  at = String(P::kDateFieldNumber, action.date(), at);
  at = String(P::kInvoiceNumberFieldNumber, action.invoice_number(), at);
  at = String(P::kCustomerIdFieldNumber, action.customer_id(), at);
  at = Enum(P::kKindFieldNumber, line.kind, at);
  at = String(P::kDebitAccountFieldNumber, line.debit_account, at);
  at = String(P::kCreditAccountFieldNumber, line.credit_account, at);
  at = Int64(P::kAmountFieldNumber, line.amount, at);
  at = String(P::kDepartmentFieldNumber, accounting.department(), at);
  at = String(P::kProjectFieldNumber, accounting.project(), at);
  return Joined(P::kDescriptionFieldNumber,
                {line.what, kDescriptionJoin, action.invoice_number()}, at);
}

uint8_t* WriteRecordFields(const v1::CollectionCaseFile& record,
                           uint8_t* at) {
  return record.SerializeWithCachedSizesToArray(at);
}

}  // namespace purring::internal
