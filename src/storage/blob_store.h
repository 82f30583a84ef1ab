// Where finished export files live. Writes are atomic: a reader sees the whole file or
// none of it, never a half-written one.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"

namespace dossier::storage {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  //! Stores `bytes` under `key`, replacing any previous value atomically.
  virtual Status put(const std::string& key, const std::string& bytes) = 0;
  //! The bytes under `key`; kNotFound when absent.
  virtual Result<std::string> get(const std::string& key) = 0;
  //! Removes `key`; removing an absent key is not an error.
  virtual Status remove(const std::string& key) = 0;
};

//! Files under `root` (created if missing, mode 0700): write to a temporary file in the
//! same directory, fsync, then rename over the final name.
std::unique_ptr<BlobStore> make_local_blob_store(const std::string& root);

}  // namespace dossier::storage
