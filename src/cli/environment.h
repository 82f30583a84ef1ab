// Where a subcommand finds the practice: the data directory (always local: demo tokens,
// keys, and in the embedded default the database and the files) plus, for scale-out, a
// PostgreSQL database and an object store named by URL.
//
//   embedded (default)   DIR/dossier.db (SQLite, WAL) and DIR/files/
//   scale-out            DOSSIER_DATABASE_URL=postgresql://…  DOSSIER_STORAGE_URL=s3://…
//
// Either URL may be set without the other.
#pragma once

#include <memory>
#include <string>

#include "audit/audit_chain.h"
#include "core/result.h"
#include "db/database.h"
#include "storage/blob_store.h"
#include "storage/key_ring.h"

namespace CLI {
class App;
}

namespace dossier::cli {

//! The options every subcommand takes to find the practice.
struct Location {
  std::string data_dir;
  std::string database_url;  //!< "" for the embedded SQLite file
  std::string storage_url;   //!< "" for DIR/files
};

//! Adds --data-dir (required), --database-url and --storage-url (also read from
//! DOSSIER_DATABASE_URL and DOSSIER_STORAGE_URL) to `command`.
void add_location_options(CLI::App& command, Location& location);

struct Environment {
  std::string data_dir;
  std::unique_ptr<db::Database> db;
  std::shared_ptr<storage::KeyRing> keys;     //!< DIR/keys: the master keys
  std::unique_ptr<storage::BlobStore> files;  //!< encrypted under `keys`
  audit::ChainKey audit_key;                  //!< DIR/keys/audit.secret: hashes the audit chain
};

//! DIR/dossier.db, the embedded database.
std::string sqlite_path(const Location& location);

//! DIR/keys, where the master keys live.
std::string keys_dir(const Location& location);

struct OpenOptions {
  int pool_size = 8;  //!< PostgreSQL connections at most
};

//! Opens (creating when missing, mode 0700) the data directory, the database with every
//! migration applied and the system templates installed, the master keys (a first one is
//! made when there is none), the audit key (made, and an existing chain re-sealed under it,
//! when there is none: audit::open_chain_key) and the file store, every file encrypted.
Result<Environment> open_environment(const Location& location, const OpenOptions& options = {});

}  // namespace dossier::cli
