// EvaluateBytes and EvaluateBytesTo: the C ABI's ways in, from the request's
// bytes. A request laid out as protobuf writes it is evaluated without ever
// being a message tree (SplitRequest, SplitInvoiceSource); anything else,
// and every refusal, is left to the tree's reading (ParseRequest,
// EvaluateSerialized), which says why in its documented order.
#include <algorithm>
#include <utility>

#include "arena_options.h"
#include "customer_reader.h"
#include "evaluate_streamed.h"
#include "evaluator.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/stubs/logging.h"
#include "known_fields.h"
#include "malloc_buffer.h"
#include "piece_writer.h"
#include "purring/engine.h"
#include "purring/parse.h"
#include "request_split.h"
#include "split_invoice_source.h"
#include "validate_split.h"
#include "wire_counts.h"

namespace purring {
namespace internal {
namespace {

// Splits and checks the request, then runs evaluate(rest, source, done) on
// it: rest is the request less its customers, invoices and notices, which
// source reads from the bytes; done() frees rest. Non-OK when the request
// is irregular or refused.
template <typename Evaluate>
absl::Status WithSplitSource(absl::string_view bytes, RecordScan scan,
                             Evaluate evaluate) {
  // Protobuf logs every string that is not UTF-8 to stderr while the
  // records are parsed; a library must not write to its host's stderr, and
  // the refusal says it all. (Protobuf's way for library code: it may also
  // quiet another thread's protobuf logs meanwhile.)
  const google::protobuf::LogSilencer quiet;
  // Before anything is parsed: a request over the limits must not allocate
  // its records first (ParseRequest checks the same).
  if (absl::Status s = CheckWireCounts(bytes); !s.ok()) return s;
  google::protobuf::Arena arena(LargeArenaOptions());
  auto* rest =
      google::protobuf::Arena::CreateMessage<v1::EvaluateRequest>(&arena);
  RequestSplit split;
  if (!SplitRequest(bytes, rest, &split, scan)) {
    return absl::InvalidArgumentError("not laid out as protobuf writes it");
  }
  // As ParseRequest does; the invoices and notices are checked when loaded.
  if (absl::Status s = CheckRequestUnknownFields(*rest); !s.ok()) return s;
  CustomerReader customers(bytes, std::move(split.customers));
  SplitIndex index;
  CustomerTable table;
  if (absl::Status s = ValidateSplit(*rest, split, customers, &index, &table);
      !s.ok()) {
    return s;
  }
  SplitInvoiceSource source(std::move(split), std::move(customers),
                            std::move(index), std::move(table));
  return evaluate(*rest, source, [&] { arena.Reset(); });
}

}  // namespace

absl::StatusOr<SerializedResponse> EvaluateStreamed(absl::string_view bytes) {
  MallocBuffer out;
  if (absl::Status s = WithSplitSource(
          bytes, RecordScan::kLeadingFields,
          [&](const v1::EvaluateRequest& rest, SplitInvoiceSource& source,
              absl::FunctionRef<void()> done) {
            return EvaluateSourceToBytes(rest, source, &out, done);
          });
      !s.ok()) {
    return s;
  }
  return HandOver(&out);
}

absl::Status EvaluateStreamedTo(absl::string_view bytes, PieceWriter* writer) {
  // Nothing written can be taken back: every irregular layout must be
  // found while splitting.
  return WithSplitSource(
      bytes, RecordScan::kAllTags,
      [&](const v1::EvaluateRequest& rest, SplitInvoiceSource& source,
          absl::FunctionRef<void()> done) {
        return EvaluateSourceToWriter(rest, source, writer, done);
      });
}

}  // namespace internal

namespace {

// The tree's reading: what EvaluateBytes promises to give, byte for byte
// and error for error.
absl::StatusOr<SerializedResponse> EvaluateTree(absl::string_view bytes) {
  google::protobuf::Arena arena(internal::LargeArenaOptions());
  auto* parsed =
      google::protobuf::Arena::CreateMessage<v1::EvaluateRequest>(&arena);
  if (absl::Status s = ParseRequest(bytes, parsed); !s.ok()) return s;
  return EvaluateSerialized(*parsed);
}

}  // namespace

absl::StatusOr<SerializedResponse> EvaluateBytes(absl::string_view request) {
  absl::StatusOr<SerializedResponse> response =
      internal::EvaluateStreamed(request);
  if (response.ok()) return response;
  return EvaluateTree(request);
}

absl::Status EvaluateBytesTo(absl::string_view request, ResponseWriter write) {
  internal::PieceWriter writer(write);
  absl::Status status = internal::EvaluateStreamedTo(request, &writer);
  if (status.ok() || writer.stopped()) return status;
  // Out of memory part-way: reading the request again would not help, and
  // what was written is not a response.
  if (writer.written() > 0 && absl::IsResourceExhausted(status)) return status;
  absl::StatusOr<SerializedResponse> tree = EvaluateTree(request);
  if (!tree.ok()) return tree.status();
  if (writer.written() > 0) {
    // The streamed reading declines a request the tree accepts only before
    // writing anything (an irregular layout, a number written twice
    // included, is found while splitting; tests/evaluate_bytes_to_test.cc
    // and evaluate_bytes_mutations_test.cc check it);
    // should that ever fail, the host is told rather than handed a mixed
    // response.
    return absl::InternalError(
        "the streamed reading stopped after writing part of a response the "
        "tree's reading accepts; discard what was written (EvaluateBytes, "
        "purring_evaluate in C, returns the response whole)");
  }
  for (size_t at = 0; at < tree->size; at += internal::kPieceBytes) {
    const size_t n = std::min(internal::kPieceBytes, tree->size - at);
    if (!writer.Write(absl::string_view(tree->data.get() + at, n))) {
      return internal::WriterStopped();
    }
  }
  return absl::OkStatus();
}

}  // namespace purring
