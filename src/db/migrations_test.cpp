#include "db/migrations.h"

#include <gtest/gtest.h>

#include <thread>

#include "db/open_database.h"
#include "db/testing/backend_test.h"

namespace dossier::db {
namespace {

class MigrationsTest : public testing::BackendTest {};

TEST_P(MigrationsTest, ApplyOnceAndCreateEveryTable) {
  auto first = migrate(db());
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(first->size(), all_migrations().size());
  auto second = migrate(db());
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->empty());
  EXPECT_EQ(db().query("SELECT name FROM schema_migrations")->size(), all_migrations().size());
  for (const char* table : {"patients", "export_jobs", "export_audit_log", "template_assets"}) {
    EXPECT_TRUE(db().query(std::string("SELECT COUNT(*) AS n FROM ") + table).ok()) << table;
  }
}

TEST_P(MigrationsTest, ASchemaNewerThanTheBinaryIsRefused) {
  ASSERT_TRUE(migrate(db()).ok());
  ASSERT_TRUE(db().execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                           {"9999_from_the_future", "2030-01-01T00:00:00.000Z"})
                  .ok());
  auto again = migrate(db());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(again.error().detail.find("9999_from_the_future"), std::string::npos);
}

TEST_P(MigrationsTest, ProcessesStartingTogetherMigrateOnce) {
  if (GetParam() == Backend::kSqlite) GTEST_SKIP() << "an in-memory database has one process";
  std::vector<std::unique_ptr<Database>> pools;
  for (int i = 0; i < 4; ++i) {
    auto opened = open_database({.url = test_database().url(), .pool_size = 1});
    ASSERT_TRUE(opened.ok());
    pools.push_back(std::move(opened).value());
  }
  std::vector<size_t> applied(pools.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < pools.size(); ++i) {
    threads.emplace_back([&, i] {
      auto r = migrate(*pools[i]);
      EXPECT_TRUE(r.ok());
      if (r.ok()) applied[i] = r->size();
    });
  }
  for (auto& t : threads) t.join();
  size_t total = 0;
  for (size_t n : applied) total += n;
  EXPECT_EQ(total, all_migrations().size());
}

DOSSIER_INSTANTIATE_BACKENDS(MigrationsTest);

TEST(MigrationTokensTest, MapPerBackend) {
  EXPECT_EQ(render_migration("id {uuid}, b {blob}", Backend::kSqlite), "id TEXT, b BLOB");
  EXPECT_EQ(render_migration("id {uuid}, b {blob}", Backend::kPostgres), "id TEXT, b BYTEA");
}

TEST(OpenDatabaseTest, NamesTheSettingForAnUnknownScheme) {
  auto r = open_database({.url = "mysql://somewhere/db"});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].path, "DOSSIER_DATABASE_URL");
  EXPECT_EQ(redact_url("postgresql://app:s3cret@db:5432/x"), "postgresql://app:***@db:5432/x");
  EXPECT_EQ(redact_url("postgresql://app@db/x"), "postgresql://app@db/x");
}

}  // namespace
}  // namespace dossier::db
