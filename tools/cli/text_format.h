// Text helpers of the purring tool: money from øre, labels for the schema's
// enums, and fixed-width columns that count UTF-8 characters.
#ifndef PURRING_TOOLS_CLI_TEXT_FORMAT_H_
#define PURRING_TOOLS_CLI_TEXT_FORMAT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::cli {

// "12 345,67 kr" style: øre as kroner with two decimals, a space between
// thousands and a decimal comma (Norwegian). Integer arithmetic only; works
// for every int64, INT64_MIN included.
std::string FormatKroner(int64_t ore);

// The same without the " kr" suffix, for table cells.
std::string FormatAmount(int64_t ore);

// The dunning screen's section title, e.g. "Klar til å sende purring
// (ready to send)".
std::string StatusTitle(v1::InvoiceStatus status);
std::string NextStepLabel(v1::NextStep step);
std::string StepLabel(v1::StepKind step);
std::string CollectionStateLabel(v1::CollectionCaseState state);
// "B" or "P".
std::string CustomerTypeMark(v1::CustomerType type);

// "1 faktura", "2 fakturaer": a count with the singular or plural noun.
std::string Count(int64_t n, absl::string_view singular,
                  absl::string_view plural);

// text on one line: each control character (C0, DEL, C1: a line break in a
// customer's name, say) and the line and paragraph separators (U+2028,
// U+2029) become a space, so a table row stays one line.
std::string OneLine(absl::string_view text);

// Number of characters (UTF-8 code points) in text.
size_t DisplayWidth(absl::string_view text);

// Cuts text to at most width characters, marking a cut with "…".
std::string Truncate(absl::string_view text, size_t width);

// One table: left- or right-aligned columns, separated by two spaces.
class TextTable {
 public:
  struct Column {
    std::string heading;
    bool right_aligned = false;
    size_t max_width = 0;  // 0: no limit.
  };

  explicit TextTable(std::vector<Column> columns);
  void AddRow(std::vector<std::string> cells);
  // The heading line and every row, each line starting with indent.
  std::string Render(absl::string_view indent) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace purring::cli

#endif  // PURRING_TOOLS_CLI_TEXT_FORMAT_H_
