// write_docx() on HTML built by doc::build_document: the package structure and the
// WordprocessingML each construct maps to.
#include "docx/docx_writer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "doc/render.h"
#include "docx_test_support.h"

namespace dossier::docx {
namespace {

using testing::count;
using testing::Docx;
using testing::docx_from_html;

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(DocxPackage, HasEveryRequiredPart) {
  const Docx d = docx_from_html("<title>T</title><p>Hello</p>");
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
                           "docProps/app.xml", "word/document.xml", "word/styles.xml",
                           "word/settings.xml", "word/_rels/document.xml.rels"}) {
    EXPECT_TRUE(d.parts.count(name)) << name;
  }
  EXPECT_FALSE(d.parts.count("word/numbering.xml"));  // no lists
  EXPECT_TRUE(contains(d.part("[Content_Types].xml"),
                       "PartName=\"/word/document.xml\" ContentType=\"application/"
                       "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\""));
  EXPECT_TRUE(contains(d.part("_rels/.rels"), "Target=\"word/document.xml\""));
  EXPECT_TRUE(contains(d.part("word/document.xml"), ">Hello</w:t>"));
}

TEST(DocxPackage, ContentTypesIsTheFirstEntry) {
  const Docx d = docx_from_html("<p>x</p>");
  // Local file header: signature, 26 bytes of fields, then the name.
  ASSERT_GT(d.bytes.size(), 50u);
  EXPECT_EQ(d.bytes.substr(0, 4), "PK\x03\x04");
  EXPECT_EQ(d.bytes.substr(30, 19), "[Content_Types].xml");
}

TEST(DocxPackage, DeterministicForTheSameInput) {
  const std::string html = testing::read_test_file("progress_report.html");
  const Docx a = docx_from_html(html);
  const Docx b = docx_from_html(html);
  EXPECT_FALSE(a.bytes.empty());
  EXPECT_EQ(a.bytes, b.bytes);
}

TEST(DocxPackage, CoreProperties) {
  const Docx d = docx_from_html(
      "<html lang=en-US><title>Progress &amp; Plan</title><meta name=author content='Dr. A'>"
      "<meta name=subject content='Q1'><meta name=keywords content='gad7, phq9'><p>x</p>");
  const std::string& core = d.part("docProps/core.xml");
  EXPECT_TRUE(contains(core, "<dc:title>Progress &amp; Plan</dc:title>"));
  EXPECT_TRUE(contains(core, "<dc:creator>Dr. A</dc:creator>"));
  EXPECT_TRUE(contains(core, "<dc:subject>Q1</dc:subject>"));
  EXPECT_TRUE(contains(core, "<cp:keywords>gad7, phq9</cp:keywords>"));
  EXPECT_TRUE(contains(core, "<dc:language>en-US</dc:language>"));
  EXPECT_TRUE(contains(core,
                       "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-03-10T14:02:00Z"
                       "</dcterms:created>"));
  EXPECT_TRUE(contains(d.part("docProps/app.xml"), "<Application>Dossier</Application>"));
}

TEST(DocxPackage, CreatedTimestampIsValidated) {
  Result<doc::Document> document = doc::build_document("<p>x</p>", doc::RenderOptions{});
  ASSERT_TRUE(document.ok());
  DocxOptions options;
  options.created = "yesterday";
  const Result<std::string> bad = write_docx(*document, options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kValidation);
  options.created = "2024-03-10T15:02:00+01:00";
  const Result<std::string> ok = write_docx(*document, options);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(contains(testing::unzip(*ok).at("docProps/core.xml"), ">2024-03-10T14:02:00Z<"));
  options.created.clear();  // now
  EXPECT_TRUE(write_docx(*document, options).ok());
}

TEST(DocxPackage, ConcurrentWritesAreIndependent) {
  Result<doc::Document> document =
      doc::build_document(testing::read_test_file("progress_report.html"), doc::RenderOptions{});
  ASSERT_TRUE(document.ok());
  DocxOptions options;
  options.created = "2024-03-10T14:02:00Z";
  const Result<std::string> reference = write_docx(*document, options);
  ASSERT_TRUE(reference.ok());
  std::vector<int> same(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < same.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        const Result<std::string> bytes = write_docx(*document, options);
        same[t] += bytes.ok() && *bytes == *reference;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int n : same) EXPECT_EQ(n, 3);
}

// Writes the sample (or the HTML file in DOSSIER_DOCX_IN) as a file for a look with Word or
// LibreOffice: DOSSIER_DOCX_OUT=/tmp/sample.docx build-docx/src/docx/dossier_docx_test
TEST(DocxSample, WritesFileWhenAsked) {
  const char* path = std::getenv("DOSSIER_DOCX_OUT");
  if (path == nullptr) return;  // a tool, not a check
  const char* in = std::getenv("DOSSIER_DOCX_IN");
  const Docx d = docx_from_html(in != nullptr ? testing::read_file(in)
                                              : testing::read_test_file("progress_report.html"));
  std::ofstream(path, std::ios::binary) << d.bytes;
}

}  // namespace
}  // namespace dossier::docx
