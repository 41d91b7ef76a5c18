// Validation checks sizes, records and references in one pass and builds the
// request index on the way (validate.h). These tests pin what that pass must
// keep: the documented order of refusals (every size limit before any other
// check) and an index equal to the one RequestIndex::Build makes.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hardening/sample_requests.h"
#include "process/request_index.h"
#include "purring/limits.h"
#include "validate.h"

namespace purring::testing {
namespace {

using ::testing::HasSubstr;

TEST(ValidateOnePass, SizeLimitOfALaterRecordComesBeforeAnEarlierBadRecord) {
  v1::EvaluateRequest request = SampleRequest();
  request.mutable_invoices(0)->set_amount(0);  // invalid: must be positive
  request.mutable_invoices(2)->set_comment(std::string(kMaxStringBytes + 1, 'x'));
  const absl::Status status = ValidateRequest(request);
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("invoice \"1003\": comment"));
  v1::EvaluateResponse response;
  EXPECT_EQ(EvaluateInto(request, &response), status);
}

TEST(ValidateOnePass, FirstBadRecordIsReportedWhenSizesAreWithinLimits) {
  v1::EvaluateRequest request = SampleRequest();
  request.mutable_invoices(0)->set_amount(0);
  request.mutable_invoices(2)->set_due_date("2026-02-30");
  const absl::Status status = ValidateRequest(request);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("invoice \"1001\": amount 0"));
}

TEST(ValidateOnePass, IndexEqualsRequestIndexBuild) {
  v1::EvaluateRequest request = SampleRequest();
  // Two more notices of invoice 1002, listed after the others: one sent
  // before them, one on the same day as the first with an earlier step.
  v1::Notice* early = request.mutable_history()->add_notices();
  *early = request.history().notices(0);
  early->set_step(v1::STEP_KIND_REMINDER);
  early->set_fee(0);
  early->set_sent_date("2026-01-03");
  early->set_deadline("2026-01-17");
  v1::Notice* same_day = request.mutable_history()->add_notices();
  *same_day = request.history().notices(0);
  same_day->set_step(v1::STEP_KIND_REMINDER);
  same_day->set_fee(0);

  const absl::StatusOr<internal::RequestIndex> index =
      internal::ValidateAndIndex(request);
  ASSERT_TRUE(index.ok()) << index.status();
  const internal::RequestIndex built = internal::RequestIndex::Build(request);
  for (int i = 0; i < request.invoices_size(); ++i) {
    EXPECT_EQ(index->customer(i), built.customer(i)) << i;
    EXPECT_EQ(index->collection_case(i), built.collection_case(i)) << i;
    EXPECT_THAT(index->notices(i), ::testing::ElementsAreArray(built.notices(i)))
        << i;
  }
  const auto& notices = request.history().notices();
  EXPECT_THAT(index->notices(1),
              ::testing::ElementsAre(&notices[2], &notices[3], &notices[0],
                                     &notices[1]));
  EXPECT_EQ(index->customer(0), &request.customers(0));
  EXPECT_EQ(index->collection_case(0), &request.history().collection_cases(0));
  EXPECT_EQ(index->collection_case(1), nullptr);
}

}  // namespace
}  // namespace purring::testing
