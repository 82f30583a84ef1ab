#include "db/copy_database.h"

#include <gtest/gtest.h>

#include "db/migrations.h"
#include "db/open_database.h"
#include "db/testing/backend_test.h"

namespace dossier::db {
namespace {

// An embedded practice in miniature: text with quotes and accents, a null, a boolean, a blob,
// a JSON column, rows that reference each other.
class CopyDatabaseTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    testing::BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto opened = open_database({.url = "", .sqlite_path = ":memory:"});
    ASSERT_TRUE(opened.ok());
    source_ = std::move(opened).value();
    ASSERT_TRUE(migrate(*source_).ok());
    ASSERT_TRUE(migrate(db()).ok());
    const std::string t = "2026-01-02T03:04:05.000Z";
    run("INSERT INTO practice (id, name, city, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        {"p1", "Cedar 'Grove' Counseling", nullptr, t, t});
    run("INSERT INTO users (id, role, given_name, family_name, is_active, created_at, updated_at) "
        "VALUES (?, 'admin', ?, ?, ?, ?, ?)",
        {"u1", "Zoë", "Ångström", false, t, t});
    run("INSERT INTO export_templates (id, name, export_type, format, template_content, "
        "is_system, created_by, created_at, updated_at) VALUES (?, ?, 'progress_report', 'pdf', "
        "?, 0, ?, ?, ?)",
        {"t1", "Letterhead", "<p>{{ patient.name }}</p>", "u1", t, t});
    run("INSERT INTO template_assets (id, template_id, name, content_type, bytes, size, "
        "created_at) VALUES (?, ?, 'logo.png', 'image/png', ?, 4, ?)",
        {"a1", "t1", Json::binary({0x89, 'P', 0, 255}), t});
    run("INSERT INTO export_audit_log (id, user_id, action, metadata, created_at) "
        "VALUES (?, ?, 'created', ?, ?)",
        {"l1", "u1", R"({"format": "pdf", "n": 3})", t});
  }

  void run(const std::string& sql, const Params& params) {
    auto r = source_->execute(sql, params);
    ASSERT_TRUE(r.ok()) << r.error().detail;
  }

  std::unique_ptr<Database> source_;
};

TEST_P(CopyDatabaseTest, CopiesEveryTableAndVerifiesIt) {
  auto copied = copy_database(*source_, db());
  ASSERT_TRUE(copied.ok()) << copied.error().detail;
  int64_t rows = 0;
  bool saw_assets = false;
  for (const TableCopy& t : *copied) {
    EXPECT_NE(t.table, "schema_migrations");
    rows += t.rows;
    saw_assets = saw_assets || t.table == "template_assets";
    auto target = table_digest(db(), t.table);
    ASSERT_TRUE(target.ok());
    EXPECT_EQ(target->rows, t.rows) << t.table;
    EXPECT_EQ(target->sha256, t.sha256) << t.table;
  }
  EXPECT_TRUE(saw_assets);
  EXPECT_EQ(rows, 5);
  auto user = db().query_one("SELECT given_name, family_name, is_active FROM users");
  EXPECT_EQ((*user)["given_name"], "Zoë");
  EXPECT_EQ((*user)["is_active"], 0);
  auto asset = db().query_one("SELECT bytes FROM template_assets");
  EXPECT_EQ(static_cast<const std::vector<uint8_t>&>((*asset)["bytes"].get_binary()),
            (std::vector<uint8_t>{0x89, 'P', 0, 255}));
}

TEST_P(CopyDatabaseTest, ATargetWithAPracticeIsRefusedAndLeftAsItWas) {
  ASSERT_TRUE(copy_database(*source_, db()).ok());
  auto again = copy_database(*source_, db());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ((*db().query_one("SELECT COUNT(*) AS n FROM users"))["n"], 1);
}

TEST_P(CopyDatabaseTest, TheDigestSeesAChangedValue) {
  ASSERT_TRUE(copy_database(*source_, db()).ok());
  const auto before = table_digest(db(), "practice");
  ASSERT_TRUE(db().execute("UPDATE practice SET name = 'Cedar Grove Counseling'").ok());
  const auto after = table_digest(db(), "practice");
  EXPECT_EQ(before->rows, after->rows);
  EXPECT_NE(before->sha256, after->sha256);
}

DOSSIER_INSTANTIATE_BACKENDS(CopyDatabaseTest);

}  // namespace
}  // namespace dossier::db
