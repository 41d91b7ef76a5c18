#include "process/naming.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "dates.h"

namespace purring::internal {

absl::string_view StepName(v1::StepKind step) {
  switch (step) {
    case v1::STEP_KIND_REMINDER:
      return "reminder";
    case v1::STEP_KIND_DUNNING:
      return "dunning";
    case v1::STEP_KIND_COLLECTION_WARNING:
      return "collection_warning";
    default:
      return "collection";
  }
}

v1::NextStep ToNextStep(v1::StepKind step) {
  switch (step) {
    case v1::STEP_KIND_REMINDER:
      return v1::NEXT_STEP_REMINDER;
    case v1::STEP_KIND_DUNNING:
      return v1::NEXT_STEP_DUNNING;
    case v1::STEP_KIND_COLLECTION_WARNING:
      return v1::NEXT_STEP_COLLECTION_WARNING;
    default:
      return v1::NEXT_STEP_TRANSFER_TO_COLLECTION;
  }
}

std::string StepDateId(absl::string_view first, v1::StepKind step,
                       absl::CivilDay date) {
  return absl::StrCat(first, "/", StepName(step), "/", FormatDate(date));
}

std::string UrlEscape(absl::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                            c == '_' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string ObjectionLink(absl::string_view link_template,
                          absl::string_view invoice, absl::string_view customer,
                          absl::string_view letter) {
  if (link_template.empty()) return "";
  return absl::StrReplaceAll(link_template,
                             {{"{invoice}", UrlEscape(invoice)},
                              {"{customer}", UrlEscape(customer)},
                              {"{letter}", UrlEscape(letter)}});
}

}  // namespace purring::internal
