// The embedded default's data directory: dossier.db (SQLite, WAL) and files/ for exports.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "db/sqlite/sqlite_database.h"
#include "storage/blob_store.h"

namespace dossier::cli {

struct DataDir {
  std::string path;
  std::unique_ptr<db::SqliteDatabase> db;
  std::unique_ptr<storage::BlobStore> files;
};

//! Opens (creating when missing, mode 0700) the directory, its database with every
//! migration applied, and its file store.
Result<DataDir> open_data_dir(const std::string& path);

}  // namespace dossier::cli
