// The request's customers by position: the parsed request's messages, or a
// serialized request's records, a customer parsed each time it is read into
// a message its reader reuses (EvaluateBytes). A million-invoice ledger's
// 200 000 customers parsed all at once took 105 MB of an arena for 13.5 MB
// of request, the most memory a call mapped afresh after the response; kept
// as records, they cost their bytes and 8 more each.
#ifndef PURRING_SRC_CUSTOMER_READER_H_
#define PURRING_SRC_CUSTOMER_READER_H_

#include <cstddef>

#include "absl/strings/string_view.h"
#include "byte_span.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "large_allocator.h"
#include "purring/v1/ledger.pb.h"

namespace purring::internal {

// What a CustomerReader parses customers into, reused from one to the next.
// On an arena: clearing a message on the heap frees its postal address,
// which the next parse allocates again (a malloc and a free of each of its
// parts for every customer read); the arena is reset every kReadsPerReset
// reads, so that the postal addresses left on it stay few.
class CustomerScratch {
 public:
  CustomerScratch() { Renew(); }
  // The message to parse the next customer into.
  v1::Customer* Next() {
    if (++reads_ > kReadsPerReset) Renew();
    return customer_;
  }

 private:
  static constexpr int kReadsPerReset = 256;
  void Renew() {
    arena_.Reset();
    customer_ =
        google::protobuf::Arena::CreateMessage<v1::Customer>(&arena_);
    reads_ = 1;
  }

  google::protobuf::Arena arena_;
  v1::Customer* customer_ = nullptr;
  int reads_ = 0;
};

// Thread safety: immutable; each thread reads into its own scratch.
class CustomerReader {
 public:
  // The parsed request's customers, which outlive this.
  explicit CustomerReader(
      const google::protobuf::RepeatedPtrField<v1::Customer>& customers)
      : parsed_(&customers) {}
  // The customers at `spans` (request order) of the serialized request
  // `request`, their records copied side by side into memory of the
  // reader's own, in huge pages when large (LargeVector): case files and
  // letters read them in no particular order, and among the request's 4 KiB
  // pages each read was a TLB miss (a million-invoice call 6-9 % slower).
  CustomerReader(absl::string_view request, LargeVector<ByteSpan> spans);

  // Whether the customers are parsed as they are read: their unknown fields
  // are then the reader's to check (CheckUnknownFieldsAreUnknown).
  bool parses() const { return parsed_ == nullptr; }
  int size() const {
    return parsed_ != nullptr ? parsed_->size()
                              : static_cast<int>(spans_.size());
  }
  // The customers' bytes in the request, when read from bytes (0 for a
  // parsed request): more than all their strings together.
  size_t record_bytes() const { return records_.size(); }

  // The customer at `position` (0 <= position < size()): the parsed
  // request's, or parsed into *scratch and valid until its next read.
  // nullptr when protobuf refuses the customer's bytes.
  const v1::Customer* Read(int position, CustomerScratch* scratch) const;
  // Read, for a customer validation has read once (a refusal cannot come
  // twice; should it, the customer reads as empty).
  const v1::Customer& Get(int position, CustomerScratch* scratch) const {
    const v1::Customer* customer = Read(position, scratch);
    if (customer != nullptr) return *customer;
    v1::Customer* empty = scratch->Next();
    empty->Clear();
    return *empty;
  }

  // Asks for what Read will read first of the customer at `position`.
  void Prefetch(int position) const;

 private:
  const google::protobuf::RepeatedPtrField<v1::Customer>* parsed_ = nullptr;
  LargeVector<char> records_;  // the customers' records, back to back
  LargeVector<ByteSpan> spans_;  // in records_
};

}  // namespace purring::internal

#endif  // PURRING_SRC_CUSTOMER_READER_H_
