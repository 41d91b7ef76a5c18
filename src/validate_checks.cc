#include "validate_checks.h"

#include "absl/strings/str_cat.h"
#include "dates.h"
#include "purring/limits.h"

namespace purring::internal {

using absl::StrCat;

std::string Quote(absl::string_view text) {
  std::string out = "\"";
  const size_t shown = text.size() > 64 ? 64 : text.size();
  for (size_t i = 0; i < shown; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
      absl::StrAppend(&out, "\\x", absl::Hex(c, absl::kZeroPad2));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (text.size() > shown) out += "...";
  out += "\"";
  return out;
}

std::string RecordName::Name() const {
  std::string name(kind);
  if (index >= 0) absl::StrAppend(&name, " ", index, " of ", parent_kind);
  if (has_id) absl::StrAppend(&name, " ", Quote(id));
  return name;
}

std::string FieldName::Text() const {
  std::string text(name);
  if (index >= 0) absl::StrAppend(&text, "[", index, "]");
  absl::StrAppend(&text, member);
  return text;
}

absl::Status Invalid(const RecordName& record, absl::string_view what) {
  return absl::InvalidArgumentError(StrCat(record.Name(), ": ", what));
}

absl::Status CheckDate(const RecordName& record, const FieldName& field,
                       absl::string_view value, bool required,
                       std::optional<absl::CivilDay>* out) {
  if (out != nullptr) out->reset();
  if (value.empty()) {
    if (!required) return absl::OkStatus();
    return Invalid(record, StrCat(field.Text(), " is required"));
  }
  const std::optional<absl::CivilDay> day = ParseDate(value);
  if (!day.has_value()) {
    return Invalid(record, StrCat(field.Text(), " ", Quote(value),
                                  " is not a valid date (YYYY-MM-DD, years "
                                  "1900-2999)"));
  }
  if (out != nullptr) *out = day;
  return absl::OkStatus();
}

absl::Status CheckAmount(const RecordName& record, const FieldName& field,
                         int64_t value, bool allow_zero) {
  if (value < 0 || (!allow_zero && value == 0)) {
    return Invalid(record, StrCat(field.Text(), " ", value,
                                  allow_zero ? " must not be negative"
                                             : " must be positive (øre)"));
  }
  if (value > kMaxAmount) {
    return Invalid(record, StrCat(field.Text(), " ", value,
                                  " exceeds the maximum amount ", kMaxAmount,
                                  " øre"));
  }
  return absl::OkStatus();
}

absl::Status CheckEnum(const RecordName& record, const FieldName& field,
                       int value, bool (*is_valid)(int)) {
  if (is_valid(value)) return absl::OkStatus();
  return Invalid(record, StrCat(field.Text(), " has unknown value ", value));
}

absl::Status CheckTimestamp(const RecordName& record, const FieldName& field,
                            const google::protobuf::Timestamp& value) {
  constexpr int64_t kYear1900 = -2208988800;
  constexpr int64_t kYear3000 = 32503680000;
  if (value.nanos() < 0 || value.nanos() > 999'999'999 ||
      value.seconds() < kYear1900 || value.seconds() >= kYear3000) {
    return Invalid(record,
                   StrCat(field.Text(), " {seconds: ", value.seconds(), ", nanos: ",
                          value.nanos(),
                          "} is out of range (years 1900-2999)"));
  }
  return absl::OkStatus();
}

absl::Status CheckLength(const RecordName& record, const FieldName& field,
                         absl::string_view value) {
  if (value.size() <= kMaxStringBytes) return absl::OkStatus();
  return absl::ResourceExhaustedError(
      StrCat(record.Name(), ": ", field.Text(), " is ", value.size(),
             " bytes; the limit is ", kMaxStringBytes));
}

bool SeenKeys::Insert(absl::string_view key) {
  if (many_.empty()) {
    for (absl::string_view seen : few_) {
      if (seen == key) return false;
    }
    if (few_.size() < kFew) {
      few_.push_back(key);
      return true;
    }
    many_.insert(few_.begin(), few_.end());
  }
  return many_.insert(key).second;
}

absl::Status AddToTotal(const RecordName& record, absl::string_view what,
                        int64_t value, int64_t limit, int64_t* sum) {
  // Both are within [0, limit] here, so the addition cannot overflow.
  if (value > limit - *sum) {
    return Invalid(record, StrCat(what, " exceed the maximum total ", limit,
                                  " øre"));
  }
  *sum += value;
  return absl::OkStatus();
}

}  // namespace purring::internal
