#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "doc/fake_measurer.h"
#include "doc/layout.h"
#include "doc/render.h"
#include "doc/table_placement.h"

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

// The line reading `text` on `page`; fails the test if there is none.
Line line_of(const PageContent& page, const std::string& text) {
  for (const Line& l : lines(page)) {
    if (l.text == text) return l;
  }
  ADD_FAILURE() << "no line " << text;
  return Line{text, -1, -1};
}

std::vector<RectItem> rects_of(const PageContent& page, Color color) {
  std::vector<RectItem> out;
  for (const DisplayItem& item : page.items) {
    const auto* r = std::get_if<RectItem>(&item);
    if (r != nullptr && r->color == color) out.push_back(*r);
  }
  return out;
}

// Tables of 10pt glyphs in unpadded cells without spacing: a column is as wide as its widest
// line and a row of one line is 12pt tall.
constexpr const char* kTightTable = "<style>table { border-spacing: 0 } td { padding: 0 }</style>";
constexpr Color kTint{0xab, 0xcd, 0xef, 255};

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

// 29 glyphs and a page reference: with the 3-digit placeholder the line needs 33 glyphs (two
// lines of 32), with a 1-digit number 31 (one line). 11 lines follow, then the target: it is
// the 14th line (page 2) after a two-line contents entry, the 13th (page 1) after a one-line.
constexpr const char* kReferenceThatMovesItsTarget = R"(<style>
    .r::after { content: " " target-counter(attr(href), page) }</style>
  <p>xxxxxxxxxxxxxxxxxxxxxxxxxxxxx<a class=r href="#t"></a></p>)";

TEST(Layout, PageReferencesPrintTheirTargetsPageAfterEveryMoveSettles) {
  const Rendered r =
      lay_out(kReferenceThatMovesItsTarget + paragraph_of_lines(11, "f") + "<p id=t>target</p>");
  ASSERT_EQ(r.layout.pages.size(), 1u);
  // Pass 1 (placeholder) put the target on page 2; pass 2 printed "2" on one line, which
  // moved it to page 1; pass 3 prints that.
  EXPECT_EQ(line_of(r.layout.pages[0], "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx 1").x, 20);
  EXPECT_EQ(line_of(r.layout.pages[0], "target").baseline, 20 + 12 * 12 + 9);
  ASSERT_EQ(r.layout.pages[0].links.size(), 1u);  // the reference's link resolves too
  EXPECT_EQ(r.layout.pages[0].links[0].dest_page, 0);
}

TEST(Layout, PageReferencesReshapeOnlyTheirOwnParagraphs) {
  auto shape_calls = [](const std::string& after) {
    auto doc = build_document(std::string(kBase) + "<style>.r::after { content: " + after +
                                  " }</style><p>Contents <a class=r href='#t'></a></p>" +
                                  paragraph_of_lines(60, "f") + "<p id=t>target</p>",
                              RenderOptions{});
    EXPECT_TRUE(doc.ok());
    FakeMeasurer measurer;
    const LayoutResult layout = layout_document(*doc, measurer);
    EXPECT_EQ(layout.pages.size(), 5u);
    return measurer.shape_calls;
  };
  const int plain = shape_calls("'000'");
  const int with_reference = shape_calls("target-counter(attr(href), page)");
  EXPECT_GT(with_reference, plain);
  EXPECT_LE(with_reference - plain, 2);  // the contents paragraph, not the 61 others
}

TEST(Layout, ALinkTargetMovedByOrphansIsFoundOnItsNewPage) {
  // 12 lines leave room for one more: the 3-line target moves whole to page 2 (orphans: 2).
  const Rendered r = lay_out("<p><a href='#t'>go</a></p>" + paragraph_of_lines(11, "f") +
                             "<p id=t>one two three four five six seven eight nine ten eleven "
                             "twelve thirteen fourteen fifteen sixteen</p>");
  ASSERT_EQ(r.layout.pages.size(), 2u);
  EXPECT_EQ(line_of(r.layout.pages[1], "one two three four five six").baseline, 20 + 9);
  ASSERT_EQ(r.layout.pages[0].links.size(), 1u);
  EXPECT_EQ(r.layout.pages[0].links[0].dest_page, 1);
  EXPECT_DOUBLE_EQ(r.layout.pages[0].links[0].dest_y, 20);
}

