#include "db/copy_database.h"

#include <algorithm>

#include "core/crypto.h"
#include "db/migrations.h"

namespace dossier::db {
namespace {

// Tables in the order they were created, which is an order their foreign keys allow.
Result<std::vector<std::string>> tables_of(Database& db) {
  if (db.backend() != Backend::kSqlite) {
    return Error::validation("from", "the source must be an embedded (SQLite) database");
  }
  DOSSIER_ASSIGN_OR_RETURN(Rows rows,
                           db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                    "name NOT LIKE 'sqlite_%' ORDER BY rowid"));
  std::vector<std::string> out;
  for (const Row& r : rows) out.push_back(r["name"].get<std::string>());
  return out;
}

Status require_empty(Database& db, const std::vector<std::string>& tables) {
  for (const std::string& table : tables) {
    if (table == "schema_migrations") continue;
    DOSSIER_ASSIGN_OR_RETURN(Json row, db.query_one("SELECT COUNT(*) AS n FROM " + table));
    if (row["n"].get<int64_t>() != 0) {
      return Error::make(ErrorCode::kConflict,
                         "the target database already holds a practice (table " + table + ")");
    }
  }
  return {};
}

Status copy_table(Database& from, Database& to, const std::string& table) {
  return from.for_each("SELECT * FROM " + table + " ORDER BY rowid", {},
                       [&](Row&& row) { return to.insert(table, row); });
}

}  // namespace

Result<TableCopy> table_digest(Database& db, const std::string& table) {
  std::vector<std::string> digests;
  DOSSIER_TRY(db.for_each("SELECT * FROM " + table, {}, [&](Row&& row) {
    digests.push_back(crypto::sha256_hex(row.dump()));
    return Status{};
  }));
  std::sort(digests.begin(), digests.end());
  std::string all;
  all.reserve(digests.size() * 64);
  for (const auto& d : digests) all += d;
  return TableCopy{table, static_cast<int64_t>(digests.size()), crypto::sha256_hex(all)};
}

Result<std::vector<TableCopy>> copy_database(Database& from, Database& to) {
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> tables, tables_of(from));
  std::erase(tables, std::string("schema_migrations"));
  std::vector<TableCopy> copied;
  DOSSIER_TRY(to.transaction([&]() -> Status {
    DOSSIER_TRY(require_empty(to, tables));
    for (const std::string& table : tables) {
      DOSSIER_TRY(copy_table(from, to, table));
      DOSSIER_ASSIGN_OR_RETURN(TableCopy source, table_digest(from, table));
      DOSSIER_ASSIGN_OR_RETURN(TableCopy target, table_digest(to, table));
      if (source.rows != target.rows || source.sha256 != target.sha256) {
        return Error::internal("table " + table + " differs after the copy (" +
                               std::to_string(source.rows) + " rows in, " +
                               std::to_string(target.rows) + " out)");
      }
      copied.push_back(std::move(source));
    }
    return {};
  }));
  return copied;
}

}  // namespace dossier::db
