// Writing and finding length-delimited fields in protobuf's wire format,
// for responses put together from records serialized apart (result_store.h)
// in the bytes protobuf itself would write.
#ifndef PURRING_SRC_WIRE_FIELDS_H_
#define PURRING_SRC_WIRE_FIELDS_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace purring::internal {

// Writes the tag and length of a length-delimited field `field` of `size`
// bytes; returns where its bytes go. Inline: it is on every record's path.
inline uint8_t* WriteFieldHead(int field, uint32_t size, uint8_t* at) {
  using google::protobuf::internal::WireFormatLite;
  at = WireFormatLite::WriteTagToArray(
      field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED, at);
  return google::protobuf::io::CodedOutputStream::WriteVarint32ToArray(size,
                                                                      at);
}

// The bytes WriteFieldHead and then `size` bytes take, for a field
// numbered below 16 (a one-byte tag), as most fields purring writes this
// way are.
size_t FieldBytes(size_t size);
// The same for any field number.
inline size_t FieldBytes(int field, size_t size) {
  using google::protobuf::internal::WireFormatLite;
  return WireFormatLite::TagSize(field, WireFormatLite::TYPE_BYTES) +
         WireFormatLite::LengthDelimitedSize(size);
}

// Where, from `from` on (a field boundary), the fields numbered `field` or
// more begin in a serialized message whose fields are in number order (as
// protobuf writes them).
size_t FieldsFrom(absl::string_view bytes, size_t from, int field);

}  // namespace purring::internal

#endif  // PURRING_SRC_WIRE_FIELDS_H_
