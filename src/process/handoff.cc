#include "process/handoff.h"

#include "dates.h"
#include "money/collection_costs.h"

namespace purring::internal {

void BuildCaseFileInto(const HandOffInput& input,
                       const v1::DunningSettings& settings,
                       const RateBook& rates, v1::CollectionCaseFile* out) {
  const v1::InvoiceResult& result = *input.result;
  v1::CollectionCaseFile& file = *out;
  file.set_invoice_number(input.invoice->number());
  // Borrowed, not copied (see handoff.h): the unsafe_arena_ setters and
  // UnsafeArenaAddAllocated take a pointer without taking ownership, as
  // protobuf's aliasing idiom; ReturnBorrowedParts gives them back. Every
  // result has a balance and an interest, and so has every case file.
  const ResultDates& dates = *input.dates;
  file.unsafe_arena_set_allocated_debtor(
      const_cast<v1::Customer*>(input.customer));
  file.set_debtor_type(result.customer_type());
  file.set_invoice_date(input.invoice->invoice_date());
  file.set_due_date(input.invoice->due_date());
  file.set_adjusted_due_date(FormatDate(dates.adjusted_due));
  file.unsafe_arena_set_allocated_balance(
      const_cast<v1::Balance*>(&result.balance()));
  *file.mutable_interest() = result.interest();
  SetInterestDates(dates.interest, file.mutable_interest());
  for (const v1::Notice* notice : input.notices) {
    file.mutable_notices()->UnsafeArenaAddAllocated(
        const_cast<v1::Notice*>(notice));
  }
  const absl::CivilDay adjusted_due = dates.adjusted_due;
  const absl::CivilDay transfer = *ParseDate(input.action->date());
  *file.mutable_collection_costs() =
      EstimateCollectionCosts(input.principal_at_transfer, adjusted_due,
                              transfer, settings.vat_registered(),
                              result.balance().compensation_charged(), rates);
  file.set_creditor_name(settings.company().name());
  file.set_creditor_organization_number(settings.company().organization_number());
  file.set_action_id(input.action->id());
  file.set_payment_reference(input.invoice->payment_reference());
  for (const v1::Hold& hold : input.invoice->holds()) {
    if (hold.kind() == v1::HOLD_KIND_OBJECTION) *file.add_objections() = hold;
  }
}

void ReturnBorrowedParts(v1::CollectionCaseFile* file) {
  file->unsafe_arena_release_debtor();
  file->unsafe_arena_release_balance();
  file->mutable_notices()->UnsafeArenaExtractSubrange(0, file->notices_size(),
                                                      nullptr);
}

const v1::Customer* CaseFileScratch::Debtor(const v1::Customer& customer) {
  if (customer.comment().empty() && customer.profile_id().empty() &&
      !customer.do_not_dun()) {
    return &customer;
  }
  debtor_ = customer;
  debtor_.clear_comment();
  debtor_.clear_profile_id();
  debtor_.clear_do_not_dun();
  return &debtor_;
}

absl::Span<const v1::Notice* const> CaseFileScratch::Notices(
    absl::Span<const v1::Notice* const> notices,
    absl::Span<const NoticeCharge> claimed, absl::CivilDay as_of) {
  auto claimed_fee = [&](size_t k) {
    return Claimed(claimed[k], as_of) ? claimed[k].fee : 0;
  };
  auto claimed_compensation = [&](size_t k) {
    return Claimed(claimed[k], as_of) ? claimed[k].compensation : 0;
  };
  auto cut = [&](size_t k) {
    return k < claimed.size() &&
           (claimed_fee(k) != notices[k]->fee() ||
            claimed_compensation(k) != notices[k]->compensation());
  };
  size_t first = 0;
  while (first < notices.size() && !cut(first)) ++first;
  if (first == notices.size()) return notices;  // the usual case: as recorded
  pointers_.assign(notices.begin(), notices.end());
  notices_.clear();
  notices_.reserve(notices.size());  // no reallocation: pointers_ holds them
  for (size_t k = first; k < notices.size(); ++k) {
    if (!cut(k)) continue;
    v1::Notice& copy = notices_.emplace_back(*notices[k]);
    copy.set_fee(claimed_fee(k));
    copy.set_compensation(claimed_compensation(k));
    pointers_[k] = &copy;
  }
  return pointers_;
}

}  // namespace purring::internal
