// A fresh, empty database of either backend for one test: SQLite in memory, or a new
// PostgreSQL database on the server DOSSIER_TEST_POSTGRES_URL names (the test-server fixture
// sets it), dropped again when the test ends.
#pragma once

#include <memory>
#include <string>

#include "db/database.h"

namespace dossier::db::testing {

class TestDatabase {
 public:
  //! kUnavailable when PostgreSQL is asked for and no test server is configured.
  static Result<std::unique_ptr<TestDatabase>> create(Backend backend, int pool_size = 8);
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  ~TestDatabase();

  Database& db() { return *db_; }
  //! The URL another process (or a second connection pool) can open; "" for SQLite.
  const std::string& url() const { return url_; }

 private:
  TestDatabase() = default;
  std::unique_ptr<Database> db_;
  std::string url_;
  std::string admin_url_;
  std::string name_;
};

//! Whether a PostgreSQL test server is configured.
bool have_postgres();

//! "sqlite" or "postgres", for test names.
std::string backend_name(Backend backend);

}  // namespace dossier::db::testing
