#include "process/spaces.h"

#include <cstddef>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace purring::internal {

namespace {

// The UTF-8 spaces besides ASCII's, longest first where they share a lead.
constexpr absl::string_view kSpaces[] = {
    "\xC2\x85",      // U+0085 next line
    "\xC2\xA0",      // U+00A0 no-break space
    "\xE1\x9A\x80",  // U+1680 ogham space mark
    "\xE1\xA0\x8E",  // U+180E Mongolian vowel separator (a space once)
    "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83",
    "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87",
    "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A",  // U+2000..U+200A
    "\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D",  // U+200B..D zero width
    "\xE2\x80\xA8", "\xE2\x80\xA9",                  // line, paragraph sep.
    "\xE2\x80\xAF",                                  // U+202F narrow no-break
    "\xE2\x81\x9F",                                  // U+205F medium math
    "\xE2\x81\xA0",                                  // U+2060 word joiner
    "\xE3\x80\x80",                                  // U+3000 ideographic
    "\xEF\xBB\xBF",                                  // U+FEFF byte order mark
};

// The length of the space `text` starts (or ends, at_end) with; 0: none.
size_t SpaceAt(absl::string_view text, bool at_end) {
  if (text.empty()) return 0;
  const char edge = at_end ? text.back() : text.front();
  if (absl::ascii_isspace(static_cast<unsigned char>(edge))) return 1;
  // The others are UTF-8 sequences, every byte of them 0x80 or above: an
  // ASCII edge (almost every id, number and address) ends the search.
  if (static_cast<unsigned char>(edge) < 0x80) return 0;
  for (absl::string_view space : kSpaces) {
    if (at_end ? absl::EndsWith(text, space) : absl::StartsWith(text, space)) {
      return space.size();
    }
  }
  return 0;
}

}  // namespace

absl::string_view StripSpaces(absl::string_view text) {
  while (size_t n = SpaceAt(text, false)) text.remove_prefix(n);
  while (size_t n = SpaceAt(text, true)) text.remove_suffix(n);
  return text;
}

}  // namespace purring::internal
