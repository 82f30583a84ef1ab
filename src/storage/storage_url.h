// Chooses the file store from a storage URL, as DOSSIER_STORAGE_URL and --storage-url give it.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "storage/blob_store.h"

namespace dossier::storage {

//! "" → the local directory DATA_DIR/files; "s3://BUCKET/PREFIX?endpoint=…&region=…" → an
//! S3-compatible object store. Any other URL is a kValidation error on the field
//! "DOSSIER_STORAGE_URL".
Result<std::unique_ptr<BlobStore>> open_blob_store(const std::string& url,
                                                   const std::string& data_dir);

}  // namespace dossier::storage
