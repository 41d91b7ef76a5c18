// What counts as blank in a customer's contact fields: a letter to " " or to
// a no-break space reaches no one.
#ifndef PURRING_SRC_PROCESS_SPACES_H_
#define PURRING_SRC_PROCESS_SPACES_H_

#include "absl/strings/string_view.h"

namespace purring::internal {

// `text` without leading and trailing white space: ASCII white space and the
// Unicode spaces a copied address brings along (UTF-8 next line, no-break,
// en to hair, zero-width (space, non-joiner, joiner, word joiner), narrow
// no-break, ideographic spaces, line and paragraph separators, the byte
// order mark).
absl::string_view StripSpaces(absl::string_view text);

inline bool Blank(absl::string_view text) { return StripSpaces(text).empty(); }

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_SPACES_H_
