// Chooses the backend from a database URL, as DOSSIER_DATABASE_URL and --database-url give it.
#pragma once

#include <memory>
#include <string>

#include "db/database.h"

namespace dossier::db {

struct OpenOptions {
  std::string url;  //!< "" (embedded), "sqlite:PATH", "postgresql://…" or "postgres://…"
  std::string sqlite_path;  //!< the embedded database file, used when `url` is empty
  int pool_size = 8;        //!< PostgreSQL connections at most
};

//! Opens the database `options` name. A URL of another scheme is a kValidation error on the
//! field "DOSSIER_DATABASE_URL"; an unreachable server is kUnavailable. Never applies
//! migrations (see db/migrations.h).
Result<std::unique_ptr<Database>> open_database(const OpenOptions& options);

//! The URL without its password, fit for messages and logs.
std::string redact_url(const std::string& url);

}  // namespace dossier::db
