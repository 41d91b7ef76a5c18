#include "wire_fields.h"

namespace purring::internal {

using google::protobuf::io::CodedInputStream;
using google::protobuf::io::CodedOutputStream;
using google::protobuf::internal::WireFormatLite;

size_t FieldBytes(size_t size) {
  return 1 + CodedOutputStream::VarintSize32(static_cast<uint32_t>(size)) +
         size;
}

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

}  // namespace purring::internal
