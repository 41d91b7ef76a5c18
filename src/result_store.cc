#include "result_store.h"

#include <climits>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"

namespace purring::internal {
namespace {

using google::protobuf::io::CodedOutputStream;

// EvaluateResponse.results is field 5, length-delimited: tag (5 << 3) | 2.
constexpr char kResultsTag = (5 << 3) | 2;
constexpr size_t kMaxVarint32 = 5;

// Protobuf's default arena blocks stop growing at 8 KiB; the kept results
// of a large ledger fill tens of megabytes.
google::protobuf::ArenaOptions KeptArenaOptions() {
  google::protobuf::ArenaOptions options;
  options.start_block_size = 16 * 1024;
  options.max_block_size = 1024 * 1024;
  return options;
}

// What post-processing reads of a result (letters: the balance; hand-offs:
// the balance, interest, customer type and adjusted due date), not the
// history and the rest: a fifth of a large ledger's results are kept, and
// whole copies were most of the memory and time the keeping cost.
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

}  // namespace

StreamedResultStore::Shard::Shard() : kept_arena(KeptArenaOptions()) {}

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

StreamedResultStore::StreamedResultStore(int invoice_count, int shard_count,
                                         absl::string_view head)
    : head_size_(head.size()), kept_(invoice_count, nullptr) {
  shards_.reserve(shard_count);
  for (int s = 0; s < shard_count; ++s) {
    shards_.push_back(std::make_unique<Shard>());
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
  // One result is far below 2 GiB (purring/limits.h bounds every record).
  const uint32_t size = static_cast<uint32_t>(s.scratch.ByteSizeLong());
  char* start = s.bytes.Reserve(1 + kMaxVarint32 + size);
  auto* out = reinterpret_cast<uint8_t*>(start);
  *out++ = kResultsTag;
  out = CodedOutputStream::WriteVarint32ToArray(size, out);
  out = s.scratch.SerializeWithCachedSizesToArray(out);
  const size_t written = reinterpret_cast<char*>(out) - start;
  if (!pieces_.empty()) {
    pieces_[invoice] = {s.bytes.size(), static_cast<uint32_t>(written),
                        static_cast<uint32_t>(shard)};
  }
  s.bytes.Commit(written);
  if (keep) kept_[invoice] = CopyKeptFields(s.scratch, &s.kept_arena);
}

const v1::InvoiceResult& StreamedResultStore::Kept(int invoice) const {
  return *kept_[invoice];
}

absl::Status StreamedResultStore::Finish(const v1::EvaluateResponse& tail,
                                         MallocBuffer* out) {
  const size_t tail_size = tail.ByteSizeLong();
  size_t total = tail_size;
  for (const auto& shard : shards_) total += shard->bytes.size();
  if (total > static_cast<size_t>(INT_MAX)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the response would be ", total,
        " bytes; the limit is 2 GiB: evaluate the ledger in parts (by "
        "customer)"));
  }
  MallocBuffer whole;
  if (pieces_.empty()) {
    // One shard: its buffer already holds the head and the results in
    // request order; the tail is appended in place.
    whole.swap(shards_[0]->bytes);
  } else {
    char* at = whole.ReserveExact(total + 1);
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
  char* at = whole.ReserveExact(tail_size + 1);
  tail.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(at));
  whole.Commit(tail_size);
  whole.data()[whole.size()] = '\0';  // reserved above, not counted
  out->swap(whole);
  return absl::OkStatus();
}

}  // namespace purring::internal
