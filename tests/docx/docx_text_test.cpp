// write_docx(): paragraphs, runs, headings, lists, links and bookmarks in word/document.xml.
#include <gtest/gtest.h>

#include "docx_test_support.h"

namespace dossier::docx {
namespace {

using testing::count;
using testing::Docx;
using testing::docx_from_html;

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string body_of(std::string_view html) {
  return docx_from_html(html).part("word/document.xml");
}

TEST(DocxText, HeadingsUseBuiltInStylesWithOutlineLevels) {
  const Docx d = docx_from_html(
      "<body style='font-family: Arial; font-size: 11pt'><h1>Report</h1><h2>Goals</h2>"
      "<h3>Goal 1</h3><p>Text</p></body>");
  const std::string& doc = d.part("word/document.xml");
  EXPECT_TRUE(contains(doc, "<w:pStyle w:val=\"Heading1\"/>"));
  EXPECT_TRUE(contains(doc, "<w:pStyle w:val=\"Heading2\"/>"));
  EXPECT_TRUE(contains(doc, "<w:pStyle w:val=\"Heading3\"/>"));
  // Heading runs take bold and size from their style: no direct formatting.
  EXPECT_TRUE(contains(doc, "<w:r><w:t xml:space=\"preserve\">Report</w:t></w:r>"));
  const std::string& styles = d.part("word/styles.xml");
  for (int level = 1; level <= 6; ++level) {
    const std::string id = "w:styleId=\"Heading" + std::to_string(level) + "\"";
    const std::string name = "<w:name w:val=\"heading " + std::to_string(level) + "\"/>";
    const std::string outline = "<w:outlineLvl w:val=\"" + std::to_string(level - 1) + "\"/>";
    EXPECT_TRUE(contains(styles, id) && contains(styles, name) && contains(styles, outline))
        << level;
  }
  // Normal from the body's font; h1 = 2em = 22pt = 44 half-points.
  EXPECT_TRUE(contains(styles, "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>"));
  EXPECT_TRUE(contains(styles, "<w:sz w:val=\"22\"/>"));
  EXPECT_TRUE(contains(styles, "<w:b/><w:sz w:val=\"44\"/>"));
  EXPECT_TRUE(contains(styles, "<w:keepNext/>"));
}

TEST(DocxText, RunFormatting) {
  const std::string doc = body_of(
      "<p>a <b>bold</b> <i>it</i> <u>under</u> <s>gone</s> <span style='color:#c00'>red</span> "
      "<span style='font-size:20pt'>big</span> <code>mono</code> H<sub>2</sub>O x<sup>2</sup> "
      "<mark>hi</mark></p>");
  EXPECT_TRUE(contains(doc, "<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">bold</w:t>"));
  EXPECT_TRUE(contains(doc, "<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">it</w:t>"));
  EXPECT_TRUE(contains(doc, "<w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\">under"));
  EXPECT_TRUE(contains(doc, "<w:strike/></w:rPr><w:t xml:space=\"preserve\">gone"));
  EXPECT_TRUE(contains(doc, "<w:color w:val=\"CC0000\"/></w:rPr><w:t xml:space=\"preserve\">red"));
  EXPECT_TRUE(contains(doc, "<w:sz w:val=\"40\"/>"));
  EXPECT_TRUE(contains(doc, "w:ascii=\"Courier New\""));
  // Sub/superscript keep the surrounding size: Word shrinks them itself.
  EXPECT_TRUE(contains(doc,
                       "<w:rPr><w:vertAlign w:val=\"subscript\"/></w:rPr><w:t "
                       "xml:space=\"preserve\">2</w:t>"));
  EXPECT_TRUE(contains(doc, "<w:vertAlign w:val=\"superscript\"/>"));
  EXPECT_TRUE(contains(doc, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFFF00\"/>"));
}

TEST(DocxText, TextIsEscapedAndInvalidCharactersStripped) {
  const std::string doc = body_of("<p>a &lt;b&gt; &amp; \"c\" &#1; caf\xC3\xA9 \xFF</p>");
  EXPECT_TRUE(contains(doc, "a &lt;b&gt; &amp; &quot;c&quot;"));
  EXPECT_TRUE(contains(doc, "caf\xC3\xA9"));
  EXPECT_FALSE(contains(doc, "\x01"));
  EXPECT_FALSE(contains(doc, "\xFF"));
}

TEST(DocxText, ParagraphProperties) {
  const std::string doc = body_of(
      "<body style='margin:0'>"
      "<p style='text-align:center; margin:12pt 0 6pt'>c</p>"
      "<p style='text-align:right'>r</p><p style='text-align:justify'>j</p>"
      "<p style='margin-left:36pt; text-indent:18pt; line-height:2'>ind</p>"
      "<p style='background:#eee; border-bottom:1pt dashed #f00'>shaded</p></body>");
  EXPECT_TRUE(contains(doc, "<w:jc w:val=\"center\"/>"));
  EXPECT_TRUE(contains(doc, "<w:jc w:val=\"right\"/>"));
  EXPECT_TRUE(contains(doc, "<w:jc w:val=\"both\"/>"));
  EXPECT_TRUE(contains(doc, "<w:spacing w:before=\"240\" w:after=\"0\"/>"));
  // 6pt below "c" collapses with the 12pt (1em) above "r".
  EXPECT_TRUE(contains(doc, "<w:ind w:left=\"720\" w:right=\"0\" w:firstLine=\"360\"/>"));
  EXPECT_TRUE(contains(doc, "w:line=\"417\" w:lineRule=\"auto\""));  // 2 × 12pt / 1.15
  EXPECT_TRUE(contains(doc, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EEEEEE\"/>"));
  EXPECT_TRUE(contains(doc,
                       "<w:bottom w:val=\"dashed\" w:sz=\"8\" w:space=\"0\" "
                       "w:color=\"FF0000\"/>"));
}

TEST(DocxText, ContainerBordersGoToItsParagraphs) {
  const std::string doc = body_of(
      "<style>.header{border-bottom:2px solid #333;padding-bottom:10px}</style>"
      "<div class=header><h1>Progress Report</h1><p>Patient: A</p><p>Period: B</p></div>"
      "<p>after</p>");
  // Only the box's last paragraph draws its bottom border; the last paragraph's margin (1em)
  // and the padding (7.5pt) separate it from the text.
  EXPECT_EQ(count(doc, "<w:bottom "), 1);
  EXPECT_TRUE(contains(doc,
                       "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"20\" "
                       "w:color=\"333333\"/></w:pBdr>"));
  EXPECT_LT(doc.find("Period: B"), doc.find(">after<"));
  EXPECT_GT(doc.find("<w:pBdr>"), doc.find("Patient: A"));
}

TEST(DocxText, BoxWithSideBordersGivesEveryParagraphTheSameBorders) {
  const std::string doc = body_of(
      "<div style='border:1pt solid #000; padding:4pt; background:#ffe'><p>one</p><p>two</p>"
      "</div>");
  EXPECT_EQ(count(doc,
                  "<w:pBdr><w:top w:val=\"single\" w:sz=\"8\" w:space=\"4\" "
                  "w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"8\" w:space=\"4\" "
                  "w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"4\" "
                  "w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"8\" w:space=\"4\" "
                  "w:color=\"000000\"/></w:pBdr><w:shd w:val=\"clear\" w:color=\"auto\" "
                  "w:fill=\"FFFFEE\"/>"),
            2);
}

TEST(DocxText, PageBreaksAndKeepWithNext) {
  const std::string doc = body_of(
      "<p>one</p><p style='page-break-before:always'>two</p>"
      "<p style='break-after:page'>three</p><p>four</p>"
      "<div style='break-before:page'><table><tr><td>cell</td></tr></table></div>"
      "<p style='break-after:avoid'>kept</p><p>next</p>");
  EXPECT_EQ(count(doc, "<w:pageBreakBefore/>"), 2);  // "two" and "four"
  EXPECT_LT(doc.find("<w:pageBreakBefore/>"), doc.find("two"));
  // Before a table: a break run ending the previous paragraph.
  EXPECT_TRUE(contains(doc, "four</w:t></w:r><w:r><w:br w:type=\"page\"/></w:r></w:p><w:tbl>"));
  EXPECT_TRUE(contains(doc, "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"0\"/>"));
  EXPECT_LT(doc.find("<w:keepNext/>"), doc.find(">kept<"));
}

TEST(DocxText, BoxesAvoidingBreaksKeepTheirParagraphsTogether) {
  const std::string doc =
      body_of("<div style='page-break-inside:avoid'><p>a</p><h3>b</h3><p>c</p></div><p>d</p>");
  auto keeps = [&](std::string_view text) {
    const size_t at = doc.find(">" + std::string(text) + "<");
    const size_t p = doc.rfind("<w:p>", at);
    return doc.substr(p, at - p).find("<w:keepNext/>") != std::string::npos;
  };
  EXPECT_TRUE(keeps("a"));
  EXPECT_TRUE(keeps("b"));
  EXPECT_FALSE(keeps("c"));
  EXPECT_FALSE(keeps("d"));
}

TEST(DocxText, LineBreaksPreAndRules) {
  const std::string doc =
      body_of("<p>a<br>b</p><pre>x  = 1\n\ty</pre><hr style='border-top:2px solid #00f'>");
  EXPECT_TRUE(contains(doc, "a</w:t></w:r><w:r><w:br/></w:r>"));
  // Spaces kept, tabs and newlines as w:tab / w:br, in a monospace font.
  EXPECT_TRUE(contains(doc,
                       "<w:t xml:space=\"preserve\">x  = 1</w:t><w:br/><w:tab/>"
                       "<w:t xml:space=\"preserve\">y</w:t>"));
  EXPECT_TRUE(contains(doc, "w:ascii=\"Courier New\""));
  EXPECT_TRUE(contains(doc,
                       "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"0\" "
                       "w:color=\"0000FF\"/></w:pBdr>"));
}

TEST(DocxText, ListsUseWordNumberingRestartingPerList) {
  const Docx d = docx_from_html(
      "<ul><li>a<ol><li>a1</li><li>a2</li></ol></li><li>b</li></ul>"
      "<ol start=3><li>c</li><li>d</li></ol><ol type=a style='list-style-type:lower-alpha'>"
      "<li>e</li></ol><ol><li>f</li></ol>");
  const std::string& doc = d.part("word/document.xml");
  const std::string& numbering = d.part("word/numbering.xml");
  ASSERT_FALSE(numbering.empty());
  EXPECT_TRUE(contains(d.part("[Content_Types].xml"), "/word/numbering.xml"));
  EXPECT_TRUE(contains(d.part("word/_rels/document.xml.rels"), "Target=\"numbering.xml\""));
  // Five lists → five w:num, each restarting; nested items one level down.
  EXPECT_EQ(count(numbering, "<w:num "), 5);
  EXPECT_EQ(count(numbering, "<w:abstractNum "), 3);  // bullet, decimal, lowerLetter
  EXPECT_TRUE(contains(numbering, "<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"1\"/>"));
  EXPECT_TRUE(contains(numbering, "<w:startOverride w:val=\"3\"/>"));
  EXPECT_TRUE(contains(numbering, "<w:numFmt w:val=\"lowerLetter\"/>"));
  EXPECT_TRUE(contains(doc, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"));
  EXPECT_TRUE(contains(doc, "<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/></w:numPr>"));
  EXPECT_TRUE(contains(doc, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"5\"/></w:numPr>"));
  EXPECT_EQ(count(doc, "<w:numPr>"), 8);
}

TEST(DocxText, ListsWordCannotNumberKeepTheirMarkers) {
  const std::string doc = body_of(
      "<ol reversed><li>three</li><li>two</li><li>one</li></ol>"
      "<ul style='list-style:none'><li>plain</li></ul>");
  EXPECT_FALSE(contains(doc, "<w:numPr>"));
  EXPECT_TRUE(contains(doc, ">3.</w:t><w:tab/></w:r>"));
  EXPECT_TRUE(contains(doc, ">1.</w:t><w:tab/></w:r>"));
  EXPECT_TRUE(contains(doc, "w:hanging=\"360\""));
}

TEST(DocxText, ExternalAndInternalHyperlinks) {
  const Docx d = docx_from_html(
      "<h2 id='goal-1'>Goal</h2><p><a href='https://example.org/a?x=1&amp;y=2'>portal</a> "
      "<a href='mailto:a@example.org'>mail</a> <a href='#goal-1'>back</a> "
      "<a href='https://example.org/a?x=1&amp;y=2'>again</a> <span id=mark>m</span></p>");
  const std::string& doc = d.part("word/document.xml");
  const std::string& rels = d.part("word/_rels/document.xml.rels");
  EXPECT_TRUE(contains(rels,
                       "Target=\"https://example.org/a?x=1&amp;y=2\" "
                       "TargetMode=\"External\""));
  EXPECT_TRUE(contains(rels, "Target=\"mailto:a@example.org\" TargetMode=\"External\""));
  EXPECT_EQ(count(rels, "TargetMode=\"External\""), 2);  // the repeated link reuses its id
  EXPECT_EQ(count(doc, "<w:hyperlink r:id=\"rId1\" w:history=\"1\">"), 2);
  EXPECT_TRUE(contains(doc, "<w:hyperlink w:anchor=\"goal_1\" w:history=\"1\">"));
  EXPECT_TRUE(contains(doc, "<w:rStyle w:val=\"Hyperlink\"/>"));
  EXPECT_TRUE(contains(doc,
                       "<w:bookmarkStart w:id=\"0\" w:name=\"goal_1\"/><w:bookmarkEnd "
                       "w:id=\"0\"/><w:r><w:t xml:space=\"preserve\">Goal"));
  EXPECT_TRUE(contains(doc, "<w:bookmarkStart w:id=\"1\" w:name=\"mark\"/>"));
}

TEST(DocxText, PageReferencesArePagerefFieldsToBookmarkedTargets) {
  const Docx d = docx_from_html(R"(<style>
      .toc a::after { content: " " target-counter(attr(href), page) }
      .refs::after { content: target-counter(url(#pic), page) target-counter(url(#row-1), page)
                              target-counter(url(#line), page) }
    </style><p class=toc><a href="#first-section">First</a></p><p class=refs>see</p>
    <h2 id="first-section">First</h2><p><img id=pic alt="chart"></p>
    <table><tr id=row-1><td>cell</td></tr></table><hr id=line>)");
  const std::string& doc = d.part("word/document.xml");
  // The contents entry: its number is a PAGEREF field inside the entry's hyperlink, showing
  // the fallback until a reader computes it.
  const size_t link = doc.find("<w:hyperlink w:anchor=\"first_section\" w:history=\"1\">");
  ASSERT_NE(link, std::string::npos);
  const size_t field =
      doc.find("<w:instrText xml:space=\"preserve\"> PAGEREF first_section \\h </w:instrText>");
  ASSERT_NE(field, std::string::npos);
  EXPECT_LT(link, field);
  EXPECT_LT(field, doc.find("</w:hyperlink>", link));
  EXPECT_LT(doc.find("<w:fldChar w:fldCharType=\"begin\"/>", link), field);
  EXPECT_TRUE(contains(doc.substr(field), "<w:t xml:space=\"preserve\">#</w:t>"));
  for (const char* target : {"pic", "row_1", "line"}) {
    EXPECT_EQ(count(doc, std::string(" PAGEREF ") + target + " \\h "), 1) << target;
  }
  // Every target is bookmarked once: a heading, an image, a table row, a rule.
  for (const char* name : {"first_section", "pic", "row_1", "line"}) {
    EXPECT_EQ(count(doc, std::string("w:name=\"") + name + "\""), 1) << name;
  }
  EXPECT_EQ(count(doc, "<w:fldChar w:fldCharType=\"begin\"/>"), 4);
  EXPECT_EQ(count(doc, "<w:fldChar w:fldCharType=\"end\"/>"), 4);
  // Word offers to compute them when it opens the document.
  EXPECT_TRUE(contains(d.part("word/settings.xml"), "<w:updateFields w:val=\"true\"/>"));
  EXPECT_FALSE(contains(docx_from_html("<p>x</p>").part("word/settings.xml"), "updateFields"));
}

TEST(DocxText, ShadedPaddingAndWordLimits) {
  const std::string doc = body_of(
      "<p style='background:#fff8e1; padding:6pt 8pt'>callout</p>"
      "<p style='font-size:5000pt; margin-top:3000pt; margin-left:-3000pt'>huge</p>");
  // Hairline borders in the background colour stretch the shading over the padding.
  EXPECT_TRUE(contains(doc,
                       "<w:top w:val=\"single\" w:sz=\"2\" w:space=\"6\" "
                       "w:color=\"FFF8E1\"/>"));
  EXPECT_TRUE(contains(doc,
                       "<w:right w:val=\"single\" w:sz=\"2\" w:space=\"8\" "
                       "w:color=\"FFF8E1\"/>"));
  // Values beyond what Word accepts are clamped.
  EXPECT_TRUE(contains(doc, "<w:sz w:val=\"3276\"/>"));
  EXPECT_TRUE(contains(doc, "w:before=\"31680\""));
  EXPECT_TRUE(contains(doc, "w:left=\"-31680\""));
}

TEST(DocxText, EmptyBodyStillHasAParagraph) {
  const std::string doc = body_of("");
  EXPECT_TRUE(contains(doc, "<w:body><w:p>"));
  EXPECT_TRUE(contains(doc, "<w:sectPr>"));
}

}  // namespace
}  // namespace dossier::docx
