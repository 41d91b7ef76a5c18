// A field number the schema knows, written with another wire type, is kept
// by protobuf as an unknown field and its value lost (known_fields.h). This
// walks the schema: for every message the request can hold, at any depth, a
// request with such a field planted there must be refused, naming where,
// both by ParseRequest and by EvaluateBytes (the C ABI's way in). A message
// field added to the schema is covered without a change here.
#include "known_fields.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "evaluate_bytes_support.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"
#include "hardening/sample_requests.h"
#include "purring/v1/evaluate.pb.h"

namespace purring {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using Path = std::vector<const FieldDescriptor*>;

// Every path of message fields from `type` down, the empty path included.
void CollectPaths(const Descriptor* type, Path* prefix,
                  std::vector<Path>* paths) {
  paths->push_back(*prefix);
  ASSERT_LT(prefix->size(), 8u) << "a recursive message type in the schema?";
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    prefix->push_back(field);
    CollectPaths(field->message_type(), prefix, paths);
    prefix->pop_back();
  }
}

// The message at `path` in *root, made when missing (the first element of
// each repeated field).
Message* Reach(Message* root, const Path& path) {
  Message* at = root;
  for (const FieldDescriptor* field : path) {
    const google::protobuf::Reflection& r = *at->GetReflection();
    if (!field->is_repeated()) {
      at = r.MutableMessage(at, field);
    } else if (r.FieldSize(*at, field) > 0) {
      at = r.MutableRepeatedMessage(at, field, 0);
    } else {
      at = r.AddMessage(at, field);
    }
  }
  return at;
}

// How the refusal names the message at `path`: a customer, invoice or notice
// by its position alone, anything else from "request".
std::string NameOf(const Path& path) {
  std::string name = "request";
  size_t from = 0;
  if (!path.empty() &&
      (path[0]->name() == "customers" || path[0]->name() == "invoices")) {
    name = absl::StrCat(path[0]->name(), "[0]");
    from = 1;
  } else if (path.size() >= 2 && path[0]->name() == "history" &&
             path[1]->name() == "notices") {
    name = "history.notices[0]";
    from = 2;
  }
  for (size_t k = from; k < path.size(); ++k) {
    absl::StrAppend(&name, ".", path[k]->name(),
                    path[k]->is_repeated() ? "[0]" : "");
  }
  return name;
}

TEST(KnownFields, EveryMessageOfTheRequestIsLookedInto) {
  std::vector<Path> paths;
  Path prefix;
  CollectPaths(v1::EvaluateRequest::descriptor(), &prefix, &paths);
  // The request, as_of, settings and deeper, customers, invoices with their
  // payments, credit notes and holds, notices, rate tables, options...
  ASSERT_GT(paths.size(), 20u);
  for (const Path& path : paths) {
    v1::EvaluateRequest request = testing::SampleRequest();
    Message* target = Reach(&request, path);
    // A group is never how a proto3 field is written.
    const FieldDescriptor* first = target->GetDescriptor()->field(0);
    target->GetReflection()->MutableUnknownFields(target)->AddGroup(
        first->number());
    const std::string expected = absl::StrCat(
        NameOf(path), ": field ", first->number(), " (", first->name(), ")");
    testing_bytes::ExpectRefused(testing_bytes::Bytes(request),
                                 absl::StatusCode::kInvalidArgument, expected,
                                 expected);
  }
}

TEST(KnownFields, RecordsAreTestedInsideAndUnknownNumbersPass) {
  v1::Invoice invoice;
  invoice.add_payments()->set_amount(100);
  EXPECT_FALSE(internal::HasUnknownFieldsInside(invoice));
  // A newer host's field number, deep inside: noticed by the cheap test,
  // and let through by the check that names one.
  invoice.add_holds()
      ->GetReflection()
      ->MutableUnknownFields(invoice.mutable_holds(0))
      ->AddVarint(99, 1);
  EXPECT_TRUE(internal::HasUnknownFieldsInside(invoice));
  EXPECT_TRUE(
      internal::CheckUnknownFieldsAreUnknown(invoice, "invoices[0]").ok());

  v1::Customer customer;
  customer.mutable_postal_address()
      ->GetReflection()
      ->MutableUnknownFields(customer.mutable_postal_address())
      ->AddFixed32(3, 7);  // city, a string
  EXPECT_TRUE(internal::HasUnknownFieldsInside(customer));
  EXPECT_EQ(internal::CheckUnknownFieldsAreUnknown(customer, "customers[4]")
                .message(),
            "customers[4].postal_address: field 3 (city) is not written as "
            "its type (string): protobuf would drop it");
}

}  // namespace
}  // namespace purring
