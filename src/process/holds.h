// Which of an invoice's holds pause it on a day, and when it resumes (F10:
// no step is taken on a day the invoice is paused).
#ifndef PURRING_SRC_PROCESS_HOLDS_H_
#define PURRING_SRC_PROCESS_HOLDS_H_

#include <optional>

#include "absl/time/civil_time.h"
#include "purring/v1/ledger.pb.h"

namespace purring::internal {

// The first day from `day` on that no hold of the invoice covers; nullopt
// when an open-ended hold covers it.
std::optional<absl::CivilDay> FirstDayOffHold(const v1::Invoice& invoice,
                                              absl::CivilDay day);

// The hold reported on `day`, of those open then: the one that started
// last; of those starting the same day, the one that ends last (an
// open-ended one above all), so that the end shown is when the pause really
// ends; then an objection before a manual stop (it bars collection costs,
// inkassoloven § 17), then the reason first in byte order, so that the
// order of the request's holds never decides. nullptr: none is open.
const v1::Hold* ActiveHold(const v1::Invoice& invoice, absl::CivilDay day);

// The debtor's objection (a hold of kind HOLD_KIND_OBJECTION) open on
// `day`, if any: the earliest begun.
const v1::Hold* ObjectionOpenOn(const v1::Invoice& invoice, absl::CivilDay day);

// `earliest`, or the day after the last hold that ended from `earliest` on
// and before `as_of`, if later (README "Statuses": a paused invoice resumes
// no earlier than the day after the hold's end).
absl::CivilDay DayAfterHoldsEndedBy(const v1::Invoice& invoice,
                                    absl::CivilDay earliest,
                                    absl::CivilDay as_of);

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_HOLDS_H_
