// The schema's "YYYY-MM-DD" dates (dates.h): ParseDate takes exactly the
// days that exist, in the years 1900-2999, and refuses every other text;
// FormatDate and FormatDateTo write what ParseDate reads.
#include "dates.h"

#include <cctype>
#include <string>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"

namespace purring::internal {
namespace {

using absl::CivilDay;

// What ParseDate must do, written the slow and obvious way.
std::optional<CivilDay> ReferenceParse(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  }
  const int year = std::stoi(text.substr(0, 4));
  const int month = std::stoi(text.substr(5, 2));
  const int day = std::stoi(text.substr(8, 2));
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) {
    return std::nullopt;
  }
  const CivilDay parsed(year, month, day);
  // CivilDay normalises 2026-02-30 to 2026-03-02: such a day does not exist.
  if (parsed.month() != month || parsed.day() != day) return std::nullopt;
  return parsed;
}

TEST(ParseDate, ReadsDaysThatExist) {
  EXPECT_EQ(ParseDate("2026-11-28"), CivilDay(2026, 11, 28));
  EXPECT_EQ(ParseDate("1900-01-01"), CivilDay(1900, 1, 1));
  EXPECT_EQ(ParseDate("2999-12-31"), CivilDay(2999, 12, 31));
  EXPECT_EQ(ParseDate("2024-02-29"), CivilDay(2024, 2, 29));  // leap year
  EXPECT_EQ(ParseDate("2000-02-29"), CivilDay(2000, 2, 29));  // 400 rule
}

TEST(ParseDate, RefusesDaysThatDoNotExist) {
  for (const char* text :
       {"2026-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-13-01",
        "2026-00-10", "2026-01-00", "2026-01-32", "1899-12-31", "3000-01-01"}) {
    EXPECT_EQ(ParseDate(text), std::nullopt) << text;
  }
}

TEST(ParseDate, RefusesOtherShapes) {
  for (const char* text : {"", "2026-1-28", "2026-11-8", "20261128",
                           "2026/11/28", "2026-11-28 ", " 2026-11-28",
                           "2026-11-28T00:00", "+026-11-28", "2026-+1-28"}) {
    EXPECT_EQ(ParseDate(text), std::nullopt) << text;
  }
}

// Every byte in every place, the dashes' included: a byte next to '0'-'9'
// is where a digit check is likeliest to slip.
TEST(ParseDate, EveryByteInEveryPlaceAgreesWithTheReference) {
  const std::string valid = "2024-02-29";
  for (int place = 0; place < 10; ++place) {
    for (int byte = 0; byte < 256; ++byte) {
      std::string text = valid;
      text[place] = static_cast<char>(byte);
      EXPECT_EQ(ParseDate(text), ReferenceParse(text))
          << "byte " << byte << " at " << place;
    }
  }
}

TEST(ParseDate, EveryDayOfFourHundredYearsAgreesWithTheReference) {
  // Also every day-of-month 00-39 of every month, existing or not.
  for (int year = 1900; year <= 2300; ++year) {
    for (int month = 0; month <= 13; ++month) {
      for (int day = 0; day <= 39; ++day) {
        const std::string text =
            absl::StrFormat("%04d-%02d-%02d", year, month, day);
        ASSERT_EQ(ParseDate(text), ReferenceParse(text)) << text;
      }
    }
  }
}

TEST(FormatDate, WritesWhatParseDateReads) {
  for (CivilDay day(1900, 1, 1); day <= CivilDay(2999, 12, 31); day += 97) {
    const std::string text = FormatDate(day);
    ASSERT_EQ(text.size(), kDateTextSize);
    EXPECT_EQ(ParseDate(text), day) << text;
    char direct[kDateTextSize];
    ASSERT_TRUE(FormatDateTo(day, direct));
    EXPECT_EQ(std::string(direct, kDateTextSize), text);
  }
  EXPECT_EQ(FormatDate(CivilDay(2026, 1, 5)), "2026-01-05");
  EXPECT_EQ(FormatDate(CivilDay(33, 3, 9)), "0033-03-09");
}

TEST(FormatDate, YearsBeyondFourDigitsKeepPrintfsForm) {
  char direct[kDateTextSize];
  EXPECT_FALSE(FormatDateTo(CivilDay(10000, 1, 2), direct));
  EXPECT_EQ(FormatDate(CivilDay(10000, 1, 2)), "10000-01-02");
  EXPECT_FALSE(FormatDateTo(CivilDay(-1, 12, 31), direct));
  EXPECT_EQ(FormatDate(CivilDay(-1, 12, 31)), "-001-12-31");
}

}  // namespace
}  // namespace purring::internal
