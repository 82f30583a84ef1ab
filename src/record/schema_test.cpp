#include "record/schema.h"

#include <gtest/gtest.h>

#include <set>

#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"

namespace dossier::record {
namespace {

// Every table the migrations create is either a clinical table described here (and so
// exported in the full record or excluded with a reason) or a known piece of machinery.
// A new table that is neither fails this test until someone decides what the full-record
// export does with it.
TEST(SchemaTest, EveryTableIsExportedOrExcludedWithAReason) {
  auto db = std::move(db::SqliteDatabase::open(":memory:")).value();
  ASSERT_TRUE(db::migrate(*db).ok());
  // Templates and their images (template_assets) are the practice's configuration, not a
  // client's record; claim_interchanges numbers the 837P files the export jobs wrote;
  // schedule_runs records when scheduled reports ran; user_credentials, web_sessions and
  // sign_in_attempts are the web pages' sign-in, like api_tokens staff credentials;
  // job_patients lists whose records a batch job's file holds, for their accountings.
  const std::set<std::string> machinery = {
      "schema_migrations", "export_templates",  "template_assets",  "export_jobs",
      "export_audit_log",  "scheduled_reports", "schedule_runs",    "claim_interchanges",
      "user_credentials",  "web_sessions",      "sign_in_attempts", "job_patients"};
  auto tables = db->query("SELECT name FROM sqlite_master WHERE type = 'table'");
  ASSERT_TRUE(tables.ok());
  for (const auto& row : *tables) {
    const std::string name = row["name"];
    if (machinery.count(name)) continue;
    const TableSpec* spec = find_table(name);
    ASSERT_NE(spec, nullptr) << "table " << name << " is neither exported nor excluded";
  }
}

// The column lists here must match the migrations exactly, or exports would drop data.
TEST(SchemaTest, ColumnsMatchTheDatabase) {
  auto db = std::move(db::SqliteDatabase::open(":memory:")).value();
  ASSERT_TRUE(db::migrate(*db).ok());
  for (const auto& table : clinical_tables()) {
    auto cols = db->query("SELECT name FROM pragma_table_info(?)", {table.name});
    ASSERT_TRUE(cols.ok());
    std::vector<std::string> names;
    for (const auto& c : *cols) names.push_back(c["name"]);
    EXPECT_EQ(names, table.column_names()) << table.name;
  }
}

TEST(SchemaTest, ObjectsRoundTripThroughParams) {
  const TableSpec* notes = find_table("session_notes");
  ASSERT_NE(notes, nullptr);
  db::Row row = {{"id", "n1"},
                 {"sections", R"({"subjective":"Sleeps better"})"},
                 {"ai_drafted", 1},
                 {"action_items", "[]"}};
  Json object = to_object(*notes, row);
  EXPECT_EQ(object["ai_drafted"], true);
  EXPECT_EQ(object["sections"]["subjective"], "Sleeps better");
  db::Params params = to_params(*notes, object);
  EXPECT_EQ(params[0], "n1");
  EXPECT_EQ(params[6], R"({"subjective":"Sleeps better"})");
  EXPECT_EQ(params[7], true);
}

TEST(SchemaTest, BlobsTravelAsBase64) {
  const TableSpec* att = find_table("attachments");
  db::Row row = {{"content", Json::binary({'h', 'i', '!'})}};
  Json object = to_object(*att, row);
  EXPECT_EQ(object["content"], "aGkh");
  db::Params params = to_params(*att, object);
  const std::vector<uint8_t>& bytes = params[7].get_binary();
  EXPECT_EQ(bytes, (std::vector<uint8_t>{'h', 'i', '!'}));
}

}  // namespace
}  // namespace dossier::record
