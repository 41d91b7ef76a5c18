#include "json_shape.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace purring::internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// One open object or array.
struct Level {
  bool object = false;
  // An object's message type, when the schema gives one (not inside a map
  // or a well-known type, whose JSON forms have keys of their own).
  const Descriptor* type = nullptr;
  // An object's field named by its last key; an array's repeated field.
  const FieldDescriptor* field = nullptr;
  bool expect_key = false;
  bool expect_element = false;  // an array's, after '[' or ','
  // The fields an object's keys named so far, by field index: a bit each
  // for the first 64, a list for the rest (no message here has that many).
  uint64_t named = 0;
  std::vector<int> named_beyond_64;
};

// Whether `field` was named in `level` before; marks it named.
bool NamedBefore(const FieldDescriptor* field, Level* level) {
  const int index = field->index();
  if (index < 64) {
    const uint64_t bit = uint64_t{1} << index;
    const bool before = (level->named & bit) != 0;
    level->named |= bit;
    return before;
  }
  for (const int named : level->named_beyond_64) {
    if (named == index) return true;
  }
  level->named_beyond_64.push_back(index);
  return false;
}

const Descriptor* MessageTypeOf(const FieldDescriptor* field) {
  if (field == nullptr || field->is_map() ||
      field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return nullptr;
  }
  const Descriptor* type = field->message_type();
  return type->file()->package() == "google.protobuf" ? nullptr : type;
}

// The key's (or an instant's) text with its escapes undone, as protobuf
// reads it. False for an escape of a character beyond ASCII, or a malformed
// one: no field name or instant has such a character, so protobuf refuses
// it itself.
bool DecodeEscapes(absl::string_view raw, std::string* key) {
  key->clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\') {
      key->push_back(raw[i]);
      continue;
    }
    if (++i == raw.size()) return false;
    switch (raw[i]) {
      case '"':
      case '\\':
      case '/':
        key->push_back(raw[i]);
        break;
      case 'u': {
        if (raw.size() - i < 5) return false;
        int code = 0;
        for (char h : raw.substr(i + 1, 4)) {
          const int digit = absl::ascii_isdigit(h)    ? h - '0'
                            : absl::ascii_isxdigit(h) ? (h | 0x20) - 'a' + 10
                                                      : -1;
          if (digit < 0) return false;
          code = code * 16 + digit;
        }
        if (code >= 0x80) return false;
        key->push_back(static_cast<char>(code));
        i += 4;
        break;
      }
      default:  // \b \f \n \r \t: in no field name
        return false;
    }
  }
  return true;
}

// The field a key names, by its JSON or its proto name, as protobuf reads
// them; nullptr for a key no field has.
const FieldDescriptor* FieldOf(const Descriptor* type, absl::string_view raw) {
  std::string name;
  if (type == nullptr || !DecodeEscapes(raw, &name)) return nullptr;
  if (const FieldDescriptor* field = type->FindFieldByName(name)) return field;
  return type->FindFieldByCamelcaseName(name);
}

bool IsList(const FieldDescriptor* field) {
  return field != nullptr && field->is_repeated() && !field->is_map();
}

bool IsTimestamp(const FieldDescriptor* field) {
  return field != nullptr &&
         field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
         field->message_type()->full_name() == "google.protobuf.Timestamp";
}

bool IsBool(const FieldDescriptor* field) {
  return field != nullptr && field->cpp_type() == FieldDescriptor::CPPTYPE_BOOL;
}

// JSON's white space (RFC 8259 § 2); protobuf also skips \f and \v.
bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Why the escape at json[at] (after its backslash) is not one of JSON's
// (RFC 8259 § 7), or empty: protobuf drops the backslash of any other and
// keeps the character ("100\1" would read "1001").
std::string BadEscape(absl::string_view json, size_t at) {
  const char c = json[at];
  switch (c) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      return "";
    case 'u':
      if (json.size() - at > 4 &&
          std::all_of(json.begin() + at + 1, json.begin() + at + 5, [](char h) {
            return absl::ascii_isxdigit(static_cast<unsigned char>(h));
          })) {
        return "";
      }
      return absl::StrCat("an escape \\u without four hex digits at byte ",
                          at - 1);
    default: {
      const unsigned char byte = static_cast<unsigned char>(c);
      return absl::StrCat(
          "a backslash before ",
          absl::ascii_isprint(byte)
              ? absl::StrCat("'", absl::string_view(&c, 1), "'")
              : absl::StrCat("byte 0x", absl::Hex(byte, absl::kZeroPad2)),
          " at byte ", at - 1,
          " (JSON's escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
    }
  }
}

