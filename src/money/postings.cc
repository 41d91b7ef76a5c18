#include "money/postings.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace purring::internal {
namespace {

// Defaults documented in settings.proto (AccountingSettings).
constexpr char kDefaultReceivable[] = "1500";
constexpr char kDefaultIncome[] = "8050";

absl::string_view OrDefault(const std::string& value,
                            absl::string_view fallback) {
  return value.empty() ? fallback : absl::string_view(value);
}

}  // namespace

absl::InlinedVector<PostingLine, 3> PostingLinesOf(
    const v1::ProposedAction& action,
    const v1::AccountingSettings& accounting) {
  absl::InlinedVector<PostingLine, 3> lines;
  if (action.kind() != v1::ACTION_KIND_SEND_NOTICE) return lines;
  const absl::string_view receivable =
      OrDefault(accounting.receivable_account(), kDefaultReceivable);
  const absl::string_view fee_account =
      OrDefault(accounting.fee_account(), kDefaultIncome);
  const absl::string_view interest_account =
      OrDefault(accounting.interest_account(), kDefaultIncome);
  const absl::string_view compensation_account =
      OrDefault(accounting.compensation_account(), fee_account);
  // The same statutory fee (inkassoforskriften § 1-2), named by its notice.
  const absl::string_view fee_name =
      action.step() == v1::STEP_KIND_COLLECTION_WARNING ? "Inkassovarselgebyr"
                                                        : "Purregebyr";
  const PostingLine all[] = {
      {v1::POSTING_KIND_FEE, "fee", fee_name, action.fee(), receivable,
       fee_account},
      {v1::POSTING_KIND_COMPENSATION, "compensation", "Standardkompensasjon",
       action.compensation(), receivable, compensation_account},
      {v1::POSTING_KIND_INTEREST, "interest", "Forsinkelsesrente",
       action.interest(), receivable, interest_account},
  };
  for (const PostingLine& line : all) {
    if (line.amount != 0) lines.push_back(line);
  }
  return lines;
}

void AppendPostings(const v1::ProposedAction& action,
                    const v1::AccountingSettings& accounting,
                    google::protobuf::RepeatedPtrField<v1::LedgerPosting>* out) {
  for (const PostingLine& line : PostingLinesOf(action, accounting)) {
    v1::LedgerPosting* posting = out->Add();
    // Appended in place (one sized allocation, nothing to copy in after).
    absl::StrAppend(posting->mutable_id(), action.id(), "/", line.id_suffix);
    posting->set_action_id(action.id());
    posting->set_date(action.date());
    posting->set_invoice_number(action.invoice_number());
    posting->set_customer_id(action.customer_id());
    posting->set_kind(line.kind);
    posting->set_debit_account(line.debit_account.data(),
                               line.debit_account.size());
    posting->set_credit_account(line.credit_account.data(),
                                line.credit_account.size());
    posting->set_amount(line.amount);
    posting->set_department(accounting.department());
    posting->set_project(accounting.project());
    absl::StrAppend(posting->mutable_description(), line.what,
                    kDescriptionJoin, action.invoice_number());
  }
}

}  // namespace purring::internal
