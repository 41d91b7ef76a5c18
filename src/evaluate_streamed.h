// The streamed reading of a serialized request (EvaluateBytes's fast way):
// exposed so that tests can tell it was taken, not merely that the result
// is right.
#ifndef PURRING_SRC_EVALUATE_STREAMED_H_
#define PURRING_SRC_EVALUATE_STREAMED_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "piece_writer.h"
#include "purring/engine.h"

namespace purring::internal {

// The response, or non-OK when the request is irregular (not laid out as
// protobuf writes a valid request) or refused; the status then says only
// that, and the tree's reading (ParseRequest, EvaluateSerialized) must say
// what the request deserves.
absl::StatusOr<SerializedResponse> EvaluateStreamed(absl::string_view bytes);

// The same, the response handed to *writer in pieces; non-OK likewise, or
// CANCELLED when the writer stopped.
absl::Status EvaluateStreamedTo(absl::string_view bytes, PieceWriter* writer);

}  // namespace purring::internal

#endif  // PURRING_SRC_EVALUATE_STREAMED_H_
