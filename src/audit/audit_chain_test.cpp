#include "audit/audit_chain.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>

#include "audit/audit_log.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/ids.h"
#include "db/migrations.h"
#include "db/open_database.h"
#include "db/testing/backend_test.h"

namespace dossier::audit {
namespace {

class AuditChainTest : public db::testing::BackendTest {
 protected:
  void SetUp() override {
    db::testing::BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db::migrate(db()).ok());
    add_users_and_job();
  }

  void add_users_and_job() {
    const std::string now = now_timestamp();
    for (const char* user : {"u1", "u2"}) {
      ASSERT_TRUE(db().execute("INSERT INTO users (id, role, given_name, family_name, "
                               "created_at, updated_at) VALUES (?, 'admin', 'A', 'B', ?, ?)",
                               {user, now, now})
                      .ok());
    }
    ASSERT_TRUE(db().execute("INSERT INTO export_jobs (id, user_id, export_type, format, "
                             "created_at) VALUES ('j1', 'u1', 'full_record', 'json', ?)",
                             {now})
                    .ok());
  }

  static Status append_one(db::Database& db, int n) {
    return append(db, caller_, {"downloaded", "j1", std::nullopt, {{"n", n}, {"via", "test"}}});
  }

  void append_many(int count) {
    for (int i = 0; i < count; ++i) ASSERT_TRUE(append_one(db(), i).ok()) << i;
  }

  VerifyReport verified() {
    auto report = verify(db());
    EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().detail);
    return report.ok() ? std::move(report).value() : VerifyReport{};
  }

  std::string id_at(int64_t seq) {
    auto row = db().query_one("SELECT id FROM export_audit_log WHERE seq = ?", {seq});
    EXPECT_TRUE(row.ok() && row->is_object()) << seq;
    return row.ok() && row->is_object() ? (*row)["id"].get<std::string>() : "";
  }

  void expect_broken(const VerifyReport& report, std::optional<int64_t> seq, const std::string& id,
                     const std::string& problem) {
    EXPECT_FALSE(report.ok);
    ASSERT_TRUE(report.first_broken.has_value());
    EXPECT_EQ(report.first_broken->seq, seq);
    EXPECT_EQ(report.first_broken->id, id);
    EXPECT_EQ(report.first_broken->problem, problem);
  }

  //! Connections of their own to the same database, as another process would have; null on
  //! SQLite in memory, where the one handle is the whole database.
  std::unique_ptr<db::Database> second_handle() {
    if (test_database().url().empty()) return nullptr;
    auto opened = db::open_database({.url = test_database().url(), .pool_size = 2});
    EXPECT_TRUE(opened.ok());
    return opened.ok() ? std::move(opened).value() : nullptr;
  }

  static inline const auth::Caller caller_{"u1", auth::Role::kAdmin, "127.0.0.1", "test"};
};

// The hash is exactly the documented one, so other tools can check the chain.
TEST(ChainHashTest, IsTheSha256OfTheDocumentedArray) {
  const Json row = {{"id", "a1"},
                    {"seq", 3},
                    {"export_job_id", "j1"},
                    {"user_id", "u1"},
                    {"patient_id", nullptr},
                    {"action", "created"},
                    {"ip_address", "127.0.0.1"},
                    {"user_agent", nullptr},
                    {"metadata", R"({"z": 1, "a": {"y": true, "b": "é"}})"},
                    {"created_at", "2025-01-02T03:04:05.678Z"},
                    {"prev_hash", std::string(64, 'f')},
                    {"row_hash", "ignored"}};
  const std::string text = "[\"" + std::string(64, 'f') +
                           R"(",3,"a1","j1","u1",null,"created","127.0.0.1",null,)"
                           R"({"a":{"b":"é","y":true},"z":1},"2025-01-02T03:04:05.678Z"])";
  EXPECT_EQ(chain_hash(row), crypto::sha256_hex(text));
  Json reordered = row;
  reordered["metadata"] = R"({"a":{"b":"é","y":true},"z":1})";
  EXPECT_EQ(chain_hash(reordered), chain_hash(row));
  reordered["metadata"] = R"({"a":{"b":"é","y":true},"z":2})";
  EXPECT_NE(chain_hash(reordered), chain_hash(row));
}

TEST_P(AuditChainTest, AnEmptyChainVerifies) {
  const VerifyReport report = verified();
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.rows_checked, 0);
  EXPECT_TRUE(report.last_verified.is_null());
}

