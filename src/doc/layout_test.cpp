#include <gtest/gtest.h>

#include "doc/fake_measurer.h"
#include "doc/layout.h"
#include "doc/render.h"

namespace dossier::doc {
namespace {

// Page: 200pt × 200pt, 20pt margins → content 160 × 160. Font 10pt: glyph 5pt wide, line 12pt
// tall with line-height 1.2 (natural 10pt + 2pt leading).
constexpr const char* kBase = R"(<style>
  @page { size: 200pt 200pt; margin: 20pt }
  body { margin: 0; font-size: 10pt; line-height: 1.2 }
  p { margin: 0 }
  h2 { margin: 0; font-size: 10pt }
</style>)";

struct Rendered {
  Document doc;
  LayoutResult layout;
};

Rendered lay_out(const std::string& body) {
  auto doc = build_document(std::string(kBase) + body, RenderOptions{});
  EXPECT_TRUE(doc.ok());
  FakeMeasurer measurer;
  Rendered r{std::move(doc).value(), {}};
  r.layout = layout_document(r.doc, measurer);
  return r;
}

struct Line {
  std::string text;
  double x, baseline;
};

std::vector<Line> lines(const PageContent& page) {
  std::vector<Line> out;
  for (const DisplayItem& item : page.items) {
    if (const auto* t = std::get_if<TextLineItem>(&item)) {
      const LineInfo& li = t->text->line(t->line);
      std::string s = t->text->text().substr(li.start, li.end - li.start);
      while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
      out.push_back(Line{s, t->x, t->baseline});
    }
  }
  return out;
}

std::string paragraph_of_lines(int n, const std::string& tag) {
  std::string s = "<p>";
  for (int i = 0; i < n; ++i) s += tag + std::to_string(i) + "<br>";
  return s + "</p>";
}

TEST(Layout, PositionsLinesInTheContentBox) {
  const Rendered r = lay_out("<p>aaaa bbbb cccc dddd eeee ffff gggg hhhh</p>");
  ASSERT_EQ(r.layout.pages.size(), 1u);
  const auto ls = lines(r.layout.pages[0]);
  ASSERT_EQ(ls.size(), 2u);  // 160pt = 32 glyphs per line
  EXPECT_EQ(ls[0].text, "aaaa bbbb cccc dddd eeee ffff");
  EXPECT_DOUBLE_EQ(ls[0].x, 20);
  EXPECT_DOUBLE_EQ(ls[0].baseline, 20 + 1 + 8);  // top + half leading + ascent
  EXPECT_DOUBLE_EQ(ls[1].baseline, 20 + 12 + 1 + 8);
}

TEST(Layout, AlignsCenterAndRight) {
  const Rendered r =
      lay_out("<p style='text-align:center'>abcd</p><p style='text-align:right'>abcd</p>");
  const auto ls = lines(r.layout.pages[0]);
  ASSERT_EQ(ls.size(), 2u);
  EXPECT_DOUBLE_EQ(ls[0].x, 20 + (160 - 20) / 2.0);
  EXPECT_DOUBLE_EQ(ls[1].x, 20 + 160 - 20);
}

TEST(Layout, PaginatesAndCollapsesMargins) {
  const Rendered r =
      lay_out("<div style='margin-bottom: 30pt'>a</div><div style='margin-top: 10pt'>b</div>" +
              paragraph_of_lines(20, "line"));
  const auto p0 = lines(r.layout.pages[0]);
  ASSERT_GE(p0.size(), 2u);
  EXPECT_DOUBLE_EQ(p0[1].baseline - p0[0].baseline, 12 + 30);  // max(30, 10), not 40
  ASSERT_EQ(r.layout.pages.size(), 2u);
  // a, 30pt, b leave 106pt: 8 lines of 12pt; the rest continue at the top of page 2.
  const auto p1 = lines(r.layout.pages[1]);
  EXPECT_EQ(p1.front().text, "line8");
  EXPECT_DOUBLE_EQ(p1.front().baseline, 20 + 9);
}

TEST(Layout, KeepsOrphansAndWidows) {
  // 12 filler lines leave room for one line only: the 5-line paragraph must not leave a
  // single orphan line behind.
  const Rendered r = lay_out(paragraph_of_lines(12, "f") + paragraph_of_lines(5, "p"));
  const auto p0 = lines(r.layout.pages[0]);
  EXPECT_EQ(p0.back().text, "f11");
  EXPECT_EQ(lines(r.layout.pages[1]).front().text, "p0");

  // 10 filler lines leave room for 3: 5 lines split 3 + 2 is fine; 4 lines split 2 + 2.
  const Rendered w = lay_out(paragraph_of_lines(10, "f") + paragraph_of_lines(4, "p"));
  EXPECT_EQ(lines(w.layout.pages[0]).back().text, "p1");
  EXPECT_EQ(lines(w.layout.pages[1]).front().text, "p2");
}

TEST(Layout, KeepsHeadingsWithTheNextBlock) {
  const Rendered r = lay_out(paragraph_of_lines(12, "f") + "<h2>Heading</h2><p>body</p>");
  EXPECT_EQ(lines(r.layout.pages[0]).back().text, "f11");
  EXPECT_EQ(lines(r.layout.pages[1]).front().text, "Heading");
  ASSERT_EQ(r.layout.bookmarks.size(), 1u);
  EXPECT_EQ(r.layout.bookmarks[0].title, "Heading");
  EXPECT_EQ(r.layout.bookmarks[0].page, 1);
}

TEST(Layout, ForcedBreaksAndAvoidInside) {
  const Rendered r = lay_out(
      "<p>one</p><p style='break-before: page'>two</p><p style='page-break-after: always'>"
      "three</p><p>four</p>" +
      paragraph_of_lines(9, "f") + "<div style='break-inside: avoid'>" +
      paragraph_of_lines(6, "k") + "</div>");
  ASSERT_EQ(r.layout.pages.size(), 4u);
  EXPECT_EQ(lines(r.layout.pages[0]).size(), 1u);
  EXPECT_EQ(lines(r.layout.pages[1]).front().text, "two");
  EXPECT_EQ(lines(r.layout.pages[2]).front().text, "four");
  EXPECT_EQ(lines(r.layout.pages[3]).front().text, "k0");
}

TEST(Layout, RepeatsTableHeaderRowsOnEveryPage) {
  std::string table = "<table style='border-spacing:0'><thead><tr><th>Head</th></tr></thead>";
  for (int i = 0; i < 30; ++i) table += "<tr><td>row" + std::to_string(i) + "</td></tr>";
  const Rendered r = lay_out(table + "</table>");
  ASSERT_GE(r.layout.pages.size(), 3u);
  int rows = 0;
  for (const PageContent& page : r.layout.pages) {
    const auto ls = lines(page);
    ASSERT_FALSE(ls.empty());
    EXPECT_EQ(ls.front().text, "Head");
    for (const Line& l : ls) rows += l.text.starts_with("row");
  }
  EXPECT_EQ(rows, 30);
}

TEST(Layout, TableBordersAppearOnEveryPageOfASplitTable) {
  std::string table = "<table style='border-collapse:collapse'><tr><th>H</th></tr>";
  for (int i = 0; i < 30; ++i) table += "<tr><td style='border:1px solid'>r</td></tr>";
  const Rendered r = lay_out(table + "</table>");
  ASSERT_GE(r.layout.pages.size(), 2u);
  for (const PageContent& page : r.layout.pages) {
    int borders = 0;
    for (const auto& item : page.items) borders += std::holds_alternative<LineItem>(item);
    EXPECT_GE(borders, 3);  // merged: verticals + horizontals per page
  }
}

TEST(Layout, TableColumnsFollowContentAndExplicitWidths) {
  const Rendered r = lay_out(
      "<table style='width:100%; border-spacing:0'><tr><td style='width:40pt'>a</td>"
      "<td>bbbbbbbb</td><td>cc</td></tr></table>");
  const auto ls = lines(r.layout.pages[0]);
  ASSERT_EQ(ls.size(), 3u);
  // Cell padding is 1px (0.75pt). Column 1 is fixed; 2 and 3 share the rest by max width.
  EXPECT_DOUBLE_EQ(ls[0].x, 20.75);
  EXPECT_NEAR(ls[1].x, 20 + 40 + 1.5 + 0.75, 1e-9);
  EXPECT_GT(ls[2].x - ls[1].x, 40);
}

TEST(Layout, RunningFootersCountPages) {
  const Rendered r = lay_out(
      "<style>@page { @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages) } }"
      "</style>" +
      paragraph_of_lines(30, "l"));
  ASSERT_EQ(r.layout.pages.size(), 3u);
  EXPECT_EQ(lines(r.layout.pages[1]).back().text, "Page 2 of 3");
  EXPECT_GT(lines(r.layout.pages[1]).back().baseline, 180);
}

TEST(Layout, ListMarkersSitOnTheFirstBaseline) {
  const Rendered r = lay_out("<ol style='padding-left: 30pt; margin: 0'><li>x</li><li>y</li></ol>");
  const auto ls = lines(r.layout.pages[0]);
  ASSERT_EQ(ls.size(), 4u);
  EXPECT_EQ(ls[0].text, "x");
  EXPECT_EQ(ls[1].text, "1.");
  EXPECT_DOUBLE_EQ(ls[0].baseline, ls[1].baseline);
  EXPECT_LT(ls[1].x, ls[0].x);
}

TEST(Layout, LinksBecomeAreasAndInternalLinksResolve) {
  const Rendered r =
      lay_out("<p><a href='https://example.org/x'>ext</a> <a href='#target'>int</a></p>" +
              paragraph_of_lines(14, "f") + "<p id=target>there</p>");
  const auto& links = r.layout.pages[0].links;
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].uri, "https://example.org/x");
  EXPECT_DOUBLE_EQ(links[0].width, 15);
  EXPECT_EQ(links[1].dest_page, 1);
}

