// A real reader: LibreOffice opens the DOCX written from the sample progress report and
// converts it to text (every paragraph and table cell, in order, must come back exactly) and
// to PDF (page count close to our own layout's, running header/footer with page fields).
// Skipped only when LibreOffice is not installed (scripts/install-deps installs it).
#include <gtest/gtest.h>

#include <sstream>

#include "doc/render.h"
#include "docx_test_support.h"

namespace dossier::docx {
namespace {

using testing::run;
using testing::TempDir;

// Whitespace runs → one space, trimmed.
std::string normalize(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void add_lines(std::string_view text, std::vector<std::string>& out) {
  std::stringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    if (std::string n = normalize(line); !n.empty()) out.push_back(std::move(n));
  }
}

void inline_text(const doc::Node& n, std::string& out) {
  if (n.kind == doc::NodeKind::kText) out += n.text;
  if (n.kind == doc::NodeKind::kLineBreak) out += '\n';
  for (const doc::Node& c : n.children) inline_text(c, out);
}

// The lines a reader should find: each paragraph's text (list items led by their marker),
// in document order.
void expected_lines(const doc::Node& n, std::string& marker, std::vector<std::string>& out) {
  if (n.kind == doc::NodeKind::kParagraph) {
    std::string text = marker.empty() ? "" : marker + " ";
    marker.clear();
    inline_text(n, text);
    add_lines(text, out);
    return;
  }
  if (n.kind == doc::NodeKind::kListItem) marker = n.marker;
  for (const doc::Node& c : n.children) expected_lines(c, marker, out);
}

// LibreOffice now and then aborts while it sets up a fresh user profile (seen on loaded CI
// machines, before it opens the document); a second start finds the profile made and runs.
// Only a crash is retried: a document it cannot read fails every time and so still fails.
std::string convert(const std::string& soffice, const TempDir& dir, const std::string& format) {
  const std::string command = "timeout 180 '" + soffice +
                              "' --headless --norestore -env:UserInstallation=file://" +
                              dir.path() + "/profile --convert-to " + format + " --outdir '" +
                              dir.path() + "' '" + dir.path() + "/report.docx'";
  auto r = run(command);
  for (int retry = 0; retry < 2 && r.exit_code > 128; ++retry) r = run(command);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return r.output;
}

TEST(DocxLibreOffice, ReadsTheSampleReportAsWritten) {
  const std::string soffice = testing::find_program("soffice");
  if (soffice.empty()) {
    GTEST_SKIP() << "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)";
  }
  const std::string html = testing::read_test_file("progress_report.html");
  Result<doc::Document> document = doc::build_document(html, doc::RenderOptions{});
  ASSERT_TRUE(document.ok());
  DocxOptions options;
  options.created = "2024-04-01T09:00:00Z";
  Result<std::string> docx = write_docx(*document, options);
  ASSERT_TRUE(docx.ok());
  TempDir dir;
  dir.write("report.docx", *docx);

  convert(soffice, dir, "txt:Text");
  std::string text = testing::read_file(dir.path() + "/report.txt");
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // BOM
  std::vector<std::string> got, want;
  add_lines(text, got);
  std::string marker;
  expected_lines(document->body, marker, want);
  EXPECT_GT(want.size(), 60u);
  EXPECT_EQ(got, want);

  convert(soffice, dir, "pdf");
  const std::string pdf = dir.path() + "/report.pdf";
  const auto info = run("pdfinfo '" + pdf + "'");
  ASSERT_EQ(info.exit_code, 0) << info.output;
  const size_t at = info.output.find("Pages:");
  ASSERT_NE(at, std::string::npos);
  const int pages = std::atoi(info.output.c_str() + at + 6);
  Result<doc::RenderedPdf> ours = doc::render_pdf(html, doc::RenderOptions{});
  ASSERT_TRUE(ours.ok());
  EXPECT_GE(pages, 2);
  EXPECT_LE(std::abs(pages - ours->page_count), 1)
      << "LibreOffice " << pages << " vs ours " << ours->page_count;
  EXPECT_NE(info.output.find("Progress Report"), std::string::npos);  // title from core.xml

  const auto pdf_text = run("pdftotext -layout '" + pdf + "' -");
  ASSERT_EQ(pdf_text.exit_code, 0) << pdf_text.output;
  const std::string n = std::to_string(pages);
  EXPECT_NE(pdf_text.output.find("Page 1 of " + n), std::string::npos) << pdf_text.output;
  EXPECT_NE(pdf_text.output.find("Page " + n + " of " + n), std::string::npos);
  EXPECT_NE(pdf_text.output.find("CONFIDENTIAL"), std::string::npos);
}

// Page references become PAGEREF fields that LibreOffice computes when it lays the document
// out (its PDF export; its text export does not paginate and shows the fields' fallback).
TEST(DocxLibreOffice, ComputesPageReferencesToTheirSections) {
  const std::string soffice = testing::find_program("soffice");
  if (soffice.empty()) {
    GTEST_SKIP() << "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)";
  }
  Result<doc::Document> document = doc::build_document(R"(<html><head><style>
      .toc td.page { text-align: right }
      .toc a.page::after { content: target-counter(attr(href), page) }
      h2 { page-break-before: always }
    </style></head><body><h1>Contents</h1><table class=toc>
      <tr><td>Intake</td><td class=page><a class=page href="#intake"></a></td></tr>
      <tr><td>Progress</td><td class=page><a class=page href="#progress"></a></td></tr>
    </table><h2 id=intake>Intake</h2><p>First visit.</p>
    <h2 id=progress>Progress</h2><p>Later visits.</p></body></html>)",
                                                       doc::RenderOptions{});
  ASSERT_TRUE(document.ok());
  Result<std::string> docx = write_docx(*document, DocxOptions{});
  ASSERT_TRUE(docx.ok());
  TempDir dir;
  dir.write("report.docx", *docx);
  convert(soffice, dir, "pdf");
  const auto pdf_text = run("pdftotext -layout '" + dir.path() + "/report.pdf' -");
  ASSERT_EQ(pdf_text.exit_code, 0) << pdf_text.output;
  std::vector<std::string> lines;
  add_lines(pdf_text.output.substr(0, pdf_text.output.find('\f')), lines);
  EXPECT_EQ(lines, (std::vector<std::string>{"Contents", "Intake 2", "Progress 3"}));
}

}  // namespace
}  // namespace dossier::docx
