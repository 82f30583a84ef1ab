#include "db/postgres/postgres_database.h"

#include <poll.h>

#include <cerrno>
#include <string_view>

#include "core/log.h"
#include "db/postgres/pg_values.h"
#include "db/postgres/placeholders.h"

namespace dossier::db {
namespace {

using postgres::Connection;
using postgres::PgResult;

// Maps a server error to what the caller may act on. Only the SQLSTATE is logged: the
// server's messages can quote the values that failed (a duplicate key, a bad number), and
// those may be PHI. Syntax and schema errors (class 42) quote only SQL, so they are logged
// in full to find the bug.
Error pg_error(PGconn* conn, const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  if (sqlstate.rfind("23", 0) == 0) {
    return Error::make(ErrorCode::kConflict, "the change conflicts with existing records");
  }
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    return Error::make(ErrorCode::kUnavailable, "the database is busy");
  }
  if (sqlstate.empty() || PQstatus(conn) != CONNECTION_OK || sqlstate.rfind("08", 0) == 0 ||
      sqlstate.rfind("57", 0) == 0 || sqlstate.rfind("53", 0) == 0) {
    log::error("postgres_unavailable", {{"sqlstate", sqlstate}});
    return Error::make(ErrorCode::kUnavailable, "the database is unavailable");
  }
  Json fields = {{"sqlstate", sqlstate}};
  if (sqlstate.rfind("42", 0) == 0)
    fields["message"] = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  log::error("postgres_error", fields);
  return Error::internal("database error");
}

bool succeeded(const PGresult* r) {
  const auto s = PQresultStatus(r);
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_SINGLE_TUPLE;
}

// libpq prints server notices on stderr, among the JSON log lines, and their text can quote
// values. Plain NOTICEs ("already exists, skipping") are expected and dropped; anything more
// severe is logged by its SQLSTATE only.
void on_notice(void*, const PGresult* result) {
  const char* severity = PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (severity && std::string_view(severity) == "NOTICE") return;
  const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  log::warn("postgres_notice",
            {{"severity", severity ? severity : ""}, {"sqlstate", sqlstate ? sqlstate : ""}});
}

Result<Connection> connect(const std::string& url) {
  Connection conn(PQconnectdb(url.c_str()));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
    // libpq's message names the host and can name the user; neither is PHI, but the URL may
    // hold a password, so only the fact is logged.
    log::error("postgres_connect_failed", Json::object());
    return Error::make(ErrorCode::kUnavailable, "cannot connect to the PostgreSQL database");
  }
  PQsetNoticeReceiver(conn.get(), on_notice, nullptr);
  if (PQsetClientEncoding(conn.get(), "UTF8") != 0) {
    return Error::make(ErrorCode::kUnavailable, "the database cannot speak UTF-8");
  }
  return conn;
}

}  // namespace

// The connection a call runs on: the thread's pinned one inside a transaction, else one
// borrowed from the pool for as long as the Lease lives.
class PostgresDatabase::Lease {
 public:
  explicit Lease(PostgresDatabase& db) : db_(db) {}
  ~Lease() {
    if (borrowed_) db_.release(conn_);
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  Result<PGconn*> get() {
    {
      std::lock_guard lock(db_.mutex_);
      auto it = db_.pinned_.find(std::this_thread::get_id());
      if (it != db_.pinned_.end()) return conn_ = it->second.conn;
    }
    DOSSIER_ASSIGN_OR_RETURN(conn_, db_.acquire());
    borrowed_ = true;
    return conn_;
  }

 private:
  PostgresDatabase& db_;
  PGconn* conn_ = nullptr;
  bool borrowed_ = false;
};

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::open(const std::string& url,
                                                                 int pool_size) {
  std::unique_ptr<PostgresDatabase> db(new PostgresDatabase(url, pool_size < 1 ? 1 : pool_size));
  DOSSIER_ASSIGN_OR_RETURN(Connection first, connect(url));
  db->idle_.push_back(first.get());
  db->all_.push_back(std::move(first));
  return db;
}

PostgresDatabase::~PostgresDatabase() = default;

Result<PGconn*> PostgresDatabase::acquire() {
  std::unique_lock lock(mutex_);
  while (idle_.empty() && static_cast<int>(all_.size()) >= pool_size_) idle_changed_.wait(lock);
  if (!idle_.empty()) {
    PGconn* conn = idle_.back();
    idle_.pop_back();
    return conn;
  }
  // Reserve the slot, then connect without holding the lock.
  all_.emplace_back();
  const size_t slot = all_.size() - 1;
  lock.unlock();
  auto conn = connect(url_);
  lock.lock();
  if (!conn.ok()) {
    all_.erase(all_.begin() + static_cast<std::ptrdiff_t>(slot));
    idle_changed_.notify_one();
    return std::move(conn).error();
  }
  all_[slot] = std::move(conn).value();
  return all_[slot].get();
}

void PostgresDatabase::release(PGconn* conn) {
  // A connection the server dropped (restart, failover) is reopened before reuse.
  if (PQstatus(conn) != CONNECTION_OK) PQreset(conn);
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(conn);
  }
  idle_changed_.notify_one();
}

