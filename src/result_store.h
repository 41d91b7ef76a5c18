// Where the shards put each invoice's InvoiceResult: into the response tree
// (the C++ API), or serialized at once into malloc'd bytes (the C ABI), so
// that a million results never exist as a million message objects.
#ifndef PURRING_SRC_RESULT_STORE_H_
#define PURRING_SRC_RESULT_STORE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "google/protobuf/arena.h"
#include "malloc_buffer.h"
#include "piece_writer.h"
#include "record_wire.h"
#include "purring/v1/evaluate.pb.h"
#include "shard_batch.h"

namespace purring::internal {

// Thread safety: shard s calls Open/Close for its own invoices only, from
// one thread; different shards run concurrently. A shard may hold up to
// kShardBatch results open at once, one per slot, and closes them in
// request order. TakeLetter and TakeFields are for after the shards have
// finished.
class ResultStore {
 public:
  virtual ~ResultStore() = default;

  // The message to fill with invoice's result: empty, but for an empty
  // balance and interest in the streamed store (every result has both).
  // 0 <= slot < kShardBatch.
  virtual v1::InvoiceResult* Open(int shard, int slot, int invoice) = 0;
  // The result Open returned for the slot is complete. copies: what the
  // result copies from the request (its history empty when the request
  // omits it) and its dates, for a store that writes them itself
  // (WritesCopies).
  virtual void Close(int shard, int slot, int invoice,
                     const ResultCopies& copies) = 0;
  // True when Close writes each result's copies of the request and its
  // dates from what it is given, so that the evaluation need not set them
  // in the result.
  virtual bool WritesCopies() const { return false; }
  // Called on one thread after each letter was added to *tail without its
  // lines (BuildLetters), with the lines' bytes in order: adds them. The
  // streamed store serializes the letter with them at once and clears the
  // field, so that a ledger's letters never exist as messages all at once.
  virtual void TakeLetter(v1::EvaluateResponse* tail,
                          absl::Span<const absl::string_view> lines) = 0;
  // Called on one thread, once each for the actions, the postings and the
  // collection hand-offs (`field`, EvaluateResponse's number for it), with
  // every record of that field serialized as fields of EvaluateResponse, in
  // request order (built by the shards, ActionRecords): merges them into
  // tail, or keeps the bytes (the streamed store). *fields may be taken.
  virtual void TakeFields(v1::EvaluateResponse* tail, int field,
                          MallocBuffer* fields) = 0;
  // True once the host's writer has stopped the evaluation: the shards
  // stop too.
  virtual bool Stopped() const { return false; }
};

// The results as response->results, in request order (EvaluateInto).
class TreeResultStore : public ResultStore {
 public:
  // Adds one empty result per invoice to response, up front, so that shards
  // write disjoint elements.
  TreeResultStore(int invoice_count, v1::EvaluateResponse* response);

  v1::InvoiceResult* Open(int shard, int slot, int invoice) override;
  void Close(int /*shard*/, int /*slot*/, int /*invoice*/,
             const ResultCopies& /*copies*/) override {}
  // Parse the lines into the letter, the fields into the response.
  void TakeLetter(v1::EvaluateResponse* tail,
                  absl::Span<const absl::string_view> lines) override;
  void TakeFields(v1::EvaluateResponse* tail, int field,
                  MallocBuffer* fields) override;

 private:
  v1::EvaluateResponse* response_;
};

// The results serialized as field 5 of an EvaluateResponse (tag, length,
// bytes), each as soon as it is complete, into one buffer per shard. A
// shard's scratch messages (one per slot) are cleared and refilled for
// every invoice.
class StreamedResultStore : public ResultStore {
 public:
  // head: the serialized response fields that precede the results (1 to 4),
  // written first into shard 0's buffer. expected_bytes: the response's
  // likely size, 0 if unknown; the shards' buffers start that large
  // together, so that they do not grow while they fill. writer: where the
  // response goes in pieces (FinishWriting), or nullptr for one buffer
  // (Finish); with one shard, the results go to it as they are made.
  StreamedResultStore(int invoice_count, int shard_count,
                      absl::string_view head, size_t expected_bytes = 0,
                      PieceWriter* writer = nullptr);

  v1::InvoiceResult* Open(int shard, int slot, int invoice) override;
  // Writes the result with `copies` and its dates in their places
  // (record_wire.h), without copying them into it.
  void Close(int shard, int slot, int invoice,
             const ResultCopies& copies) override;
  bool WritesCopies() const override { return true; }
  void TakeLetter(v1::EvaluateResponse* tail,
                  absl::Span<const absl::string_view> lines) override;
  void TakeFields(v1::EvaluateResponse* tail, int field,
                  MallocBuffer* fields) override;
  bool Stopped() const override {
    return writer_ != nullptr && writer_->stopped();
  }

  // Serializes the rest of the response: tail holds only the fields after
  // the results (6 to 15), less what TakeLetter and TakeFields took. The
  // caller may free tail afterwards.
  void TakeRest(const v1::EvaluateResponse& tail);
  // The whole response: head, the results in request order, then the rest
  // with the records taken (TakeLetter, ...) back in their places (protobuf
  // writes fields in number order, so these are the bytes the whole
  // response tree would serialize to), and a trailing NUL not counted in
  // the size. Consumes the store. Fails with RESOURCE_EXHAUSTED at 2 GiB or
  // more (protobuf cannot parse a message that large).
  // REQUIRES: no writer.
  absl::Status Finish(MallocBuffer* out);
  // The same bytes, less what already went, handed to the writer (without
  // the NUL). Fails with CANCELLED when the writer stopped.
  // REQUIRES: a writer.
  absl::Status FinishWriting();

 private:
  struct Shard {
    std::array<v1::InvoiceResult, kShardBatch> scratch;  // by slot
    MallocBuffer bytes{"a shard's invoice results"};
    bool miswritten = false;  // see miswritten_letters_
  };
  // Where invoice i's bytes are, when the shards are more than one.
  struct Piece {
    uint64_t offset = 0;
    uint32_t length = 0;
    uint32_t shard = 0;
  };

  // The response's size once finished, or an error at 2 GiB or more; or
  // INTERNAL when a record was miswritten.
  absl::Status CheckTotalSize() const;
  // Appends the rest, with the records taken back in their places, through
  // append(data, size); frees them as it goes.
  template <typename Append>
  void AppendRest(Append append);

  size_t head_size_;
  PieceWriter* writer_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::vector<Piece> pieces_;  // empty for one shard: bytes are in order
  // The records taken, serialized as fields of EvaluateResponse:
  // actions, letters, postings, collection_hand_offs; then the rest
  // (TakeRest).
  MallocBuffer actions_{"the response's actions"};
  MallocBuffer letters_{"the response's letters"};
  // A record written in other than the bytes measured for it (a defect in
  // record_wire.h): the response is refused rather than sent with bytes
  // left unwritten.
  bool miswritten_letters_ = false;
  MallocBuffer postings_{"the response's postings"};
  MallocBuffer hand_offs_{"the response's collection hand-offs"};
  MallocBuffer rest_{"the rest of the response"};
};

}  // namespace purring::internal

#endif  // PURRING_SRC_RESULT_STORE_H_
