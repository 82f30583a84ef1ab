#include "storage/storage_url.h"

#include <filesystem>

#include "storage/s3_blob_store.h"

namespace dossier::storage {

Result<std::unique_ptr<BlobStore>> open_blob_store(const std::string& url,
                                                   const std::string& data_dir) {
  if (url.empty()) {
    return make_local_blob_store((std::filesystem::path(data_dir) / "files").string());
  }
  DOSSIER_ASSIGN_OR_RETURN(S3Location location, parse_s3_url(url));
  DOSSIER_ASSIGN_OR_RETURN(S3Credentials credentials, load_s3_credentials());
  return make_s3_blob_store(std::move(location), std::move(credentials));
}

}  // namespace dossier::storage
