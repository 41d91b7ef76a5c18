#include "text_format.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace purring::cli {

std::string FormatAmount(int64_t ore) {
  // Work in uint64 so that INT64_MIN negates without overflow.
  const bool negative = ore < 0;
  const uint64_t magnitude =
      negative ? ~static_cast<uint64_t>(ore) + 1 : static_cast<uint64_t>(ore);
  const uint64_t kroner = magnitude / 100;
  const uint64_t cents = magnitude % 100;
  std::string digits = absl::StrCat(kroner);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(' ');
    grouped.push_back(digits[i]);
  }
  return absl::StrCat(negative ? "-" : "", grouped, ",", cents < 10 ? "0" : "",
                      cents);
}

std::string FormatKroner(int64_t ore) {
  return absl::StrCat(FormatAmount(ore), " kr");
}

std::string StatusTitle(v1::InvoiceStatus status) {
  switch (status) {
    case v1::INVOICE_STATUS_READY_TO_SEND:
      return "Klar til å sende purring (ready to send)";
    case v1::INVOICE_STATUS_WAITING:
      return "Venter (overdue, next step not yet allowed)";
    case v1::INVOICE_STATUS_DEADLINE_NOT_EXPIRED:
      return "Frist ikke utløpt (sent, deadline not expired)";
    case v1::INVOICE_STATUS_DO_NOT_DUN:
      return "Ikke send purring (do not dun)";
    case v1::INVOICE_STATUS_BELOW_MINIMUM:
      return "Under minstebeløp (balance below the minimum amount)";
    case v1::INVOICE_STATUS_ON_HOLD:
      return "Innsigelse fra kunde / stoppet (disputed or on hold)";
    case v1::INVOICE_STATUS_CONSIDER_COLLECTION:
      return "Ikke betalt. Vurder inkasso (consider collection)";
    case v1::INVOICE_STATUS_IN_COLLECTION:
      return "Inkasso (in collection)";
    case v1::INVOICE_STATUS_NOT_DUE:
      return "Ikke forfalt (not due)";
    case v1::INVOICE_STATUS_PAID:
      return "Betalt (paid)";
    case v1::INVOICE_STATUS_BEFORE_CUTOFF:
      return "Før startfaktura (before the cutoff)";
    default:
      return "Uten status (unspecified)";
  }
}

std::string NextStepLabel(v1::NextStep step) {
  switch (step) {
    case v1::NEXT_STEP_REMINDER: return "påminnelse";
    case v1::NEXT_STEP_DUNNING: return "purring";
    case v1::NEXT_STEP_COLLECTION_WARNING: return "inkassovarsel";
    case v1::NEXT_STEP_TRANSFER_TO_COLLECTION: return "inkasso";
    default: return "";
  }
}

std::string StepLabel(v1::StepKind step) {
  switch (step) {
    case v1::STEP_KIND_REMINDER: return "påminnelse";
    case v1::STEP_KIND_DUNNING: return "purring";
    case v1::STEP_KIND_COLLECTION_WARNING: return "inkassovarsel";
    default: return "";
  }
}

std::string CollectionStateLabel(v1::CollectionCaseState state) {
  switch (state) {
    case v1::COLLECTION_CASE_STATE_ACTIVE: return "aktiv";
    case v1::COLLECTION_CASE_STATE_CLOSED: return "avsluttet";
    default: return "ikke startet";
  }
}

std::string CustomerTypeMark(v1::CustomerType type) {
  return type == v1::CUSTOMER_TYPE_BUSINESS ? "B" : "P";
}

std::string Count(int64_t n, absl::string_view singular,
                  absl::string_view plural) {
  return absl::StrCat(n, " ", n == 1 ? singular : plural);
}

std::string OneLine(absl::string_view text) {
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    if (c < 0x20 || c == 0x7F) {
      out[i] = ' ';
    } else if (c == 0xC2 && i + 1 < out.size() &&
               static_cast<unsigned char>(out[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(out[i + 1]) <= 0x9F) {
      // U+0080..U+009F, two bytes: one space in their place.
      out.replace(i, 2, " ");
    } else if (c == 0xE2 && i + 2 < out.size() &&
               static_cast<unsigned char>(out[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(out[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(out[i + 2]) == 0xA9)) {
      // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
      out.replace(i, 3, " ");
    }
  }
  return out;
}

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (char c : text) {
    // Count every byte but UTF-8 continuation bytes (10xxxxxx).
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string Truncate(absl::string_view text, size_t width) {
  if (width == 0 || DisplayWidth(text) <= width) return std::string(text);
  std::string out;
  size_t kept = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && kept == width - 1) break;
    if (starts_char) ++kept;
    out.push_back(text[i]);
  }
  return out + "…";
}

TextTable::TextTable(std::vector<Column> columns)
    : columns_(std::move(columns)) {}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    cells[i] = Truncate(OneLine(cells[i]), columns_[i].max_width);
  }
  rows_.push_back(std::move(cells));
}

std::string TextTable::Render(absl::string_view indent) const {
  std::vector<size_t> widths;
  for (const Column& c : columns_) widths.push_back(DisplayWidth(c.heading));
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  }
  auto render_line = [&](const std::vector<std::string>& cells) {
    std::string line(indent);
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::string padding(widths[i] - DisplayWidth(cells[i]), ' ');
      const bool last = i + 1 == cells.size();
      if (i > 0) line += "  ";
      if (columns_[i].right_aligned) {
        absl::StrAppend(&line, padding, cells[i]);
      } else {
        absl::StrAppend(&line, cells[i], last ? "" : padding);
      }
    }
    // An empty last cell leaves padding behind; trim it.
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::vector<std::string> headings;
  for (const Column& c : columns_) headings.push_back(c.heading);
  std::string out = render_line(headings);
  for (const auto& row : rows_) out += render_line(row);
  return out;
}

}  // namespace purring::cli
