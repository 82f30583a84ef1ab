// write_docx(): images, the page (size, margins, orientation) and running headers/footers.
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gtest/gtest.h>

#include <regex>

#include "core/base64.h"
#include "docx_test_support.h"

namespace dossier::docx {
namespace {

using testing::count;
using testing::Docx;
using testing::docx_from_html;

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string red_png(int w, int h) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(s, append, &png);
  cairo_surface_destroy(s);
  return png;
}

std::string blue_jpeg() {
  GdkPixbuf* pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
  gdk_pixbuf_fill(pb, 0x0000ffff);
  gchar* buf = nullptr;
  gsize len = 0;
  gdk_pixbuf_save_to_buffer(pb, &buf, &len, "jpeg", nullptr, nullptr);
  std::string out(buf, len);
  g_free(buf);
  g_object_unref(pb);
  return out;
}

std::string data_uri(std::string_view type, const std::string& bytes) {
  return "data:" + std::string(type) + ";base64," + base64_encode(bytes);
}

TEST(DocxImages, PngAndJpegAreEmbeddedAsTheyAre) {
  const std::string png = red_png(40, 20);
  const std::string jpeg = blue_jpeg();
  const Docx d =
      docx_from_html("<p><img alt='Red box' src='" + data_uri("image/png", png) + "'> <img src='" +
                     data_uri("image/jpeg", jpeg) + "' style='width:64px'></p>");
  EXPECT_EQ(d.part("word/media/image1.png"), png);
  EXPECT_EQ(d.part("word/media/image2.jpeg"), jpeg);
  const std::string& rels = d.part("word/_rels/document.xml.rels");
  EXPECT_TRUE(contains(rels, "Target=\"media/image1.png\""));
  EXPECT_TRUE(contains(rels, "Target=\"media/image2.jpeg\""));
  const std::string& doc = d.part("word/document.xml");
  EXPECT_EQ(count(doc, "<wp:inline "), 2);
  // 40×20 px = 30×15 pt = 381000×190500 EMU; the JPEG at 64px square = 609600 EMU.
  EXPECT_TRUE(contains(doc, "<wp:extent cx=\"381000\" cy=\"190500\"/>"));
  EXPECT_TRUE(contains(doc, "<wp:extent cx=\"609600\" cy=\"609600\"/>"));
  EXPECT_TRUE(contains(doc, "<wp:docPr id=\"1\" name=\"Picture 1\" descr=\"Red box\"/>"));
  EXPECT_TRUE(contains(doc, "<wp:docPr id=\"2\""));
  EXPECT_TRUE(contains(doc, "<a:blip r:embed=\"rId1\"/>"));
  EXPECT_TRUE(contains(d.part("[Content_Types].xml"), "Extension=\"jpeg\""));
}

TEST(DocxImages, WideImagesAreScaledToTheContentWidth) {
  const std::string doc = docx_from_html("<body style='margin:0'><img src='" +
                                         data_uri("image/png", red_png(1248, 100)) + "'>")
                              .part("word/document.xml");
  // 1248px = 936pt, wider than 468pt: halved to 468pt × 37.5pt.
  EXPECT_TRUE(contains(doc, "<wp:extent cx=\"5943600\" cy=\"476250\"/>"));
}

TEST(DocxImages, SvgIsRasterizedAtTwiceItsSize) {
  const Docx d = docx_from_html(
      "<p><svg xmlns='http://www.w3.org/2000/svg' width='120' height='60'>"
      "<rect width='120' height='60' fill='#0a0'/></svg></p>");
  const std::string& png = d.part("word/media/image1.png");
  ASSERT_GT(png.size(), 24u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  auto be32 = [&](size_t at) {
    return (static_cast<uint8_t>(png[at]) << 24) | (static_cast<uint8_t>(png[at + 1]) << 16) |
           (static_cast<uint8_t>(png[at + 2]) << 8) | static_cast<uint8_t>(png[at + 3]);
  };
  EXPECT_EQ(be32(16), 240u);  // IHDR width
  EXPECT_EQ(be32(20), 120u);  // IHDR height
  EXPECT_TRUE(contains(d.part("word/document.xml"), "<wp:extent cx=\"1143000\" cy=\"571500\"/>"));
}

TEST(DocxImages, UnusableImagesFallBackToAltText) {
  const std::string doc =
      docx_from_html("<p><img alt='Chart unavailable' src='https://example.org/x.png'></p>")
          .part("word/document.xml");
  EXPECT_FALSE(contains(doc, "<w:drawing>"));
  EXPECT_TRUE(contains(doc, ">Chart unavailable<"));
}

TEST(DocxPage, SizeMarginsAndOrientation) {
  const std::string letter = docx_from_html("<p>x</p>").part("word/document.xml");
  EXPECT_TRUE(contains(letter, "<w:pgSz w:w=\"12240\" w:h=\"15840\"/>"));
  // The body's 8px side margins widen the page margins instead of indenting every paragraph.
  EXPECT_TRUE(contains(letter,
                       "<w:pgMar w:top=\"1440\" w:right=\"1560\" w:bottom=\"1440\" "
                       "w:left=\"1560\""));
  EXPECT_FALSE(contains(letter, "<w:ind "));
  const std::string a4 =
      docx_from_html(
          "<style>@page{size:A4 landscape;margin:2cm 1cm} body{margin:0}</style><p>x</p>")
          .part("word/document.xml");
  EXPECT_TRUE(contains(a4, "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"));
  EXPECT_TRUE(contains(a4,
                       "<w:pgMar w:top=\"1134\" w:right=\"567\" w:bottom=\"1134\" "
                       "w:left=\"567\""));
}

TEST(DocxPage, FooterWithPageFieldsAndHeaderSlots) {
  const Docx d = docx_from_html(
      "<style>@page{@bottom-center{content:'Page ' counter(page) ' of ' counter(pages)}"
      "@top-left{content:'Jordan & Co'} @top-right{content:'CONFIDENTIAL'}}</style><p>x</p>");
  const std::string& footer = d.part("word/footer1.xml");
  const std::string& header = d.part("word/header1.xml");
  ASSERT_FALSE(footer.empty());
  ASSERT_FALSE(header.empty());
  EXPECT_TRUE(contains(footer, "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
  EXPECT_TRUE(contains(footer, "<w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText>"));
  EXPECT_EQ(count(footer, "<w:fldChar w:fldCharType=\"begin\"/>"), 2);
  EXPECT_TRUE(contains(footer, "<w:pStyle w:val=\"Footer\"/><w:jc w:val=\"center\"/>"));
  EXPECT_TRUE(contains(footer, ">Page </w:t>"));
  EXPECT_TRUE(contains(footer, "> of </w:t>"));
  // Left and right slots: tabs to the Header style's centre and right stops.
  EXPECT_TRUE(contains(header,
                       ">Jordan &amp; Co</w:t></w:r><w:r><w:tab/></w:r><w:r><w:tab/>"
                       "</w:r><w:r>"));
  EXPECT_TRUE(contains(d.part("word/styles.xml"), "<w:tab w:val=\"right\" w:pos=\"9120\"/>"));
  const std::string& doc = d.part("word/document.xml");
  const std::regex refs(
      "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"(rId[0-9]+)\"/>"
      "<w:footerReference w:type=\"default\" r:id=\"(rId[0-9]+)\"/>");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(doc, m, refs));
  const std::string& rels = d.part("word/_rels/document.xml.rels");
  EXPECT_TRUE(
      contains(rels, "Id=\"" + m[1].str() +
                         "\" Type=\"http://schemas.openxmlformats.org/"
                         "officeDocument/2006/relationships/header\" Target=\"header1.xml\""));
  EXPECT_TRUE(
      contains(rels, "Id=\"" + m[2].str() +
                         "\" Type=\"http://schemas.openxmlformats.org/"
                         "officeDocument/2006/relationships/footer\" Target=\"footer1.xml\""));
  EXPECT_TRUE(contains(d.part("[Content_Types].xml"), "/word/footer1.xml"));
}

TEST(DocxPage, NoMarginBoxesNoHeaderParts) {
  const Docx d = docx_from_html("<p>x</p>");
  EXPECT_FALSE(d.parts.count("word/header1.xml"));
  EXPECT_FALSE(d.parts.count("word/footer1.xml"));
  EXPECT_FALSE(contains(d.part("word/document.xml"), "headerReference"));
}

}  // namespace
}  // namespace dossier::docx