TEST_P(AuditChainTest, AnIntactChainOfManyAppendsVerifies) {
  append_many(60);
  // Inside a transaction of the caller's too, as the job store appends.
  ASSERT_TRUE(db().transaction([&] { return append_one(db(), 60); }).ok());
  const VerifyReport report = verified();
  EXPECT_TRUE(report.ok);
  EXPECT_FALSE(report.first_broken.has_value());
  EXPECT_EQ(report.rows_checked, 61);
  EXPECT_EQ(report.last_verified["seq"], 61);
  auto first = db().query_one("SELECT prev_hash FROM export_audit_log WHERE seq = 1");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)["prev_hash"], std::string(64, '0'));
  auto head = db().query_one("SELECT row_hash FROM export_audit_log WHERE seq = 61");
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(report.last_verified["row_hash"], (*head)["row_hash"]);
  EXPECT_EQ(report.to_json()["first_broken"], nullptr);
}

TEST_P(AuditChainTest, AnEditedRowIsNamedAsAltered) {
  for (const char* edit :
       {"metadata = '{\"n\":99,\"via\":\"test\"}'", "action = 'created'", "user_id = 'u2'",
        "ip_address = '10.0.0.1'", "created_at = '2020-01-01T00:00:00.000Z'"}) {
    SCOPED_TRACE(edit);
    ASSERT_TRUE(db().execute("DELETE FROM export_audit_log").ok());
    append_many(10);
    ASSERT_EQ(*db().execute(std::string("UPDATE export_audit_log SET ") + edit + " WHERE seq = 4"),
              1);
    const VerifyReport report = verified();
    expect_broken(report, 4, id_at(4), "altered");
    EXPECT_EQ(report.rows_checked, 4);
    EXPECT_EQ(report.last_verified["seq"], 3);
  }
}

TEST_P(AuditChainTest, AMetadataKeyOrderChangeIsNotAnEdit) {
  append_many(3);
  ASSERT_TRUE(db().execute("UPDATE export_audit_log SET metadata = '{\"via\": \"test\", \"n\": 1}' "
                           "WHERE seq = 2")
                  .ok());
  EXPECT_TRUE(verified().ok);
}

TEST_P(AuditChainTest, ADeletedMiddleRowIsNamedByTheRowAfterTheGap) {
  append_many(20);
  const std::string after = id_at(11);
  ASSERT_EQ(*db().execute("DELETE FROM export_audit_log WHERE seq = 10"), 1);
  const VerifyReport report = verified();
  expect_broken(report, 11, after, "deleted before this row");
  EXPECT_EQ(report.last_verified["seq"], 9);
}

TEST_P(AuditChainTest, ADeletedFirstRowIsNamedByTheNewFirst) {
  append_many(5);
  const std::string second = id_at(2);
  ASSERT_EQ(*db().execute("DELETE FROM export_audit_log WHERE seq = 1"), 1);
  expect_broken(verified(), 2, second, "deleted before this row");
}

TEST_P(AuditChainTest, ARowReplacedHashAndAllBreaksALink) {
  append_many(6);
  auto row = db().query_one("SELECT * FROM export_audit_log WHERE seq = 3");
  ASSERT_TRUE(row.ok());
  Json forged = *row;
  forged["action"] = "created";
  forged["prev_hash"] = std::string(64, 'a');
  ASSERT_TRUE(db().execute("UPDATE export_audit_log SET action = ?, prev_hash = ?, row_hash = ? "
                           "WHERE seq = 3",
                           {forged["action"], forged["prev_hash"], chain_hash(forged)})
                  .ok());
  expect_broken(verified(), 3, id_at(3), "does not follow the previous row");
  // With prev_hash left alone, the forgery passes as row 3 and row 4 no longer follows.
  forged["prev_hash"] = (*row)["prev_hash"];
  ASSERT_TRUE(db().execute("UPDATE export_audit_log SET prev_hash = ?, row_hash = ? WHERE seq = 3",
                           {forged["prev_hash"], chain_hash(forged)})
                  .ok());
  expect_broken(verified(), 4, id_at(4), "does not follow the previous row");
}

TEST_P(AuditChainTest, RowsInsertedOutOfBandAreNamed) {
  append_many(5);
  const std::string insert =
      "INSERT INTO export_audit_log (id, export_job_id, user_id, action, metadata, created_at, "
      "seq) VALUES (?, 'j1', 'u1', 'downloaded', '{}', ?, ?)";
  ASSERT_TRUE(db().execute(insert, {"outside", now_timestamp(), nullptr}).ok());
  expect_broken(verified(), std::nullopt, "outside", "inserted");
  ASSERT_TRUE(db().execute(insert, {"at-the-head", now_timestamp(), 6}).ok());
  expect_broken(verified(), 6, "at-the-head", "inserted");
  // Appends go on from an unsealed head; verify keeps naming it.
  ASSERT_TRUE(append_one(db(), 7).ok());
  expect_broken(verified(), 6, "at-the-head", "inserted");
}

