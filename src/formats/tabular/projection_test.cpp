#include "formats/tabular/projection.h"

#include <gtest/gtest.h>

#include "formats/csv_renderer.h"
#include "formats/renderer.h"

namespace dossier::formats::tabular {
namespace {

Json session_notes_context() {
  Json note = {{"id", "n1"},
               {"kind", "progress_note"},
               {"format", "soap"},
               {"sections",
                {{"subjective", "=HYPERLINK(\"http://evil.test\")"},
                 {"objective", "Calm"},
                 {"assessment", "Improving, \"slowly\""},
                 {"plan", "Continue\nweekly"}}},
               {"ai_drafted", false},
               {"signed", true},
               {"signed_at", "2025-03-04T16:00:00Z"},
               {"signed_by", {{"name", "Dr. A"}}},
               {"action_items", Json::array({"Walk", "Journal"})}};
  Json second = note;
  second["id"] = "n2";
  return {{"export", {{"export_type", "session_notes"}, {"parameters", {{"options", {}}}}}},
          {"patient", {{"id", "p1"}, {"name", "Jo Doe"}, {"mrn", "M1"}}},
          {"notices", Json::array({{{"regulation", "42 CFR part 2"}, {"text", "Part 2 notice."}}})},
          {"sessions",
           Json::array(
               {{{"session",
                  {{"id", "s1"}, {"start_time", "2025-03-04T15:00:00Z"}, {"cpt_code", "90834"}}},
                 {"date", "2025-03-04"},
                 {"therapist", {{"name", "Dr. A"}}},
                 {"notes", Json::array({note, second})}},
                {{"session", {{"id", "s2"}}}, {"notes", Json::array()}}})}};
}

std::vector<std::vector<std::string>> rows_of(const Table& table) {
  std::vector<std::vector<std::string>> out;
  EXPECT_TRUE(table
                  .for_each_row([&](const Row& row) {
                    std::vector<std::string> cells;
                    for (const auto& v : row)
                      cells.push_back(v.is_string() ? v.get<std::string>() : v.dump());
                    out.push_back(cells);
                    return Status{};
                  })
                  .ok());
  return out;
}

size_t column(const Table& t, const std::string& name) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].name == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

TEST(Projection, SessionNotesAreOneRowPerNoteWithTheNoticeOnEachRow) {
  const Json ctx = session_notes_context();
  const auto tables = project("session_notes", ctx);
  ASSERT_EQ(tables.size(), 1u);
  const auto rows = rows_of(tables[0]);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][column(tables[0], "note_id")], "n1");
  EXPECT_EQ(rows[1][column(tables[0], "note_id")], "n2");
  EXPECT_EQ(rows[0][column(tables[0], "session_date")], "2025-03-04");
  EXPECT_EQ(rows[0][column(tables[0], "cpt_code")], "90834");
  EXPECT_EQ(rows[1][column(tables[0], "notices")], "Part 2 notice.");
  EXPECT_EQ(rows[0][column(tables[0], "signed_by")], "Dr. A");
}

TEST(Projection, ARemovedSectionLeavesAnEmptyTable) {
  Json ctx = {{"patient", {{"id", "p1"}, {"name", "Jo"}}}};
  const auto tables = project("progress_report", ctx);
  ASSERT_FALSE(tables.empty());
  for (const auto& t : tables) {
    EXPECT_EQ(rows_of(t).size(), t.name == "patient" ? 1u : 0u) << t.name;
  }
}

TEST(Projection, FullRecordTablesFollowTheSchemaWithMoneyAsAmounts) {
  Json ctx = {
      {"tables",
       {{"sessions", Json::array({{{"id", "s1"}, {"fee_cents", 15000}, {"telehealth", true}}})},
        {"attachments", Json::array({{{"id", "a1"}, {"content", "QUJD"}}})}}}};
  const auto tables = project("full_record", ctx);
  ASSERT_EQ(tables.size(), 2u);
  const Table& sessions = tables[0].name == "sessions" ? tables[0] : tables[1];
  const Table& attachments = tables[0].name == "sessions" ? tables[1] : tables[0];
  EXPECT_EQ(sessions.columns[column(sessions, "fee")].type, CellType::kMoney);
  EXPECT_EQ(sessions.columns[column(sessions, "start_time")].type, CellType::kDateTime);
  EXPECT_EQ(rows_of(sessions)[0][column(sessions, "fee")], "15000");
  for (const auto& c : attachments.columns) EXPECT_NE(c.name, "content");
}

TEST(CsvRenderer, SessionNotesAreOneNeutralisedCsvFile) {
  const Json ctx = session_notes_context();
  auto out = render({"csv", ctx});
  ASSERT_TRUE(out.ok()) << out.error().detail;
  EXPECT_EQ(out->extension, ".csv");
  EXPECT_EQ(out->content_type, "text/csv");
  const std::string& csv = out->bytes;
  EXPECT_EQ(csv.rfind("\"patient_id\",\"patient_name\",", 0), 0u);
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://evil.test\"\")\""), std::string::npos);
  EXPECT_NE(csv.find("\"Improving, \"\"slowly\"\"\""), std::string::npos);
  EXPECT_NE(csv.find("\"Continue\nweekly\""), std::string::npos);
  EXPECT_NE(csv.find("\"Walk; Journal\""), std::string::npos);
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

TEST(CsvRenderer, BomOptionPrefixesTheFile) {
  Json ctx = session_notes_context();
  ctx["export"]["parameters"]["options"]["bom"] = true;
  auto out = render({"csv", ctx});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->bytes.rfind("\xEF\xBB\xBF\"patient_id\"", 0), 0u);
}

TEST(CsvRenderer, ReportsAreAZipWithAManifest) {
  Json ctx = {
      {"export", {{"export_type", "insurance_report"}}},
      {"notices", Json::array()},
      {"service_lines", Json::array({{{"service_date", "2025-01-02"}, {"charge_cents", 15000}}})}};
  auto out = render({"csv", ctx});
  ASSERT_TRUE(out.ok()) << out.error().detail;
  EXPECT_EQ(out->extension, ".zip");
  EXPECT_EQ(out->content_type, "application/zip");
  EXPECT_EQ(out->bytes.substr(0, 4), "PK\x03\x04");
}

}  // namespace
}  // namespace dossier::formats::tabular
