// An RFC 4180 CSV writer that streams into a ByteSink: UTF-8, CRLF line ends, every field in
// double quotes with embedded quotes doubled, so any text (commas, newlines, quotes) survives
// a round trip through Python's csv module, LibreOffice and Excel.
//
// The writer quotes; it does not judge content. Callers pass text cells through
// tabular::neutralized() first (cell_safety.h) and format typed cells themselves.
//
// Output is buffered in chunks of about 64 KiB, so memory stays flat whatever the row count;
// a sink error stops the writer and is returned from that call and every later one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/byte_sink.h"

namespace dossier::formats::tabular {

class CsvWriter final {
 public:
  //! With `bom`, the file starts with U+FEFF so Excel reads it as UTF-8.
  CsvWriter(const ByteSink& out, bool bom);
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  //! Writes one record: each field quoted, separated by commas, ended by CRLF.
  Status row(const std::vector<std::string>& fields);
  //! Hands the buffered bytes to the sink. REQUIRES: called once, after the last row().
  Status finish();

 private:
  Status flush_if_full();

  const ByteSink& out_;
  std::string buffer_;
  Status failed_;
};

//! One field as the writer puts it: in quotes, embedded quotes doubled.
std::string quoted_field(std::string_view field);

}  // namespace dossier::formats::tabular
