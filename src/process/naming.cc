#include "process/naming.h"

#include <array>

#include "absl/strings/match.h"
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

absl::string_view StepWords(v1::StepKind step) {
  return step == v1::STEP_KIND_COLLECTION_WARNING ? "collection warning"
                                                  : StepName(step);
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
  // Appended into one reserved string: StrCat over a formatted date cost
  // ~650 instructions per id (one id per proposed action).
  const absl::string_view name = StepName(step);
  const std::string day = FormatDate(date);
  std::string id;
  id.reserve(first.size() + name.size() + day.size() + 2);
  id.append(first.data(), first.size()).append("/");
  id.append(name.data(), name.size()).append("/").append(day);
  return id;
}

namespace {

// RFC 3986's unreserved characters, by byte.
constexpr std::array<bool, 256> kUnreserved = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
               c == '~';
  }
  return table;
}();

// Appends `text` percent-encoded (every byte but the unreserved
// characters), runs of unreserved bytes in one append each.
void AppendUrlEscaped(absl::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  size_t run = 0;  // text[run, i) is unreserved and not yet appended
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (kUnreserved[c]) continue;
    out->append(text.data() + run, i - run);
    const char escaped[3] = {'%', kHex[c >> 4], kHex[c & 15]};
    out->append(escaped, sizeof escaped);
    run = i + 1;
  }
  out->append(text.data() + run, text.size() - run);
}

}  // namespace

std::string UrlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendUrlEscaped(text, &out);
  return out;
}

std::string ObjectionLink(absl::string_view link_template,
                          absl::string_view invoice, absl::string_view customer,
                          absl::string_view letter) {
  if (link_template.empty()) return "";
  // One pass that escapes straight into the result: absl::StrReplaceAll
  // over three escaped copies cost ~3 000 instructions per link (it runs
  // once per letter line). The placeholders all start with '{' and differ
  // in the next byte, so no two can match at one place, and replaced text
  // is never scanned again: the same result as StrReplaceAll.
  static constexpr absl::string_view kInvoice = "{invoice}";
  static constexpr absl::string_view kCustomer = "{customer}";
  static constexpr absl::string_view kLetter = "{letter}";
  std::string out;
  out.reserve(link_template.size() + invoice.size() + customer.size() +
              letter.size() + 16);
  size_t done = 0;  // link_template[0, done) is in `out`
  for (size_t brace = link_template.find('{'); brace != absl::string_view::npos;
       brace = link_template.find('{', brace)) {
    const absl::string_view rest = link_template.substr(brace);
    absl::string_view value;
    size_t length = 0;
    if (absl::StartsWith(rest, kInvoice)) {
      value = invoice;
      length = kInvoice.size();
    } else if (absl::StartsWith(rest, kCustomer)) {
      value = customer;
      length = kCustomer.size();
    } else if (absl::StartsWith(rest, kLetter)) {
      value = letter;
      length = kLetter.size();
    } else {
      ++brace;
      continue;
    }
    out.append(link_template.data() + done, brace - done);
    AppendUrlEscaped(value, &out);
    brace += length;
    done = brace;
    if (out.size() > kMaxObjectionLinkBytes) return out;
  }
  out.append(link_template.data() + done, link_template.size() - done);
  return out;
}

}  // namespace purring::internal
