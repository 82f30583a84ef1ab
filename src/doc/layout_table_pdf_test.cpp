// Tables with rowspans rendered to a real PDF (Pango, cairo) and read back with pdftotext.
#include <gtest/gtest.h>

#include <string>

#include "doc/render.h"
// The document engine's test helpers live with its integration tests.
#include "../../tests/doc/doc_test_support.h"

namespace dossier::doc {
namespace {

// Column (in characters) of `needle` within its line of pdftotext -layout output; -1 if absent.
int column_of(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  if (at == std::string::npos) return -1;
  const size_t line_start = text.rfind('\n', at);
  return static_cast<int>(line_start == std::string::npos ? at : at - line_start - 1);
}

// The line of pdftotext -layout output that holds `needle`.
std::string line_with(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  if (at == std::string::npos) return "";
  const size_t begin = text.rfind('\n', at);
  const size_t end = text.find('\n', at);
  return text.substr(begin == std::string::npos ? 0 : begin + 1,
                     end == std::string::npos ? std::string::npos : end - begin - 1);
}

TEST(PdfTable, RowspanKeepsLaterCellsInTheirColumns) {
  RenderOptions options;
  options.creation_date = "2024-03-10T14:02:00Z";
  auto pdf = render_pdf(R"(<style>td { vertical-align: top; padding: 2pt 6pt }</style>
      <table style="border-collapse: collapse">
      <tr><td rowspan=2>Goal one</td><td>Objective alpha</td></tr>
      <tr><td>Objective beta</td></tr>
      <tr><td>Goal two</td><td>Objective gamma</td></tr></table>)",
                        options);
  ASSERT_TRUE(pdf.ok());
  const std::string text = testing::pdf_text(pdf.value().bytes);
  const int second_column = column_of(text, "Objective alpha");
  ASSERT_GT(second_column, 0) << text;
  EXPECT_EQ(column_of(text, "Objective beta"), second_column) << text;
  EXPECT_EQ(column_of(text, "Objective gamma"), second_column) << text;
  EXPECT_EQ(column_of(text, "Goal two"), column_of(text, "Goal one")) << text;
  // "Goal one" is drawn once, beside the first objective, not repeated or moved down.
  EXPECT_NE(line_with(text, "Objective alpha").find("Goal one"), std::string::npos) << text;
  EXPECT_EQ(line_with(text, "Objective beta").find("Goal"), std::string::npos) << text;
  EXPECT_EQ(text.find("Goal one", text.find("Goal one") + 1), std::string::npos) << text;
}

}  // namespace
}  // namespace dossier::doc