Result<PgResult> PostgresDatabase::run(PGconn* conn, std::string_view sql, const Params& params) {
  const std::string text = postgres::numbered_placeholders(sql);
  const postgres::PgParams p(params);
  PgResult result(PQexecParams(conn, text.c_str(), p.count(), p.types(), p.values(), p.lengths(),
                               p.formats(), 0));
  if (!result || !succeeded(result.get())) return pg_error(conn, result.get());
  return result;
}

Status PostgresDatabase::run_script(PGconn* conn, const std::string& sql) {
  PgResult result(PQexec(conn, sql.c_str()));
  if (!result || !succeeded(result.get())) return pg_error(conn, result.get());
  // COMMIT of a transaction that already failed "succeeds" as a ROLLBACK.
  if (sql == "COMMIT" && std::string_view(PQcmdStatus(result.get())) == "ROLLBACK") {
    return Error::make(ErrorCode::kConflict, "the transaction was rolled back");
  }
  return {};
}

Result<Rows> PostgresDatabase::query(std::string_view sql, const Params& params) {
  Lease lease(*this);
  DOSSIER_ASSIGN_OR_RETURN(PGconn * conn, lease.get());
  DOSSIER_ASSIGN_OR_RETURN(PgResult result, run(conn, sql, params));
  Rows rows;
  const int n = PQntuples(result.get());
  rows.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) rows.push_back(postgres::decode_row(result.get(), i));
  return rows;
}

// Single-row mode: libpq hands over each row as it arrives instead of buffering the whole
// result. After an error from `sink` the remaining rows are still read (and dropped), since
// a connection must be drained before its next command.
Status PostgresDatabase::for_each(std::string_view sql, const Params& params, const RowSink& sink) {
  Lease lease(*this);
  DOSSIER_ASSIGN_OR_RETURN(PGconn * conn, lease.get());
  const std::string text = postgres::numbered_placeholders(sql);
  const postgres::PgParams p(params);
  if (!PQsendQueryParams(conn, text.c_str(), p.count(), p.types(), p.values(), p.lengths(),
                         p.formats(), 0) ||
      !PQsetSingleRowMode(conn)) {
    return pg_error(conn, nullptr);
  }
  Status status;
  while (PgResult result{PQgetResult(conn)}) {
    if (!status.ok()) continue;
    if (!succeeded(result.get())) {
      status = pg_error(conn, result.get());
    } else if (PQresultStatus(result.get()) == PGRES_SINGLE_TUPLE) {
      status = sink(postgres::decode_row(result.get(), 0));
    }
  }
  return status;
}

Result<int64_t> PostgresDatabase::execute(std::string_view sql, const Params& params) {
  Lease lease(*this);
  DOSSIER_ASSIGN_OR_RETURN(PGconn * conn, lease.get());
  DOSSIER_ASSIGN_OR_RETURN(PgResult result, run(conn, sql, params));
  const char* changed = PQcmdTuples(result.get());
  return changed[0] ? static_cast<int64_t>(std::strtoll(changed, nullptr, 10)) : 0;
}

