#include "known_fields.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"
#include "validate_checks.h"

namespace purring::internal {

absl::Status CheckUnknownFieldsAreUnknown(const google::protobuf::Message& message,
                                          absl::string_view record) {
  const google::protobuf::UnknownFieldSet& unknown =
      message.GetReflection()->GetUnknownFields(message);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const int number = unknown.field(i).number();
    const google::protobuf::FieldDescriptor* field =
        message.GetDescriptor()->FindFieldByNumber(number);
    if (field != nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          record, ": field ", number, " (", field->name(),
          ") is not written as its type (", field->type_name(),
          "): protobuf would drop it"));
    }
  }
  return absl::OkStatus();
}

namespace {

// Each record of a repeated field, named "<field>[<i>]" when refused.
template <typename Records>
absl::Status CheckEach(const Records& records, absl::string_view field) {
  for (int i = 0; i < records.size(); ++i) {
    // Nearly every record has none: tested before the name is made.
    if (!HasUnknownFields(records.Get(i))) continue;
    PURRING_RETURN_IF_ERROR(CheckUnknownFieldsAreUnknown(
        records.Get(i), absl::StrCat(field, "[", i, "]")));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckRequestUnknownFields(const v1::EvaluateRequest& request) {
  PURRING_RETURN_IF_ERROR(CheckUnknownFieldsAreUnknown(request, "request"));
  PURRING_RETURN_IF_ERROR(
      CheckUnknownFieldsAreUnknown(request.history(), "request.history"));
  PURRING_RETURN_IF_ERROR(CheckEach(request.customers(), "customers"));
  PURRING_RETURN_IF_ERROR(CheckEach(request.invoices(), "invoices"));
  return CheckEach(request.history().notices(), "history.notices");
}

}  // namespace purring::internal
