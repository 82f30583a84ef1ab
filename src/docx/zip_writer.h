// An in-memory ZIP archive writer over libzip, for OPC packages (DOCX).
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include <zip.h>

#include "core/result.h"

namespace dossier::docx {

//! Collects entries and produces the archive bytes. Entries are deflated and stamped with a
//! fixed DOS time (1980-01-01 00:00), in the order added, so equal input gives equal bytes.
//! Not thread-safe; one archive per instance. Copies are deleted (it owns libzip handles).
class ZipWriter final {
 public:
  //! Fails with kInternal if libzip cannot set up an in-memory archive.
  static Result<std::unique_ptr<ZipWriter>> create();
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  //! Adds (or replaces) the entry `name` (a '/'-separated path) with `data`.
  //! REQUIRES: finish() not called yet.
  Status add(std::string_view name, std::string data);

  //! Closes the archive and returns its bytes. REQUIRES: called once.
  Result<std::string> finish();

 private:
  ZipWriter(zip_source_t* buffer, zip_t* archive) : buffer_(buffer), archive_(archive) {}

  zip_source_t* buffer_;          // the in-memory archive; kept alive across zip_close
  zip_t* archive_;                // null once closed
  std::deque<std::string> data_;  // entry contents; libzip reads them at zip_close
};

}  // namespace dossier::docx