TEST(Layout, ALinkTargetTableMovedWholeIsFoundOnItsNewPage) {
  // A two-line row does not fit under 12 lines: the table starts on page 2.
  const Rendered r = lay_out(std::string(kTightTable) + "<p><a href='#t'>go</a></p>" +
                             paragraph_of_lines(11, "f") + "<table id=t><tr><td>a<br>b</td></tr>");
  ASSERT_EQ(r.layout.pages.size(), 2u);
  EXPECT_EQ(line_of(r.layout.pages[1], "a").baseline, 20 + 9);
  ASSERT_EQ(r.layout.pages[0].links.size(), 1u);
  EXPECT_EQ(r.layout.pages[0].links[0].dest_page, 1);
  EXPECT_DOUBLE_EQ(r.layout.pages[0].links[0].dest_y, 20);
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

TEST(Layout, RowspanCoversTheColumnInTheFollowingRows) {
  const Rendered r = lay_out(std::string(kTightTable) +
                             "<table><tr><td rowspan=2 style='background:#abcdef'>A</td>"
                             "<td>b1</td></tr><tr><td>b2</td></tr>"
                             "<tr><td>c1</td><td>c2</td></tr></table>");
  const PageContent& page = r.layout.pages[0];
  // Column 1 is as wide as "c1" (10pt); b2 goes to column 2, under b1, not into column 1.
  EXPECT_DOUBLE_EQ(line_of(page, "b1").x, 30);
  EXPECT_DOUBLE_EQ(line_of(page, "b2").x, 30);
  EXPECT_DOUBLE_EQ(line_of(page, "b2").baseline, 20 + 12 + 9);
  EXPECT_DOUBLE_EQ(line_of(page, "c1").x, 20);
  EXPECT_DOUBLE_EQ(line_of(page, "c2").x, 30);
  EXPECT_DOUBLE_EQ(line_of(page, "c2").baseline, 20 + 24 + 9);
  // vertical-align: middle (the default) centres "A" in both rows, drawn once.
  EXPECT_DOUBLE_EQ(line_of(page, "A").x, 20);
  EXPECT_DOUBLE_EQ(line_of(page, "A").baseline, 20 + 6 + 9);
  int a_lines = 0;
  for (const Line& l : lines(page)) a_lines += l.text == "A";
  EXPECT_EQ(a_lines, 1);
  // Its background covers both rows.
  const auto bg = rects_of(page, kTint);
  ASSERT_EQ(bg.size(), 1u);
  EXPECT_DOUBLE_EQ(bg[0].x, 20);
  EXPECT_DOUBLE_EQ(bg[0].y, 20);
  EXPECT_DOUBLE_EQ(bg[0].width, 10);
  EXPECT_DOUBLE_EQ(bg[0].height, 24);
}

TEST(Layout, ColspanAndRowspanTogether) {
  const Rendered r = lay_out(std::string(kTightTable) +
                             "<table><tr><td colspan=2 rowspan=2>AB</td><td>c1</td></tr>"
                             "<tr><td>c2</td></tr><tr><td>x</td><td>y</td><td>z</td></tr></table>");
  const PageContent& page = r.layout.pages[0];
  // Columns: 5pt ("x"), 5pt ("y"), 10pt; "AB" fills the first two.
  EXPECT_DOUBLE_EQ(line_of(page, "AB").x, 20);
  EXPECT_DOUBLE_EQ(line_of(page, "c1").x, 30);
  EXPECT_DOUBLE_EQ(line_of(page, "c2").x, 30);
  EXPECT_DOUBLE_EQ(line_of(page, "c2").baseline, 20 + 12 + 9);
  EXPECT_DOUBLE_EQ(line_of(page, "x").x, 20);
  EXPECT_DOUBLE_EQ(line_of(page, "y").x, 25);
  EXPECT_DOUBLE_EQ(line_of(page, "z").x, 30);
  EXPECT_DOUBLE_EQ(line_of(page, "z").baseline, 20 + 24 + 9);
}

TEST(Layout, RowspanTallerThanItsRowsGrowsTheLastOne) {
  const Rendered r = lay_out(std::string(kTightTable) +
                             "<style>td { vertical-align: top }</style>"
                             "<table><tr><td rowspan=2>t0<br>t1<br>t2<br>t3</td><td>a</td></tr>"
                             "<tr><td style='vertical-align: bottom'>b</td></tr>"
                             "<tr><td>c</td><td>d</td></tr></table>");
  const PageContent& page = r.layout.pages[0];
  EXPECT_DOUBLE_EQ(line_of(page, "t3").baseline, 20 + 36 + 9);
  // The first row keeps its height; the second takes the other 36pt, b at its bottom.
  EXPECT_DOUBLE_EQ(line_of(page, "a").baseline, 20 + 9);
  EXPECT_DOUBLE_EQ(line_of(page, "b").baseline, 20 + 36 + 9);
  EXPECT_DOUBLE_EQ(line_of(page, "c").baseline, 20 + 48 + 9);
  EXPECT_DOUBLE_EQ(line_of(page, "d").baseline, 20 + 48 + 9);
}

TEST(Layout, CollapsedBordersOfARowspanCoverItsRows) {
  const Rendered r = lay_out(
      "<style>table { border-collapse: collapse } td { padding: 0; border: 1px solid }</style>"
      "<table><tr><td rowspan=2>A</td><td>b1</td></tr><tr><td>b2</td></tr>"
      "<tr><td>c1</td><td>c2</td></tr></table>");
  const PageContent& page = r.layout.pages[0];
  // Collapsed 0.75pt borders: half of each lies inside the cell.
  const double top = 20, third_row = line_of(page, "c1").baseline - 9 - 0.375;
  const double column2 = line_of(page, "b1").x - 0.375;
  EXPECT_DOUBLE_EQ(line_of(page, "b2").x, line_of(page, "b1").x);
  bool between = false;
  for (const DisplayItem& item : page.items) {
    const auto* l = std::get_if<LineItem>(&item);
    if (l == nullptr) continue;
    if (l->y1 == l->y2 && l->y1 > top + 1 && l->y1 < third_row - 1) {
      // The border between b1 and b2 stops at A.
      EXPECT_NEAR(std::min(l->x1, l->x2), column2, 1e-9) << "at y " << l->y1;
    }
    if (l->x1 == l->x2 && std::abs(l->x1 - column2) < 1e-9) {
      between |= std::min(l->y1, l->y2) <= top + 1e-9 && std::max(l->y1, l->y2) >= third_row - 1e-9;
    }
  }
  EXPECT_TRUE(between) << "no border between A and b1/b2 down both rows";
}

TEST(Layout, RowsBoundByARowspanMoveToTheNextPageTogether) {
  // 10 lines, the header and r0 fill 144pt of 160: s/a would fit, but not with b.
  const Rendered r =
      lay_out(paragraph_of_lines(10, "f") + kTightTable +
              "<style>td { vertical-align: top }</style>"
              "<table><thead><tr><td>H</td></tr></thead><tr><td>r0</td><td>r0b</td></tr>"
              "<tr><td rowspan=2>s</td><td>a</td></tr><tr><td>b</td></tr>"
              "<tr><td>e</td><td>eb</td></tr></table>");
  ASSERT_EQ(r.layout.pages.size(), 2u);
  EXPECT_EQ(lines(r.layout.pages[0]).back().text, "r0b");
  const PageContent& next = r.layout.pages[1];
  const auto ls = lines(next);
  ASSERT_FALSE(ls.empty());
  EXPECT_EQ(ls.front().text, "H");  // the header repeats above them
  EXPECT_DOUBLE_EQ(line_of(next, "s").baseline, 20 + 12 + 9);
  EXPECT_DOUBLE_EQ(line_of(next, "a").baseline, 20 + 12 + 9);
  EXPECT_DOUBLE_EQ(line_of(next, "b").baseline, 20 + 24 + 9);
  EXPECT_DOUBLE_EQ(line_of(next, "b").x, line_of(next, "a").x);
  EXPECT_DOUBLE_EQ(line_of(next, "e").baseline, 20 + 36 + 9);
}

TEST(Layout, KeepsAHeadingWithTheRowsARowspanBindsAtTheTableTop) {
  // 10 lines and the heading leave 28pt: the first row fits, the three it is bound to do not.
  const Rendered r = lay_out(paragraph_of_lines(10, "f") + kTightTable +
                             "<h2>Heading</h2><table><tr><td rowspan=3>s</td><td>a</td></tr>"
                             "<tr><td>b</td></tr><tr><td>c</td></tr></table>");
  ASSERT_EQ(r.layout.pages.size(), 2u);
  EXPECT_EQ(lines(r.layout.pages[0]).back().text, "f9");
  const auto next = lines(r.layout.pages[1]);
  ASSERT_FALSE(next.empty());
  EXPECT_EQ(next.front().text, "Heading");
  EXPECT_DOUBLE_EQ(line_of(r.layout.pages[1], "c").baseline, 20 + 36 + 9);
}

TEST(Layout, RowspanTallerThanAPageBreaksBetweenItsRows) {
  std::string table = std::string(kTightTable) +
                      "<style>td { vertical-align: top }</style><table><thead><tr><td>H</td>"
                      "</tr></thead><tr><td rowspan=15 style='background:#abcdef'>S</td>"
                      "<td>r0</td></tr>";
  for (int i = 1; i < 15; ++i) table += "<tr><td>r" + std::to_string(i) + "</td></tr>";
  const Rendered r = lay_out(table + "</table>");
  ASSERT_EQ(r.layout.pages.size(), 2u);
  // H + 12 rows fill page 1; r12 would end 8pt below it, so it starts page 2 whole, with no
  // header above it (column 1 belongs to S there).
  EXPECT_EQ(lines(r.layout.pages[0]).back().text, "r11");
  const auto next = lines(r.layout.pages[1]);
  ASSERT_EQ(next.size(), 3u);
  EXPECT_EQ(next[0].text, "r12");
  EXPECT_DOUBLE_EQ(next[0].baseline, 20 + 9);
  EXPECT_EQ(next[2].text, "r14");
  const auto bg = rects_of(r.layout.pages[1], kTint);
  ASSERT_EQ(bg.size(), 1u);
  EXPECT_DOUBLE_EQ(bg[0].y, 20);
  EXPECT_DOUBLE_EQ(bg[0].height, 36);
}

TEST(Layout, RowBackgroundsUnderARowspan) {
  const Rendered r = lay_out(std::string(kTightTable) +
                             "<table><tr style='background:#abcdef'><td rowspan=2>A</td>"
                             "<td>b1</td></tr><tr style='background:#ff0000'><td>b2</td></tr>"
                             "<tr><td rowspan=2>C</td><td>c1</td></tr>"
                             "<tr style='background:#ff0000'><td>c2</td></tr></table>");
  const PageContent& page = r.layout.pages[0];
  // Column 1 is 5pt wide, column 2 10pt. A cell shows the background of the row it starts
  // in from top to bottom (C none): the red rows cover column 2 only.
  const auto red = rects_of(page, Color{255, 0, 0, 255});
  ASSERT_EQ(red.size(), 2u);
  for (const RectItem& rect : red) {
    EXPECT_DOUBLE_EQ(rect.x, 25);
    EXPECT_DOUBLE_EQ(rect.width, 10);
    EXPECT_DOUBLE_EQ(rect.height, 12);
  }
  EXPECT_DOUBLE_EQ(red[0].y, 32);
  EXPECT_DOUBLE_EQ(red[1].y, 56);
  // The first row's blue: across the row, then under A in the second row.
  const auto blue = rects_of(page, kTint);
  ASSERT_EQ(blue.size(), 2u);
  EXPECT_DOUBLE_EQ(blue[0].y, 20);
  EXPECT_DOUBLE_EQ(blue[0].width, 15);
  EXPECT_DOUBLE_EQ(blue[0].height, 12);
  EXPECT_DOUBLE_EQ(blue[1].x, 20);
  EXPECT_DOUBLE_EQ(blue[1].y, 32);
  EXPECT_DOUBLE_EQ(blue[1].width, 5);
  EXPECT_DOUBLE_EQ(blue[1].height, 12);
}

TEST(TablePlacement, RowspansStopAtTheEndOfTheirRowGroup) {
  const Rendered r = lay_out(
      "<table><thead><tr><th rowspan=3>h</th><th>i</th></tr></thead>"
      "<tbody><tr><td>a</td><td rowspan=9>b</td></tr><tr><td>c</td></tr></tbody></table>");
  const Node& table = r.doc.body.children.at(0);
  const layout::CellGrid grid = layout::place_cells(table);
  ASSERT_EQ(grid.rows.size(), 3u);
  EXPECT_EQ(grid.columns, 2);
  EXPECT_EQ(grid.rows[0].cells[0].rowspan, 1);
  EXPECT_EQ(grid.rows[1].cells[0].col, 0);  // not pushed right by the header's rowspan
  EXPECT_EQ(grid.rows[1].cells[1].rowspan, 2);
  EXPECT_EQ(grid.rows[2].cells[0].col, 0);
  EXPECT_EQ(grid.rows[0].unit_end, 1u);
  EXPECT_EQ(grid.rows[2].unit_begin, 1u);
  EXPECT_EQ(grid.rows[2].unit_end, 3u);
  using Runs = std::vector<std::pair<int, int>>;
  EXPECT_EQ(layout::uncovered_columns(grid, 1), (Runs{{0, 2}}));
  EXPECT_EQ(layout::uncovered_columns(grid, 2), (Runs{{0, 1}}));
}

TEST(TablePlacement, ColspanStopsAtACellSpanningFromAbove) {
  const Rendered r = lay_out(
      "<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr>"
      "<tr><td colspan=3>d</td><td>e</td></tr></table>");
  const layout::CellGrid grid = layout::place_cells(r.doc.body.children.at(0));
  ASSERT_EQ(grid.rows[1].cells.size(), 2u);
  EXPECT_EQ(grid.rows[1].cells[0].colspan, 1);
  EXPECT_EQ(grid.rows[1].cells[1].col, 2);
  EXPECT_EQ(grid.columns, 3);
  using Runs = std::vector<std::pair<int, int>>;
  EXPECT_EQ(layout::uncovered_columns(grid, 1), (Runs{{0, 1}, {2, 3}}));
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
