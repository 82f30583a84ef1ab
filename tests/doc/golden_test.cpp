// Pixel comparisons of small rendered pages against tests/doc/golden/*.png.
// DOSSIER_UPDATE_GOLDEN=1 rewrites the goldens; a mismatch writes <name>-FAILED.png.
#include <gtest/gtest.h>

#include "core/base64.h"
#include "doc/render.h"
#include "doc_test_support.h"

namespace dossier::doc {
namespace {

constexpr const char* kPage = R"x(<style>
  @page { size: 320pt 240pt; margin: 16pt;
          @bottom-right { content: counter(page) "/" counter(pages); font-size: 7pt } }
  body { margin: 0; font-family: Arial; font-size: 9pt }
</style>)x";

void check(const std::string& name, const std::string& body) {
  auto pages = render_png_pages(std::string(kPage) + body, RenderOptions{}, 72);
  ASSERT_TRUE(pages.ok());
  ASSERT_FALSE(pages->empty());
  EXPECT_EQ(testing::compare_with_golden(name, pages->front()), "");
}

TEST(Golden, TextStyles) {
  check("text_styles", R"x(<h1 style="color:#1a4d8f">Heading <em>one</em></h1>
    <p>Regular, <b>bold</b>, <i>italic</i>, <u>underlined</u>, <s>struck</s>,
    <span style="color:#c00">red</span>, <span style="background:#ff0">marked</span>,
    x<sup>2</sup> and H<sub>2</sub>O.</p>
    <p style="text-align:center; font-family: Times; font-size: 12pt">Centred serif</p>
    <p style="text-align:right; font-family: Courier">right mono</p>
    <p style="text-align:justify">Justified text that runs over more than one line so that the
    spaces of the first line are stretched to the full width of the page content box.</p>)x");
}

TEST(Golden, Table) {
  check("table", R"x(<style>
      table { width: 100%; border-collapse: collapse }
      th, td { border: 1px solid #888; padding: 3pt }
      th { background: #dde6f0; text-align: left }
      tr:nth-child(even) td { background: #f4f4f4 }
    </style>
    <table><thead><tr><th>Goal</th><th style="width:50pt">Score</th><th>Note</th></tr></thead>
    <tr><td>Sleep</td><td style="text-align:right">62%</td><td rowspan=1>steady</td></tr>
    <tr><td colspan=2>Spanning two columns</td><td style="vertical-align:bottom">a<br>b<br>c</td></tr>
    <tr><td>Anxiety</td><td style="text-align:right">47%</td><td>improving</td></tr></table>)x");
}

TEST(Golden, ListsBoxesAndRules) {
  check("lists_boxes",
        R"x(<ul><li>Disc item</li><li>Second <ul><li>nested circle</li></ul></li></ul>
    <ol type=1 start=9><li>nine</li><li>ten</li></ol>
    <div style="border: 2px dashed #396; background: #eef7ee; padding: 4pt; margin: 4pt 20pt">
      Box with a dashed border</div>
    <hr><blockquote style="margin: 2pt 30pt; border-left: 3pt solid #aaa; padding-left: 4pt">
      Quoted text</blockquote>)x");
}

TEST(Golden, Images) {
  const std::string svg =
      R"x(<svg width="60" height="40" viewBox="0 0 60 40"><rect x="2" y="2" width="56" height="36"
      fill="#f80" stroke="#333" stroke-width="2"/><circle cx="30" cy="20" r="12" fill="#06c"/>
      <linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1"
      stop-color="#000"/></linearGradient><rect x="10" y="30" width="40" height="6"
      fill="url(#g)"/></svg>)x";
  check("images", "<p>Inline svg: " + svg +
                      " and as data: <img style='width:30pt' src='data:image/svg+xml;base64," +
                      base64_encode(svg) + "'></p><p style='text-align:center'>" + svg + "</p>");
}

}  // namespace
}  // namespace dossier::doc
