#include "core/xml_text.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

TEST(XmlEscaped, EscapesMarkupCharacters) {
  EXPECT_EQ(xml_escaped("a < b && c > \"d\" 'e'"),
            "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;");
  EXPECT_EQ(xml_escaped("plain"), "plain");
  EXPECT_EQ(xml_escaped(""), "");
}

TEST(XmlEscaped, KeepsValidUtf8InEveryScript) {
  EXPECT_EQ(xml_escaped("café — “quoted” 😀"), "café — “quoted” 😀");
  EXPECT_EQ(xml_escaped("Ωμέγα 漢字 قلق שלום"), "Ωμέγα 漢字 قلق שלום");
}

TEST(XmlEscaped, DropsWhatXml10ForbidsAndKeepsWhiteSpace) {
  EXPECT_EQ(xml_escaped("tab\tline\nreturn\r"), "tab\tline\nreturn\r");
  EXPECT_EQ(xml_escaped(std::string("a\x01"
                                    "b\x08"
                                    "c\x0B"
                                    "d\x0C"
                                    "e\x1F"
                                    "f",
                                    11)),
            "abcdef");
  EXPECT_EQ(xml_escaped(std::string("nul\0end", 7)), "nulend");
  EXPECT_EQ(xml_escaped("x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "xyz");  // U+FFFE, U+FFFF
  EXPECT_EQ(xml_escaped("del\x7F"
                        "c1\xC2\x85"),
            "del\x7F"
            "c1\xC2\x85");  // allowed in XML 1.0
}

TEST(XmlEscaped, LabelsTurnEveryControlIntoASpace) {
  const auto label = [](std::string_view s) { return xml_escaped(s, XmlControls::kSpaceAll); };
  EXPECT_EQ(label(std::string("a\x01"
                              "b\tc\nd",
                              7)),
            "a b c d");
  EXPECT_EQ(label(std::string("nul\0!", 5)), "nul !");
  EXPECT_EQ(label("del\x7F"
                  "c1\xC2\x85"
                  "\xEF\xBF\xBE"),
            "del c1  ");
  EXPECT_EQ(label("Tom & Jerry <x>"), "Tom &amp; Jerry &lt;x&gt;");
}

TEST(XmlEscaped, ReplacesMalformedUtf8ByteByByte) {
  const std::string& r = kReplacement;
  EXPECT_EQ(xml_escaped("a\xFF"
                        "b"),
            "a" + r + "b");
  EXPECT_EQ(xml_escaped("\xC3"), r);                          // truncated
  EXPECT_EQ(xml_escaped("\xC0\xAF"), r + r);                  // overlong '/'
  EXPECT_EQ(xml_escaped("\xED\xA0\x80"), r + r + r);          // UTF-16 surrogate
  EXPECT_EQ(xml_escaped("\xF4\x90\x80\x80"), r + r + r + r);  // beyond U+10FFFF
  EXPECT_EQ(xml_escaped("\xC3", XmlControls::kSpaceAll), r);
}

TEST(XmlEscaped, AppendsToWhatIsThere) {
  std::string out = "<t>";
  append_xml_escaped(out, "1 < 2");
  EXPECT_EQ(out, "<t>1 &lt; 2");
}

}  // namespace
}  // namespace dossier
