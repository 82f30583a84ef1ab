// Moves a practice from one database to another, every table, verified: what `dossier
// migrate-data` does to take an embedded practice to PostgreSQL.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"

namespace dossier::db {

struct TableCopy {
  std::string table;
  int64_t rows = 0;
  std::string sha256;  //!< content hash, equal on both sides (see table_digest)
};

//! Copies every table of `from` (an SQLite database, migrated) into `to` (migrated to the same
//! schema, every table empty) in one transaction of `to`, streaming the rows, then checks
//! each table's row count and content hash on both sides. Any difference, or a target that
//! already holds rows, is an error and leaves `to` as it was.
Result<std::vector<TableCopy>> copy_database(Database& from, Database& to);

//! A table's row count and a hash of its content that does not depend on row order or on
//! the backend: SHA-256 over the sorted SHA-256s of each row's canonical JSON.
Result<TableCopy> table_digest(Database& db, const std::string& table);

}  // namespace dossier::db
