// Where finished export files live: a local directory (the embedded default) or an
// S3-compatible object store (scale-out). Files are written and read as streams, so an export
// of any size never sits whole in memory here.
//
// Writes are atomic: a reader sees the whole file or none of it, never a half-written one. A
// writer destroyed without commit() (an error, an exception, a worker shutting down) leaves
// nothing visible and cleans up what it had sent.
//
// Thread safety: a BlobStore may be used from any thread; a writer or reader belongs to one
// thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace dossier::storage {

//! Receives a file's bytes in order; nothing is visible under its key before commit().
class BlobWriter {
 public:
  virtual ~BlobWriter() = default;  //!< without commit(): aborts, nothing left behind
  //! Appends `bytes`.
  virtual Status write(std::string_view bytes) = 0;
  //! Makes the file visible under its key, replacing any previous one atomically. The
  //! writer takes no more bytes after it, whatever its result.
  virtual Status commit() = 0;
};

//! Hands out a stored file's bytes in order.
class BlobReader {
 public:
  virtual ~BlobReader() = default;
  //! The file's size in bytes.
  virtual int64_t size() const = 0;
  //! Up to `max` next bytes into `buffer`; 0 at the end of the file.
  virtual Result<size_t> read(char* buffer, size_t max) = 0;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  //! A writer for `key`. An invalid key is kInternal (keys are made by the service).
  virtual Result<std::unique_ptr<BlobWriter>> open_writer(const std::string& key) = 0;
  //! A reader of the file under `key`; kNotFound when there is none.
  virtual Result<std::unique_ptr<BlobReader>> open_reader(const std::string& key) = 0;
  //! Removes `key`; removing an absent key is not an error.
  virtual Status remove(const std::string& key) = 0;

  //! Convenience for small files: stores `bytes` under `key` through a writer.
  Status put(const std::string& key, std::string_view bytes);
  //! Convenience for small files: the whole file under `key`.
  Result<std::string> get(const std::string& key);
  //! Reads the file under `key` to its end without keeping it, so that a file that fails its
  //! integrity check is known before any of it is handed out.
  Status verify(const std::string& key);
};

//! The error of a stored file whose bytes are not what was stored (altered, cut short, moved
//! from another key, or not encrypted by this practice): such a file is never served.
Error integrity_failure();
bool is_integrity_failure(const Error& error);

//! Whether `key` is one the service could have made: letters, digits, '-', '.' and '_',
//! at most 200 characters, not starting with '.'. Keeps keys inside their root or prefix.
bool valid_key(std::string_view key);

//! Files under `root` (created if missing, mode 0700): written to a temporary file in the
//! same directory, fsynced, then renamed over the final name.
std::unique_ptr<BlobStore> make_local_blob_store(const std::string& root);

}  // namespace dossier::storage
