#include "storage/storage_url.h"

#include <filesystem>

namespace dossier::storage {

Result<std::unique_ptr<BlobStore>> open_blob_store(const std::string& url,
                                                   const std::string& data_dir) {
  if (url.empty()) {
    return make_local_blob_store((std::filesystem::path(data_dir) / "files").string());
  }
  return Error::validation("DOSSIER_STORAGE_URL", "must be empty or an s3:// URL");
}

}  // namespace dossier::storage
