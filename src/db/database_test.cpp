#include <gtest/gtest.h>

#include <thread>

#include "db/testing/backend_test.h"

namespace dossier::db {
namespace {

class DatabaseTest : public testing::BackendTest {
 protected:
  void make_table() { ASSERT_TRUE(db().execute("CREATE TABLE t (a INTEGER UNIQUE)").ok()); }
  std::vector<int64_t> values() {
    std::vector<int64_t> out;
    auto rows = db().query("SELECT a FROM t ORDER BY a");
    EXPECT_TRUE(rows.ok());
    if (rows.ok()) {
      for (const auto& r : rows.value()) out.push_back(r["a"]);
    }
    return out;
  }
};

TEST_P(DatabaseTest, RoundTripsScalars) {
  ASSERT_TRUE(db().execute("CREATE TABLE s (a INTEGER, b TEXT, c DOUBLE PRECISION, d " +
                           std::string(GetParam() == Backend::kSqlite ? "BLOB" : "BYTEA") +
                           ", e INTEGER, f BIGINT, g INTEGER)")
                  .ok());
  const std::vector<uint8_t> blob = {0, 1, 2, 255, '\\', 'x'};
  ASSERT_TRUE(db().execute("INSERT INTO s VALUES (?, ?, ?, ?, ?, ?, ?)",
                           {42, "Zoë 日本 'quoted' ?", 1.5, Json::binary(blob), nullptr,
                            int64_t{9'000'000'000}, true})
                  .ok());
  auto row = db().query_one("SELECT * FROM s");
  ASSERT_TRUE(row.ok());
  EXPECT_EQ((*row)["a"], 42);
  EXPECT_EQ((*row)["b"], "Zoë 日本 'quoted' ?");
  EXPECT_DOUBLE_EQ((*row)["c"].get<double>(), 1.5);
  EXPECT_EQ(static_cast<const std::vector<uint8_t>&>((*row)["d"].get_binary()), blob);
  EXPECT_TRUE((*row)["e"].is_null());
  EXPECT_EQ((*row)["f"], int64_t{9'000'000'000});
  EXPECT_EQ((*row)["g"], 1) << "booleans are stored as 0/1";
  auto agg = db().query_one("SELECT COUNT(*) AS n, SUM(f) AS total, MAX(c) AS top FROM s");
  EXPECT_EQ((*agg)["n"], 1);
  EXPECT_EQ((*agg)["total"], int64_t{9'000'000'000}) << "whole sums stay integers";
  EXPECT_DOUBLE_EQ((*agg)["top"].get<double>(), 1.5);
  auto matched = db().query("SELECT a FROM s WHERE a = ? AND b = ? AND g = ?",
                            {42, "Zoë 日本 'quoted' ?", true});
  ASSERT_TRUE(matched.ok());
  EXPECT_EQ(matched->size(), 1u);
}

TEST_P(DatabaseTest, ExecuteCountsChangedRows) {
  make_table();
  ASSERT_TRUE(db().execute("INSERT INTO t VALUES (1), (2), (3)").ok());
  EXPECT_EQ(*db().execute("UPDATE t SET a = a + 10 WHERE a >= ?", {2}), 2);
  EXPECT_EQ(*db().execute("DELETE FROM t WHERE a = ?", {99}), 0);
}

TEST_P(DatabaseTest, FailedTransactionLeavesNothing) {
  make_table();
  Status s = db().transaction([&]() -> Status {
    DOSSIER_TRY(db().execute("INSERT INTO t VALUES (1)"));
    return Error::validation("a", "rejected on purpose");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(values().empty());
}

TEST_P(DatabaseTest, NestedTransactionRollsBackOnlyItsPart) {
  make_table();
  Status s = db().transaction([&]() -> Status {
    DOSSIER_TRY(db().execute("INSERT INTO t VALUES (1)"));
    EXPECT_FALSE(db().transaction([&]() -> Status {
                       DOSSIER_TRY(db().execute("INSERT INTO t VALUES (2)"));
                       return Error::internal("inner");
                     })
                     .ok());
    return db().execute("INSERT INTO t VALUES (3)").ok() ? Status{} : Error::internal("outer");
  });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(values(), (std::vector<int64_t>{1, 3}));
}

TEST_P(DatabaseTest, AnExceptionRollsBackAndPropagates) {
  make_table();
  EXPECT_THROW((void)db().transaction([&]() -> Status {
    (void)db().execute("INSERT INTO t VALUES (1)");
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  EXPECT_TRUE(values().empty());
  ASSERT_TRUE(db().execute("INSERT INTO t VALUES (2)").ok()) << "the connection is usable again";
}

TEST_P(DatabaseTest, ConstraintViolationIsAConflict) {
  make_table();
  ASSERT_TRUE(db().execute("INSERT INTO t VALUES (1)").ok());
  auto r = db().execute("INSERT INTO t VALUES (?)", {1});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().detail.find('1'), std::string::npos) << "errors never echo values";
}

TEST_P(DatabaseTest, ForEachStreamsRowsInOrderAndStopsOnError) {
  make_table();
  for (int i = 0; i < 500; ++i) ASSERT_TRUE(db().execute("INSERT INTO t VALUES (?)", {i}).ok());
  int64_t expected = 0;
  Status all = db().for_each("SELECT a FROM t WHERE a >= ? ORDER BY a", {0}, [&](Row&& row) {
    EXPECT_EQ(row["a"], expected++);
    return Status{};
  });
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(expected, 500);
  int seen = 0;
  Status stopped = db().for_each("SELECT a FROM t ORDER BY a", {}, [&](Row&&) -> Status {
    if (++seen == 10) return Error::validation("x", "enough");
    return {};
  });
  EXPECT_EQ(stopped.error().code, ErrorCode::kValidation);
  EXPECT_EQ(seen, 10);
  EXPECT_EQ(values().size(), 500u) << "the connection was drained and still works";
  Status in_tx = db().transaction([&]() -> Status {
    int n = 0;
    DOSSIER_TRY(db().for_each("SELECT a FROM t", {}, [&](Row&&) {
      ++n;
      return Status{};
    }));
    return n == 500 ? Status{} : Error::internal("wrong count");
  });
  EXPECT_TRUE(in_tx.ok());
}

TEST_P(DatabaseTest, ABadStatementIsAnErrorNotACrash) {
  auto r = db().query("SELECT * FROM no_such_table");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
}

TEST_P(DatabaseTest, ConcurrentTransactionsFromManyThreadsAllLand) {
  make_table();
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        Status s = db().transaction([&]() -> Status {
          DOSSIER_TRY(db().execute("INSERT INTO t VALUES (?)", {t * 100 + i}));
          return db().transaction([&] { return Status{}; });
        });
        EXPECT_TRUE(s.ok()) << s.error().detail;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(values().size(), 120u);
}

DOSSIER_INSTANTIATE_BACKENDS(DatabaseTest);

class ListenTest : public testing::BackendTest {};

TEST_P(ListenTest, NotifyWakesAListenerOnlyWhenItsTransactionCommits) {
  auto listener = db().listen("dossier_test_channel");
  ASSERT_TRUE(listener.ok());
  if (GetParam() == Backend::kSqlite) {
    EXPECT_EQ(listener->get(), nullptr) << "nobody outside the process can listen";
    EXPECT_TRUE(db().notify("dossier_test_channel").ok());
    return;
  }
  ASSERT_NE(listener->get(), nullptr);
  auto& l = **listener;
  EXPECT_FALSE(*l.wait(std::chrono::milliseconds(50)));
  (void)db().transaction([&]() -> Status {
    DOSSIER_TRY(db().notify("dossier_test_channel"));
    return Error::internal("roll back");
  });
  EXPECT_FALSE(*l.wait(std::chrono::milliseconds(200))) << "a rolled-back signal never arrives";
  std::thread later([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    (void)db().notify("dossier_test_channel");
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(*l.wait(std::chrono::seconds(10)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  later.join();
}

DOSSIER_INSTANTIATE_BACKENDS(ListenTest);

}  // namespace
}  // namespace dossier::db
