// Stable names and ids that cross the schema: step names in action and
// letter ids, and URL escaping for the objection link.
#ifndef PURRING_SRC_PROCESS_NAMING_H_
#define PURRING_SRC_PROCESS_NAMING_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// "reminder", "dunning", "collection_warning"; "collection" for
// STEP_KIND_UNSPECIFIED (the transfer to collection).
absl::string_view StepName(v1::StepKind step);

// The same in words, for messages: "collection warning".
absl::string_view StepWords(v1::StepKind step);

// The NextStep of a step; STEP_KIND_UNSPECIFIED maps to
// NEXT_STEP_TRANSFER_TO_COLLECTION.
v1::NextStep ToNextStep(v1::StepKind step);

// "<first>/<step name>/<YYYY-MM-DD>": action ids ("<invoice>/...") and letter
// ids ("<customer>/...").
std::string StepDateId(absl::string_view first, v1::StepKind step,
                       absl::CivilDay date);

// Percent-encodes everything except the RFC 3986 unreserved characters.
std::string UrlEscape(absl::string_view text);

// A link longer than this is refused: no browser or mail client takes it,
// and a template repeating placeholders over long ids would otherwise make
// megabytes of every letter line.
inline constexpr size_t kMaxObjectionLinkBytes = 8192;

// The objection-portal link: `link_template` with "{invoice}", "{customer}"
// and "{letter}" replaced by the URL-escaped values. Empty template: "".
// Stops once past kMaxObjectionLinkBytes (the caller refuses such a link).
std::string ObjectionLink(absl::string_view link_template,
                          absl::string_view invoice, absl::string_view customer,
                          absl::string_view letter);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_NAMING_H_
