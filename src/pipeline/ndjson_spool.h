// Spools NDJSON lines by resource type while a bulk export walks the record patient by
// patient, then writes them out one type after another into a single sink — so that the
// stored file holds each type's lines contiguously whatever order they were made in, and
// memory holds only a small buffer per type however large the practice.
//
// The spool lives in unlinked temporary files (nothing is left behind when the process
// dies) and is sealed with AES-256-GCM under a key that exists only in this object's
// memory: record content never reaches the disk in plain text.
//
// Thread safety: none; one export, one thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/byte_sink.h"
#include "core/json.h"
#include "core/result.h"

namespace dossier::pipeline {

//! One type's slice of the written file.
struct SpooledPart {
  std::string type;
  int64_t offset = 0;  //!< of its first byte in what write_to() wrote
  int64_t length = 0;  //!< in bytes
  int64_t count = 0;   //!< lines, i.e. resources
};

class NdjsonSpool final {
 public:
  //! `chunk_bytes`: how much of a type is buffered before it is sealed to its file.
  explicit NdjsonSpool(size_t chunk_bytes = 64 * 1024);
  ~NdjsonSpool();
  NdjsonSpool(const NdjsonSpool&) = delete;
  NdjsonSpool& operator=(const NdjsonSpool&) = delete;

  //! Appends `line` (one JSON text without its newline) to `type`'s lines.
  Status add(const std::string& type, std::string_view line);

  //! Writes the lines of each of `types` that has any, in that order, into `out`, and
  //! returns their slices. Types without lines get no slice. Call once.
  Result<std::vector<SpooledPart>> write_to(const std::vector<std::string>& types,
                                            const ByteSink& out);

 private:
  struct File;
  Status seal_buffer(File& file);

  size_t chunk_bytes_;
  std::string key_;
  uint64_t nonce_counter_ = 0;
  std::map<std::string, std::unique_ptr<File>> files_;
};

}  // namespace dossier::pipeline