// Why an RFC 3339 instant (`raw`, its escapes not undone) has more than the
// nine fractional digits protobuf keeps (it drops the rest), or empty.
std::string TooFineTimestamp(absl::string_view raw, size_t at) {
  std::string text;
  // An escape beyond ASCII leaves no instant: protobuf refuses it.
  if (!DecodeEscapes(raw, &text)) return "";
  const size_t dot = text.find('.');
  if (dot == absl::string_view::npos) return "";
  size_t digits = 0;
  while (
      dot + 1 + digits < text.size() &&
      absl::ascii_isdigit(static_cast<unsigned char>(text[dot + 1 + digits]))) {
    ++digits;
  }
  if (digits <= 9) return "";
  return absl::StrCat("an instant with ", digits, " fractional digits at byte ",
                      at, " (at most 9: nanoseconds)");
}

}  // namespace

absl::Status InvalidJsonRequest(absl::string_view why) {
  // protobuf's parser quotes the request's text as it is (an unknown key,
  // whole): control characters are escaped and the text cut, so that a
  // host can print or log the message.
  constexpr size_t kShown = 512;  // bytes of the escaped text
  std::string text;
  size_t at = 0;
  while (at < why.size()) {
    const unsigned char lead = static_cast<unsigned char>(why[at]);
    // A whole UTF-8 sequence at a time, so the cut never splits one.
    const size_t length = lead >= 0xF0   ? 4
                          : lead >= 0xE0 ? 3
                          : lead >= 0xC0 ? 2
                                         : 1;
    std::string piece;
    if (lead < 0x20 || lead == 0x7f) {
      piece = absl::StrCat("\\x", absl::Hex(lead, absl::kZeroPad2));
    } else {
      piece = std::string(why.substr(at, length));
    }
    if (text.size() + piece.size() > kShown) break;
    text += piece;
    at += std::min(length, why.size() - at);
  }
  if (at < why.size()) text += "...";
  return absl::InvalidArgumentError(absl::StrCat(
      "request is not valid purring.v1.EvaluateRequest JSON: ", text));
}

absl::Status InvalidJsonSyntax(absl::string_view why, absl::string_view json) {
  // protobuf writes "<message>\n<up to 20 bytes either side>\n<spaces>^".
  const size_t first = why.find('\n');
  const size_t last = why.rfind('\n');
  if (first == absl::string_view::npos || first == last) {
    return InvalidJsonRequest(why);
  }
  const absl::string_view caret = why.substr(last + 1);
  const absl::string_view around = why.substr(first + 1, last - first - 1);
  // The caret line is spaces and a '^' under the error.
  const size_t column = caret.find_first_not_of(' ');
  if (column == absl::string_view::npos || caret.substr(column) != "^" ||
      column > around.size()) {
    return InvalidJsonRequest(why);
  }
  const absl::string_view message = why.substr(0, first);
  const absl::string_view from_here = around.substr(column);
  if (from_here.empty()) {
    return InvalidJsonRequest(
        absl::StrCat(message, " (at the end of the request)"));
  }
  // The text around it locates it when it occurs once in the request.
  const size_t begin = json.find(around);
  if (begin == absl::string_view::npos ||
      json.find(around, begin + 1) != absl::string_view::npos) {
    return InvalidJsonRequest(absl::StrCat(message, " (at: ", from_here, ")"));
  }
  return InvalidJsonRequest(absl::StrCat(message, " (at byte ", begin + column,
                                         ": ", from_here, ")"));
}

