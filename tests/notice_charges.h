// Recorded notices for the money tests (money/claim.h NoticeCharge).
// Test-only; header-only.
#ifndef PURRING_TESTS_NOTICE_CHARGES_H_
#define PURRING_TESTS_NOTICE_CHARGES_H_

#include <cstdint>

#include "absl/time/civil_time.h"
#include "money/claim.h"

namespace purring::internal {

// A dunning notice sent on `sent` charging `fee`, with a 14-day deadline.
inline NoticeCharge DunningNotice(absl::CivilDay sent, int64_t fee) {
  NoticeCharge notice;
  notice.step = v1::STEP_KIND_DUNNING;
  notice.sent = sent;
  notice.deadline = sent + 14;
  notice.fee = fee;
  return notice;
}

}  // namespace purring::internal

#endif  // PURRING_TESTS_NOTICE_CHARGES_H_
