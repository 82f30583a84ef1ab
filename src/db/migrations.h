// Versioned schema migrations shared by every backend.
//
// Each migration is portable SQL with type tokens ({uuid}, {timestamp}, {date}, {json},
// {bool}, {blob}) that the backend maps to its own types. Applied in name order, each in
// its own transaction, and recorded in schema_migrations so a second run does nothing.
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

//! Applies the migrations `db` has not seen. Safe to call on every start.
Status migrate(Database& db);

}  // namespace dossier::db