TEST(Layout, ScalesImagesToTheContentWidth) {
  const std::string svg =
      "<svg xmlns='http://www.w3.org/2000/svg' width='400' height='200'><rect width='10' "
      "height='10'/></svg>";
  const Rendered r = lay_out("<p>" + svg + "</p>");
  const ImageItem* img = nullptr;
  for (const auto& item : r.layout.pages[0].items) {
    if (const auto* i = std::get_if<ImageItem>(&item)) img = i;
  }
  ASSERT_NE(img, nullptr);
  EXPECT_DOUBLE_EQ(img->width, 160);
  EXPECT_DOUBLE_EQ(img->height, 80);
}

TEST(Layout, SplitsTableRowsTallerThanAPage) {
  std::string cell;
  for (int i = 0; i < 30; ++i) cell += "c" + std::to_string(i) + "<br>";
  const Rendered r =
      lay_out("<table><tr><td>short</td><td>" + cell + "</td></tr></table><p>end</p>");
  ASSERT_EQ(r.layout.pages.size(), 3u);
  int count = 0;
  for (const PageContent& page : r.layout.pages) {
    for (const Line& l : lines(page)) count += l.text.starts_with("c");
  }
  EXPECT_EQ(count, 30);
  EXPECT_EQ(lines(r.layout.pages[2]).back().text, "end");
}

TEST(Layout, ScalesImagesToThePageHeight) {
  const std::string svg =
      "<svg xmlns='http://www.w3.org/2000/svg' width='100' height='1000'><rect width='10' "
      "height='10'/></svg>";
  const Rendered r = lay_out("<p>x</p><p>" + svg + "</p>");
  ASSERT_EQ(r.layout.pages.size(), 2u);
  const ImageItem* img = nullptr;
  for (const auto& item : r.layout.pages[1].items) {
    if (const auto* i = std::get_if<ImageItem>(&item)) img = i;
  }
  ASSERT_NE(img, nullptr);
  EXPECT_NEAR(img->height, 152, 1e-9);
}

}  // namespace
}  // namespace dossier::doc
