// write_docx(): tables as real Word tables.
#include <gtest/gtest.h>

#include <regex>

#include "doc/render.h"
#include "docx/table_grid.h"
#include "docx_test_support.h"

namespace dossier::docx {
namespace {

using testing::count;
using testing::docx_from_html;

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string body_of(std::string_view html) {
  return docx_from_html(html).part("word/document.xml");
}

std::vector<int> grid_columns(const std::string& doc) {
  std::vector<int> out;
  const std::regex col("<w:gridCol w:w=\"([0-9]+)\"/>");
  for (std::sregex_iterator it(doc.begin(), doc.end(), col), end; it != end; ++it) {
    out.push_back(std::stoi((*it)[1]));
  }
  return out;
}

constexpr const char* kSpecTable =
    "<style>body{margin:0} table{width:100%;border-collapse:collapse}"
    "th,td{border:1px solid #ddd;padding:8px;text-align:left}</style>"
    "<table><tr><th>Goal</th><th>Baseline</th><th>Current</th><th>Progress</th></tr>"
    "<tr><td>Reduce generalized anxiety symptoms (GAD-7)</td><td>15</td><td>8</td>"
    "<td>47%</td></tr><tr><td colspan=3>Overall</td><td>58%</td></tr></table>";

TEST(DocxTable, SpecTableBecomesAWordTable) {
  const std::string doc = body_of(kSpecTable);
  EXPECT_EQ(count(doc, "<w:tbl>"), 1);
  EXPECT_EQ(count(doc, "<w:tr>"), 3);
  EXPECT_EQ(count(doc, "<w:tc>"), 10);
  // The first row is all th: a header row, repeated on every page.
  EXPECT_EQ(count(doc, "<w:tblHeader/>"), 1);
  EXPECT_LT(doc.find("<w:tblHeader/>"), doc.find(">Goal<"));
  EXPECT_TRUE(contains(doc, "<w:gridSpan w:val=\"3\"/>"));
  // width: 100% with no indentation: a percentage table (5000 = 100%).
  EXPECT_TRUE(contains(doc, "<w:tblW w:w=\"5000\" w:type=\"pct\"/>"));
  EXPECT_TRUE(contains(doc, "<w:tblLayout w:type=\"fixed\"/>"));
  // Cell borders per side, padding as cell margins (8px = 6pt = 120 twips).
  EXPECT_EQ(count(doc, "<w:left w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"DDDDDD\"/>"),
            10);
  EXPECT_TRUE(contains(doc,
                       "<w:tcMar><w:top w:w=\"120\" w:type=\"dxa\"/><w:left w:w=\"120\" "
                       "w:type=\"dxa\"/><w:bottom w:w=\"120\" w:type=\"dxa\"/><w:right "
                       "w:w=\"120\" w:type=\"dxa\"/></w:tcMar>"));
}

TEST(DocxTable, GridFillsTheContentWidthByContent) {
  const std::string doc = body_of(kSpecTable);
  const std::vector<int> cols = grid_columns(doc);
  ASSERT_EQ(cols.size(), 4u);
  int sum = 0;
  for (int c : cols) sum += c;
  EXPECT_NEAR(sum, 9360, 4);        // 6.5in of US Letter with 1in margins
  EXPECT_GT(cols[0], 2 * cols[1]);  // the long goal text gets the room
  EXPECT_TRUE(contains(doc, "<w:tcW w:w=\"" + std::to_string(cols[0]) + "\" w:type=\"dxa\"/>"));
}

TEST(DocxTable, ExplicitWidthsAreHonoured) {
  const std::string doc = body_of(
      "<body style='margin:0'><table style='width:400pt'><tr><td style='width:100pt'>a</td>"
      "<td style='width:25%'>b</td><td>c</td></tr></table>");
  EXPECT_TRUE(contains(doc, "<w:tblW w:w=\"8000\" w:type=\"dxa\"/>"));
  const std::vector<int> cols = grid_columns(doc);
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_EQ(cols[0], 2030);  // 100pt + 1px padding each side
  EXPECT_EQ(cols[1], 2000);  // 25% of 400pt
  EXPECT_NEAR(cols[0] + cols[1] + cols[2], 8000, 2);
}

TEST(DocxTable, SetWidthsYieldToWordsThatCannotWrap) {
  // 8% of 400pt is 32pt, narrower than "Baseline" at 12pt: the column takes the word's width.
  const std::string doc = body_of(
      "<table style='width:400pt'><tr><td style='width:8%'>Baseline</td><td>goal text</td></tr>"
      "</table>");
  const std::vector<int> cols = grid_columns(doc);
  ASSERT_EQ(cols.size(), 2u);
  EXPECT_GT(cols[0], 900);
  EXPECT_NEAR(cols[0] + cols[1], 8000, 2);
}

TEST(DocxTable, HeadRowsCellStylesAndRowspan) {
  const std::string doc = body_of(
      "<table><thead><tr><th>h1</th><th>h2</th></tr><tr><th>h3</th><th>h4</th></tr></thead>"
      "<tbody><tr><td rowspan=2 style='vertical-align:bottom;background:#abcdef'>tall</td>"
      "<td style='vertical-align:top'>x</td></tr><tr><td>y</td></tr></tbody>"
      "<tfoot><tr><td>f1</td><td>f2</td></tr></tfoot></table>");
  EXPECT_EQ(count(doc, "<w:tblHeader/>"), 2);
  EXPECT_TRUE(contains(doc, "<w:vMerge w:val=\"restart\"/>"));
  EXPECT_EQ(count(doc, "<w:vMerge/>"), 1);
  EXPECT_TRUE(contains(doc, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"ABCDEF\"/>"));
  EXPECT_TRUE(contains(doc, "<w:vAlign w:val=\"bottom\"/>"));
  EXPECT_TRUE(contains(doc, "<w:vAlign w:val=\"center\"/>"));  // td inherits middle from tr
  // The continuation cell comes first in its row; "y" follows it.
  EXPECT_LT(doc.find("<w:vMerge/>"), doc.find(">y<"));
  EXPECT_GT(doc.find("<w:vMerge/>"), doc.find(">x<"));
}

TEST(DocxTable, CellsEndWithAParagraphAndTablesNest) {
  const std::string doc =
      body_of("<table><tr><td></td><td><table><tr><td>inner</td></tr></table></td></tr></table>");
  EXPECT_EQ(count(doc, "<w:tbl>"), 2);
  EXPECT_EQ(doc.find("</w:tbl></w:tc>"), std::string::npos);
  const std::regex empty_cell("</w:tcPr></w:tc>");
  EXPECT_FALSE(std::regex_search(doc, empty_cell));
  // The body does not end with a table either.
  EXPECT_EQ(doc.find("</w:tbl><w:sectPr>"), std::string::npos);
}

TEST(DocxTable, AdjacentTablesStaySeparate) {
  // Word and LibreOffice merge consecutive w:tbl elements into one table.
  const std::string doc = body_of(
      "<table><tr><td>one</td></tr></table><div><table><tr><td>two</td><td>2</td></tr></table>"
      "</div>");
  EXPECT_EQ(count(doc, "<w:tbl>"), 2);
  EXPECT_EQ(doc.find("</w:tbl><w:tbl>"), std::string::npos);
  EXPECT_NE(doc.find("</w:tbl><w:p>"), std::string::npos);
}

TEST(DocxTable, CenteredTableAndIndentation) {
  const std::string centered = body_of("<table style='margin: 0 auto'><tr><td>c</td></tr></table>");
  EXPECT_TRUE(contains(centered, "<w:jc w:val=\"center\"/>"));
  const std::string quoted =
      body_of("<body style='margin:0'><blockquote><table><tr><td>q</td></tr></table></blockquote>");
  EXPECT_TRUE(contains(quoted, "<w:tblInd w:w=\"600\" w:type=\"dxa\"/>"));  // 40px
}

TEST(DocxTable, ContentWidthEstimates) {
  auto document = doc::build_document(
      "<body style='font: 10pt Arial'><table><tr><td style='padding:0'>10<br>telehealth</td>"
      "<td style='padding:0'>Marcus Delacroix, PhD</td>"
      "<td style='padding:0; white-space:nowrap'>21:00 UTC</td></tr></table>",
      doc::RenderOptions{});
  ASSERT_TRUE(document.ok());
  const doc::Node& row = document->body.children.at(0).children.at(0);
  const ContentWidth br = estimate_content_width(row.children[0]);
  EXPECT_NEAR(br.max, br.min, 0.01);  // the longest line is "telehealth"
  EXPECT_NEAR(br.min, 45, 8);         // ≈ 44pt in Arial 10pt
  const ContentWidth name = estimate_content_width(row.children[1]);
  EXPECT_NEAR(name.max, 108, 12);  // ≈ 107pt
  EXPECT_NEAR(name.min, 45, 8);    // "Delacroix,"
  const ContentWidth nowrap = estimate_content_width(row.children[2]);
  EXPECT_EQ(nowrap.min, nowrap.max);
}

TEST(DocxTable, GridPlacementFollowsTheHtmlTableModel) {
  auto document = doc::build_document(
      "<table><tr><td rowspan=3>a</td><td colspan=2>b</td></tr><tr><td>c</td></tr>"
      "<tr><td>d</td><td>e</td></tr></table>",
      doc::RenderOptions{});
  ASSERT_TRUE(document.ok());
  const doc::Node& table = document->body.children.at(0);
  const TableGrid grid = make_table_grid(table, 400);
  ASSERT_EQ(grid.columns.size(), 3u);
  ASSERT_EQ(grid.rows.size(), 3u);
  EXPECT_EQ(grid.rows[1][0].continuation, true);
  EXPECT_EQ(grid.rows[1][1].column, 1);
  EXPECT_EQ(grid.rows[2][0].continuation, true);
  EXPECT_EQ(grid.rows[2][2].column, 2);
  EXPECT_EQ(grid.rows[0][0].rowspan, 3);

  auto wide =
      doc::build_document("<table><tr><td colspan=1000>x</td></tr></table>", doc::RenderOptions{});
  ASSERT_TRUE(wide.ok());
  EXPECT_EQ(make_table_grid(wide->body.children.at(0), 400).columns.size(), 63u);  // Word's max
}

}  // namespace
}  // namespace dossier::docx
