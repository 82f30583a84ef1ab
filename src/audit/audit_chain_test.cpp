#include "audit/audit_chain.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
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
    return append(db, key_, caller_,
                  {"downloaded", "j1", std::nullopt, {{"n", n}, {"via", "test"}}});
  }

  void append_many(int count) {
    for (int i = 0; i < count; ++i) ASSERT_TRUE(append_one(db(), i).ok()) << i;
  }

  VerifyReport verified(const std::optional<ChainHead>& expected = std::nullopt) {
    auto report = verify(db(), key_, expected);
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

  //! Gives every chain row from seq `from` on the prev_hash and row_hash `hash` makes, as
  //! someone with write access to the database would who recomputes the chain after an edit.
  void rehash_from(int64_t from, const std::function<std::string(const Json&)>& hash) {
    auto rows = db().query("SELECT * FROM export_audit_log WHERE seq IS NOT NULL ORDER BY seq");
    ASSERT_TRUE(rows.ok());
    std::string prev(64, '0');
    for (Json row : *rows) {
      if (row["seq"].get<int64_t>() >= from) {
        row["prev_hash"] = prev;
        row["row_hash"] = hash(row);
        ASSERT_TRUE(db().execute("UPDATE export_audit_log SET prev_hash = ?, row_hash = ? "
                                 "WHERE id = ?",
                                 {row["prev_hash"], row["row_hash"], row["id"]})
                        .ok());
      }
      prev = row["row_hash"].get<std::string>();
    }
  }

  static std::string plain_hash(const Json& row) { return crypto::sha256_hex(hashed_content(row)); }

  static inline const auth::Caller caller_{"u1", auth::Role::kAdmin, "127.0.0.1", "test"};
  static inline const ChainKey key_{std::string(32, 'k')};
};

// The hash is exactly the documented one, so other tools holding the key can check the chain.
TEST(ChainHashTest, IsTheHmacOfTheDocumentedArray) {
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
  const ChainKey key(std::string(32, 'k'));
  EXPECT_EQ(hashed_content(row), text);
  EXPECT_EQ(chain_hash(key, row), crypto::hmac_sha256_hex(key.secret(), text));
  EXPECT_NE(chain_hash(ChainKey(std::string(32, 'o')), row), chain_hash(key, row));
  Json reordered = row;
  reordered["metadata"] = R"({"a":{"b":"é","y":true},"z":1})";
  EXPECT_EQ(chain_hash(key, reordered), chain_hash(key, row));
  reordered["metadata"] = R"({"a":{"b":"é","y":true},"z":2})";
  EXPECT_NE(chain_hash(key, reordered), chain_hash(key, row));
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
                           {forged["action"], forged["prev_hash"], chain_hash(key_, forged)})
                  .ok());
  expect_broken(verified(), 3, id_at(3), "does not follow the previous row");
  // With prev_hash left alone, the forgery passes as row 3 and row 4 no longer follows.
  forged["prev_hash"] = (*row)["prev_hash"];
  ASSERT_TRUE(db().execute("UPDATE export_audit_log SET prev_hash = ?, row_hash = ? WHERE seq = 3",
                           {forged["prev_hash"], chain_hash(key_, forged)})
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
    const ChainKey key(std::string(32, 'k'));
    std::vector<std::thread> threads;
    for (int h = 0; h < kHandles; ++h) {
      threads.emplace_back([&, h] {
        for (int i = 0; i < kEach; ++i) {
          EXPECT_TRUE(
              append(*handles[h], key, caller, {"downloaded", "j1", std::nullopt, {{"i", i}}})
                  .ok());
        }
      });
    }
    for (auto& thread : threads) thread.join();
    auto report = verify(*handles[1], key);
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
  EXPECT_FALSE(append(db(), key_, caller_, {"peeked", "j1", std::nullopt, Json::object()}).ok());
  EXPECT_EQ(verified().rows_checked, 0);
}

