#include "result_store.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "arena_options.h"
#include "google/protobuf/io/coded_stream.h"
#include "wire_fields.h"

namespace purring::internal {
namespace {

// evaluate.proto's EvaluateResponse, fields all length-delimited.
constexpr int kResultsField = v1::EvaluateResponse::kResultsFieldNumber;
constexpr int kActionsField = v1::EvaluateResponse::kActionsFieldNumber;
constexpr int kLettersField = v1::EvaluateResponse::kLettersFieldNumber;
constexpr int kPostingsField = v1::EvaluateResponse::kPostingsFieldNumber;
constexpr int kHandOffsField =
    v1::EvaluateResponse::kCollectionHandOffsFieldNumber;

// Appends `letter` (which has no lines) with `lines` (serialized LetterLine
// messages) as its lines, as field `field` of its parent: the bytes protobuf
// writes for the letter with those lines (record_wire.h). False when the
// writer wrote other than the size it measured.
bool AppendLetterWithLines(int field, const v1::ProposedLetter& letter,
                           absl::Span<const absl::string_view> lines,
                           MallocBuffer* out) {
  const size_t size = LetterByteSize(letter, lines);
  uint8_t* at = WriteFieldHead(field, static_cast<uint32_t>(size),
                               reinterpret_cast<uint8_t*>(
                                   out->Reserve(FieldBytes(size))));
  const uint8_t* end = WriteLetterFields(letter, lines, at);
  out->Commit(FieldBytes(size));
  return end == at + size;
}

// Appends `result` with `copies` in their places, as field kResultsField of
// its parent: the bytes protobuf writes for the result holding the copies
// (record_wire.h, which skips protobuf's second UTF-8 check). Copying the
// notices into the result cost ~370 instructions per invoice (callgrind,
// 10 000 invoices). Returns the bytes appended; *miswritten is set when the
// writer wrote other than the size it measured.
size_t AppendResultWithCopies(const v1::InvoiceResult& result,
                              const ResultCopies& copies, MallocBuffer* out,
                              bool* miswritten) {
  const size_t size = ResultByteSize(result, copies);
  uint8_t* at = WriteFieldHead(kResultsField, static_cast<uint32_t>(size),
                               reinterpret_cast<uint8_t*>(
                                   out->Reserve(FieldBytes(size))));
  if (WriteResultFields(result, copies, at) != at + size) *miswritten = true;
  out->Commit(FieldBytes(size));
  return FieldBytes(size);
}

}  // namespace

TreeResultStore::TreeResultStore(int invoice_count,
                                 v1::EvaluateResponse* response)
    : response_(response) {
  response->mutable_results()->Reserve(invoice_count);
  for (int i = 0; i < invoice_count; ++i) response->add_results();
}

v1::InvoiceResult* TreeResultStore::Open(int /*shard*/, int /*slot*/,
                                         int invoice) {
  return response_->mutable_results(invoice);
}

void TreeResultStore::TakeLetter(v1::EvaluateResponse* tail,
                                 absl::Span<const absl::string_view> lines) {
  v1::ProposedLetter* letter =
      tail->mutable_letters(tail->letters_size() - 1);
  for (absl::string_view line : lines) {
    // The shards serialized them: parsing them back cannot fail.
    letter->add_lines()->ParseFromArray(line.data(),
                                        static_cast<int>(line.size()));
  }
}

void TreeResultStore::TakeFields(v1::EvaluateResponse* tail, int /*field*/,
                                 MallocBuffer* fields) {
  // Serialized by the shards: merging them cannot fail.
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(fields->data()),
      static_cast<int>(fields->size()));
  tail->MergePartialFromCodedStream(&in);
}

StreamedResultStore::StreamedResultStore(int invoice_count, int shard_count,
                                         absl::string_view head,
                                         size_t expected_bytes,
                                         PieceWriter* writer)
    : head_size_(head.size()), writer_(writer) {
  // One shard writing to the host holds a piece at a time: a piece and the
  // result that completes it.
  const size_t reserve = writer != nullptr && shard_count == 1
                             ? 2 * writer->piece_bytes()
                             : expected_bytes / shard_count;
  shards_.reserve(shard_count);
  for (int s = 0; s < shard_count; ++s) {
    shards_.push_back(std::make_unique<Shard>());
    // A hint only: when memory does not allow it, the buffer grows as it
    // fills. Pages reserved but never written are never resident.
    shards_.back()->bytes.TryReserve(reserve);
  }
  shards_[0]->bytes.Append(head.data(), head.size());
  if (shard_count > 1) pieces_.resize(invoice_count);
}

v1::InvoiceResult* StreamedResultStore::Open(int shard, int slot,
                                             int /*invoice*/) {
  v1::InvoiceResult* scratch = &shards_[shard]->scratch[slot];
  // Clear() deletes sub-messages; every result has a balance and an
  // interest (EvaluateInvoice always sets both, so an empty one here is no
  // change in the bytes), so those two are cleared in place and kept,
  // interest periods and all, instead of freed and allocated again.
  v1::Balance* balance = scratch->release_balance();
  v1::Interest* interest = scratch->release_interest();
  scratch->Clear();
  if (balance != nullptr) {
    balance->Clear();
    scratch->set_allocated_balance(balance);
  }
  if (interest != nullptr) {
    interest->Clear();
    scratch->set_allocated_interest(interest);
  }
  return scratch;
}

