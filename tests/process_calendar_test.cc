// The Norwegian holiday calendar and the business-day shift of due dates
// (law.md § 1.3, gjeldsbrevloven § 5; helligdagsloven).
#include "process/calendar.h"

#include "gtest/gtest.h"

namespace purring::internal {
namespace {

using absl::CivilDay;

TEST(EasterSundayTest, KnownYears) {
  // Gregorian Easter dates, including both extremes of its range.
  EXPECT_EQ(EasterSunday(2000), CivilDay(2000, 4, 23));
  EXPECT_EQ(EasterSunday(2008), CivilDay(2008, 3, 23));
  EXPECT_EQ(EasterSunday(2024), CivilDay(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), CivilDay(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2026), CivilDay(2026, 4, 5));
  EXPECT_EQ(EasterSunday(2027), CivilDay(2027, 3, 28));
  EXPECT_EQ(EasterSunday(2038), CivilDay(2038, 4, 25));
  EXPECT_EQ(EasterSunday(2285), CivilDay(2285, 3, 22));
}

TEST(HolidayTest, AllNorwegianPublicHolidaysOf2026) {
  const CivilDay holidays[] = {
      CivilDay(2026, 1, 1),  CivilDay(2026, 4, 2),  CivilDay(2026, 4, 3),  CivilDay(2026, 4, 5),
      CivilDay(2026, 4, 6),  CivilDay(2026, 5, 1),  CivilDay(2026, 5, 14), CivilDay(2026, 5, 17),
      CivilDay(2026, 5, 24), CivilDay(2026, 5, 25), CivilDay(2026, 12, 25), CivilDay(2026, 12, 26)};
  int count = 0;
  for (CivilDay d(2026, 1, 1); d <= CivilDay(2026, 12, 31); ++d) {
    if (IsNorwegianPublicHoliday(d)) ++count;
  }
  EXPECT_EQ(count, 12);
  for (CivilDay d : holidays) EXPECT_TRUE(IsNorwegianPublicHoliday(d)) << d;
  EXPECT_FALSE(IsNorwegianPublicHoliday(CivilDay(2026, 4, 4)));   // Easter Saturday
  EXPECT_FALSE(IsNorwegianPublicHoliday(CivilDay(2026, 12, 24)));  // Christmas Eve
}

TEST(HolidayTest, MovableHolidaysAtBothEndsOfTheirRange) {
  // Easter 2038 is 25 April, the latest: Whit Sunday and Whit Monday fall on
  // 13 and 14 June. Easter 2025 is 20 April: Whit Monday 9 June. Easter 2008
  // is 23 March: Maundy Thursday 20 March.
  EXPECT_TRUE(IsNorwegianPublicHoliday(CivilDay(2038, 6, 13)));
  EXPECT_TRUE(IsNorwegianPublicHoliday(CivilDay(2038, 6, 14)));
  EXPECT_TRUE(IsNorwegianPublicHoliday(CivilDay(2038, 6, 3)));  // Ascension
  EXPECT_FALSE(IsNorwegianPublicHoliday(CivilDay(2038, 6, 15)));
  EXPECT_TRUE(IsNorwegianPublicHoliday(CivilDay(2025, 6, 8)));
  EXPECT_TRUE(IsNorwegianPublicHoliday(CivilDay(2025, 6, 9)));
  EXPECT_FALSE(IsNorwegianPublicHoliday(CivilDay(2025, 6, 10)));
  EXPECT_TRUE(IsNorwegianPublicHoliday(CivilDay(2008, 3, 20)));
  EXPECT_TRUE(IsNorwegianPublicHoliday(CivilDay(2008, 3, 21)));
  EXPECT_TRUE(IsNorwegianPublicHoliday(CivilDay(2008, 3, 24)));
  EXPECT_FALSE(IsNorwegianPublicHoliday(CivilDay(2008, 3, 19)));
}

int HolidaysIn(int year) {
  int count = 0;
  for (CivilDay d(year, 1, 1); d <= CivilDay(year, 12, 31); ++d) {
    if (IsNorwegianPublicHoliday(d)) ++count;
  }
  return count;
}

TEST(HolidayTest, AMovableHolidayOnAFixedOneIsOneDayOff) {
  // 2008: Ascension Day (Easter + 39) on 1 May; 2027: Whit Monday (Easter
  // 28 March + 50) on 17 May. Eleven days off in each, twelve otherwise.
  EXPECT_EQ(HolidaysIn(2008), 11);
  EXPECT_EQ(HolidaysIn(2027), 11);
  EXPECT_EQ(HolidaysIn(2025), 12);
  EXPECT_EQ(HolidaysIn(2038), 12);
}

struct ShiftCase {
  const char* name;
  CivilDay due;
  CivilDay adjusted;
};

TEST(NextBusinessDayTest, DueDatesMoveToTheNextBusinessDay) {
  // law.md § 1.3: a due date on a Saturday, Sunday, public holiday, 1 May or
  // 17 May moves to the next business day.
  const ShiftCase cases[] = {
      {"plain Tuesday stays", CivilDay(2026, 3, 10), CivilDay(2026, 3, 10)},
      {"Saturday to Monday", CivilDay(2026, 3, 14), CivilDay(2026, 3, 16)},
      {"Sunday to Monday", CivilDay(2026, 3, 15), CivilDay(2026, 3, 16)},
      {"Maundy Thursday to the Tuesday after Easter", CivilDay(2026, 4, 2), CivilDay(2026, 4, 7)},
      {"Good Friday", CivilDay(2026, 4, 3), CivilDay(2026, 4, 7)},
      {"17 May 2024 (Friday), Whit Monday 20 May follows", CivilDay(2024, 5, 17), CivilDay(2024, 5, 21)},
      {"17 May 2026 (Sunday)", CivilDay(2026, 5, 17), CivilDay(2026, 5, 18)},
      {"17 May 2027 (Monday)", CivilDay(2027, 5, 17), CivilDay(2027, 5, 18)},
      {"1 May 2026 (Friday)", CivilDay(2026, 5, 1), CivilDay(2026, 5, 4)},
      {"Ascension Day 2026", CivilDay(2026, 5, 14), CivilDay(2026, 5, 15)},
      {"Whit Monday 2025 (9 June)", CivilDay(2025, 6, 9), CivilDay(2025, 6, 10)},
      {"Whit Monday 2038 (14 June)", CivilDay(2038, 6, 14), CivilDay(2038, 6, 15)},
      {"Christmas Day 2026 (Friday)", CivilDay(2026, 12, 25), CivilDay(2026, 12, 28)},
      {"New Year's Day 2027 (Friday)", CivilDay(2027, 1, 1), CivilDay(2027, 1, 4)},
  };
  for (const ShiftCase& c : cases) {
    EXPECT_EQ(NextBusinessDayOnOrAfter(c.due), c.adjusted) << c.name;
  }
}

TEST(BusinessDayMemoTest, AgreesWithTheCalendarAskedInAnyOrder) {
  // Thirty years, far more days than the memo has slots, asked twice and
  // interleaved with days a decade away: days sharing a slot each get their
  // own answer.
  BusinessDayMemo memo;
  for (int round = 0; round < 2; ++round) {
    for (CivilDay d(2000, 1, 1); d <= CivilDay(2030, 12, 31); d += 3) {
      ASSERT_EQ(memo.NextOnOrAfter(d), NextBusinessDayOnOrAfter(d)) << d;
      const CivilDay far = d + 3652 + round;
      ASSERT_EQ(memo.NextOnOrAfter(far), NextBusinessDayOnOrAfter(far)) << far;
    }
  }
  EXPECT_EQ(memo.NextOnOrAfter(CivilDay(2026, 4, 2)), CivilDay(2026, 4, 7));
  EXPECT_EQ(memo.NextOnOrAfter(CivilDay(10000, 1, 1)),
            NextBusinessDayOnOrAfter(CivilDay(10000, 1, 1)));
}

}  // namespace
}  // namespace purring::internal
