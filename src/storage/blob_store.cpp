#include "storage/blob_store.h"

#include <cctype>

namespace dossier::storage {

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > 200 || key[0] == '.') return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_')
      return false;
  }
  return true;
}

namespace {

constexpr const char* kIntegrityFailure =
    "the stored file failed its integrity check; request the export again";

}  // namespace

Error integrity_failure() {
  return Error::internal(kIntegrityFailure);
}

bool is_integrity_failure(const Error& error) {
  return error.code == ErrorCode::kInternal && error.detail == kIntegrityFailure;
}

Status BlobStore::put(const std::string& key, std::string_view bytes) {
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<BlobWriter> writer, open_writer(key));
  DOSSIER_TRY(writer->write(bytes));
  return writer->commit();
}

Result<std::string> BlobStore::get(const std::string& key) {
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<BlobReader> reader, open_reader(key));
  std::string out;
  out.reserve(static_cast<size_t>(reader->size()));
  char buffer[64 * 1024];
  for (;;) {
    DOSSIER_ASSIGN_OR_RETURN(size_t n, reader->read(buffer, sizeof buffer));
    if (n == 0) return out;
    out.append(buffer, n);
  }
}

Status BlobStore::verify(const std::string& key) {
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<BlobReader> reader, open_reader(key));
  char buffer[64 * 1024];
  for (;;) {
    DOSSIER_ASSIGN_OR_RETURN(size_t n, reader->read(buffer, sizeof buffer));
    if (n == 0) return {};
  }
}

}  // namespace dossier::storage
