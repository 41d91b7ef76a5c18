#include "money/postings.h"

#include <initializer_list>
#include <string>

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

// Sets *field to the concatenation of parts, built in place: no temporary
// string to build and then move in (one posting has two such fields).
void SetJoined(std::string* field,
               std::initializer_list<absl::string_view> parts) {
  size_t size = 0;
  for (absl::string_view part : parts) size += part.size();
  field->clear();
  field->reserve(size);
  for (absl::string_view part : parts) field->append(part.data(), part.size());
}

void Set(absl::string_view value, std::string* field) {
  field->assign(value.data(), value.size());
}

}  // namespace

void AppendPostings(const v1::ProposedAction& action,
                    const v1::AccountingSettings& accounting,
                    google::protobuf::RepeatedPtrField<v1::LedgerPosting>* out) {
  if (action.kind() != v1::ACTION_KIND_SEND_NOTICE) return;
  const absl::string_view receivable =
      OrDefault(accounting.receivable_account(), kDefaultReceivable);
  const absl::string_view fee_account =
      OrDefault(accounting.fee_account(), kDefaultIncome);
  const absl::string_view interest_account =
      OrDefault(accounting.interest_account(), kDefaultIncome);
  const absl::string_view compensation_account =
      accounting.compensation_account().empty()
          ? fee_account
          : absl::string_view(accounting.compensation_account());

  struct Line {
    v1::PostingKind kind;
    const char* suffix;
    const char* what;
    int64_t amount;
    absl::string_view account;
  };
  const Line lines[] = {
      {v1::POSTING_KIND_FEE, "fee", "Purregebyr", action.fee(), fee_account},
      {v1::POSTING_KIND_COMPENSATION, "compensation", "Standardkompensasjon",
       action.compensation(), compensation_account},
      {v1::POSTING_KIND_INTEREST, "interest", "Forsinkelsesrente",
       action.interest(), interest_account},
  };
  for (const Line& line : lines) {
    if (line.amount == 0) continue;
    v1::LedgerPosting* posting = out->Add();
    SetJoined(posting->mutable_id(), {action.id(), "/", line.suffix});
    posting->set_action_id(action.id());
    posting->set_date(action.date());
    posting->set_invoice_number(action.invoice_number());
    posting->set_customer_id(action.customer_id());
    posting->set_kind(line.kind);
    Set(receivable, posting->mutable_debit_account());
    Set(line.account, posting->mutable_credit_account());
    posting->set_amount(line.amount);
    posting->set_department(accounting.department());
    posting->set_project(accounting.project());
    SetJoined(posting->mutable_description(),
              {line.what, " faktura ", action.invoice_number()});
  }
}

}  // namespace purring::internal
