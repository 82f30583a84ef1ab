// The one interface every service talks to storage through: SQLite for the embedded default,
// PostgreSQL for scale-out.
//
// SQL is written once, portable between the backends: `?` placeholders (a backend rewrites
// them as it needs), no backend-specific functions; the few fragments that truly differ live
// in db/dialect.h. Values travel as JSON scalars: null, booleans (stored as 0/1), integers,
// doubles, strings and binary (blobs); a row comes back as a JSON object keyed by column name.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace dossier::db {

using Params = std::vector<Json>;
using Row = Json;  //!< a JSON object: column name → scalar
using Rows = std::vector<Row>;

//! Receives one row at a time; an error stops the query and is returned by for_each.
using RowSink = std::function<Status(Row&& row)>;

enum class Backend { kSqlite, kPostgres };

//! Wakes up when another process signals its channel (PostgreSQL LISTEN/NOTIFY).
class Listener {
 public:
  virtual ~Listener() = default;
  //! Blocks until a signal arrives (true) or `timeout` passes (false).
  virtual Result<bool> wait(std::chrono::milliseconds timeout) = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  //! Runs a statement that returns rows.
  virtual Result<Rows> query(std::string_view sql, const Params& params = {}) = 0;

  //! Runs a query and hands its rows to `sink` one by one as the backend produces them, so a
  //! large result never sits whole in memory. `sink` must not call back into the database.
  virtual Status for_each(std::string_view sql, const Params& params, const RowSink& sink) = 0;

  //! Runs a statement; returns the number of rows it changed.
  virtual Result<int64_t> execute(std::string_view sql, const Params& params = {}) = 0;

  //! Runs `body` atomically: its writes all land or (when it returns an error) none do.
  //! Nested calls become savepoints. The calling thread holds its connection while inside.
  virtual Status transaction(const std::function<Status()>& body) = 0;

  //! Signals `channel` to every process listening on it; inside a transaction the signal
  //! goes out when it commits. A no-op where nobody else can listen (the embedded backend,
  //! whose workers share the process and are woken directly).
  virtual Status notify(std::string_view channel) = 0;

  //! A listener on `channel`, or nullptr when the backend cannot signal across processes.
  virtual Result<std::unique_ptr<Listener>> listen(std::string_view channel) = 0;

  virtual Backend backend() const = 0;

  //! Convenience: the first row, or nullopt-like null Json when there is none.
  Result<Json> query_one(std::string_view sql, const Params& params = {});

  //! Convenience: inserts `row` (column name → value) into `table`. Both names come from
  //! the code or the schema, never from a request.
  Status insert(std::string_view table, const Row& row);
};

}  // namespace dossier::db
