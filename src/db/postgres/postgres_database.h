// PostgreSQL backend, through libpq: a small pool of connections shared by every thread.
//
// A statement outside a transaction borrows any idle connection for its duration; a
// transaction pins one connection to its thread until it ends, and every call that thread
// makes inside it (nested transactions become savepoints) runs there. Transactions run at
// READ COMMITTED: code that must not race takes row locks (see db/dialect.h).
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "db/database.h"
#include "db/postgres/pg_handle.h"

namespace dossier::db {

class PostgresDatabase final : public Database {
 public:
  //! Connects to `url` (postgresql://user[:password]@host[:port]/dbname[?params]) once to
  //! check it; further connections (up to `pool_size`) open as they are needed.
  static Result<std::unique_ptr<PostgresDatabase>> open(const std::string& url, int pool_size = 8);
  ~PostgresDatabase() override;
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  Result<Rows> query(std::string_view sql, const Params& params = {}) override;
  Status for_each(std::string_view sql, const Params& params, const RowSink& sink) override;
  Result<int64_t> execute(std::string_view sql, const Params& params = {}) override;
  Status transaction(const std::function<Status()>& body) override;
  Status notify(std::string_view channel) override;
  Result<std::unique_ptr<Listener>> listen(std::string_view channel) override;
  Backend backend() const override { return Backend::kPostgres; }

 private:
  class Lease;
  struct Pinned {
    PGconn* conn;
    int depth;
  };

  PostgresDatabase(std::string url, int pool_size) : url_(std::move(url)), pool_size_(pool_size) {}

  Result<PGconn*> acquire();
  void release(PGconn* conn);
  Result<postgres::PgResult> run(PGconn* conn, std::string_view sql, const Params& params);
  Status run_script(PGconn* conn, const std::string& sql);

  const std::string url_;
  const int pool_size_;
  std::mutex mutex_;
  std::condition_variable idle_changed_;
  std::vector<postgres::Connection> all_;     // guarded by mutex_
  std::vector<PGconn*> idle_;                 // guarded by mutex_
  std::map<std::thread::id, Pinned> pinned_;  // guarded by mutex_: threads inside a transaction
};

}  // namespace dossier::db