TEST_P(AuditChainTest, ConcurrentAppendsMakeOneUnbrokenChain) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::unique_ptr<db::Database>> handles;
  for (int t = 0; t < kThreads; ++t) handles.push_back(second_handle());
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      db::Database& handle = handles[t] ? *handles[t] : db();
      for (int i = 0; i < kEach; ++i) {
        // Half alone, half inside a transaction that wrote something first.
        const Status appended =
            i % 2 ? append_one(handle, t * kEach + i) : handle.transaction([&]() -> Status {
              DOSSIER_TRY(handle.execute("UPDATE export_jobs SET attempts = attempts + 1"));
              return append_one(handle, t * kEach + i);
            });
        EXPECT_TRUE(appended.ok()) << (appended.ok() ? "" : appended.error().detail);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const VerifyReport report = verified();
  EXPECT_TRUE(report.ok) << report.to_json().dump();
  EXPECT_EQ(report.rows_checked, kThreads * kEach);
  auto seqs = db().query("SELECT seq FROM export_audit_log");
  ASSERT_TRUE(seqs.ok());
  std::set<int64_t> distinct;
  for (const auto& row : *seqs) distinct.insert(row["seq"].get<int64_t>());
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*distinct.rbegin(), kThreads * kEach);
}

// Processes sharing one embedded database file (serve and worker over one data directory)
// each have a handle of their own; BEGIN IMMEDIATE is what serializes their appends.
TEST(SqliteFileChainTest, HandlesOfTheirOwnMakeOneUnbrokenChain) {
  const auto path = std::filesystem::temp_directory_path() / ("dossier-audit-" + new_uuid());
  constexpr int kHandles = 3, kEach = 20;
  {
    std::vector<std::unique_ptr<db::Database>> handles;
    for (int h = 0; h < kHandles; ++h) {
      auto opened = db::open_database({.url = "", .sqlite_path = path.string()});
      ASSERT_TRUE(opened.ok());
      handles.push_back(std::move(opened).value());
    }
    ASSERT_TRUE(db::migrate(*handles[0]).ok());
    const std::string now = now_timestamp();
    ASSERT_TRUE(handles[0]
                    ->execute("INSERT INTO users (id, role, given_name, family_name, created_at, "
                              "updated_at) VALUES ('u1', 'admin', 'A', 'B', ?, ?)",
                              {now, now})
                    .ok());
    ASSERT_TRUE(handles[0]
                    ->execute("INSERT INTO export_jobs (id, user_id, export_type, format, "
                              "created_at) VALUES ('j1', 'u1', 'full_record', 'json', ?)",
                              {now})
                    .ok());
    const auth::Caller caller{"u1", auth::Role::kAdmin, "127.0.0.1", "test"};
    std::vector<std::thread> threads;
    for (int h = 0; h < kHandles; ++h) {
      threads.emplace_back([&, h] {
        for (int i = 0; i < kEach; ++i) {
          EXPECT_TRUE(
              append(*handles[h], caller, {"downloaded", "j1", std::nullopt, {{"i", i}}}).ok());
        }
      });
    }
    for (auto& thread : threads) thread.join();
    auto report = verify(*handles[1]);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok) << report->to_json().dump();
    EXPECT_EQ(report->rows_checked, kHandles * kEach);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_P(AuditChainTest, AnAppendRolledBackWithItsTransactionLeavesTheChainIntact) {
  append_many(3);
  const Status rolled_back = db().transaction([&]() -> Status {
    DOSSIER_TRY(append_one(db(), 3));
    DOSSIER_TRY(append_one(db(), 4));
    return Error::make(ErrorCode::kConflict, "the change it recorded failed");
  });
  ASSERT_FALSE(rolled_back.ok());
  EXPECT_EQ(verified().rows_checked, 3);
  // Inside a savepoint that rolls back, while the outer transaction commits.
  ASSERT_TRUE(db().transaction([&]() -> Status {
                    (void)db().transaction([&]() -> Status {
                      DOSSIER_TRY(append_one(db(), 5));
                      return Error::make(ErrorCode::kConflict, "undone");
                    });
                    return append_one(db(), 6);
                  })
                  .ok());
  append_many(2);
  const VerifyReport report = verified();
  EXPECT_TRUE(report.ok) << report.to_json().dump();
  EXPECT_EQ(report.rows_checked, 6);
}

TEST_P(AuditChainTest, AnUnknownActionWritesNothing) {
  EXPECT_FALSE(append(db(), caller_, {"peeked", "j1", std::nullopt, Json::object()}).ok());
  EXPECT_EQ(verified().rows_checked, 0);
}

// A user agent longer than the column keeps is cut before a character, never inside one
// (PostgreSQL refuses half a character), and a caller without a user is stored as NULL.
TEST_P(AuditChainTest, LongUserAgentsAreCutBetweenCharacters) {
  const auth::Caller browser{"", auth::Role::kTherapist, "127.0.0.1", std::string(511, 'a') + "é"};
  ASSERT_TRUE(append(db(), browser, {"download_refused", "j1", std::nullopt, Json::object()}).ok());
  auto row = db().query_one("SELECT user_id, user_agent FROM export_audit_log");
  ASSERT_TRUE(row.ok());
  EXPECT_EQ((*row)["user_agent"], std::string(511, 'a'));
  EXPECT_TRUE((*row)["user_id"].is_null());
  EXPECT_TRUE(verified().ok);
}

// A database from before the chain: its rows are numbered by the migration and sealed by the
// first verify (or append), then guarded like any other.
class PreChainAuditTest : public AuditChainTest {
 protected:
  void SetUp() override {
    db::testing::BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const auto& m : db::all_migrations()) {
      if (m.name >= "0008") break;
      apply(m);
    }
    add_users_and_job();
  }

  void apply(const db::Migration& m) {
    const std::string sql = db::render_migration(m.sql, db().backend());
    size_t start = 0;
    for (size_t end; (end = sql.find(";\n", start)) != std::string::npos; start = end + 2) {
      ASSERT_TRUE(db().execute(sql.substr(start, end + 1 - start)).ok()) << m.name;
    }
    ASSERT_TRUE(db().execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY "
                             "KEY, applied_at TEXT NOT NULL)")
                    .ok());
    ASSERT_TRUE(db().execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                             {m.name, now_timestamp()})
                    .ok());
  }

  void insert_old_row(const std::string& id, const std::string& created_at) {
    ASSERT_TRUE(db().execute("INSERT INTO export_audit_log (id, export_job_id, user_id, action, "
                             "metadata, created_at) VALUES (?, 'j1', 'u1', 'created', ?, ?)",
                             {id, R"({"format":"json"})", created_at})
                    .ok());
  }
};