// A user agent longer than the column keeps is cut before a character, never inside one
// (PostgreSQL refuses half a character), and a caller without a user is stored as NULL.
TEST_P(AuditChainTest, LongUserAgentsAreCutBetweenCharacters) {
  const auth::Caller browser{"", auth::Role::kTherapist, "127.0.0.1", std::string(511, 'a') + "é"};
  ASSERT_TRUE(
      append(db(), key_, browser, {"download_refused", "j1", std::nullopt, Json::object()}).ok());
  auto row = db().query_one("SELECT user_id, user_agent FROM export_audit_log");
  ASSERT_TRUE(row.ok());
  EXPECT_EQ((*row)["user_agent"], std::string(511, 'a'));
  EXPECT_TRUE((*row)["user_id"].is_null());
  EXPECT_TRUE(verified().ok);
}

// Without the key, recomputing the chain after an edit is no way to hide it: neither plain
// SHA-256 hashes (as the chain had before the key) nor HMACs under a key of one's own verify.
TEST_P(AuditChainTest, AnEditWithEveryHashRecomputedWithoutTheKeyIsNamed) {
  const ChainKey guessed(std::string(32, 'g'));
  const std::function<std::string(const Json&)> forgers[] = {
      plain_hash, [&](const Json& row) { return chain_hash(guessed, row); }};
  for (const auto& forge : forgers) {
    ASSERT_TRUE(db().execute("DELETE FROM export_audit_log").ok());
    append_many(10);
    ASSERT_EQ(*db().execute("UPDATE export_audit_log SET user_id = 'u2' WHERE seq = 4"), 1);
    rehash_from(4, forge);
    const VerifyReport report = verified();
    expect_broken(report, 4, id_at(4), "altered");
    EXPECT_EQ(report.last_verified["seq"], 3);
  }
}

TEST_P(AuditChainTest, ARowForgedAtTheHeadIsNamed) {
  append_many(5);
  const VerifyReport before = verified();
  Json forged = {{"id", "forged"},
                 {"seq", 6},
                 {"export_job_id", "j1"},
                 {"user_id", "u2"},
                 {"patient_id", nullptr},
                 {"action", "downloaded"},
                 {"ip_address", nullptr},
                 {"user_agent", nullptr},
                 {"metadata", "{}"},
                 {"created_at", now_timestamp()},
                 {"prev_hash", before.last_verified["row_hash"]}};
  forged["row_hash"] = plain_hash(forged);
  ASSERT_TRUE(db().insert("export_audit_log", forged).ok());
  expect_broken(verified(), 6, "forged", "altered");
}

// The end cut off leaves a shorter chain that verifies; a head kept elsewhere shows it.
TEST_P(AuditChainTest, AnExpectedHeadCatchesTheNewestRowDeleted) {
  append_many(10);
  const VerifyReport intact = verified();
  const ChainHead head{10, intact.last_verified["row_hash"].get<std::string>()};
  EXPECT_TRUE(verified(head).ok);
  expect_broken(verified(ChainHead{5, std::string(64, '0')}), 5, id_at(5), "not the expected head");
  ASSERT_EQ(*db().execute("DELETE FROM export_audit_log WHERE seq = 10"), 1);
  EXPECT_TRUE(verified().ok) << "the database alone cannot tell";
  VerifyReport report = verified(head);
  expect_broken(report, 10, "", "deleted from the end");
  EXPECT_EQ(report.rows_checked, 9);
  EXPECT_EQ(report.last_verified["seq"], 9);
  // Appends after the cut take seq 10 again, with another hash.
  ASSERT_TRUE(append_one(db(), 10).ok());
  expect_broken(verified(head), 10, id_at(10), "not the expected head");
}

// Keys directories of their own, removed after the test.
class ChainKeyingTest : public AuditChainTest {
 protected:
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    AuditChainTest::TearDown();
  }

  std::shared_ptr<storage::KeyRing> key_ring() {
    auto ring = storage::KeyRing::open(dir_.string());
    EXPECT_TRUE(ring.ok());
    return ring.ok() ? *ring : nullptr;
  }

  //! A chain of `n` rows as Dossier wrote them before the audit key: plain SHA-256 hashes.
  void append_plain_chain(int n) {
    append_many(n);
    rehash_from(1, plain_hash);
  }

  db::Rows hashes() {
    auto rows = db().query("SELECT id, prev_hash, row_hash FROM export_audit_log ORDER BY seq");
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : db::Rows{};
  }

  VerifyReport verified_with(const ChainKey& key) {
    auto report = verify(db(), key);
    EXPECT_TRUE(report.ok());
    return report.ok() ? *report : VerifyReport{};
  }

  const std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / ("dossier-audit-keys-" + new_uuid());
};

