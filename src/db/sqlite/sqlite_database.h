// SQLite backend: one connection in WAL mode, serialized by a recursive mutex so a
// transaction body can call back into the database from the same thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "db/database.h"

struct sqlite3;
struct sqlite3_stmt;

namespace dossier::db {

class SqliteDatabase final : public Database {
 public:
  //! Opens (creating if needed) the database file at `path`; ":memory:" for tests.
  static Result<std::unique_ptr<SqliteDatabase>> open(const std::string& path);
  ~SqliteDatabase() override;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  Result<Rows> query(std::string_view sql, const Params& params = {}) override;
  Status for_each(std::string_view sql, const Params& params, const RowSink& sink) override;
  Result<int64_t> execute(std::string_view sql, const Params& params = {}) override;
  Status transaction(const std::function<Status()>& body) override;
  Status notify(std::string_view) override { return {}; }
  Result<std::unique_ptr<Listener>> listen(std::string_view) override {
    return std::unique_ptr<Listener>();
  }
  Backend backend() const override { return Backend::kSqlite; }

  //! Runs a script of several statements without parameters (migrations).
  Status exec_script(std::string_view sql);

 private:
  explicit SqliteDatabase(sqlite3* handle) : handle_(handle) {}
  struct StatementCloser {
    void operator()(sqlite3_stmt* stmt) const;
  };
  using Statement = std::unique_ptr<sqlite3_stmt, StatementCloser>;

  //! Steps the statement to its end, handing each row to `sink` when there is one.
  Status run(std::string_view sql, const Params& params, const RowSink* sink);
  //! A prepared statement for `sql`: the cached one when it is not in use, else a new one.
  Result<Statement> take_statement(std::string_view sql);
  //! Resets `stmt` and keeps it for the next run of `sql`.
  void return_statement(std::string_view sql, Statement stmt);

  sqlite3* handle_;
  // The service runs the same few hundred statements over and over; parsing them again on
  // every call cost more than running them. Guarded by mutex_; a statement is taken out
  // while it runs, so a row sink that runs the same SQL again gets a fresh one.
  std::unordered_map<std::string, Statement> statements_;
  std::recursive_mutex mutex_;
  int depth_ = 0;  // transaction nesting, guarded by mutex_
};

}  // namespace dossier::db