TEST_P(PreChainAuditTest, OldRowsAreChainedOnceInTheOrderTheyWereWritten) {
  insert_old_row("c", "2024-01-01T00:00:02.000Z");
  insert_old_row("a", "2024-01-01T00:00:01.000Z");
  insert_old_row("b", "2024-01-01T00:00:02.000Z");
  auto applied = db::migrate(db());
  ASSERT_TRUE(applied.ok());
  ASSERT_FALSE(applied->empty());
  ASSERT_EQ(applied->front(), "0008_audit_chain");
  auto order = db().query("SELECT id FROM export_audit_log ORDER BY seq");
  ASSERT_TRUE(order.ok());
  ASSERT_EQ(order->size(), 3u);
  EXPECT_EQ((*order)[0]["id"], "a");
  EXPECT_EQ((*order)[1]["id"], "b");
  EXPECT_EQ((*order)[2]["id"], "c");

  const VerifyReport report = verified();
  EXPECT_TRUE(report.ok) << report.to_json().dump();
  EXPECT_EQ(report.rows_checked, 3);
  ASSERT_TRUE(append_one(db(), 4).ok());
  EXPECT_EQ(verified().rows_checked, 4);

  ASSERT_TRUE(db().execute("UPDATE export_audit_log SET action = 'shared' WHERE id = 'b'").ok());
  expect_broken(verified(), 2, "b", "altered");
}

TEST_P(PreChainAuditTest, TheFirstAppendSealsOldRowsToo) {
  insert_old_row("a", "2024-01-01T00:00:01.000Z");
  ASSERT_TRUE(db::migrate(db()).ok());
  ASSERT_TRUE(append_one(db(), 2).ok());
  const VerifyReport report = verified();
  EXPECT_TRUE(report.ok) << report.to_json().dump();
  EXPECT_EQ(report.rows_checked, 2);
  // Once sealed, taking a hash away is not a way to have a row sealed again.
  ASSERT_TRUE(db().execute("UPDATE export_audit_log SET row_hash = NULL, action = 'shared' "
                           "WHERE id = 'a'")
                  .ok());
  ASSERT_TRUE(append_one(db(), 3).ok());
  expect_broken(verified(), 1, "a", "inserted");
}

DOSSIER_INSTANTIATE_BACKENDS(AuditChainTest);
DOSSIER_INSTANTIATE_BACKENDS(PreChainAuditTest);

}  // namespace
}  // namespace dossier::audit
