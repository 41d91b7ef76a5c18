// Validation covers the whole schema: every enum field and every string field
// reachable from EvaluateRequest is found by reflection and damaged in turn.
// A field added to the schema later is checked automatically; if validation
// does not know it, this test names it.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hardening/sample_requests.h"
#include "purring/limits.h"

namespace purring::testing {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using ::testing::HasSubstr;
using Path = std::vector<const FieldDescriptor*>;

// Every path from EvaluateRequest to a field of `type`.
void CollectPaths(const Descriptor* message, FieldDescriptor::CppType type,
                  Path* prefix, std::vector<Path>* out) {
  if (prefix->size() > 6) return;  // the schema is shallower; no cycles
  for (int i = 0; i < message->field_count(); ++i) {
    const FieldDescriptor* field = message->field(i);
    prefix->push_back(field);
    if (field->cpp_type() == type) out->push_back(*prefix);
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      CollectPaths(field->message_type(), type, prefix, out);
    }
    prefix->pop_back();
  }
}

std::vector<Path> PathsTo(FieldDescriptor::CppType type) {
  std::vector<Path> paths;
  Path prefix;
  CollectPaths(v1::EvaluateRequest::descriptor(), type, &prefix, &paths);
  return paths;
}

std::string Describe(const Path& path) {
  std::vector<std::string> names;
  for (const FieldDescriptor* f : path) names.push_back(f->name());
  return absl::StrJoin(names, ".");
}

// The message holding the last field of `path` (the first element of every
// repeated message on the way). With add_missing, an empty repeated field
// gets one default element; otherwise nullptr when the sample has none.
Message* Parent(Message* root, const Path& path, bool add_missing) {
  Message* m = root;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const FieldDescriptor* f = path[i];
    const auto* reflection = m->GetReflection();
    if (f->is_repeated()) {
      if (reflection->FieldSize(*m, f) == 0) {
        if (!add_missing) return nullptr;
        reflection->AddMessage(m, f);
      }
      m = reflection->MutableRepeatedMessage(m, f, 0);
    } else {
      m = reflection->MutableMessage(m, f);
    }
  }
  return m;
}

TEST(SchemaCoverage, FindsTheEnumsAndStrings) {
  EXPECT_GE(PathsTo(FieldDescriptor::CPPTYPE_ENUM).size(), 14u);
  EXPECT_GE(PathsTo(FieldDescriptor::CPPTYPE_STRING).size(), 60u);
}

// proto3 binary keeps unknown enum numbers: each must be refused, naming the
// field, whichever record it is in.
TEST(SchemaCoverage, EveryEnumFieldRefusesAnUnknownValue) {
  for (const Path& path : PathsTo(FieldDescriptor::CPPTYPE_ENUM)) {
    SCOPED_TRACE(Describe(path));
    for (int value : {99, -3}) {
      v1::EvaluateRequest request = SampleRequest();
      // The first invoice carries every kind of sub-record.
      *request.mutable_invoices(0)->add_holds() = request.invoices(2).holds(0);
      Message* parent = Parent(&request, path, /*add_missing=*/false);
      ASSERT_NE(parent, nullptr) << "SampleRequest() has no record on this path; extend it";
      const FieldDescriptor* field = path.back();
      ASSERT_FALSE(field->is_repeated()) << "extend this test for repeated enums";
      parent->GetReflection()->SetEnumValue(parent, field, value);
      // Through the wire, as a host would send it.
      const Outcome out = EvaluateBinary(request.SerializeAsString());
      EXPECT_EQ(out.status.code(), absl::StatusCode::kInvalidArgument) << out.status;
      EXPECT_THAT(std::string(out.status.message()),
                  HasSubstr(absl::StrCat(field->name(), " has unknown value ", value)));
    }
  }
}

TEST(SchemaCoverage, EveryStringFieldHasALengthLimit) {
  const std::string huge(kMaxStringBytes + 1, 'x');
  for (const Path& path : PathsTo(FieldDescriptor::CPPTYPE_STRING)) {
    SCOPED_TRACE(Describe(path));
    v1::EvaluateRequest request = SampleRequest();
    Message* parent = Parent(&request, path, /*add_missing=*/true);
    const FieldDescriptor* field = path.back();
    const auto* reflection = parent->GetReflection();
    if (field->is_repeated()) {
      reflection->AddString(parent, field, huge);
    } else {
      reflection->SetString(parent, field, huge);
    }
    const absl::Status status = ValidateRequest(request);
    EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
    EXPECT_THAT(std::string(status.message()), HasSubstr(field->name()));
  }
}

// The counterpart: at the limit, a string is accepted (a free-text field of
// exactly kMaxStringBytes).
TEST(SchemaCoverage, StringAtTheLimitIsAccepted) {
  v1::EvaluateRequest request = SampleRequest();
  request.mutable_invoices(0)->set_comment(std::string(kMaxStringBytes, 'x'));
  EXPECT_TRUE(ValidateRequest(request).ok()) << ValidateRequest(request);
}

}  // namespace
}  // namespace purring::testing
