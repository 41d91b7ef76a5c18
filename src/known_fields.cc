#include "known_fields.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"
#include "validate_checks.h"

namespace purring::internal {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

template <typename Messages>
bool AnyHasUnknownFields(const Messages& messages) {
  for (const auto& message : messages) {
    if (HasUnknownFields(message)) return true;
  }
  return false;
}

// The first of message's own unknown fields whose number its type defines.
absl::Status CheckOwnFields(const Message& message, absl::string_view record) {
  const google::protobuf::UnknownFieldSet& unknown =
      message.GetReflection()->GetUnknownFields(message);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const int number = unknown.field(i).number();
    const FieldDescriptor* field =
        message.GetDescriptor()->FindFieldByNumber(number);
    if (field != nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(record, ": field ", number, " (", field->name(),
                       ") is not written as its type (", field->type_name(),
                       "): protobuf would drop it"));
    }
  }
  return absl::OkStatus();
}

// message and every message inside it but those in `skip` (fields checked
// record by record). The schema has no recursive types, so the depth is
// the schema's.
absl::Status CheckDeep(const Message& message, absl::string_view record,
                       absl::Span<const FieldDescriptor* const> skip) {
  PURRING_RETURN_IF_ERROR(CheckOwnFields(message, record));
  const Reflection& reflection = *message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection.ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (std::find(skip.begin(), skip.end(), field) != skip.end()) continue;
    if (!field->is_repeated()) {
      PURRING_RETURN_IF_ERROR(
          CheckDeep(reflection.GetMessage(message, field),
                    absl::StrCat(record, ".", field->name()), skip));
      continue;
    }
    const int size = reflection.FieldSize(message, field);
    for (int i = 0; i < size; ++i) {
      PURRING_RETURN_IF_ERROR(CheckDeep(
          reflection.GetRepeatedMessage(message, field, i),
          absl::StrCat(record, ".", field->name(), "[", i, "]"), skip));
    }
  }
  return absl::OkStatus();
}

// Each record of a repeated field, named "<field>[<i>]" when refused.
template <typename Records>
absl::Status CheckEach(const Records& records, absl::string_view field) {
  for (int i = 0; i < records.size(); ++i) {
    // Nearly every record has none: tested before the name is made.
    if (!HasUnknownFieldsInside(records.Get(i))) continue;
    PURRING_RETURN_IF_ERROR(CheckUnknownFieldsAreUnknown(
        records.Get(i), absl::StrCat(field, "[", i, "]")));
  }
  return absl::OkStatus();
}

}  // namespace

bool HasUnknownFieldsInside(const v1::Customer& customer) {
  return HasUnknownFields(customer) ||
         (customer.has_postal_address() &&
          HasUnknownFields(customer.postal_address()));
}

bool HasUnknownFieldsInside(const v1::Invoice& invoice) {
  return HasUnknownFields(invoice) || AnyHasUnknownFields(invoice.payments()) ||
         AnyHasUnknownFields(invoice.credit_notes()) ||
         AnyHasUnknownFields(invoice.holds());
}

bool HasUnknownFieldsInside(const v1::Notice& notice) {
  return HasUnknownFields(notice);
}

absl::Status CheckUnknownFieldsAreUnknown(const Message& message,
                                          absl::string_view record) {
  return CheckDeep(message, record, {});
}

absl::Status CheckRequestUnknownFields(const v1::EvaluateRequest& request) {
  // The records are checked below, each named by its position alone.
  static const FieldDescriptor* const kRecords[] = {
      v1::EvaluateRequest::descriptor()->FindFieldByName("customers"),
      v1::EvaluateRequest::descriptor()->FindFieldByName("invoices"),
      v1::DunningHistory::descriptor()->FindFieldByName("notices"),
  };
  PURRING_RETURN_IF_ERROR(CheckDeep(request, "request", kRecords));
  PURRING_RETURN_IF_ERROR(CheckEach(request.customers(), "customers"));
  PURRING_RETURN_IF_ERROR(CheckEach(request.invoices(), "invoices"));
  return CheckEach(request.history().notices(), "history.notices");
}

}  // namespace purring::internal
