// Templates never reach the network or the file system.
#include <cairo.h>
#include <gtest/gtest.h>
#include <chrono>

#include "core/base64.h"
#include "doc/html_parser.h"
#include "doc/render.h"
#include "doc_test_support.h"

namespace dossier::doc {
namespace {

using testing::TempDir;

bool has_note(const std::vector<std::string>& notes, const std::string& text) {
  for (const auto& n : notes) {
    if (n.find(text) != std::string::npos) return true;
  }
  return false;
}

// Counts clearly red pixels (the colour of the bait image below).
int red_pixels(const std::string& png) {
  const auto px = testing::decode_png(png);
  int red = 0;
  for (uint32_t p : px.argb) {
    const int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
    red += r > 200 && g < 80 && b < 80;
  }
  return red;
}

// A 4×4 opaque red PNG, written by cairo.
std::string red_png() {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 4, 4);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string out;
  cairo_surface_write_to_png_stream(
      s,
      [](void* c, const unsigned char* d, unsigned int n) {
        static_cast<std::string*>(c)->append(reinterpret_cast<const char*>(d), n);
        return CAIRO_STATUS_SUCCESS;
      },
      &out);
  cairo_surface_destroy(s);
  return out;
}

TEST(Security, FileAndNetworkSourcesAreIgnoredAndNoted) {
  TempDir dir;
  const std::string bait = dir.write("bait.png", red_png());
  const std::string html =
      "<link rel=stylesheet href='http://127.0.0.1:9/x.css'>"
      "<style>@import url('http://127.0.0.1:9/y.css');</style>"
      "<img src='file:///etc/passwd'><img src='file://" +
      bait +
      "'>"
      "<img src='http://127.0.0.1:9/x.png'><img src='" +
      bait +
      "'>"
      "<p>still renders</p>";
  auto pdf = render_pdf(html, RenderOptions{});
  ASSERT_TRUE(pdf.ok());
  EXPECT_TRUE(has_note(pdf->notes, "ignored <link> element"));
  EXPECT_TRUE(has_note(pdf->notes, "ignored @import"));
  EXPECT_TRUE(has_note(pdf->notes, "ignored image source with scheme file"));
  EXPECT_TRUE(has_note(pdf->notes, "ignored image source with scheme http"));
  EXPECT_TRUE(has_note(pdf->notes, "no asset resolver"));  // the bare path is not a file read
  const std::string text = testing::pdf_text(pdf->bytes);
  EXPECT_NE(text.find("still renders"), std::string::npos);
  EXPECT_EQ(text.find("root:"), std::string::npos);
  auto png = render_png_pages(html, RenderOptions{}, 30);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(red_pixels(png->front()), 0);
}

TEST(Security, SvgCannotLoadExternalImages) {
  TempDir dir;
  const std::string bait = dir.write("bait.png", red_png());
  const std::string svg =
      "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' "
      "width='200' height='200'><image href='file://" +
      bait +
      "' width='200' height='200'/>"
      "<image xlink:href='" +
      bait +
      "' width='200' height='200'/>"
      "<image href='file:///etc/passwd' width='200' height='200'/></svg>";
  // Inline, and as a data: URI.
  const std::string html =
      "<p>" + svg + "</p><p><img src='data:image/svg+xml;base64," + base64_encode(svg) + "'></p>";
  auto png = render_png_pages(html, RenderOptions{}, 30);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(red_pixels(png->front()), 0);
  // The same bait embedded as data: is drawn, so the check above can see red.
  const std::string ok_html =
      "<img style='width:100px' src='data:image/png;base64," + base64_encode(red_png()) + "'>";
  auto shown = render_png_pages(ok_html, RenderOptions{}, 30);
  ASSERT_TRUE(shown.ok());
  EXPECT_GT(red_pixels(shown->front()), 100);
}

TEST(Security, AssetResolverSuppliesTemplateAssets) {
  RenderOptions options;
  std::vector<std::string> asked;
  options.assets = [&](std::string_view name) -> std::optional<std::string> {
    asked.emplace_back(name);
    if (name == "logo.png") return red_png();
    return std::nullopt;
  };
  auto png = render_png_pages("<img style='width:100px' src='logo.png'><img src='missing.png'>",
                              options, 30);
  ASSERT_TRUE(png.ok());
  EXPECT_GT(red_pixels(png->front()), 100);
  EXPECT_EQ(asked, (std::vector<std::string>{"logo.png", "missing.png"}));
}

TEST(Security, HostileMarkupDoesNotCrash) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div><span>";
  deep += "x";
  auto pdf = render_pdf(deep, RenderOptions{});
  ASSERT_TRUE(pdf.ok());
  static constexpr char kBroken[] = "\xff\xfe<p>\xc3\x28 broken utf8 \xe2\x82</p>\0x";
  auto bad = render_pdf(std::string(kBroken, sizeof(kBroken) - 1), RenderOptions{});
  ASSERT_TRUE(bad.ok());
  auto garbage_css = render_pdf(
      "<style>}}{{@media{ @page { size: -5in; margin: 99in } "
      "p { font-size: 1e9pt; width: -1px; border: 1e9px solid } "
      "</style><p>x</p><table><tr><td colspan=99999>y</td></tr></table>",
      RenderOptions{});
  ASSERT_TRUE(garbage_css.ok());
}

// Pango breaks a long word in time that grows with the square of its length (a word of
// 100,000 characters took seconds), so long runs get a zero-width break opportunity every
// 100 characters; every character is still there, and ordinary words are left alone.
TEST(Security, VeryLongWordsGetBreakOpportunities) {
  const std::string word(100'000, 'x');
  auto dom = parse_html("<p>" + word + "</p><p>short words stay whole</p>");
  ASSERT_TRUE(dom.ok());
  const DomNode& body = *dom->root->children.back();
  const std::string& long_text = body.children.at(0)->children.at(0)->text;
  size_t run = 0, longest = 0, xs = 0;
  for (size_t i = 0; i < long_text.size(); ++i) {
    if (long_text.compare(i, 3, "\u200b") == 0) {
      run = 0;
      i += 2;
      continue;
    }
    xs += long_text[i] == 'x';
    longest = std::max(longest, ++run);
  }
  EXPECT_EQ(xs, word.size());
  EXPECT_EQ(longest, 100u);
  EXPECT_EQ(body.children.at(1)->children.at(0)->text, "short words stay whole");
  auto pdf = render_pdf("<p>" + word + "</p>", RenderOptions{});
  ASSERT_TRUE(pdf.ok());
  std::string text = testing::pdf_text(pdf->bytes);
  std::erase_if(text, [](char c) { return c != 'x'; });
  EXPECT_EQ(text.size(), word.size());
}

TEST(Security, ADocumentOfTooManyNodesIsRefused) {
  std::string html;
  for (int i = 0; i < 130'000; ++i) html += "<p>x</p>";
  auto pdf = render_pdf(html, RenderOptions{});
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(pdf.error().detail.find("more than 250000 elements"), std::string::npos);
}

}  // namespace
}  // namespace dossier::doc
