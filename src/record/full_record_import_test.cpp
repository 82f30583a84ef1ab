// Importing a full-record export: the practice's time zone. All data is synthetic.
#include "record/full_record_import.h"

#include <gtest/gtest.h>

#include "db/migrations.h"
#include "db/sqlite/sqlite_database.h"

namespace dossier::record {
namespace {

constexpr const char* kStamp = "2024-01-01T00:00:00.000Z";

// A one-patient document whose practice row is `practice` plus id, name and stamps.
Json document(Json practice) {
  practice["id"] = "01900000-0000-7000-8000-0000000000f1";
  practice["name"] = "Sample Counseling";
  practice["created_at"] = kStamp;
  practice["updated_at"] = kStamp;
  const Json patient = {{"id", "01900000-0000-7000-8000-0000000000e1"},
                        {"mrn", "MRN-TEST-1"},
                        {"given_name", "Alex"},
                        {"family_name", "Example"},
                        {"birth_date", "1990-04-12"},
                        {"sex", "unknown"},
                        {"substance_use_sensitive", false},
                        {"status", "active"},
                        {"created_at", kStamp},
                        {"updated_at", kStamp}};
  return {
      {"format_version", 1},
      {"tables", {{"practice", Json::array({practice})}, {"patients", Json::array({patient})}}}};
}

class FullRecordImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(db::SqliteDatabase::open(":memory:")).value();
    ASSERT_TRUE(db::migrate(*db_).ok());
  }

  Json stored_zone() { return db_->query_one("SELECT time_zone FROM practice").value(); }

  std::unique_ptr<db::SqliteDatabase> db_;
};

TEST_F(FullRecordImportTest, ExportsFromBeforeTimeZonesKeepUtc) {
  ASSERT_TRUE(import_full_record(*db_, document(Json::object())).ok());
  EXPECT_EQ(stored_zone()["time_zone"], "UTC");
}

TEST_F(FullRecordImportTest, TheExportedZoneComesAlong) {
  ASSERT_TRUE(import_full_record(*db_, document({{"time_zone", "America/Chicago"}})).ok());
  EXPECT_EQ(stored_zone()["time_zone"], "America/Chicago");
}

TEST_F(FullRecordImportTest, AnUnknownZoneRejectsTheWholeDocument) {
  auto r = import_full_record(*db_, document({{"time_zone", "Mars/Olympus_Mons"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].path, "tables.practice[0].time_zone");
  EXPECT_TRUE(stored_zone().is_null());
  EXPECT_TRUE(db_->query_one("SELECT id FROM patients").value().is_null());
}

}  // namespace
}  // namespace dossier::record
