#include "formats/tabular/xlsx_sheet.h"

#include <gtest/gtest.h>

#include "formats/tabular/table_builder.h"

namespace dossier::formats::tabular {
namespace {

std::string sheet_of(const Table& table) {
  std::string xml;
  auto stats = write_sheet(table, [&](std::string_view c) {
    xml.append(c);
    return Status{};
  });
  EXPECT_TRUE(stats.ok());
  return xml;
}

TEST(XlsxSheet, ColumnLetters) {
  EXPECT_EQ(column_letters(0), "A");
  EXPECT_EQ(column_letters(25), "Z");
  EXPECT_EQ(column_letters(26), "AA");
  EXPECT_EQ(column_letters(701), "ZZ");
  EXPECT_EQ(column_letters(702), "AAA");
}

TEST(XlsxSheet, SerialDatesInThe1900System) {
  EXPECT_EQ(*serial_date("1970-01-01"), 25569);
  EXPECT_EQ(*serial_date("2025-03-04"), 45720);
  EXPECT_DOUBLE_EQ(*serial_date("2025-03-04T18:00:00Z"), 45720.75);
  EXPECT_FALSE(serial_date("2025-02-30"));
  EXPECT_FALSE(serial_date("soon"));
}

TEST(XlsxSheet, TypedCellsAFrozenHeaderAndWidths) {
  const Json rows = Json::array({{{"d", "2025-03-04"},
                                  {"t", "2025-03-04T18:00:00Z"},
                                  {"m", 15050},
                                  {"i", 7},
                                  {"b", true},
                                  {"s", "=SUM(A1:A2)"},
                                  {"x", "not a date"}}});
  const Table table = make_table("t",
                                 {{"d", CellType::kDate, "/d"},
                                  {"t", CellType::kDateTime, "/t"},
                                  {"m", CellType::kMoney, "/m"},
                                  {"i", CellType::kInteger, "/i"},
                                  {"b", CellType::kBoolean, "/b"},
                                  {"s", CellType::kText, "/s"},
                                  {"x", CellType::kDate, "/x"}},
                                 each_at(rows, ""));
  const std::string xml = sheet_of(table);
  EXPECT_NE(xml.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                     "state=\"frozen\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<c r=\"A2\" s=\"2\"><v>45720</v></c>"), std::string::npos);
  EXPECT_NE(xml.find("<c r=\"B2\" s=\"3\"><v>45720.75</v></c>"), std::string::npos);
  EXPECT_NE(xml.find("<c r=\"C2\" s=\"4\"><v>150.50</v></c>"), std::string::npos);
  EXPECT_NE(xml.find("<c r=\"D2\" s=\"5\"><v>7</v></c>"), std::string::npos);
  EXPECT_NE(xml.find("<c r=\"E2\" t=\"b\"><v>1</v></c>"), std::string::npos);
  EXPECT_NE(xml.find("<t xml:space=\"preserve\">&#39;=SUM(A1:A2)</t>"), std::string::npos);
  EXPECT_NE(xml.find("<t xml:space=\"preserve\">not a date</t>"), std::string::npos);
  EXPECT_NE(xml.find("<col min=\"7\" max=\"7\" width=\"12\" customWidth=\"1\"/>"),
            std::string::npos);
}

TEST(XlsxSheet, TextLongerThanACellHoldsIsCut) {
  const Json rows = Json::array({{{"s", std::string(40000, 'a')}}});
  const Table table = make_table("t", {{"s", CellType::kText, "/s"}}, each_at(rows, ""));
  auto stats = write_sheet(table, [](std::string_view) { return Status{}; });
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->cut_cells, 1);
  EXPECT_EQ(stats->rows, 1);
}

}  // namespace
}  // namespace dossier::formats::tabular
