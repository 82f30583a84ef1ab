// Golden page images of the system templates: chosen pages of one demo patient's documents
// (the deterministic demo of template_test_support: seed 1, today 2026-11-01, fixed
// generated_at) rendered as PNG at kDpi and compared with tests/catalog/golden/<name>.png
// within a tolerance; the same page of the PDF, drawn by poppler's pdftoppm, must match the
// image too (by 4×4-pixel block averages: the two rasterizers shade glyph edges differently). A
// mismatch writes <name>-FAILED.png next to the golden (git-ignored); compare the two by eye.
//
// A page is chosen by the text on it (a heading, a chart title), not by its number, so a
// golden keeps showing what its name says when content above it reflows; the test fails if
// the text is on no page.
//
// After an intended change that moves pixels (templates, the document engine, charts, demo
// data), regenerate, LOOK at every image, and commit them with the change:
//   DOSSIER_UPDATE_GOLDEN=1 ctest --test-dir build -R 'SystemTemplatesGolden\.'
// (or dossier_catalog_test --gtest_filter='SystemTemplatesGolden.*'). The damage tests
// (SystemTemplatesGoldenDamage) skip while updating; run them afterwards: they prove the new
// goldens still catch a moved table, a missing chart and another client's page.
//
// Tolerance: the pages of one machine are identical from run to run; other machines with
// the same fonts (fonts-liberation, fonts-dejavu, fonts-noto-cjk from scripts/install-deps)
// differ in how glyph and shape edges are shaded. A pixel counts as different when a channel
// moves by more than kTolerance (of 255), and a page fails when more than kMaxBadFraction of
// its pixels do. Measured here (a 476 × 616 page, 293 pixels allowed): subpixel (rgba=rgb)
// text antialiasing set in fontconfig changes at most 1 pixel per page by more than 90; the
// damage tests below change 1,000 (one of five goal charts left out) to 9,000 pixels (a table
// moved down by 4pt), so they fail by at least 3 times the allowance. A tolerance of 64 would
// fail every page on the subpixel machine (1,300–4,600 pixels). Text moved by a fraction of a
// pixel (another cairo or pango release positioning glyphs differently) fails too: regenerate.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "catalog/render_template.h"
#include "catalog/template_test_support.h"
#include "doc/render.h"
#include "doc_test_support.h"
#include "jobs/export_request.h"

#ifndef DOSSIER_CATALOG_GOLDEN_DIR
#error "DOSSIER_CATALOG_GOLDEN_DIR must name tests/catalog/golden"
#endif

