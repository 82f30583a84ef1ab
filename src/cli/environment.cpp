#include "cli/environment.h"

#include <CLI/CLI.hpp>
#include <filesystem>

#include "catalog/template_store.h"
#include "db/migrations.h"
#include "db/open_database.h"
#include "storage/encrypted_blob_store.h"
#include "storage/storage_url.h"

namespace dossier::cli {

void add_location_options(CLI::App& command, Location& location) {
  command.add_option("--data-dir", location.data_dir, "Data directory")->required();
  command
      .add_option("--database-url", location.database_url,
                  "postgresql://… for scale-out (default: the SQLite file in the data directory)")
      ->envname("DOSSIER_DATABASE_URL");
  command
      .add_option("--storage-url", location.storage_url,
                  "s3://BUCKET/PREFIX?endpoint=…&region=… for scale-out (default: DIR/files)")
      ->envname("DOSSIER_STORAGE_URL");
}

std::string sqlite_path(const Location& location) {
  return (std::filesystem::path(location.data_dir) / "dossier.db").string();
}

std::string keys_dir(const Location& location) {
  return (std::filesystem::path(location.data_dir) / "keys").string();
}

Result<Environment> open_environment(const Location& location, const OpenOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(location.data_dir, ec);
  if (ec) return Error::make(ErrorCode::kUnavailable, "cannot create the data directory");
  fs::permissions(location.data_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  DOSSIER_ASSIGN_OR_RETURN(auto db, db::open_database({.url = location.database_url,
                                                       .sqlite_path = sqlite_path(location),
                                                       .pool_size = options.pool_size}));
  DOSSIER_TRY(db::migrate(*db));
  DOSSIER_TRY(catalog::install_system_templates(*db));
  DOSSIER_ASSIGN_OR_RETURN(auto keys, storage::KeyRing::open(keys_dir(location)));
  DOSSIER_ASSIGN_OR_RETURN(audit::ChainKey audit_key, audit::open_chain_key(*db, *keys));
  DOSSIER_ASSIGN_OR_RETURN(auto files,
                           storage::open_blob_store(location.storage_url, location.data_dir));
  auto encrypted = storage::make_encrypted_blob_store(std::move(files), keys);
  return Environment{location.data_dir, std::move(db), std::move(keys), std::move(encrypted),
                     std::move(audit_key)};
}

}  // namespace dossier::cli
