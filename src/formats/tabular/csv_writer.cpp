#include "formats/tabular/csv_writer.h"

namespace dossier::formats::tabular {
namespace {

constexpr size_t kChunk = 64 * 1024;

void append_quoted(std::string& out, std::string_view field) {
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

std::string quoted_field(std::string_view field) {
  std::string out;
  append_quoted(out, field);
  return out;
}

CsvWriter::CsvWriter(const ByteSink& out, bool bom) : out_(out) {
  buffer_.reserve(kChunk + 4096);
  if (bom) buffer_ = "\xEF\xBB\xBF";
}

Status CsvWriter::row(const std::vector<std::string>& fields) {
  if (!failed_.ok()) return failed_;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) buffer_.push_back(',');
    append_quoted(buffer_, fields[i]);
  }
  buffer_.append("\r\n");
  return flush_if_full();
}

Status CsvWriter::flush_if_full() {
  if (buffer_.size() < kChunk) return {};
  failed_ = out_(buffer_);
  buffer_.clear();
  return failed_;
}

Status CsvWriter::finish() {
  if (!failed_.ok()) return failed_;
  if (!buffer_.empty()) failed_ = out_(buffer_);
  buffer_.clear();
  return failed_;
}

}  // namespace dossier::formats::tabular