namespace dossier::catalog {
namespace {

using jobs::ExportType;
using namespace test_support;
namespace dt = doc::testing;

// Letter at 56 dpi is 476 × 616 pixels: headings, tables and charts stay legible; a golden
// is 30–60 kB.
constexpr double kDpi = 56;
constexpr int kTolerance = 96;
constexpr double kMaxBadFraction = 0.001;
// pdftoppm against the page image: at most 0.06% of blocks differ on the eight pages here;
// a page drawn with another page's PDF differs in over 5% of them.
constexpr double kMaxReaderBlocks = 0.002;

bool updating_goldens() {
  const char* update = std::getenv("DOSSIER_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

// The patient every golden shows.
PatientRef golden_patient() {
  return all_patients().at(0);
}

// The patient's first session with a SOAP progress note.
std::string first_soap_session(const std::string& patient_id) {
  auto rows = database().query(
      "SELECT MIN(session_id) AS id FROM session_notes "
      "WHERE patient_id = ? AND format = 'soap' AND kind = 'progress_note'",
      {patient_id});
  if (!rows.ok() || rows->empty() || !(*rows)[0]["id"].is_string()) {
    ADD_FAILURE() << "no SOAP note for " << patient_id;
    return "";
  }
  return (*rows)[0]["id"];
}

// The request each golden document answers (the fullest each type offers).
Json request_body(ExportType type, const PatientRef& who) {
  switch (type) {
    case ExportType::kProgressReport:
      return {{"include_sections", {{"medical_necessity", true}}}};
    case ExportType::kSessionNotes:
      return {{"session_ids", Json::array({first_soap_session(who.patient_id)})}};
    case ExportType::kTreatmentSummary:
      return {{"purpose", "insurance"}};
    case ExportType::kFullRecord:
      return {{"include_sections", {{"attachments", true}}}};
    case ExportType::kInsuranceReport:
    case ExportType::kPracticeSummary:
      break;
  }
  return Json::object();
}

// The system template's HTML for `who`; "" (and a test failure) when rendering fails.
std::string document_html(ExportType type, const PatientRef& who) {
  const Json ctx = context_for(type, who, request_body(type, who));
  if (ctx.is_null()) return "";
  const std::string name = jobs::export_type_name(type);
  auto html = render_template_html(system_template_source(name), ctx, name);
  if (!html.ok()) {
    ADD_FAILURE() << name << ": " << html.error().detail;
    return "";
  }
  return std::move(html).value();
}

struct Pages {
  std::vector<std::string> png;   //!< one PNG per page, at kDpi
  std::vector<std::string> text;  //!< each page's text (pdftotext), whitespace collapsed
  std::string pdf;                //!< the same layout as a PDF
};

// Page `index` (0-based) of `pdf` as poppler's pdftoppm draws it at kDpi; "" on failure.
std::string reader_png(const std::string& pdf, int index) {
  const dossier::testing::TempDir dir;
  const std::string page = std::to_string(index + 1);
  const auto r = dossier::testing::run(
      "pdftoppm -png -singlefile -r " + std::to_string(static_cast<int>(kDpi)) + " -f " + page +
      " -l " + page + " '" + dir.write("in.pdf", pdf) + "' '" + dir.path() + "/page'");
  if (r.exit_code != 0) {
    ADD_FAILURE() << "pdftoppm: " << r.output;
    return "";
  }
  return dossier::testing::read_file(dir.path() + "/page.png");
}

// Every page of `html` as PNG, with its text from the PDF of the same layout.
Pages render_pages(const std::string& html) {
  Pages out;
  doc::RenderOptions options;
  options.creation_date = kGeneratedAt;
  auto png = doc::render_png_pages(html, options, kDpi);
  auto pdf = doc::render_pdf(html, options);
  if (!png.ok() || !pdf.ok()) {
    ADD_FAILURE() << "render failed";
    return out;
  }
  out.png = std::move(png).value();
  out.pdf = pdf->bytes;
  const std::string text = dt::pdf_text(pdf->bytes);
  size_t start = 0;
  for (size_t end = text.find('\f'); end != std::string::npos; end = text.find('\f', start)) {
    out.text.push_back(collapse_whitespace(text.substr(start, end - start)));
    start = end + 1;
  }
  EXPECT_EQ(out.text.size(), out.png.size()) << "PDF and PNG paginate differently";
  return out;
}

// The index of the first page whose text contains `marker` (page 0 for ""); -1 if none.
int page_with(const Pages& pages, const std::string& marker) {
  for (size_t i = 0; i < pages.text.size(); ++i) {
    if (pages.text[i].find(marker) != std::string::npos) return static_cast<int>(i);
  }
  return -1;
}

struct GoldenPage {
  const char* name;  //!< tests/catalog/golden/<name>.png
  ExportType type;
  const char* marker;  //!< text on the page; "" = the first page
};

constexpr GoldenPage kProgressFirst{"progress_report_p1", ExportType::kProgressReport, ""};
constexpr GoldenPage kProgressGoalCharts{"progress_report_goal_charts", ExportType::kProgressReport,
                                         "Baseline:"};
constexpr GoldenPage kProgressScoreChart{"progress_report_score_chart", ExportType::kProgressReport,
                                         "PHQ-9 total score"};
constexpr GoldenPage kSoapNote{"session_note_soap_p1", ExportType::kSessionNotes, ""};
constexpr GoldenPage kTreatmentSummary{"treatment_summary_p1", ExportType::kTreatmentSummary, ""};
constexpr GoldenPage kFullRecordContents{"full_record_p1", ExportType::kFullRecord, ""};
constexpr GoldenPage kFullRecordSessions{"full_record_sessions", ExportType::kFullRecord,
                                         "Date Time Min CPT POS Status"};
constexpr GoldenPage kInsuranceReport{"insurance_report_p1", ExportType::kInsuranceReport, ""};

// The chosen page of `pages` as PNG, after checking it is the page meant; "" on failure.
std::string pick(const GoldenPage& golden, const Pages& pages) {
  const int index = page_with(pages, golden.marker);
  if (index < 0) {
    ADD_FAILURE() << golden.name << ": no page shows \"" << golden.marker << "\"";
    return "";
  }
  const std::string footer =
      "Page " + std::to_string(index + 1) + " of " + std::to_string(pages.png.size());
  EXPECT_NE(pages.text[index].find(footer), std::string::npos) << golden.name << ": " << footer;
  return pages.png[index];
}

std::string compare(const std::string& golden_dir, const std::string& name,
                    const std::string& png) {
  return dt::compare_with_golden_in(golden_dir, name, png, kTolerance, kMaxBadFraction);
}

// Fraction of 4×4 pixel blocks whose average colour differs by more than 48 in a channel:
// antialiasing and hinting move single pixels, not the average of a block.
double differing_blocks(const std::string& a_png, const std::string& b_png) {
  const dt::Pixels a = dt::decode_png(a_png), b = dt::decode_png(b_png);
  if (a.width != b.width || a.height != b.height || a.argb.empty()) return 1;
  int bad = 0, blocks = 0;
  for (int by = 0; by + 4 <= a.height; by += 4) {
    for (int bx = 0; bx + 4 <= a.width; bx += 4, ++blocks) {
      int sum[3] = {0, 0, 0};
      for (int y = by; y < by + 4; ++y) {
        for (int x = bx; x < bx + 4; ++x) {
          const uint32_t p = a.argb[static_cast<size_t>(y * a.width + x)];
          const uint32_t q = b.argb[static_cast<size_t>(y * a.width + x)];
          for (int c = 0; c < 3; ++c) {
            sum[c] +=
                static_cast<int>((p >> (8 * c)) & 0xff) - static_cast<int>((q >> (8 * c)) & 0xff);
          }
        }
      }
      bool differs = false;
      for (int c = 0; c < 3; ++c) differs = differs || std::abs(sum[c]) / 16 > 48;
      bad += differs ? 1 : 0;
    }
  }
  return static_cast<double>(bad) / blocks;
}

void expect_matches_golden(const GoldenPage& golden) {
  const Pages pages = render_pages(document_html(golden.type, golden_patient()));
  const std::string png = pick(golden, pages);
  ASSERT_FALSE(png.empty());
  EXPECT_EQ(compare(DOSSIER_CATALOG_GOLDEN_DIR, golden.name, png), "");
  const std::string reader = reader_png(pages.pdf, page_with(pages, golden.marker));
  // The PDF itself, as a reader (poppler) draws it, shows the same page: its glyph edges
  // differ from cairo's, so compare 4×4-pixel averages, within kMaxReaderBlocks.
  EXPECT_LE(differing_blocks(png, reader), kMaxReaderBlocks) << golden.name << ": pdftoppm";
}

TEST(SystemTemplatesGolden, ProgressReportFirstPage) {
  expect_matches_golden(kProgressFirst);
}

TEST(SystemTemplatesGolden, ProgressReportGoalCharts) {
  expect_matches_golden(kProgressGoalCharts);
}

TEST(SystemTemplatesGolden, ProgressReportScoreChart) {
  expect_matches_golden(kProgressScoreChart);
}

TEST(SystemTemplatesGolden, SoapSessionNote) {
  expect_matches_golden(kSoapNote);
}

TEST(SystemTemplatesGolden, TreatmentSummaryFirstPage) {
  expect_matches_golden(kTreatmentSummary);
}

TEST(SystemTemplatesGolden, FullRecordContents) {
  expect_matches_golden(kFullRecordContents);
}

TEST(SystemTemplatesGolden, FullRecordSessions) {
  expect_matches_golden(kFullRecordSessions);
}

TEST(SystemTemplatesGolden, InsuranceReportFirstPage) {
  expect_matches_golden(kInsuranceReport);
}

// A damaged rendering compared with a copy of the committed golden: the comparison must
// report it, by a clear margin, and write the -FAILED image (removed again here).
class SystemTemplatesGoldenDamage : public ::testing::Test {
 protected:
  void SetUp() override {
    if (updating_goldens()) GTEST_SKIP() << "goldens are being rewritten";
  }

  static void expect_mismatch(const GoldenPage& golden, const std::string& html) {
    const std::string committed = std::string(DOSSIER_CATALOG_GOLDEN_DIR) + "/" + golden.name;
    ASSERT_TRUE(std::filesystem::exists(committed + ".png")) << committed;
    const dt::TempDir dir;
    std::filesystem::copy_file(committed + ".png", dir.path() + "/" + golden.name + ".png");
    const std::string png = pick(golden, render_pages(html));
    ASSERT_FALSE(png.empty());

    const std::string problem = compare(dir.path(), golden.name, png);
    EXPECT_NE(problem.find(" pixels differ"), std::string::npos) << problem;
    const dt::Pixels pixels = dt::decode_png(png);
    const double threshold = kMaxBadFraction * pixels.width * pixels.height;
    EXPECT_GT(std::atof(problem.c_str()), 2 * threshold) << problem;

    const std::string failed = dir.path() + "/" + golden.name + "-FAILED.png";
    EXPECT_TRUE(dt::read_file(failed) == png) << "the -FAILED image is not the rendered page";
    std::filesystem::remove(failed);
    EXPECT_FALSE(std::filesystem::exists(failed));
  }
};

// `html` with `css` added after the template's own style sheet.
std::string with_css(std::string html, const std::string& css) {
  const size_t head_end = html.find("</head>");
  if (head_end == std::string::npos) {
    ADD_FAILURE() << "no </head>";
    return html;
  }
  html.insert(head_end, "<style>" + css + "</style>");
  return html;
}

TEST_F(SystemTemplatesGoldenDamage, AnotherClientsPageFails) {
  expect_mismatch(kProgressFirst, document_html(ExportType::kProgressReport, all_patients().at(1)));
}

// The margin collapses with the heading's 6pt above it: the table and all below move 4pt.
TEST_F(SystemTemplatesGoldenDamage, MovedTableFails) {
  const std::string html = document_html(ExportType::kProgressReport, golden_patient());
  expect_mismatch(kProgressFirst, with_css(html, "table.kv4 { margin-top: 10pt }"));
}

TEST_F(SystemTemplatesGoldenDamage, MissingChartFails) {
  std::string html = document_html(ExportType::kProgressReport, golden_patient());
  const size_t start = html.find("<svg");
  const size_t end = html.find("</svg>", start);
  ASSERT_NE(end, std::string::npos);
  html.erase(start, end + 6 - start);
  expect_mismatch(kProgressGoalCharts, html);
}

// The reader comparison is not blind either: the PDF of the moved-table page, drawn by
// pdftoppm, does not pass for the page image.
TEST(SystemTemplatesGoldenReader, MovedTableFails) {
  const std::string html = document_html(ExportType::kProgressReport, golden_patient());
  const Pages pages = render_pages(html);
  const Pages moved = render_pages(with_css(html, "table.kv4 { margin-top: 10pt }"));
  ASSERT_FALSE(pages.png.empty());
  ASSERT_FALSE(moved.pdf.empty());
  EXPECT_LE(differing_blocks(pages.png[0], reader_png(pages.pdf, 0)), kMaxReaderBlocks);
  EXPECT_GT(differing_blocks(pages.png[0], reader_png(moved.pdf, 0)), 4 * kMaxReaderBlocks);
}

}  // namespace
}  // namespace dossier::catalog