namespace {

// The scan CheckJsonShape makes, a byte at a time: inside a string (a key
// or a value), or between tokens, where the structure is checked against
// the message types. Each step returns false, with why_ set, at a byte the
// shape does not allow.
class ShapeScanner {
 public:
  ShapeScanner(absl::string_view json, const Descriptor* root)
      : json_(json), root_(root) {}

  absl::Status Scan();

 private:
  bool InString(size_t at);
  bool AtKeyEnd(size_t at);
  bool BetweenTokens(size_t at);
  bool AtValue(size_t at);
  bool Structural(size_t at);

  const absl::string_view json_;
  const Descriptor* const root_;
  std::vector<Level> open_;
  bool in_string_ = false;
  bool escaped_ = false;
  bool in_key_ = false;
  size_t key_start_ = 0;
  bool value_next_ = false;  // after an object's ':'
  bool after_comma_ = false;
  // The value of a Timestamp field being read, from this byte.
  std::optional<size_t> timestamp_start_;
  std::string why_;  // what is wrong, once a step has returned false
  // Sets why_ and returns false.
  bool Refuse(std::string why) {
    why_ = std::move(why);
    return false;
  }
};

// A byte inside a string that ends no string, starts no escape and is no
// control character.
inline bool PlainStringByte(char c) {
  return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
}

absl::Status ShapeScanner::Scan() {
  if (absl::StartsWith(json_, "\xEF\xBB\xBF")) {
    return InvalidJsonRequest(
        "a UTF-8 byte order mark at byte 0 (JSON text starts with its value)");
  }
  // Most bytes need no look: a string's own, white space. They are skipped
  // here, in locals, and only the others go to the steps.
  const char* const data = json_.data();
  const size_t size = json_.size();
  for (size_t at = 0; at < size; ++at) {
    if (in_string_) {
      if (!escaped_) {
        while (at < size && PlainStringByte(data[at])) ++at;
        if (at == size) break;
      }
      if (!InString(at)) return InvalidJsonRequest(why_);
    } else if (!IsJsonSpace(data[at]) && !BetweenTokens(at)) {
      return InvalidJsonRequest(why_);
    }
  }
  return absl::OkStatus();
}

bool ShapeScanner::InString(size_t at) {
  const char c = json_[at];
  if (static_cast<unsigned char>(c) < 0x20) {
    return Refuse(absl::StrCat("a control character inside a string at byte ",
                               at, " (write it as an escape: \\n, \\u00XX)"));
  }
  if (escaped_) {
    escaped_ = false;
    std::string why = BadEscape(json_, at);
    return why.empty() || Refuse(std::move(why));
  }
  if (c == '\\') {
    escaped_ = true;
    return true;
  }
  if (c != '"') return true;
  in_string_ = false;
  if (timestamp_start_.has_value()) {
    std::string why = TooFineTimestamp(
        json_.substr(*timestamp_start_, at - *timestamp_start_),
        *timestamp_start_ - 1);
    if (!why.empty()) return Refuse(std::move(why));
    timestamp_start_.reset();
  }
  return !in_key_ || AtKeyEnd(at);
}

// The closing quote of an object's key at `at`: the field it names.
bool ShapeScanner::AtKeyEnd(size_t at) {
  in_key_ = false;
  Level& level = open_.back();
  level.field = FieldOf(level.type, json_.substr(key_start_, at - key_start_));
  // protobuf keeps the last of two values for one field (also under its
  // proto and its JSON name), where another reader may keep the first: the
  // request would mean two things.
  if (level.field != nullptr && NamedBefore(level.field, &level)) {
    return Refuse(absl::StrCat("field ", level.field->name(),
                               " is given twice in one object (at byte ",
                               key_start_ - 1, ")"));
  }
  return true;
}

// A byte that is no JSON white space (Scan skips that).
bool ShapeScanner::BetweenTokens(size_t at) {
  const char c = json_[at];
  if (c == '\f' || c == '\v') {
    return Refuse(
        absl::StrCat(c == '\f' ? "a form feed" : "a vertical tab", " at byte ",
                     at, " (JSON's white space is space, tab, LF and CR)"));
  }
  if ((c == '}' || c == ']') && after_comma_) {
    return Refuse(absl::StrCat("a comma before the closing ",
                               absl::string_view(&c, 1), " at byte ", at));
  }
  after_comma_ = c == ',';
  if (!open_.empty() && open_.back().object && open_.back().expect_key &&
      c != '"' && c != '}' && c != '\'') {
    return Refuse(absl::StrCat("an object key without quotes at byte ", at));
  }
  if (c == '.' &&
      (at + 1 == json_.size() ||
       !absl::ascii_isdigit(static_cast<unsigned char>(json_[at + 1])))) {
    return Refuse(absl::StrCat("a number ending in '.' at byte ", at));
  }
  if (!open_.empty() && open_.back().expect_element) {
    open_.back().expect_element = false;
    // protobuf drops a null element: the host would count one record more
    // than the engine.
    if (c == 'n') {
      const FieldDescriptor* field = open_.back().field;
      return Refuse(absl::StrCat("null in the list ",
                                 field != nullptr ? field->name() : "",
                                 " (at byte ", at, "): leave the element out"));
    }
  }
  if (value_next_) {
    value_next_ = false;
    if (!AtValue(at)) return false;
  }
  return Structural(at);
}

// The first byte of an object field's value at `at`.
bool ShapeScanner::AtValue(size_t at) {
  const char c = json_[at];
  const FieldDescriptor* field = open_.back().field;
  // null is the field's default, as for any field.
  if (IsList(field) && c != '[' && c != 'n') {
    return Refuse(absl::StrCat(
        "field ", field->name(),
        " is a list: its value must be an array (at byte ", at, ")"));
  }
  // protobuf also reads "yes", "1" or "t" for a bool, and a Timestamp as an
  // object of seconds and nanos; the mapping has neither.
  if (IsBool(field) && c == '"') {
    return Refuse(absl::StrCat(
        "field ", field->name(),
        " is a bool: true or false without quotes (at byte ", at, ")"));
  }
  if (IsTimestamp(field) && !field->is_repeated()) {
    if (c == '"') {
      timestamp_start_ = at + 1;
    } else if (c != 'n') {
      return Refuse(absl::StrCat("field ", field->name(),
                                 " is an instant: an RFC 3339 string (at byte ",
                                 at, ")"));
    }
  }
  return true;
}

// Quotes, brackets, colons and commas: where the scan is in the structure.
bool ShapeScanner::Structural(size_t at) {
  const char c = json_[at];
  switch (c) {
    case '"':
      in_string_ = true;
      if (!open_.empty() && open_.back().object && open_.back().expect_key) {
        open_.back().expect_key = false;
        in_key_ = true;
        key_start_ = at + 1;
      }
      break;
    case '{':
    case '[': {
      Level level;
      level.object = c == '{';
      if (open_.empty()) {
        level.type = level.object ? root_ : nullptr;
      } else if (!level.object && !open_.back().object) {
        return Refuse(absl::StrCat("an array inside an array at byte ", at,
                                   " (no field is a list of lists)"));
      } else if (level.object) {
        level.type = MessageTypeOf(open_.back().field);
      } else {
        level.field = open_.back().field;
      }
      if (open_.size() == kMaxJsonDepth) {
        return Refuse(absl::StrCat("nested deeper than ", kMaxJsonDepth,
                                   " levels at byte ", at));
      }
      level.expect_key = level.object;
      level.expect_element = !level.object;
      open_.push_back(std::move(level));
      break;
    }
    case '}':
    case ']':
      if (!open_.empty()) open_.pop_back();
      break;
    case ':':
      value_next_ = !open_.empty() && open_.back().object;
      break;
    case ',':
      if (!open_.empty()) {
        (open_.back().object ? open_.back().expect_key
                             : open_.back().expect_element) = true;
      }
      break;
    case '\'':
      return Refuse(absl::StrCat("a single quote at byte ", at,
                                 " (JSON strings take \")"));
    default:
      break;
  }
  return true;
}

}  // namespace

absl::Status CheckJsonShape(absl::string_view json, const Descriptor* root) {
  return ShapeScanner(json, root).Scan();
}

}  // namespace purring::internal