void StreamedResultStore::Close(int shard, int slot, int invoice,
                                const ResultCopies& copies) {
  Shard& s = *shards_[shard];
  const size_t offset = s.bytes.size();
  const size_t written =
      AppendResultWithCopies(s.scratch[slot], copies, &s.bytes, &s.miswritten);
  if (!pieces_.empty()) {
    pieces_[invoice] = {offset, static_cast<uint32_t>(written),
                        static_cast<uint32_t>(shard)};
  }
  // One shard's results are in request order: they go as soon as a piece
  // is full. (Several shards' go in FinishWriting, in request order.)
  if (writer_ != nullptr && pieces_.empty() &&
      s.bytes.size() >= writer_->piece_bytes()) {
    writer_->Write(absl::string_view(s.bytes.data(), s.bytes.size()));
    s.bytes.Clear();
  }
}

void StreamedResultStore::TakeLetter(
    v1::EvaluateResponse* tail, absl::Span<const absl::string_view> lines) {
  if (!AppendLetterWithLines(kLettersField, *tail->letters().rbegin(), lines,
                             &letters_)) {
    miswritten_letters_ = true;
  }
  tail->mutable_letters()->Clear();
}

void StreamedResultStore::TakeFields(v1::EvaluateResponse* /*tail*/,
                                     int field, MallocBuffer* fields) {
  MallocBuffer& slot = field == kActionsField    ? actions_
                       : field == kPostingsField ? postings_
                                                 : hand_offs_;
  slot.swap(*fields);
}

void StreamedResultStore::TakeRest(const v1::EvaluateResponse& tail) {
  const size_t size = tail.ByteSizeLong();
  tail.SerializeWithCachedSizesToArray(
      reinterpret_cast<uint8_t*>(rest_.ReserveExact(size)));
  rest_.Commit(size);
}

absl::Status StreamedResultStore::CheckTotalSize() const {
  bool miswritten = miswritten_letters_;
  for (const auto& shard : shards_) miswritten |= shard->miswritten;
  if (miswritten) {
    return absl::InternalError(
        "internal error: a result or letter was written in other than the "
        "bytes measured for it; no response is returned");
  }
  size_t total = (writer_ != nullptr ? writer_->written() : 0) +
                 rest_.size() + actions_.size() + letters_.size() +
                 postings_.size() + hand_offs_.size();
  for (const auto& shard : shards_) total += shard->bytes.size();
  if (total > static_cast<size_t>(INT_MAX)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the response would be ", total,
        " bytes; the limit is 2 GiB: evaluate the ledger in parts (by "
        "customer)"));
  }
  return absl::OkStatus();
}

template <typename Append>
void StreamedResultStore::AppendRest(Append append) {
  const absl::string_view rest(rest_.data(), rest_.size());
  size_t done = 0;  // of rest
  for (const auto& [field, taken] :
       {std::pair<int, MallocBuffer*>{kActionsField, &actions_},
        {kLettersField, &letters_},
        {kPostingsField, &postings_},
        {kHandOffsField, &hand_offs_}}) {
    const size_t at = FieldsFrom(rest, done, field);
    append(rest.data() + done, at - done);
    append(taken->data(), taken->size());
    MallocBuffer().swap(*taken);
    done = at;
  }
  append(rest.data() + done, rest.size() - done);
  MallocBuffer().swap(rest_);
}

absl::Status StreamedResultStore::Finish(MallocBuffer* out) {
  if (absl::Status s = CheckTotalSize(); !s.ok()) return s;
  const size_t rest_size = rest_.size() + actions_.size() + letters_.size() +
                           postings_.size() + hand_offs_.size();
  MallocBuffer whole;
  if (pieces_.empty()) {
    // One shard: its buffer already holds the head and the results in
    // request order; the rest is appended in place.
    whole.swap(shards_[0]->bytes);
  } else {
    size_t results = 0;
    for (const Piece& piece : pieces_) results += piece.length;
    char* at = whole.ReserveExact(head_size_ + results + rest_size + 1);
    std::memcpy(at, shards_[0]->bytes.data(), head_size_);
    at += head_size_;
    for (const Piece& piece : pieces_) {
      std::memcpy(at, shards_[piece.shard]->bytes.data() + piece.offset,
                  piece.length);
      at += piece.length;
    }
    whole.Commit(at - whole.data());
  }
  shards_.clear();
  whole.ReserveExact(rest_size + 1);
  AppendRest([&](const char* bytes, size_t n) { whole.Append(bytes, n); });
  whole.data()[whole.size()] = '\0';  // reserved above, not counted
  // The shards' buffers started at a guess of the response's size
  // (expected_bytes); the host gets the response's size.
  whole.ShrinkToFit(1);
  out->swap(whole);
  return absl::OkStatus();
}

absl::Status StreamedResultStore::FinishWriting() {
  if (absl::Status s = CheckTotalSize(); !s.ok()) return s;
  // The letters alone are tens of megabytes on a large ledger: they go in
  // pieces too.
  auto write = [&](const char* bytes, size_t n) {
    const size_t most = writer_->piece_bytes();
    for (size_t at = 0; at < n; at += most) {
      writer_->Write(
          absl::string_view(bytes + at, std::min(most, n - at)));
    }
  };
  if (pieces_.empty()) {
    write(shards_[0]->bytes.data(), shards_[0]->bytes.size());
  } else {
    // Several shards: the results in request order, gathered into pieces.
    MallocBuffer piece;
    auto gather = [&](const char* bytes, size_t n) {
      piece.Append(bytes, n);
      if (piece.size() < writer_->piece_bytes()) return;
      writer_->Write(absl::string_view(piece.data(), piece.size()));
      piece.Clear();
    };
    gather(shards_[0]->bytes.data(), head_size_);
    for (const Piece& p : pieces_) {
      gather(shards_[p.shard]->bytes.data() + p.offset, p.length);
    }
    writer_->Write(absl::string_view(piece.data(), piece.size()));
  }
  shards_.clear();
  AppendRest(write);
  return writer_->stopped() ? WriterStopped() : absl::OkStatus();
}

}  // namespace purring::internal
