// The Norwegian business-day calendar, computed (never listed per year):
// weekends and the public holidays of helligdagsloven and 1 and 17 May.
#ifndef PURRING_SRC_PROCESS_CALENDAR_H_
#define PURRING_SRC_PROCESS_CALENDAR_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/time/civil_time.h"

namespace purring::internal {

// Easter Sunday of `year` in the Gregorian calendar (anonymous computus).
absl::CivilDay EasterSunday(absl::civil_year_t year);

// 1 Jan, Maundy Thursday, Good Friday, Easter Sunday, Easter Monday, 1 May,
// 17 May, Ascension Day, Whit Sunday, Whit Monday, 25 and 26 Dec.
bool IsNorwegianPublicHoliday(absl::CivilDay day);

// Neither a Saturday, a Sunday nor a public holiday.
bool IsBusinessDay(absl::CivilDay day);

// `day` itself when it is a business day, else the next one
// (gjeldsbrevloven § 5; law.md § 1.3).
absl::CivilDay NextBusinessDayOnOrAfter(absl::CivilDay day);

// NextBusinessDayOnOrAfter, keeping the answers for the days asked lately:
// a ledger's due dates repeat (a few hundred days for a million invoices),
// and each answer cost ~200 instructions an invoice (callgrind). Not
// thread-safe: one per thread (a shard's scratch).
class BusinessDayMemo {
 public:
  absl::CivilDay NextOnOrAfter(absl::CivilDay day) {
    if (day.year() < 0 || day.year() > 9999) {
      return NextBusinessDayOnOrAfter(day);
    }
    const int64_t key =
        (day.year() * 13 + day.month()) * 32 + day.day();  // distinct per day
    Entry& entry = entries_[static_cast<uint64_t>(key) % kEntries];
    if (entry.key != key) {
      entry.key = key;
      entry.next = NextBusinessDayOnOrAfter(day);
    }
    return entry.next;
  }

 private:
  struct Entry {
    int64_t key = -1;  // no day's (keys are positive)
    absl::CivilDay next;
  };
  // Direct-mapped by key: a year's days take 416 keys, so the days of
  // nearly five years have a slot each (48 KiB, on the heap: a shard's
  // scratch lives on its thread's stack).
  static constexpr size_t kEntries = 2048;
  std::vector<Entry> entries_ = std::vector<Entry>(kEntries);
};

}  // namespace purring::internal

#endif  // PURRING_SRC_PROCESS_CALENDAR_H_
