#include "money/postings.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace purring::internal {
namespace {

// Defaults documented in settings.proto (AccountingSettings).
constexpr char kDefaultReceivable[] = "1500";
constexpr char kDefaultIncome[] = "8050";

std::string OrDefault(const std::string& value, const std::string& fallback) {
  return value.empty() ? fallback : value;
}

}  // namespace

void AppendPostings(const v1::ProposedAction& action,
                    const v1::AccountingSettings& accounting,
                    google::protobuf::RepeatedPtrField<v1::LedgerPosting>* out) {
  if (action.kind() != v1::ACTION_KIND_SEND_NOTICE) return;
  const std::string receivable =
      OrDefault(accounting.receivable_account(), kDefaultReceivable);
  const std::string fee_account =
      OrDefault(accounting.fee_account(), kDefaultIncome);
  const std::string interest_account =
      OrDefault(accounting.interest_account(), kDefaultIncome);
  const std::string compensation_account =
      OrDefault(accounting.compensation_account(), fee_account);

  struct Line {
    v1::PostingKind kind;
    const char* suffix;
    const char* what;
    int64_t amount;
    const std::string* account;
  };
  const Line lines[] = {
      {v1::POSTING_KIND_FEE, "fee", "Purregebyr", action.fee(), &fee_account},
      {v1::POSTING_KIND_COMPENSATION, "compensation", "Standardkompensasjon",
       action.compensation(), &compensation_account},
      {v1::POSTING_KIND_INTEREST, "interest", "Forsinkelsesrente",
       action.interest(), &interest_account},
  };
  for (const Line& line : lines) {
    if (line.amount == 0) continue;
    v1::LedgerPosting* posting = out->Add();
    posting->set_id(absl::StrCat(action.id(), "/", line.suffix));
    posting->set_action_id(action.id());
    posting->set_date(action.date());
    posting->set_invoice_number(action.invoice_number());
    posting->set_customer_id(action.customer_id());
    posting->set_kind(line.kind);
    posting->set_debit_account(receivable);
    posting->set_credit_account(*line.account);
    posting->set_amount(line.amount);
    posting->set_department(accounting.department());
    posting->set_project(accounting.project());
    posting->set_description(
        absl::StrCat(line.what, " faktura ", action.invoice_number()));
  }
}

}  // namespace purring::internal
