#include "docx/zip_writer.h"

namespace dossier::docx {
namespace {

constexpr zip_uint16_t kDosTime = 0;                        // 00:00:00
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01

Error zip_failure(const char* what, zip_error_t* error) {
  std::string detail = std::string("zip: ") + what;
  if (error != nullptr) detail += std::string(": ") + zip_error_strerror(error);
  return Error::internal(detail);
}

// Reads a whole (closed) source into a string.
Result<std::string> read_source(zip_source_t* source) {
  if (zip_source_open(source) < 0) return zip_failure("reopen", zip_source_error(source));
  std::string out;
  char chunk[1 << 16];
  for (;;) {
    const zip_int64_t n = zip_source_read(source, chunk, sizeof chunk);
    if (n < 0) {
      Error e = zip_failure("read", zip_source_error(source));
      zip_source_close(source);
      return e;
    }
    if (n == 0) break;
    out.append(chunk, static_cast<size_t>(n));
  }
  zip_source_close(source);
  return out;
}

}  // namespace

Result<std::unique_ptr<ZipWriter>> ZipWriter::create() {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) {
    Error e = zip_failure("buffer", &error);
    zip_error_fini(&error);
    return e;
  }
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    Error e = zip_failure("open", &error);
    zip_error_fini(&error);
    zip_source_free(buffer);
    return e;
  }
  zip_error_fini(&error);
  zip_source_keep(buffer);  // survives zip_close, which would otherwise free it
  return std::unique_ptr<ZipWriter>(new ZipWriter(buffer, archive));
}

ZipWriter::~ZipWriter() {
  if (archive_ != nullptr) zip_discard(archive_);
  zip_source_free(buffer_);
}

Status ZipWriter::add(std::string_view name, std::string data) {
  const std::string& stored = data_.emplace_back(std::move(data));
  zip_source_t* source = zip_source_buffer(archive_, stored.data(), stored.size(), 0);
  if (source == nullptr) return zip_failure("source", zip_get_error(archive_));
  const std::string entry(name);
  const zip_int64_t index =
      zip_file_add(archive_, entry.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (index < 0) {
    zip_source_free(source);
    return zip_failure("add", zip_get_error(archive_));
  }
  const auto i = static_cast<zip_uint64_t>(index);
  if (zip_set_file_compression(archive_, i, ZIP_CM_DEFLATE, 0) < 0 ||
      zip_file_set_dostime(archive_, i, kDosTime, kDosDate, 0) < 0) {
    return zip_failure("entry attributes", zip_get_error(archive_));
  }
  return {};
}

Result<std::string> ZipWriter::finish() {
  if (zip_close(archive_) < 0) return zip_failure("close", zip_get_error(archive_));
  archive_ = nullptr;
  return read_source(buffer_);
}

}  // namespace dossier::docx
