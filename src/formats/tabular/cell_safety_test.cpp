#include "formats/tabular/cell_safety.h"

#include <gtest/gtest.h>

#include "formats/tabular/cell_text.h"

namespace dossier::formats::tabular {
namespace {

TEST(CellSafety, EveryFormulaLeadIsPrefixedWithAQuote) {
  const std::vector<std::string> leads = {"=",  "+",  "-",  "@",
                                          "\t", "\r", "\n", std::string(1, '\0')};
  for (const std::string& lead : leads) {
    const std::string value = lead + "HYPERLINK(\"http://x.test\")";
    EXPECT_EQ(neutralized(value), "'" + value) << static_cast<int>(lead[0]);
  }
}

TEST(CellSafety, OtherTextIsLeftAlone) {
  for (const std::string value :
       {"", "Anxiety", " =1+1", "'quoted", "1-2", "a=b", "\u00dcn\u00efcode"}) {
    EXPECT_EQ(neutralized(value), value);
  }
}

TEST(CellText, TypedValuesAreNotMistakenForFormulas) {
  EXPECT_EQ(cell_text(Json(-1500), CellType::kMoney), "-15.00");
  EXPECT_EQ(cell_text(Json(-3), CellType::kInteger), "-3");
  EXPECT_EQ(cell_text(Json("-1+1"), CellType::kText), "'-1+1");
  // A string in a typed column is still text from the record: neutralised all the same.
  EXPECT_EQ(cell_text(Json("=1+1"), CellType::kDate), "'=1+1");
}

TEST(CellText, ValuesAreWrittenAsTheManifestDescribes) {
  EXPECT_EQ(cell_text(Json(nullptr), CellType::kText), "");
  EXPECT_EQ(cell_text(Json(15000), CellType::kMoney), "150.00");
  EXPECT_EQ(cell_text(Json(5), CellType::kMoney), "0.05");
  EXPECT_EQ(cell_text(Json(true), CellType::kBoolean), "true");
  EXPECT_EQ(cell_text(Json("2025-03-04"), CellType::kDate), "2025-03-04");
  EXPECT_EQ(cell_text(Json::array({"a", "b"}), CellType::kText), "a; b");
  EXPECT_EQ(cell_text(Json::array({"-x"}), CellType::kText), "'-x");
  EXPECT_EQ(cell_text(Json{{"k", 1}}, CellType::kText), "{\"k\":1}");
}

}  // namespace
}  // namespace dossier::formats::tabular
