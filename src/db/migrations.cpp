#include "db/migrations.h"

#include <set>
#include <utility>

#include "core/clock.h"

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
      {"{uuid}", {"TEXT", "UUID"}},       {"{timestamp}", {"TEXT", "TEXT"}},
      {"{date}", {"TEXT", "TEXT"}},       {"{json}", {"TEXT", "TEXT"}},
      {"{bool}", {"INTEGER", "INTEGER"}}, {"{blob}", {"BLOB", "BYTEA"}},
  };
  std::string out = sql;
  for (const auto& [token, types] : kTypes) {
    out = replace_all(out, token, backend == Backend::kSqlite ? types.first : types.second);
  }
  return out;
}

Status migrate(Database& db) {
  DOSSIER_TRY(
      db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at "
                 "TEXT NOT NULL)"));
  DOSSIER_ASSIGN_OR_RETURN(Rows applied_rows, db.query("SELECT name FROM schema_migrations"));
  std::set<std::string> applied;
  for (const auto& r : applied_rows) applied.insert(r["name"].get<std::string>());
  for (const auto& m : all_migrations()) {
    if (applied.count(m.name)) continue;
    DOSSIER_TRY(db.transaction([&]() -> Status {
      for (const auto& stmt : statements(render_migration(m.sql, db.backend()))) {
        DOSSIER_TRY(db.execute(stmt));
      }
      DOSSIER_TRY(db.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                             {m.name, now_timestamp()}));
      return {};
    }));
  }
  return {};
}

}  // namespace dossier::db
