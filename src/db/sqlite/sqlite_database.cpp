#include "db/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include "core/log.h"

namespace dossier::db {
namespace {

// Enough for every statement the service runs; past it the cache starts over rather than
// growing with statements built from variable parts.
constexpr size_t kMaxCachedStatements = 512;

// Constraint violations are caused by input (a duplicate MRN, a dangling reference) and
// become conflicts; anything else is an environment failure. Neither echoes values.
Error sqlite_error(sqlite3* db, int rc) {
  const int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) {
    return Error::make(ErrorCode::kConflict, "the change conflicts with existing records");
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Error::make(ErrorCode::kUnavailable, "the database is busy");
  }
  log::error("sqlite_error", {{"code", rc}, {"message", sqlite3_errmsg(db)}});
  return Error::internal("database error");
}

Status bind(sqlite3* db, sqlite3_stmt* stmt, const Params& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const int idx = static_cast<int>(i + 1);
    const Json& p = params[i];
    int rc = SQLITE_OK;
    if (p.is_null()) {
      rc = sqlite3_bind_null(stmt, idx);
    } else if (p.is_boolean()) {
      rc = sqlite3_bind_int(stmt, idx, p.get<bool>() ? 1 : 0);
    } else if (p.is_number_integer()) {
      rc = sqlite3_bind_int64(stmt, idx, p.get<int64_t>());
    } else if (p.is_number()) {
      rc = sqlite3_bind_double(stmt, idx, p.get<double>());
    } else if (p.is_string()) {
      const auto& s = p.get_ref<const std::string&>();
      rc = sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    } else if (p.is_binary()) {
      const auto& b = p.get_binary();
      rc = sqlite3_bind_blob(stmt, idx, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
    } else {
      const std::string s = p.dump();
      rc = sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) return sqlite_error(db, rc);
  }
  return {};
}

Json column_value(sqlite3_stmt* stmt, int col) {
  switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_INTEGER:
      return sqlite3_column_int64(stmt, col);
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, col);
    case SQLITE_TEXT:
      return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, col)),
                         static_cast<size_t>(sqlite3_column_bytes(stmt, col)));
    case SQLITE_BLOB: {
      const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(stmt, col));
      const auto n = static_cast<size_t>(sqlite3_column_bytes(stmt, col));
      return Json::binary(std::vector<uint8_t>(p, p + n));
    }
    default:
      return nullptr;
  }
}

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path) {
  sqlite3* handle = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
    sqlite3_close(handle);
    return Error::make(ErrorCode::kUnavailable, "cannot open the database file");
  }
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(handle));
  sqlite3_busy_timeout(handle, 5000);
  DOSSIER_TRY(db->exec_script(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
  return db;
}

SqliteDatabase::~SqliteDatabase() {
  statements_.clear();
  sqlite3_close_v2(handle_);
}

Status SqliteDatabase::exec_script(std::string_view sql) {
  std::lock_guard lock(mutex_);
  const std::string text(sql);
  const int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(handle_, rc);
  return {};
}

void SqliteDatabase::StatementCloser::operator()(sqlite3_stmt* stmt) const {
  sqlite3_finalize(stmt);
}

Result<SqliteDatabase::Statement> SqliteDatabase::take_statement(std::string_view sql) {
  if (auto cached = statements_.find(std::string(sql)); cached != statements_.end()) {
    Statement stmt = std::move(cached->second);
    statements_.erase(cached);
    return stmt;
  }
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(handle_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  Statement stmt(raw);
  if (rc != SQLITE_OK) return sqlite_error(handle_, rc);
  return stmt;
}

void SqliteDatabase::return_statement(std::string_view sql, Statement stmt) {
  if (!stmt) return;  // text without a statement in it (blank, or only a comment)
  sqlite3_reset(stmt.get());
  sqlite3_clear_bindings(stmt.get());
  if (statements_.size() >= kMaxCachedStatements) statements_.clear();
  statements_.try_emplace(std::string(sql), std::move(stmt));
}

Status SqliteDatabase::run(std::string_view sql, const Params& params, const RowSink* sink) {
  std::lock_guard lock(mutex_);
  DOSSIER_ASSIGN_OR_RETURN(Statement stmt, take_statement(sql));
  // Back to the cache however the run ends, so that an error leaves no statement open.
  struct Return {
    SqliteDatabase& db;
    std::string_view sql;
    Statement& stmt;
    ~Return() { db.return_statement(sql, std::move(stmt)); }
  } give_back{*this, sql, stmt};
  DOSSIER_TRY(bind(handle_, stmt.get(), params));
  const int ncols = sqlite3_column_count(stmt.get());
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    if (sink == nullptr) continue;
    Json row = Json::object();
    for (int c = 0; c < ncols; ++c)
      row[sqlite3_column_name(stmt.get(), c)] = column_value(stmt.get(), c);
    DOSSIER_TRY((*sink)(std::move(row)));
  }
  if (rc != SQLITE_DONE) return sqlite_error(handle_, rc);
  return {};
}

Result<Rows> SqliteDatabase::query(std::string_view sql, const Params& params) {
  Rows rows;
  const RowSink collect = [&rows](Row&& row) -> Status {
    rows.push_back(std::move(row));
    return {};
  };
  DOSSIER_TRY(run(sql, params, &collect));
  return rows;
}

Status SqliteDatabase::for_each(std::string_view sql, const Params& params, const RowSink& sink) {
  return run(sql, params, &sink);
}

Result<int64_t> SqliteDatabase::execute(std::string_view sql, const Params& params) {
  std::lock_guard lock(mutex_);
  DOSSIER_TRY(run(sql, params, nullptr));
  return static_cast<int64_t>(sqlite3_changes(handle_));
}

Status SqliteDatabase::transaction(const std::function<Status()>& body) {
  std::lock_guard lock(mutex_);
  const std::string savepoint = "sp" + std::to_string(depth_);
  const bool outer = depth_ == 0;
  DOSSIER_TRY(exec_script(outer ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint));
  ++depth_;
  Status status;
  try {
    status = body();
  } catch (...) {
    --depth_;
    (void)exec_script(outer ? "ROLLBACK" : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    throw;
  }
  --depth_;
  if (!status.ok()) {
    (void)exec_script(outer ? "ROLLBACK" : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    return status;
  }
  DOSSIER_TRY(exec_script(outer ? "COMMIT" : "RELEASE " + savepoint));
  return {};
}

}  // namespace dossier::db
