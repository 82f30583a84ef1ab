// The CMS-1500: its geometry is sane, its values follow the NUCC instructions, and pages
// hold six lines with the total on the last one.
#include <gtest/gtest.h>

#include "claims/claim_test_context.h"
#include "claims/cms1500_form.h"
#include "claims/cms1500_pdf.h"
#include "claims/cms1500_values.h"

namespace dossier::claims::cms1500 {
namespace {

bool overlap(const Box& a, const Box& b) {
  return a.x < b.x + b.width - 0.01 && b.x < a.x + a.width - 0.01 && a.y < b.y + b.height - 0.01 &&
         b.y < a.y + a.height - 0.01;
}

TEST(Cms1500FormTest, BoxesStayOnThePageAndNeverOverlap) {
  const LineGrid& g = line_grid();
  const double grid_bottom = g.top + g.header_height + kLinesPerPage * g.row_height;
  for (const Box& a : boxes()) {
    EXPECT_GE(a.x, 12) << a.item;
    EXPECT_LE(a.x + a.width, kPageWidth - 12) << a.item;
    EXPECT_LE(a.y + a.height, kPageHeight - 12) << a.item;
    EXPECT_FALSE(a.y < grid_bottom && a.y + a.height > g.top) << a.item << " crosses item 24";
    for (const Box& b : boxes()) {
      if (&a != &b) {
        EXPECT_FALSE(overlap(a, b)) << a.item << " and " << b.item;
      }
    }
  }
}

TEST(Cms1500ValuesTest, ItemsFromTheContext) {
  const auto pages = form_pages(testing::complete_context(), "2026-01-20");
  ASSERT_EQ(pages.size(), 1u);
  const auto& items = pages[0].items;
  EXPECT_EQ(items.at("1a"), "XYZ123456789");
  EXPECT_EQ(items.at("2"), "Doe, Jane");
  EXPECT_EQ(items.at("3"), "01 01 1990    F");
  EXPECT_EQ(items.at("6"), "[X] SELF");
  EXPECT_EQ(items.at("12"), "SIGNATURE ON FILE    DATE 01 20 2026");
  EXPECT_NE(items.at("21").find("A. F411"), std::string::npos);
  EXPECT_NE(items.at("21").find("B. F331"), std::string::npos);
  EXPECT_EQ(items.at("25"), "12-3456789    [X] EIN");
  EXPECT_EQ(items.at("28"), "270.50");
  EXPECT_EQ(items.at("33a"), "1245319599");
  ASSERT_EQ(pages[0].lines.size(), 2u);
  const auto& cells = pages[0].lines[0].cells;
  EXPECT_EQ(cells[0], "01 10 26  01 10 26");
  EXPECT_EQ(cells[1], "10");
  EXPECT_EQ(cells[3], "90837 95");
  EXPECT_EQ(cells[4], "AB");
  EXPECT_EQ(cells[5], "150.00");
  EXPECT_EQ(cells[9], "1234567893");
}

TEST(Cms1500ValuesTest, NamesAreWrittenInTheLatinAlphabet) {
  Json ctx = testing::complete_context();
  ctx["patient"]["middle_name"] = "Øyvind";
  ctx["patient"]["family_name"] = "Иванова";
  EXPECT_EQ(form_pages(ctx, "2026-01-20")[0].items.at("2"), "Ivanova, Jane, O");
}

TEST(Cms1500ValuesTest, SixLinesAPageTotalOnTheLast) {
  Json ctx = testing::complete_context();
  Json lines = Json::array();
  for (int i = 0; i < 13; ++i)
    lines.push_back(testing::line("2026-02-02", "90834", 10000, {}, "11"));
  ctx["service_lines"] = lines;
  const auto pages = form_pages(ctx, "2026-03-01");
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[0].lines.size(), 6u);
  EXPECT_EQ(pages[2].lines.size(), 1u);
  EXPECT_EQ(pages[0].items.at("28"), "CONTINUED");
  EXPECT_EQ(pages[2].items.at("28"), "1300.00");
  EXPECT_EQ(pages[1].page_label, "PAGE 2 OF 3");
}

TEST(Cms1500PdfTest, PaintsOnePageAForm) {
  const auto pdf =
      paint_pdf(form_pages(testing::complete_context(), "2026-01-20"), "2026-01-20T10:00:00.000Z");
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_NE(pdf->find("/Count 1"), std::string::npos);
}

TEST(Cms1500PdfTest, MalformedTextStillPaintsEveryPage) {
  Json ctx = testing::complete_context();
  ctx["patient"]["family_name"] = std::string("Do\xC3");  // a sequence cut short
  Json lines = Json::array();
  for (int i = 0; i < 7; ++i) lines.push_back(testing::line("2026-02-02", "90834", 100, {}, "11"));
  ctx["service_lines"] = lines;
  const auto pdf = paint_pdf(form_pages(ctx, "2026-03-01"), "");
  ASSERT_TRUE(pdf.ok());
  EXPECT_NE(pdf->find("/Count 2"), std::string::npos);
}

}  // namespace
}  // namespace dossier::claims::cms1500
