// The evaluation of a validated request.
#ifndef PURRING_SRC_EVALUATOR_H_
#define PURRING_SRC_EVALUATOR_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "invoice_source.h"
#include "malloc_buffer.h"
#include "piece_writer.h"
#include "process/request_index.h"
#include "purring/engine.h"
#include "purring/v1/evaluate.pb.h"

namespace purring::internal {

// REQUIRES: ValidateRequest(request).ok(); index was built from request;
// response is empty.
absl::Status EvaluateValidated(const v1::EvaluateRequest& request,
                               const RequestIndex& index,
                               v1::EvaluateResponse* response);

// The same response serialized into *out (protobuf binary), each invoice's
// result serialized as soon as it is computed instead of kept as a message.
// REQUIRES: as for EvaluateValidated; out is empty.
absl::Status EvaluateValidatedToBytes(const v1::EvaluateRequest& request,
                                      const RequestIndex& index,
                                      MallocBuffer* out);

// The same for invoices from `source` (the request's invoices field is not
// read): EvaluateBytes's way, with a SplitInvoiceSource. request_done is
// called once nothing reads the request or the source any more, before the
// rest of the response is serialized, so that the caller may free them
// before the evaluation's peak.
// REQUIRES: request passed validation, but for what source checks itself.
absl::Status EvaluateSourceToBytes(
    const v1::EvaluateRequest& request, InvoiceSource& source,
    MallocBuffer* out, absl::FunctionRef<void()> request_done = [] {});

// The same response handed to *writer in pieces (EvaluateBytesTo's way):
// with one shard, each piece as soon as it is full.
absl::Status EvaluateSourceToWriter(
    const v1::EvaluateRequest& request, InvoiceSource& source,
    PieceWriter* writer, absl::FunctionRef<void()> request_done = [] {});

// The bytes as the public API hands them out (purring/engine.h).
SerializedResponse HandOver(MallocBuffer* bytes);

}  // namespace purring::internal

#endif  // PURRING_SRC_EVALUATOR_H_
