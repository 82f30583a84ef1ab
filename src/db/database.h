// The one interface every service talks to storage through.
//
// SQL is written once, portable between SQLite and PostgreSQL: `?` placeholders (a backend
// rewrites them as it needs), no backend-specific functions. Values travel as JSON scalars:
// null, booleans (stored as 0/1), integers, doubles and strings; a row comes back as a JSON
// object keyed by column name.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace dossier::db {

using Params = std::vector<Json>;
using Row = Json;  //!< a JSON object: column name → scalar
using Rows = std::vector<Row>;

enum class Backend { kSqlite, kPostgres };

class Database {
 public:
  virtual ~Database() = default;

  //! Runs a statement that returns rows.
  virtual Result<Rows> query(std::string_view sql, const Params& params = {}) = 0;

  //! Runs a statement; returns the number of rows it changed.
  virtual Result<int64_t> execute(std::string_view sql, const Params& params = {}) = 0;

  //! Runs `body` atomically: its writes all land or (when it returns an error) none do.
  //! Nested calls become savepoints. The calling thread holds the database while inside.
  virtual Status transaction(const std::function<Status()>& body) = 0;

  virtual Backend backend() const = 0;

  //! Convenience: the first row, or nullopt-like null Json when there is none.
  Result<Json> query_one(std::string_view sql, const Params& params = {});
};

}  // namespace dossier::db
