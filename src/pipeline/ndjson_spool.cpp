#include "pipeline/ndjson_spool.h"

#include <cstring>

#include "storage/aead.h"

namespace dossier::pipeline {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

Error spool_failure() {
  return Error::internal("the export's temporary space could not be written or read");
}

// Nonces are a counter under a key used by this spool alone, so none repeats.
std::string nonce_for(uint64_t counter) {
  std::string nonce(storage::aead::kNonceBytes, '\0');
  std::memcpy(nonce.data(), &counter, sizeof counter);
  return nonce;
}

}  // namespace

// A type's spool: its unlinked file of sealed chunks ([size][nonce counter][sealed]) and
// the plain text not sealed yet.
struct NdjsonSpool::File {
  std::unique_ptr<std::FILE, FileCloser> handle;
  std::string buffer;
  int64_t length = 0;
  int64_t count = 0;
};

NdjsonSpool::NdjsonSpool(size_t chunk_bytes)
    : chunk_bytes_(chunk_bytes), key_(storage::aead::random_bytes(storage::aead::kKeyBytes)) {}

NdjsonSpool::~NdjsonSpool() {
  // The key goes with the spool; the files vanish when closed.
  std::fill(key_.begin(), key_.end(), '\0');
}

Status NdjsonSpool::seal_buffer(File& file) {
  if (file.buffer.empty()) return {};
  if (!file.handle) {
    file.handle.reset(std::tmpfile());
    if (!file.handle) return spool_failure();
  }
  const uint64_t counter = nonce_counter_++;
  const std::string sealed = storage::aead::seal(key_, nonce_for(counter), "", file.buffer);
  const uint64_t size = sealed.size();
  if (std::fwrite(&size, sizeof size, 1, file.handle.get()) != 1 ||
      std::fwrite(&counter, sizeof counter, 1, file.handle.get()) != 1 ||
      std::fwrite(sealed.data(), 1, sealed.size(), file.handle.get()) != sealed.size()) {
    return spool_failure();
  }
  file.buffer.clear();
  return {};
}

Status NdjsonSpool::add(const std::string& type, std::string_view line) {
  auto& slot = files_[type];
  if (!slot) slot = std::make_unique<File>();
  File& file = *slot;
  file.buffer.append(line);
  file.buffer.push_back('\n');
  file.length += static_cast<int64_t>(line.size()) + 1;
  ++file.count;
  if (file.buffer.size() >= chunk_bytes_) return seal_buffer(file);
  return {};
}

Result<std::vector<SpooledPart>> NdjsonSpool::write_to(const std::vector<std::string>& types,
                                                       const ByteSink& out) {
  std::vector<SpooledPart> parts;
  int64_t offset = 0;
  for (const auto& type : types) {
    const auto it = files_.find(type);
    if (it == files_.end() || it->second->count == 0) continue;
    File& file = *it->second;
    if (file.handle) {
      std::rewind(file.handle.get());
      uint64_t size = 0;
      uint64_t counter = 0;
      std::string sealed;
      while (std::fread(&size, sizeof size, 1, file.handle.get()) == 1) {
        sealed.resize(size);
        if (std::fread(&counter, sizeof counter, 1, file.handle.get()) != 1 ||
            std::fread(sealed.data(), 1, size, file.handle.get()) != size) {
          return spool_failure();
        }
        DOSSIER_ASSIGN_OR_RETURN(std::string plain,
                                 storage::aead::open(key_, nonce_for(counter), "", sealed));
        DOSSIER_TRY(out(plain));
      }
      file.handle.reset();
    }
    DOSSIER_TRY(out(file.buffer));
    file.buffer.clear();
    parts.push_back({type, offset, file.length, file.count});
    offset += file.length;
  }
  return parts;
}

}  // namespace dossier::pipeline
