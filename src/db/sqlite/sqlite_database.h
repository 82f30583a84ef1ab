// SQLite backend: one connection in WAL mode, serialized by a recursive mutex so a
// transaction body can call back into the database from the same thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "db/database.h"

struct sqlite3;

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
  //! Steps the statement to its end, handing each row to `sink` when there is one.
  Status run(std::string_view sql, const Params& params, const RowSink* sink);

  sqlite3* handle_;
  std::recursive_mutex mutex_;
  int depth_ = 0;  // transaction nesting, guarded by mutex_
};

}  // namespace dossier::db