Status PostgresDatabase::transaction(const std::function<Status()>& body) {
  const auto self = std::this_thread::get_id();
  PGconn* conn = nullptr;
  int depth = 0;
  {
    std::lock_guard lock(mutex_);
    auto it = pinned_.find(self);
    if (it != pinned_.end()) {
      conn = it->second.conn;
      depth = it->second.depth;
    }
  }
  const bool outer = conn == nullptr;
  if (outer) {
    DOSSIER_ASSIGN_OR_RETURN(conn, acquire());
  }
  const std::string savepoint = "sp" + std::to_string(depth);
  const auto unpin = [&] {
    std::lock_guard lock(mutex_);
    if (outer) {
      pinned_.erase(self);
    } else {
      pinned_[self].depth = depth;
    }
  };
  const auto finish = [&](bool commit) -> Status {
    Status s = commit ? run_script(conn, outer ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint)
                      : run_script(conn, outer ? "ROLLBACK"
                                               : "ROLLBACK TO SAVEPOINT " + savepoint +
                                                     "; RELEASE SAVEPOINT " + savepoint);
    unpin();
    if (outer) release(conn);
    return s;
  };
  if (Status begun = run_script(conn, outer ? "BEGIN" : "SAVEPOINT " + savepoint); !begun.ok()) {
    if (outer) release(conn);
    return begun;
  }
  {
    std::lock_guard lock(mutex_);
    pinned_[self] = Pinned{conn, depth + 1};
  }
  Status status;
  try {
    status = body();
  } catch (...) {
    (void)finish(false);
    throw;
  }
  if (!status.ok()) {
    (void)finish(false);
    return status;
  }
  return finish(true);
}

Status PostgresDatabase::notify(std::string_view channel) {
  return execute("SELECT pg_notify(?, '')", {std::string(channel)}).ok()
             ? Status{}
             : Error::make(ErrorCode::kUnavailable, "could not signal other processes");
}

namespace {

// A dedicated connection that LISTENs on one channel; reconnects once when the server drops
// it, so a restarted database does not leave workers deaf.
class PgListener final : public Listener {
 public:
  static Result<std::unique_ptr<Listener>> open(const std::string& url, std::string channel) {
    std::unique_ptr<PgListener> l(new PgListener(url, std::move(channel)));
    DOSSIER_TRY(l->subscribe());
    return std::unique_ptr<Listener>(std::move(l));
  }

  Result<bool> wait(std::chrono::milliseconds timeout) override {
    if (PQstatus(conn_.get()) != CONNECTION_OK) DOSSIER_TRY(subscribe());
    if (drain()) return true;
    pollfd fd{PQsocket(conn_.get()), POLLIN, 0};
    const int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
    if (ready < 0 && errno != EINTR) return Error::make(ErrorCode::kUnavailable, "poll failed");
    if (ready > 0 && !PQconsumeInput(conn_.get())) {
      return Error::make(ErrorCode::kUnavailable, "the database connection was lost");
    }
    return drain();
  }

 private:
  PgListener(std::string url, std::string channel)
      : url_(std::move(url)), channel_(std::move(channel)) {}

  Status subscribe() {
    DOSSIER_ASSIGN_OR_RETURN(conn_, connect(url_));
    std::unique_ptr<char, decltype(&PQfreemem)> quoted(
        PQescapeIdentifier(conn_.get(), channel_.data(), channel_.size()), &PQfreemem);
    if (!quoted) return Error::internal("bad channel name");
    PgResult r(PQexec(conn_.get(), ("LISTEN " + std::string(quoted.get())).c_str()));
    if (!r || !succeeded(r.get())) return pg_error(conn_.get(), r.get());
    return {};
  }

  // True when at least one notification had arrived; consumes them all.
  bool drain() {
    bool any = false;
    while (PGnotify* n = PQnotifies(conn_.get())) {
      PQfreemem(n);
      any = true;
    }
    return any;
  }

  std::string url_;
  std::string channel_;
  Connection conn_;
};

}  // namespace

Result<std::unique_ptr<Listener>> PostgresDatabase::listen(std::string_view channel) {
  return PgListener::open(url_, std::string(channel));
}

}  // namespace dossier::db
