// UrlEscape and ObjectionLink (src/process/naming.h): RFC 3986 § 2.3's
// unreserved characters pass as they are, every other byte becomes "%XX"
// in upper-case hex (§ 2.1), and the placeholders of an objection link are
// replaced by the escaped values.
#include "process/naming.h"

#include <string>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"

namespace purring::internal {
namespace {

bool IsUnreserved(unsigned char c) {
  return std::string(
             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
             .find(static_cast<char>(c)) != std::string::npos;
}

TEST(UrlEscape, EveryByteAloneAndBetweenUnreservedRuns) {
  for (int c = 0; c < 256; ++c) {
    const std::string byte(1, static_cast<char>(c));
    const std::string expected =
        IsUnreserved(static_cast<unsigned char>(c))
            ? byte
            : absl::StrFormat("%%%02X", c);
    EXPECT_EQ(UrlEscape(byte), expected) << "byte " << c;
    EXPECT_EQ(UrlEscape("ab" + byte + "cd"), "ab" + expected + "cd")
        << "byte " << c;
  }
}

TEST(UrlEscape, Examples) {
  EXPECT_EQ(UrlEscape(""), "");
  EXPECT_EQ(UrlEscape("Az09-._~"), "Az09-._~");
  EXPECT_EQ(UrlEscape("K 1/reminder/2026-02-17"),
            "K%201%2Freminder%2F2026-02-17");
  // UTF-8 bytes one by one: "æ" is C3 A6.
  EXPECT_EQ(UrlEscape("Blåbær AS"), "Bl%C3%A5b%C3%A6r%20AS");
  EXPECT_EQ(UrlEscape("%%"), "%25%25");
}

TEST(ObjectionLink, ReplacesEachPlaceholderWithItsEscapedValue) {
  EXPECT_EQ(ObjectionLink("https://p.example/i?f={invoice}&k={customer}"
                          "&l={letter}&again={invoice}",
                          "A/1", "K 1", "K 1/reminder/2026-02-17"),
            "https://p.example/i?f=A%2F1&k=K%201"
            "&l=K%201%2Freminder%2F2026-02-17&again=A%2F1");
  // An unknown placeholder and a lone brace stay as they are.
  EXPECT_EQ(ObjectionLink("x{other}{invoice}{", "7", "", ""), "x{other}7{");
  EXPECT_EQ(ObjectionLink("", "7", "K", "L"), "");
}

TEST(ObjectionLink, StopsOncePastTheLimit) {
  // 455 placeholders of a 4 095-byte template over a 4 096-byte invoice
  // number of 'ø' (12 KiB escaped) would be 5.5 MB a line: building stops
  // at the first placeholder past kMaxObjectionLinkBytes.
  std::string link_template;
  while (link_template.size() + 9 <= 4095) link_template += "{invoice}";
  std::string number;
  while (number.size() < 4096) number += "ø";
  const std::string link = ObjectionLink(link_template, number, "K", "L");
  EXPECT_GT(link.size(), kMaxObjectionLinkBytes);
  EXPECT_LT(link.size(), kMaxObjectionLinkBytes + 3 * number.size());
  // A link within the limit is whole.
  EXPECT_EQ(ObjectionLink("{invoice}{invoice}", "1", "K", "L"), "11");
}

}  // namespace
}  // namespace purring::internal
