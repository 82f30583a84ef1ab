#include "cli/data_dir.h"

#include <filesystem>

#include "catalog/template_store.h"
#include "db/migrations.h"

namespace dossier::cli {

Result<DataDir> open_data_dir(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return Error::make(ErrorCode::kUnavailable, "cannot create the data directory");
  fs::permissions(path, fs::perms::owner_all, fs::perm_options::replace, ec);
  DOSSIER_ASSIGN_OR_RETURN(auto db,
                           db::SqliteDatabase::open((fs::path(path) / "dossier.db").string()));
  DOSSIER_TRY(db::migrate(*db));
  DOSSIER_TRY(catalog::install_system_templates(*db));
  return DataDir{path, std::move(db),
                 storage::make_local_blob_store((fs::path(path) / "files").string())};
}

}  // namespace dossier::cli
