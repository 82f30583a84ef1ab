// Renders real HTML to PDF and checks the result with poppler-utils and qpdf.
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gtest/gtest.h>

#include <thread>

#include "core/base64.h"

#include "doc/render.h"
#include "doc_test_support.h"

namespace dossier::doc {
namespace {

using testing::pdf_info;
using testing::pdf_page_count;
using testing::pdf_text;
using testing::run;
using testing::TempDir;

RenderedPdf render(const std::string& html, RenderOptions options = {}) {
  options.creation_date = "2024-03-10T14:02:00Z";
  auto pdf = render_pdf(html, options);
  EXPECT_TRUE(pdf.ok());
  return pdf.ok() ? std::move(pdf).value() : RenderedPdf{};
}

std::string qpdf_check(const std::string& pdf) {
  TempDir dir;
  const auto r = run("qpdf --check '" + dir.write("in.pdf", pdf) + "'");
  return r.exit_code == 0 && r.output.find("WARNING") == std::string::npos ? "" : r.output;
}

// Positions of `needles` in `text`, which must be increasing (reading order).
void expect_in_order(const std::string& text, const std::vector<std::string>& needles) {
  size_t at = 0;
  for (const std::string& n : needles) {
    const size_t found = text.find(n, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << n << "\n" << text;
    at = found + n.size();
  }
}

std::string long_document(int paragraphs) {
  std::string html = R"(<html><head><title>Long</title><style>
      @page { size: Letter; margin: 1in;
        @bottom-center { content: "Page " counter(page) " of " counter(pages) }
        @top-right { content: "Confidential" } }
      body { font-family: Times; }</style></head><body><h1>Chapter One</h1>)";
  for (int i = 0; i < paragraphs; ++i) {
    if (i == paragraphs / 2) html += "<h2>Second part</h2>";
    html += "<p>Paragraph " + std::to_string(i) +
            ". The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor "
            "jugs. Sphinx of black quartz, judge my vow.</p>";
  }
  return html + "</body></html>";
}

TEST(PdfRender, TextInReadingOrderAndValidPdf) {
  const RenderedPdf pdf = render(R"(<h1>Title</h1><p>First <b>bold</b> and <i>italic</i>.</p>
      <table><tr><th>Name</th><th>Value</th></tr><tr><td>alpha</td><td>1</td></tr></table>
      <ul><li>item one</li><li>item two</li></ul><p>Last.</p>)");
  EXPECT_EQ(pdf.page_count, 1);
  EXPECT_EQ(qpdf_check(pdf.bytes), "");
  const std::string text = pdf_text(pdf.bytes);
  expect_in_order(text, {"Title", "First bold and italic.", "Name", "Value", "alpha", "1",
                         "item one", "item two", "Last."});
}

TEST(PdfRender, PageCountsAndRunningFooters) {
  const RenderedPdf pdf = render(long_document(60));
  ASSERT_GE(pdf.page_count, 3);
  EXPECT_EQ(pdf_page_count(pdf.bytes), pdf.page_count);
  const std::string text = pdf_text(pdf.bytes);
  const std::string total = std::to_string(pdf.page_count);
  EXPECT_NE(text.find("Page 1 of " + total), std::string::npos);
  EXPECT_NE(text.find("Page 2 of " + total), std::string::npos);
  EXPECT_NE(text.find("Page " + total + " of " + total), std::string::npos);
  EXPECT_NE(text.find("Confidential"), std::string::npos);
  EXPECT_EQ(qpdf_check(pdf.bytes), "");
  // Every paragraph made it, in order.
  std::vector<std::string> order;
  for (int i = 0; i < 60; ++i) order.push_back("Paragraph " + std::to_string(i) + ".");
  expect_in_order(text, order);
}

TEST(PdfRender, BookmarksLinksAndMetadata) {
  const RenderedPdf pdf =
      render(long_document(40) + R"(<p><a href="https://example.org/help">help</a>
      <a href="#back">back</a></p><h1 id="back">Appendix</h1>)");
  TempDir dir;
  const std::string path = dir.write("in.pdf", pdf.bytes);
  const auto outlines = run("qpdf --json --json-key=outlines '" + path + "'");
  EXPECT_NE(outlines.output.find("\"title\": \"Chapter One\""), std::string::npos);
  EXPECT_NE(outlines.output.find("\"title\": \"Second part\""), std::string::npos);
  EXPECT_NE(outlines.output.find("\"title\": \"Appendix\""), std::string::npos);
  EXPECT_NE(pdf.bytes.find("/URI (https://example.org/help)"), std::string::npos);
  EXPECT_EQ(qpdf_check(pdf.bytes), "");
  const std::string info = pdf_info(pdf.bytes);
  EXPECT_NE(info.find("Title:           Long"), std::string::npos) << info;
  EXPECT_NE(info.find("Creator:         Dossier"), std::string::npos);
  EXPECT_NE(info.find("CreationDate:    Sun Mar 10 14:02:00 2024"), std::string::npos) << info;
}

// The text of the page with 0-based `index` (pdftotext separates pages by '\f').
std::string page_text(const std::string& text, int index) {
  size_t start = 0;
  for (int i = 0; i < index && start != std::string::npos; ++i) {
    start = text.find('\f', start);
    if (start != std::string::npos) ++start;
  }
  if (start == std::string::npos) return {};
  return text.substr(start, text.find('\f', start) - start);
}

// The line of `text` that contains `needle`, its runs of spaces collapsed into one ("" if none).
std::string line_with(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  if (at == std::string::npos) return {};
  const size_t begin = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  const std::string line = text.substr(begin, text.find('\n', at) - begin);
  std::string out;
  for (char c : line) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

TEST(PdfRender, TableOfContentsShowsThePagesOfItsTargets) {
  std::string html = R"html(<html><head><style>
      .toc { width: 100% } .toc td.page { text-align: right; width: 15% }
      .toc a.page::after { content: target-counter(attr(href), page) }
      .inline::after { content: " (page " target-counter(url(#later), page) ")" }
      h2 { page-break-before: always }
    </style></head><body><h1>Contents</h1><table class=toc>
      <tr><td><a href="#first">First section</a></td>
          <td class=page><a class=page href="#first"></a></td></tr>
      <tr><td><a href="#second">Second section</a></td>
          <td class=page><a class=page href="#second"></a></td></tr>
      <tr><td><a href="#later">Later section</a></td>
          <td class=page><a class=page href="#later"></a></td></tr>
      <tr><td>Missing section</td><td class=page><a class=page href="#missing"></a></td></tr>
    </table><p><a class=inline href="#later">See the later section</a>.</p>
    <h2 id=first>First section</h2><p>One.</p>
    <h2 id=second>Second section</h2><p>Two.</p>)html";
  for (int i = 0; i < 9; ++i) html += "<h2>Filler " + std::to_string(i) + "</h2><p>x</p>";
  html += "<h2 id=later>Later section</h2><p>Last.</p></body></html>";
  const RenderedPdf pdf = render(html);
  ASSERT_EQ(pdf.page_count, 13);
  const std::string text = pdf_text(pdf.bytes);
  const std::string contents = page_text(text, 0);
  EXPECT_EQ(line_with(contents, "First section"), "First section 2") << contents;
  EXPECT_EQ(line_with(contents, "Second section"), "Second section 3") << contents;
  EXPECT_EQ(line_with(contents, "Later section"), "Later section 13") << contents;
  EXPECT_EQ(line_with(contents, "Missing section"), "Missing section") << contents;
  EXPECT_EQ(line_with(contents, "See the later"), "See the later section (page 13).") << contents;
  EXPECT_EQ(contents.find("000"), std::string::npos);  // no placeholder left
  EXPECT_NE(page_text(text, 1).find("First section"), std::string::npos);
  EXPECT_NE(page_text(text, 2).find("Second section"), std::string::npos);
  EXPECT_NE(page_text(text, 12).find("Later section"), std::string::npos);
  ASSERT_EQ(pdf.notes.size(), 1u);
  EXPECT_EQ(pdf.notes[0], "ignored page reference to an element not in the document");
  EXPECT_EQ(qpdf_check(pdf.bytes), "");
}

TEST(PdfRender, MetadataFromMetaTagsAndOverrides) {
  RenderOptions options;
  options.metadata.author = "Override Author";
  const RenderedPdf pdf = render(
      R"(<head><title>T</title><meta name="author" content="Dr. A"><meta name="subject"
      content="Progress"></head><p>x</p>)",
      options);
  const std::string info = pdf_info(pdf.bytes);
  EXPECT_NE(info.find("Author:          Override Author"), std::string::npos) << info;
  EXPECT_NE(info.find("Subject:         Progress"), std::string::npos) << info;
}

TEST(PdfRender, SpecProgressReportTemplate) {
  const std::string html = testing::read_file(testing::data_dir() + "/progress_report.html");
  ASSERT_FALSE(html.empty());
  const RenderedPdf pdf = render(html);
  EXPECT_GE(pdf.page_count, 5);
  EXPECT_LE(pdf.page_count, 7);
  EXPECT_EQ(qpdf_check(pdf.bytes), "");
  const std::string text = pdf_text(pdf.bytes);
  expect_in_order(
      text, {"Progress Report", "Patient: Jordan Rivera", "Diagnosis",
             "F41.1 - Generalized anxiety disorder", "Treatment Goals & Progress", "Goal",
             "Baseline", "Current", "Progress", "47%", "Assessment Results", "Session Summaries",
             "Session 1", "Session 14", "Clinical Summary & Recommendations"});
  // The assessment table continues on page 2 under a repeated header row.
  const size_t page2 = text.find('\f');
  ASSERT_NE(page2, std::string::npos);
  EXPECT_NE(text.find("Instrument", page2), std::string::npos);
  EXPECT_TRUE(pdf.notes.empty());
}

TEST(PdfRender, EncryptsWithAes256) {
  const RenderedPdf pdf = render("<p>secret text</p>");
  auto encrypted = encrypt_pdf(pdf.bytes, "user-pw", "owner-pw");
  ASSERT_TRUE(encrypted.ok());
  TempDir dir;
  const std::string path = dir.write("enc.pdf", *encrypted);
  const auto show = run("qpdf --show-encryption --password=user-pw '" + path + "'");
  EXPECT_NE(show.output.find("R = 6"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("AESv3"), std::string::npos) << show.output;
  EXPECT_NE(run("pdftotext '" + path + "' -").exit_code, 0);  // no password: refused
  EXPECT_NE(run("pdftotext -upw user-pw '" + path + "' -").output.find("secret text"),
            std::string::npos);
  EXPECT_EQ(run("qpdf --check --password=user-pw '" + path + "'").exit_code, 0);
  EXPECT_FALSE(encrypt_pdf("not a pdf", "a", "b").ok());
}

TEST(PdfRender, PngPages) {
  auto pages = render_png_pages(long_document(60), RenderOptions{}, 30);
  ASSERT_TRUE(pages.ok());
  ASSERT_GE(pages->size(), 3u);
  const auto px = testing::decode_png(pages->front());
  EXPECT_EQ(px.width, 255);  // 8.5in at 30 dpi
  EXPECT_EQ(px.height, 330);
}

// A 16×16 blue JPEG encoded by gdk-pixbuf.
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

TEST(PdfRender, JpegImagesEmbedAsIs) {
  const std::string html =
      "<img style='width:100px' src='data:image/jpeg;base64," + base64_encode(blue_jpeg()) + "'>";
  const RenderedPdf pdf = render(html);
  EXPECT_TRUE(pdf.notes.empty());
  EXPECT_NE(pdf.bytes.find("/DCTDecode"), std::string::npos);
  EXPECT_EQ(qpdf_check(pdf.bytes), "");
  auto png = render_png_pages(html, RenderOptions{}, 72);
  ASSERT_TRUE(png.ok());
  const auto px = testing::decode_png(png->front());
  int blue = 0;
  for (uint32_t p : px.argb) blue += (p & 0xFF) > 200 && ((p >> 16) & 0xFF) < 60;
  EXPECT_GT(blue, 2000);
}

TEST(PdfRender, ConcurrentRendersAreIndependent) {
  const std::string html = testing::read_file(testing::data_dir() + "/progress_report.html");
  std::vector<int> pages(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < pages.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        auto pdf = render_pdf(html, RenderOptions{});
        pages[t] = pdf.ok() ? pdf->page_count : -1;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int p : pages) EXPECT_EQ(p, pages[0]);
  EXPECT_GT(pages[0], 0);
}

}  // namespace
}  // namespace dossier::doc
