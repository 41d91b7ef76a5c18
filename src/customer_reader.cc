#include "customer_reader.h"

#include <cstddef>
#include <utility>

#include "request_split.h"

namespace purring::internal {

CustomerReader::CustomerReader(absl::string_view request,
                               LargeVector<ByteSpan> spans)
    : spans_(std::move(spans)) {
  size_t record_bytes = 0;
  for (const ByteSpan& span : spans_) record_bytes += span.size;
  records_.reserve(record_bytes);
  for (ByteSpan& span : spans_) {
    const char* record = request.data() + span.offset;
    span.offset = static_cast<uint32_t>(records_.size());
    records_.insert(records_.end(), record, record + span.size);
  }
}

const v1::Customer* CustomerReader::Read(int position,
                                         CustomerScratch* scratch) const {
  if (parsed_ != nullptr) return &parsed_->Get(position);
  v1::Customer* customer = scratch->Next();
  const absl::string_view records(records_.data(), records_.size());
  if (!ParseRecord(records, spans_[position], /*depth=*/1, customer)) {
    return nullptr;
  }
  return customer;
}

void CustomerReader::Prefetch(int position) const {
  if (parsed_ != nullptr) {
    __builtin_prefetch(&parsed_->Get(position));
  } else {
    // A customer's record is about 70 bytes: two lines hold most.
    const ByteSpan span = spans_[position];
    __builtin_prefetch(records_.data() + span.offset);
    if (span.size > 64) __builtin_prefetch(records_.data() + span.offset + 64);
  }
}

}  // namespace purring::internal
