// A ZIP writer that streams: each entry is raw-deflated (zlib) straight into a ByteSink as its
// bytes arrive, its CRC-32 and sizes follow in a data descriptor, and the central directory
// comes last, so nothing is ever sought back to and memory does not grow with the archive.
// (libzip writes only to seekable sources, which a streamed, encrypted blob is not.)
//
// Entries are stamped with a fixed DOS time (1980-01-01 00:00) and flagged UTF-8, so equal
// input gives equal bytes. No ZIP64: an archive whose entries or offsets pass 4 GiB, or that
// has more than 65,535 entries, fails with kUnprocessable.
//
// Not thread-safe; one archive per instance. A sink error stops the writer and is returned
// from that call and every later one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/byte_sink.h"

namespace dossier::formats::tabular {

class ZipStreamWriter final {
 public:
  //! Throws std::bad_alloc if zlib cannot allocate its state.
  explicit ZipStreamWriter(ByteSink out);
  ~ZipStreamWriter();
  ZipStreamWriter(const ZipStreamWriter&) = delete;
  ZipStreamWriter& operator=(const ZipStreamWriter&) = delete;

  //! Starts the entry `name` ('/'-separated). REQUIRES: no entry open, finish() not called.
  //! `compress` false keeps the bytes as they are (deflate's stored blocks): for content that
  //! is compressed already (PDF, DOCX), where deflating again costs time and saves nothing.
  Status begin_entry(std::string_view name, bool compress = true);
  //! Appends to the open entry. REQUIRES: an entry is open.
  Status write(std::string_view data);
  //! A sink that appends to the open entry (valid while this writer lives).
  ByteSink entry_sink();
  //! Ends the open entry with its data descriptor.
  Status end_entry();
  //! Writes the central directory. REQUIRES: no entry open; called once.
  Status finish();

 private:
  struct Entry {
    std::string name;
    uint32_t crc = 0;
    uint64_t compressed = 0;
    uint64_t size = 0;
    uint64_t offset = 0;
  };
  struct Deflater;

  Status deflate_chunk(std::string_view data, bool last);
  Status emit(std::string_view bytes);
  Status flush();

  ByteSink out_;
  std::unique_ptr<Deflater> deflater_;
  std::vector<Entry> entries_;
  std::string buffer_;
  uint64_t written_ = 0;  // bytes handed to emit() so far: the next offset
  bool open_ = false;
  Status failed_;
};

}  // namespace dossier::formats::tabular
