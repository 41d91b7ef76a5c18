#include "validate_checks.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "dates.h"
#include "process/spaces.h"
#include "purring/limits.h"

namespace purring::internal {

using absl::StrCat;

namespace {

// Whether a C1 control (U+0080-U+009F, UTF-8 C2 80..C2 9F) starts at
// text[i]: invisible when printed, and no part of an id.
bool C1ControlAt(absl::string_view text, size_t i) {
  return static_cast<unsigned char>(text[i]) == 0xc2 && i + 1 < text.size() &&
         static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
         static_cast<unsigned char>(text[i + 1]) < 0xa0;
}

}  // namespace

std::string Quote(absl::string_view text) {
  std::string out = "\"";
  const size_t shown = text.size() > 64 ? 64 : text.size();
  for (size_t i = 0; i < shown; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
      absl::StrAppend(&out, "\\x", absl::Hex(c, absl::kZeroPad2));
    } else if (C1ControlAt(text, i)) {
      absl::StrAppend(&out, "\\u00",
                      absl::Hex(static_cast<unsigned char>(text[++i]),
                                absl::kZeroPad2));
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
  if (index >= 0) {
    absl::StrAppend(&name, "[", index, "] (", parent_kind, " ", Quote(id), ")");
  } else if (has_id) {
    absl::StrAppend(&name, " ", Quote(id));
  }
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

absl::Status KeyRefused(const RecordName& record, const FieldName& field,
                        absl::string_view key) {
  for (size_t i = 0; i < key.size(); ++i) {
    const unsigned char byte = static_cast<unsigned char>(key[i]);
    if (byte < 0x20 || byte == 0x7f || C1ControlAt(key, i)) {
      return Invalid(record, StrCat(field.Text(), " ", Quote(key),
                                    " contains a control character"));
    }
  }
  if (Blank(key)) {
    return Invalid(record, StrCat(field.Text(), " ", Quote(key),
                                  " is blank (white space only)"));
  }
  return absl::OkStatus();
}

absl::Status DateRefused(const RecordName& record, const FieldName& field,
                         absl::string_view value) {
  if (value.empty()) return Invalid(record, StrCat(field.Text(), " is required"));
  return Invalid(record, StrCat(field.Text(), " ", Quote(value),
                                " is not a valid date (YYYY-MM-DD, years "
                                "1900-2999)"));
}

absl::Status AmountRefused(const RecordName& record, const FieldName& field,
                           int64_t value, bool allow_zero) {
  if (value < 0 || (!allow_zero && value == 0)) {
    return Invalid(record, StrCat(field.Text(), " ", value,
                                  allow_zero ? " must not be negative"
                                             : " must be positive (øre)"));
  }
  return Invalid(record, StrCat(field.Text(), " ", value,
                                " exceeds the maximum amount ", kMaxAmount,
                                " øre"));
}

absl::Status EnumRefused(const RecordName& record, const FieldName& field,
                         int value) {
  return Invalid(record, StrCat(field.Text(), " has unknown value ", value));
}

absl::Status CheckTimestamp(const RecordName& record, const FieldName& field,
                            const google::protobuf::Timestamp& value) {
  constexpr int64_t kYear1900 = -2208988800;
  constexpr int64_t kYear3000 = 32503680000;
  const bool bad_nanos = value.nanos() < 0 || value.nanos() > 999'999'999;
  if (bad_nanos || value.seconds() < kYear1900 ||
      value.seconds() >= kYear3000) {
    // The instant as a person reads it, where it is one.
    const std::string instant =
        bad_nanos
            ? ""
            : StrCat(absl::FormatTime("%E4Y-%m-%dT%H:%M:%S%Ez",
                                      absl::FromUnixSeconds(value.seconds()),
                                      absl::UTCTimeZone()),
                     " ");
    return Invalid(
        record,
        StrCat(field.Text(), " ", instant, "(seconds ", value.seconds(),
               ", nanos ", value.nanos(), ") is out of range (",
               bad_nanos ? "nanos 0-999999999" : "years 1900-2999", ")"));
  }
  return absl::OkStatus();
}

absl::Status LengthRefused(const RecordName& record, const FieldName& field,
                           absl::string_view value) {
  return absl::ResourceExhaustedError(
      StrCat(record.Name(), ": ", field.Text(), " is ", value.size(),
             " bytes; the limit is ", kMaxStringBytes));
}

bool SeenKeys::Insert(absl::string_view key) {
  if (many_->empty()) {
    for (absl::string_view seen : few_) {
      if (seen == key) return false;
    }
    if (few_.size() < kFew) {
      few_.push_back(key);
      return true;
    }
    many_->insert(few_.begin(), few_.end());
  }
  return many_->insert(key).second;
}

absl::Status TotalRefused(const RecordName& record, absl::string_view what,
                          int64_t limit) {
  return Invalid(record, StrCat(what, " exceed the maximum total ", limit,
                                " øre"));
}

absl::Status LedgerTotalRefused(const RecordName& invoice,
                                absl::string_view what) {
  return absl::InvalidArgumentError(
      StrCat("request: ", what, " exceed the maximum total ", kMaxLedgerTotal,
             " øre (passed at ", invoice.Name(), ")"));
}

}  // namespace purring::internal
