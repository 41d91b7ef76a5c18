#include "customer_reader.h"

#include "request_split.h"

namespace purring::internal {

const v1::Customer* CustomerReader::Read(int position,
                                         CustomerScratch* scratch) const {
  if (parsed_ != nullptr) return &parsed_->Get(position);
  v1::Customer* customer = scratch->Next();
  if (!ParseRecord(request_, spans_[position], /*depth=*/1, customer)) {
    return nullptr;
  }
  return customer;
}

void CustomerReader::Prefetch(int position) const {
  if (parsed_ != nullptr) {
    __builtin_prefetch(&parsed_->Get(position));
  } else {
    __builtin_prefetch(request_.data() + spans_[position].offset);
  }
}

}  // namespace purring::internal