TEST_P(ChainKeyingTest, AnIntactOldChainIsResealedOnceUnderANewKey) {
  append_plain_chain(7);
  const db::Rows plain = hashes();
  auto ring = key_ring();
  auto key = open_chain_key(db(), *ring);
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(std::filesystem::exists(dir_ / "audit.secret"));
  EXPECT_EQ(
      std::filesystem::status(dir_ / "audit.secret").permissions() & std::filesystem::perms::all,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const db::Rows sealed = hashes();
  ASSERT_EQ(sealed.size(), plain.size());
  for (size_t i = 0; i < sealed.size(); ++i) EXPECT_NE(sealed[i]["row_hash"], plain[i]["row_hash"]);
  const VerifyReport report = verified_with(*key);
  EXPECT_TRUE(report.ok) << report.to_json().dump();
  EXPECT_EQ(report.rows_checked, 7);

  // Once the key exists it is only read: nothing is re-sealed again, not even a chain that
  // someone has since rewritten with plain hashes.
  rehash_from(1, plain_hash);
  auto again = open_chain_key(db(), *key_ring());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->secret(), key->secret());
  expect_broken(verified_with(*again), 1, id_at(1), "altered");
}

TEST_P(ChainKeyingTest, ABrokenOldChainIsNotResealed) {
  append_plain_chain(6);
  ASSERT_EQ(*db().execute("UPDATE export_audit_log SET user_id = 'u2' WHERE seq = 3"), 1);
  const db::Rows before = hashes();
  auto key = open_chain_key(db(), *key_ring());
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(std::filesystem::exists(dir_ / "audit.secret"));
  EXPECT_EQ(hashes(), before);
  EXPECT_FALSE(verified_with(*key).ok);
}

// A process that re-sealed the chain and stopped before adopting the key left the pending
// key behind: the next start adopts it and finds nothing to redo.
TEST_P(ChainKeyingTest, AResealThatCommittedIsAdoptedAfterARestart) {
  append_many(4);
  auto ring = key_ring();
  auto pending = ring->pending_audit_key();
  ASSERT_TRUE(pending.ok());
  const ChainKey sealed_with(*pending);
  rehash_from(1, [&](const Json& row) { return chain_hash(sealed_with, row); });
  const db::Rows before = hashes();
  auto key = open_chain_key(db(), *ring);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->secret(), sealed_with.secret());
  EXPECT_EQ(hashes(), before);
  EXPECT_TRUE(verified_with(*key).ok);
}

TEST_P(ChainKeyingTest, ProcessesStartingAtOnceAdoptOneKeyAndResealOnce) {
  append_plain_chain(20);
  constexpr int kProcesses = 4;
  std::vector<std::unique_ptr<db::Database>> handles;
  for (int p = 0; p < kProcesses; ++p) handles.push_back(second_handle());
  std::vector<std::string> secrets(kProcesses);
  std::vector<std::thread> threads;
  for (int p = 0; p < kProcesses; ++p) {
    threads.emplace_back([&, p] {
      auto ring = storage::KeyRing::open(dir_.string());
      ASSERT_TRUE(ring.ok());
      auto key = open_chain_key(handles[p] ? *handles[p] : db(), **ring);
      ASSERT_TRUE(key.ok()) << key.error().detail;
      secrets[p] = key->secret();
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& secret : secrets) EXPECT_EQ(secret, secrets[0]);
  const VerifyReport report = verified_with(ChainKey(secrets[0]));
  EXPECT_TRUE(report.ok) << report.to_json().dump();
  EXPECT_EQ(report.rows_checked, 20);
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
DOSSIER_INSTANTIATE_BACKENDS(ChainKeyingTest);

}  // namespace
}  // namespace dossier::audit
