#include "process/holds.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/string_view.h"
#include "dates.h"

namespace purring::internal {
namespace {

// How ActiveHold ranks two holds open on the same day.
struct HoldRank {
  absl::CivilDay start;
  absl::CivilDay end;
  bool objection = false;
  absl::string_view reason;

  bool Outranks(const HoldRank& other) const {
    if (start != other.start) return start > other.start;
    if (end != other.end) return end > other.end;
    if (objection != other.objection) return objection;
    return reason < other.reason;
  }
};

// A hold's first and last day (max(): open-ended), when it runs on `day`.
std::optional<std::pair<absl::CivilDay, absl::CivilDay>> HoldOpenOn(
    const v1::Hold& hold, absl::CivilDay day) {
  const std::optional<absl::CivilDay> start = ParseDate(hold.start_date());
  if (!start.has_value() || *start > day) return std::nullopt;
  const absl::CivilDay end =
      ParseDate(hold.end_date()).value_or(absl::CivilDay::max());
  if (end < day) return std::nullopt;
  return std::make_pair(*start, end);
}

}  // namespace

// Holds are few; each can push the day once.
std::optional<absl::CivilDay> FirstDayOffHold(const v1::Invoice& invoice,
                                              absl::CivilDay day) {
  for (bool moved = true; moved;) {
    moved = false;
    for (const v1::Hold& hold : invoice.holds()) {
      const std::optional<absl::CivilDay> start = ParseDate(hold.start_date());
      if (!start.has_value() || *start > day) continue;
      if (hold.end_date().empty()) return std::nullopt;
      const std::optional<absl::CivilDay> end = ParseDate(hold.end_date());
      if (!end.has_value() || *end < day) continue;
      day = *end + 1;
      moved = true;
    }
  }
  return day;
}

const v1::Hold* ActiveHold(const v1::Invoice& invoice, absl::CivilDay day) {
  const v1::Hold* found = nullptr;
  HoldRank found_rank;
  for (const v1::Hold& hold : invoice.holds()) {
    const auto open = HoldOpenOn(hold, day);
    if (!open.has_value()) continue;
    const HoldRank rank{open->first, open->second,
                        hold.kind() == v1::HOLD_KIND_OBJECTION, hold.reason()};
    if (found == nullptr || rank.Outranks(found_rank)) {
      found = &hold;
      found_rank = rank;
    }
  }
  return found;
}

const v1::Hold* ObjectionOpenOn(const v1::Invoice& invoice,
                                absl::CivilDay day) {
  const v1::Hold* found = nullptr;
  absl::CivilDay found_start;
  for (const v1::Hold& hold : invoice.holds()) {
    if (hold.kind() != v1::HOLD_KIND_OBJECTION) continue;
    const auto open = HoldOpenOn(hold, day);
    if (open.has_value() && (found == nullptr || open->first < found_start)) {
      found = &hold;
      found_start = open->first;
    }
  }
  return found;
}

absl::CivilDay DayAfterHoldsEndedBy(const v1::Invoice& invoice,
                                    absl::CivilDay earliest,
                                    absl::CivilDay as_of) {
  absl::CivilDay day = earliest;
  for (const v1::Hold& hold : invoice.holds()) {
    const std::optional<absl::CivilDay> end = ParseDate(hold.end_date());
    if (end.has_value() && *end >= earliest && *end < as_of) {
      day = std::max(day, *end + 1);
    }
  }
  return day;
}

}  // namespace purring::internal
