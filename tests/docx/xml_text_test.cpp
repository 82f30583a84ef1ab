// Unit tests of the small building blocks: XML elements, units, bookmark names, list markers,
// relationships, margin collapsing, the ZIP writer.
#include <gtest/gtest.h>

#include "docx/bookmarks.h"
#include "docx/numbering_part.h"
#include "docx/relationships.h"
#include "docx/run_properties.h"
#include "docx/units.h"
#include "docx/vertical_space.h"
#include "docx/xml_text.h"
#include "docx/zip_writer.h"
#include "docx_test_support.h"

namespace dossier::docx {
namespace {

TEST(XmlElement, EscapesAttributeValues) {
  EXPECT_EQ(element("w:t", {{"a", "x\"<y"}, {"n", 5}}), "<w:t a=\"x&quot;&lt;y\" n=\"5\"/>");
  EXPECT_EQ(open_element("w:p"), "<w:p>");
  EXPECT_EQ(hex_color(doc::Color{0x33, 0x0a, 0xff, 255}), "330AFF");
}

TEST(Units, ConvertPoints) {
  EXPECT_EQ(twips(72), 1440);    // 1 in
  EXPECT_EQ(twips(612), 12240);  // Letter width
  EXPECT_EQ(twips(0.75), 15);    // 1 CSS px
  EXPECT_EQ(half_points(11), 22);
  EXPECT_EQ(half_points(10.5), 21);
  EXPECT_EQ(emu(72), 914400);
  EXPECT_EQ(emu(0.75), 9525);  // 1 CSS px
  EXPECT_EQ(border_eighths(1.5), 12);
  EXPECT_EQ(border_eighths(0.1), 2);   // Word's minimum
  EXPECT_EQ(border_eighths(100), 96);  // Word's maximum
  EXPECT_EQ(fiftieths_percent(100), 5000);
}

TEST(Fonts, FirstFamilyWithOfficeNames) {
  EXPECT_EQ(word_font("Liberation Sans, sans-serif", true), "Arial");
  EXPECT_EQ(word_font("Liberation Sans, sans-serif", false), "Liberation Sans");
  EXPECT_EQ(word_font("'Liberation Mono', monospace", true), "Courier New");
  EXPECT_EQ(word_font("\"Open Sans\", Arial", true), "Open Sans");
  EXPECT_EQ(word_font("serif", true), "Times New Roman");
  EXPECT_EQ(word_font("", true), "Times New Roman");
}

TEST(Bookmarks, SanitizedUniqueNames) {
  EXPECT_EQ(sanitize_bookmark_name("goal-1"), "goal_1");
  EXPECT_EQ(sanitize_bookmark_name("1st"), "a1st");
  EXPECT_EQ(sanitize_bookmark_name("_hidden"), "a_hidden");
  EXPECT_EQ(sanitize_bookmark_name(std::string(60, 'x')).size(), 40u);

  doc::Node root;
  root.children.resize(3);
  root.children[0].anchor = "goal-1";
  root.children[1].anchor = "goal_1";  // same sanitized name: must get another
  root.children[2].anchor = "goal-1";  // duplicate id in the HTML
  Bookmarks b(root);
  EXPECT_EQ(b.link_target("goal-1"), "goal_1");
  EXPECT_EQ(b.link_target("goal_1"), "goal_1_2");
  EXPECT_EQ(b.claim("goal-1"), "goal_1");
  EXPECT_EQ(b.claim("goal-1"), std::nullopt);  // placed once
  EXPECT_EQ(b.claim("unknown"), std::nullopt);
  EXPECT_EQ(b.next_id(), 0);
  EXPECT_EQ(b.next_id(), 1);
}

TEST(Numbering, MarkerNumbers) {
  using T = doc::ListStyleType;
  EXPECT_EQ(marker_number("3.", T::kDecimal), 3);
  EXPECT_EQ(marker_number("0.", T::kDecimal), 0);
  EXPECT_EQ(marker_number("-2.", T::kDecimal), -2);
  EXPECT_EQ(marker_number("c.", T::kLowerAlpha), 3);
  EXPECT_EQ(marker_number("AA.", T::kUpperAlpha), 27);
  EXPECT_EQ(marker_number("iv.", T::kLowerRoman), 4);
  EXPECT_EQ(marker_number("MCMXCIV.", T::kUpperRoman), 1994);
  EXPECT_EQ(marker_number("\u2022", T::kDisc), std::nullopt);
  EXPECT_EQ(marker_number("c.", T::kDecimal), std::nullopt);
  EXPECT_EQ(marker_number("IV.", T::kLowerRoman), std::nullopt);
}

TEST(Numbering, OneAbstractPerTypeOneNumPerList) {
  Numbering n;
  EXPECT_TRUE(n.empty());
  EXPECT_EQ(n.add_list(doc::ListStyleType::kDisc, 0, 1), 1);
  EXPECT_EQ(n.add_list(doc::ListStyleType::kDecimal, 1, 5), 2);
  EXPECT_EQ(n.add_list(doc::ListStyleType::kDisc, 0, 1), 3);
  const std::string xml = n.xml();
  EXPECT_EQ(testing::count(xml, "<w:abstractNum "), 2);
  EXPECT_EQ(testing::count(xml, "<w:num "), 3);
  EXPECT_NE(xml.find("<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"5\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<w:numFmt w:val=\"bullet\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<w:lvlText w:val=\"%2.\"/>"), std::string::npos);
}

TEST(Relationships, SequentialIdsReused) {
  Relationships r;
  EXPECT_EQ(r.add(rel::kHyperlink, "https://a.example/?x=1&y=2", true), "rId1");
  EXPECT_EQ(r.add(rel::kStyles, "styles.xml"), "rId2");
  EXPECT_EQ(r.add(rel::kHyperlink, "https://a.example/?x=1&y=2", true), "rId1");
  const std::string xml = r.xml();
  EXPECT_NE(xml.find("Target=\"https://a.example/?x=1&amp;y=2\" TargetMode=\"External\""),
            std::string::npos);
}

TEST(Relationships, EncodesWhatAUriMayNotContain) {
  EXPECT_EQ(encode_uri("https://example.org/a?b=1&c=%20#x"), "https://example.org/a?b=1&c=%20#x");
  EXPECT_EQ(encode_uri("https://example.org/a b?q=\xC3\xA9&r=<1>"),
            "https://example.org/a%20b?q=%C3%A9&r=%3C1%3E");
  EXPECT_EQ(encode_uri("mailto:a@b.org?subject=Hi there|x"),
            "mailto:a@b.org?subject=Hi%20there%7Cx");
  EXPECT_EQ(encode_uri("%41%zz%"), "%41%25zz%25");
}

TEST(VerticalSpace, CollapsesAdjoiningMargins) {
  VerticalSpace s;
  s.margin(12);
  s.margin(15);
  EXPECT_EQ(s.take(), 15);
  s.margin(12);
  s.fixed(6);  // padding separates margins
  s.margin(10);
  EXPECT_EQ(s.take(), 28);
  s.margin(20);
  s.margin(-5);
  EXPECT_EQ(s.take(), 15);
  EXPECT_EQ(s.take(), 0);
}

TEST(ZipWriter, RoundTripsAndIsDeterministic) {
  auto make = [] {
    auto zip = ZipWriter::create();
    EXPECT_TRUE(zip.ok());
    EXPECT_TRUE((*zip)->add("a.txt", "hello").ok());
    EXPECT_TRUE((*zip)->add("dir/b.xml", std::string(10000, 'x')).ok());
    auto bytes = (*zip)->finish();
    EXPECT_TRUE(bytes.ok());
    return std::move(bytes).value();
  };
  const std::string first = make();
  const auto entries = testing::unzip(first);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries.at("a.txt"), "hello");
  EXPECT_EQ(entries.at("dir/b.xml"), std::string(10000, 'x'));
  EXPECT_LT(first.size(), 1000u);  // deflated
  EXPECT_EQ(make(), first);
}

}  // namespace
}  // namespace dossier::docx
