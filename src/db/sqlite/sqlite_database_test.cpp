#include "db/sqlite/sqlite_database.h"

#include <gtest/gtest.h>

#include "db/migrations.h"

namespace dossier::db {
namespace {

std::unique_ptr<SqliteDatabase> open_memory() {
  auto db = SqliteDatabase::open(":memory:");
  EXPECT_TRUE(db.ok());
  return std::move(db).value();
}

TEST(SqliteDatabaseTest, RoundTripsScalars) {
  auto db = open_memory();
  ASSERT_TRUE(db->execute("CREATE TABLE t (a INTEGER, b TEXT, c REAL, d BLOB, e INTEGER)").ok());
  ASSERT_TRUE(db->execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                          {42, "Zoë 日本", 1.5, Json::binary({1, 2, 3}), nullptr})
                  .ok());
  auto row = db->query_one("SELECT * FROM t");
  ASSERT_TRUE(row.ok());
  EXPECT_EQ((*row)["a"], 42);
  EXPECT_EQ((*row)["b"], "Zoë 日本");
  EXPECT_DOUBLE_EQ((*row)["c"].get<double>(), 1.5);
  EXPECT_EQ((*row)["d"].get_binary().size(), 3u);
  EXPECT_TRUE((*row)["e"].is_null());
}

TEST(SqliteDatabaseTest, FailedTransactionLeavesNothing) {
  auto db = open_memory();
  ASSERT_TRUE(db->execute("CREATE TABLE t (a INTEGER)").ok());
  Status s = db->transaction([&]() -> Status {
    DOSSIER_TRY(db->execute("INSERT INTO t VALUES (1)"));
    return Error::validation("a", "rejected on purpose");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ((*db->query("SELECT * FROM t")).size(), 0u);
}

TEST(SqliteDatabaseTest, NestedTransactionRollsBackOnlyItsPart) {
  auto db = open_memory();
  ASSERT_TRUE(db->execute("CREATE TABLE t (a INTEGER)").ok());
  Status s = db->transaction([&]() -> Status {
    DOSSIER_TRY(db->execute("INSERT INTO t VALUES (1)"));
    EXPECT_FALSE(db->transaction([&]() -> Status {
                     DOSSIER_TRY(db->execute("INSERT INTO t VALUES (2)"));
                     return Error::internal("inner");
                   }).ok());
    return {};
  });
  ASSERT_TRUE(s.ok());
  auto rows = db->query("SELECT a FROM t");
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0]["a"], 1);
}

TEST(SqliteDatabaseTest, ConstraintViolationIsAConflict) {
  auto db = open_memory();
  ASSERT_TRUE(db->execute("CREATE TABLE t (a INTEGER UNIQUE)").ok());
  ASSERT_TRUE(db->execute("INSERT INTO t VALUES (1)").ok());
  auto r = db->execute("INSERT INTO t VALUES (1)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
}

TEST(MigrationsTest, ApplyOnceAndCreateEveryTable) {
  auto db = open_memory();
  ASSERT_TRUE(migrate(*db).ok());
  ASSERT_TRUE(migrate(*db).ok());
  auto names = db->query("SELECT name FROM schema_migrations");
  EXPECT_EQ(names->size(), all_migrations().size());
  auto tables =
      db->query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'export_jobs'");
  EXPECT_EQ(tables->size(), 1u);
}

TEST(MigrationsTest, TokensMapPerBackend) {
  EXPECT_EQ(render_migration("id {uuid}, b {blob}", Backend::kSqlite), "id TEXT, b BLOB");
  EXPECT_EQ(render_migration("id {uuid}, b {blob}", Backend::kPostgres), "id UUID, b BYTEA");
}

}  // namespace
}  // namespace dossier::db
