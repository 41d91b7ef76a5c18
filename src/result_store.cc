#include "result_store.h"

#include <climits>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "arena_options.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace purring::internal {
namespace {

using google::protobuf::io::CodedOutputStream;

using google::protobuf::io::CodedInputStream;
using google::protobuf::internal::WireFormatLite;

// evaluate.proto: EvaluateResponse.results = 5, letters = 8, postings = 9,
// collection_hand_offs = 12, all length-delimited.
constexpr int kResultsField = 5;
constexpr int kLettersField = 8;
constexpr int kPostingsField = 9;
constexpr int kHandOffsField = 12;
constexpr size_t kMaxVarint32 = 5;

// Appends `message` as field `field` of its parent: tag, length, bytes.
// Returns the bytes written. Every record purring writes is far below 2 GiB
// (purring/limits.h bounds every input record).
size_t AppendField(int field, const google::protobuf::MessageLite& message,
                   MallocBuffer* out) {
  const uint32_t size = static_cast<uint32_t>(message.ByteSizeLong());
  char* start = out->Reserve(1 + kMaxVarint32 + size);
  auto* at = reinterpret_cast<uint8_t*>(start);
  *at++ = static_cast<uint8_t>(WireFormatLite::MakeTag(
      field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
  at = CodedOutputStream::WriteVarint32ToArray(size, at);
  at = message.SerializeWithCachedSizesToArray(at);
  const size_t written = reinterpret_cast<char*>(at) - start;
  out->Commit(written);
  return written;
}

// Where, from `from` on (a field boundary), the fields numbered `field` or
// more begin in a serialized message whose fields are in number order (as
// protobuf writes them).
size_t FieldsFrom(absl::string_view bytes, size_t from, int field) {
  CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()) + from,
                      static_cast<int>(bytes.size() - from));
  while (true) {
    const size_t at = from + in.CurrentPosition();
    const uint32_t tag = in.ReadTag();
    if (tag == 0 || WireFormatLite::GetTagFieldNumber(tag) >= field ||
        !WireFormatLite::SkipField(&in, tag)) {
      return at;
    }
  }
}

// What hand-offs read of a result (the balance, interest, customer type
// and adjusted due date), not the history and the rest: whole copies were
// most of the memory and time the keeping cost. Letters keep nothing of
// the results: their lines are built in the shards (AddLetterLine).
// tests/evaluate_serialized_test.cc compares letters and hand-offs with the
// tree path's, which keeps whole results.
const v1::InvoiceResult* CopyKeptFields(const v1::InvoiceResult& result,
                                        google::protobuf::Arena* arena) {
  auto* copy = google::protobuf::Arena::CreateMessage<v1::InvoiceResult>(arena);
  *copy->mutable_balance() = result.balance();
  *copy->mutable_interest() = result.interest();
  copy->set_customer_type(result.customer_type());
  copy->set_adjusted_due_date(result.adjusted_due_date());
  return copy;
}

// evaluate.proto: ProposedLetter.lines = 14, the fields after it from 15.
constexpr int kLetterLinesField = 14;

// Appends `letter` (which has no lines) with `lines` (serialized LetterLine
// messages) as its lines, as field `field` of its parent: the bytes protobuf
// writes for the letter with those lines, fields in number order.
void AppendLetterWithLines(int field, const v1::ProposedLetter& letter,
                           absl::Span<const absl::string_view> lines,
                           MallocBuffer* out) {
  const size_t letter_size = letter.ByteSizeLong();
  size_t lines_size = 0;
  for (absl::string_view line : lines) {
    lines_size += 1 + CodedOutputStream::VarintSize32(
                          static_cast<uint32_t>(line.size())) +
                  line.size();
  }
  const uint32_t size = static_cast<uint32_t>(letter_size + lines_size);
  char* start = out->Reserve(1 + kMaxVarint32 + size);
  auto* at = reinterpret_cast<uint8_t*>(start);
  *at++ = static_cast<uint8_t>(WireFormatLite::MakeTag(
      field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
  at = CodedOutputStream::WriteVarint32ToArray(size, at);
  // The letter, then its fields from 15 on moved up to make room for the
  // lines where field 14 goes.
  uint8_t* const letter_start = at;
  letter.SerializeWithCachedSizesToArray(letter_start);
  const size_t cut = FieldsFrom(
      absl::string_view(reinterpret_cast<char*>(letter_start), letter_size), 0,
      kLetterLinesField + 1);
  std::memmove(letter_start + cut + lines_size, letter_start + cut,
               letter_size - cut);
  at = letter_start + cut;
  for (absl::string_view line : lines) {
    *at++ = static_cast<uint8_t>(WireFormatLite::MakeTag(
        kLetterLinesField, WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
    at = CodedOutputStream::WriteVarint32ToArray(
        static_cast<uint32_t>(line.size()), at);
    std::memcpy(at, line.data(), line.size());
    at += line.size();
  }
  out->Commit(static_cast<size_t>(letter_start - reinterpret_cast<uint8_t*>(start)) +
              size);
}

}  // namespace

StreamedResultStore::Shard::Shard() : kept_arena(LargeArenaOptions()) {}

TreeResultStore::TreeResultStore(int invoice_count,
                                 v1::EvaluateResponse* response)
    : response_(response) {
  response->mutable_results()->Reserve(invoice_count);
  for (int i = 0; i < invoice_count; ++i) response->add_results();
}

v1::InvoiceResult* TreeResultStore::Open(int /*shard*/, int invoice) {
  return response_->mutable_results(invoice);
}

const v1::InvoiceResult& TreeResultStore::Kept(int invoice) const {
  return response_->results(invoice);
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

StreamedResultStore::StreamedResultStore(int invoice_count, int shard_count,
                                         absl::string_view head,
                                         size_t expected_bytes,
                                         PieceWriter* writer)
    : head_size_(head.size()), writer_(writer), kept_(invoice_count, nullptr) {
  // One shard writing to the host holds a piece at a time: a piece and the
  // result that completes it.
  const size_t reserve = writer != nullptr && shard_count == 1
                             ? 2 * kPieceBytes
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

v1::InvoiceResult* StreamedResultStore::Open(int shard, int /*invoice*/) {
  v1::InvoiceResult* scratch = &shards_[shard]->scratch;
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

void StreamedResultStore::Close(int shard, int invoice, bool keep) {
  Shard& s = *shards_[shard];
  const size_t offset = s.bytes.size();
  const size_t written = AppendField(kResultsField, s.scratch, &s.bytes);
  if (!pieces_.empty()) {
    pieces_[invoice] = {offset, static_cast<uint32_t>(written),
                        static_cast<uint32_t>(shard)};
  }
  if (keep) kept_[invoice] = CopyKeptFields(s.scratch, &s.kept_arena);
  // One shard's results are in request order: they go as soon as a piece
  // is full. (Several shards' go in FinishWriting, in request order.)
  if (writer_ != nullptr && pieces_.empty() && s.bytes.size() >= kPieceBytes) {
    writer_->Write(absl::string_view(s.bytes.data(), s.bytes.size()));
    s.bytes.Clear();
  }
}

void StreamedResultStore::TakeLetter(
    v1::EvaluateResponse* tail, absl::Span<const absl::string_view> lines) {
  AppendLetterWithLines(kLettersField, *tail->letters().rbegin(), lines,
                        &letters_);
  tail->mutable_letters()->Clear();
}

void StreamedResultStore::TakeTailRecords(v1::EvaluateResponse* tail) {
  for (const v1::LedgerPosting& posting : tail->postings()) {
    AppendField(kPostingsField, posting, &postings_);
  }
  tail->mutable_postings()->Clear();
  for (const v1::CollectionCaseFile& file : tail->collection_hand_offs()) {
    AppendField(kHandOffsField, file, &hand_offs_);
  }
  tail->mutable_collection_hand_offs()->Clear();
}

const v1::InvoiceResult& StreamedResultStore::Kept(int invoice) const {
  return *kept_[invoice];
}

void StreamedResultStore::TakeRest(const v1::EvaluateResponse& tail) {
  const size_t size = tail.ByteSizeLong();
  tail.SerializeWithCachedSizesToArray(
      reinterpret_cast<uint8_t*>(rest_.ReserveExact(size)));
  rest_.Commit(size);
  kept_ = {};
  for (const auto& shard : shards_) shard->kept_arena.Reset();
}

absl::Status StreamedResultStore::CheckTotalSize() const {
  size_t total = (writer_ != nullptr ? writer_->written() : 0) + rest_.size() + letters_.size() + postings_.size() +
                 hand_offs_.size();
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
       {std::pair<int, MallocBuffer*>{kLettersField, &letters_},
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
  const size_t rest_size =
      rest_.size() + letters_.size() + postings_.size() + hand_offs_.size();
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
  if (pieces_.empty()) {
    Shard& shard = *shards_[0];
    writer_->Write(absl::string_view(shard.bytes.data(), shard.bytes.size()));
  } else {
    // Several shards: the results in request order, gathered into pieces.
    MallocBuffer piece;
    auto gather = [&](const char* bytes, size_t n) {
      piece.Append(bytes, n);
      if (piece.size() < kPieceBytes) return;
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
  AppendRest([&](const char* bytes, size_t n) {
    writer_->Write(absl::string_view(bytes, n));
  });
  return writer_->stopped() ? WriterStopped() : absl::OkStatus();
}

}  // namespace purring::internal
