// Versioned schema migrations shared by every backend.
//
// Each migration is portable SQL with type tokens ({uuid}, {timestamp}, {date}, {json},
// {bool}, {blob}) that the backend maps to its own types. Pending migrations are applied in
// name order, all in one transaction that holds the backend's migration lock (so processes
// starting together migrate once), and recorded in schema_migrations so a second run does
// nothing. A database that has seen a migration this binary does not know is refused: its
// schema is newer than the code and running on it could corrupt it.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"

namespace dossier::db {

struct Migration {
  std::string name;  //!< e.g. "0001_clinical_record"
  std::string sql;
};

//! Every migration the binary knows, in order (generated from src/db/migrations/*.sql).
const std::vector<Migration>& all_migrations();

//! Replaces type tokens with the backend's types.
std::string render_migration(const std::string& sql, Backend backend);

//! Applies the migrations `db` has not seen and returns their names. Safe to call on every
//! start; kUnavailable when the schema is newer than this binary.
Result<std::vector<std::string>> migrate(Database& db);

}  // namespace dossier::db
