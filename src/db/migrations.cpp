#include "db/migrations.h"

#include <set>
#include <utility>

#include "core/clock.h"
#include "db/dialect.h"

namespace dossier::db {
namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

// Splits a script on semicolons that end a line; migrations keep one statement per ';'.
std::vector<std::string> statements(const std::string& script) {
  std::vector<std::string> out;
  std::string current;
  for (size_t i = 0; i < script.size(); ++i) {
    current.push_back(script[i]);
    if (script[i] == ';' && (i + 1 == script.size() || script[i + 1] == '\n')) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  return out;
}

}  // namespace

std::string render_migration(const std::string& sql, Backend backend) {
  static const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> kTypes = {
      {"{uuid}", {"TEXT", "TEXT"}},       {"{timestamp}", {"TEXT", "TEXT"}},
      {"{date}", {"TEXT", "TEXT"}},       {"{json}", {"TEXT", "TEXT"}},
      {"{bool}", {"INTEGER", "INTEGER"}}, {"{blob}", {"BLOB", "BYTEA"}},
  };
  std::string out = sql;
  for (const auto& [token, types] : kTypes) {
    out = replace_all(out, token, backend == Backend::kSqlite ? types.first : types.second);
  }
  return out;
}

namespace {

Result<std::set<std::string>> applied_migrations(Database& db) {
  DOSSIER_TRY(
      db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at "
                 "TEXT NOT NULL)"));
  DOSSIER_ASSIGN_OR_RETURN(Rows rows, db.query("SELECT name FROM schema_migrations"));
  std::set<std::string> applied;
  for (const auto& r : rows) applied.insert(r["name"].get<std::string>());
  std::set<std::string> known;
  for (const auto& m : all_migrations()) known.insert(m.name);
  for (const auto& name : applied) {
    if (!known.count(name)) {
      return Error::make(ErrorCode::kUnavailable,
                         "the database schema is newer than this dossier binary (it has "
                         "migration " +
                             name + "); run a newer dossier");
    }
  }
  return applied;
}

}  // namespace

Result<std::vector<std::string>> migrate(Database& db) {
  std::vector<std::string> done;
  DOSSIER_TRY(db.transaction([&]() -> Status {
    if (const char* lock = migration_lock(db.backend())) DOSSIER_TRY(db.query(lock));
    DOSSIER_ASSIGN_OR_RETURN(std::set<std::string> applied, applied_migrations(db));
    for (const auto& m : all_migrations()) {
      if (applied.count(m.name)) continue;
      for (const auto& stmt : statements(render_migration(m.sql, db.backend()))) {
        DOSSIER_TRY(db.execute(stmt));
      }
      DOSSIER_TRY(db.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                             {m.name, now_timestamp()}));
      done.push_back(m.name);
    }
    return {};
  }));
  return done;
}

}  // namespace dossier::db
