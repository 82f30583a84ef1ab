#include "core/utf8.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (size_t pos = 0; pos < s.size();) out += next_code_point(s, pos);
  return out;
}

TEST(Utf8, DecodesEveryLength) {
  EXPECT_EQ(decode("a\xC3\xA9\xE6\xBC\xA2\xF0\x9F\x99\x82"), U"a\u00E9\u6F22\U0001F642");
}

TEST(Utf8, MalformedBytesDecodeToReplacementOneByteAtATime) {
  EXPECT_EQ(decode("\xFF"), U"\uFFFD");
  EXPECT_EQ(decode("\xC3"), U"\uFFFD");                                // truncated
  EXPECT_EQ(decode("\xC0\xAF"), U"\uFFFD\uFFFD");                      // overlong '/'
  EXPECT_EQ(decode("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");            // surrogate
  EXPECT_EQ(decode("\xF4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // beyond U+10FFFF
  EXPECT_EQ(decode("\xE6\xBC"
                   "a"),
            U"\uFFFD\uFFFDa");  // a sequence cut short by ASCII
}

TEST(Utf8, EncodesAndReplacesWhatIsNotACharacter) {
  std::string out;
  for (char32_t cp : {U'a', U'\u00E9', U'\u6F22', U'\U0001F642'}) append_utf8(out, cp);
  EXPECT_EQ(out, "a\xC3\xA9\xE6\xBC\xA2\xF0\x9F\x99\x82");
  out.clear();
  for (char32_t cp : {char32_t{0}, char32_t{0xD800}, char32_t{0x110000}}) append_utf8(out, cp);
  EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8, MakeValidKeepsGoodTextAndReplacesBadBytesAndNul) {
  EXPECT_EQ(make_valid_utf8("ok \xC3\xA9"), "ok \xC3\xA9");
  EXPECT_EQ(make_valid_utf8(std::string("a\0b\xFF", 4)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
}

}  // namespace
}  // namespace dossier
