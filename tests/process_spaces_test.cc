// What counts as blank in contact fields (F4, F16): ASCII white space and
// the Unicode spaces a copied address brings along, at either end only.
#include "gtest/gtest.h"
#include "process/spaces.h"

namespace purring::internal {
namespace {

TEST(StripSpacesTest, StripsAsciiAndUnicodeSpacesAtBothEnds) {
  EXPECT_EQ(StripSpaces(" \t\n a@b.no\r\n"), "a@b.no");
  // U+00A0 no-break, U+0085 next line, U+3000 ideographic, U+2003 em,
  // U+FEFF byte order mark.
  EXPECT_EQ(StripSpaces("\xC2\xA0\xC2\x85kari@ex.no\xE3\x80\x80"),
            "kari@ex.no");
  EXPECT_EQ(StripSpaces("\xE2\x80\x83\xEF\xBB\xBFStorgata 1\xE2\x80\x83"),
            "Storgata 1");
  // Inner spaces stay; a lone lead byte is not a space.
  EXPECT_EQ(StripSpaces("Storgata\u00A01"), "Storgata\u00A01");
  EXPECT_EQ(StripSpaces("\xC2"), "\xC2");
  EXPECT_EQ(StripSpaces("\xE2\x80"), "\xE2\x80");
}

TEST(StripSpacesTest, AFieldOfSpacesIsBlank) {
  EXPECT_TRUE(Blank(""));
  EXPECT_TRUE(Blank(" \t"));
  EXPECT_TRUE(Blank("\xC2\xA0"));
  EXPECT_TRUE(Blank("\xC2\x85\xE2\x80\xA8\xE2\x80\xAF"));
  // The invisible joiners too: U+200C, U+200D, U+2060 word joiner, and
  // U+180E, a space before Unicode 6.3.
  EXPECT_TRUE(Blank("\u200C\u200D\u2060\u180E"));
  EXPECT_EQ(StripSpaces("\u20601000\u200D"), "1000");
  EXPECT_FALSE(Blank("\xC2\xA0x"));
  EXPECT_FALSE(Blank("-"));
}

}  // namespace
}  // namespace purring::internal
