#include "storage/encrypted_blob_store.h"

#include <algorithm>
#include <cstdint>

#include "core/log.h"
#include "storage/aead.h"

namespace dossier::storage {
namespace {

constexpr std::string_view kMagic = "DSRENC01";
constexpr uint32_t kSegmentBytes = 64 * 1024;
constexpr size_t kPrefixBytes = 8;
constexpr size_t kWrappedBytes = aead::kKeyBytes + aead::kTagBytes;

Error integrity_error(const std::string& key) {
  log::error("stored_file_integrity_failed", {{"key", key}});
  return integrity_failure();
}

std::string big_endian(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

uint32_t from_big_endian(std::string_view b) {
  uint32_t v = 0;
  for (unsigned char c : b.substr(0, 4)) v = (v << 8) | c;
  return v;
}

struct Header {
  std::string key_id;
  std::string wrap_nonce;
  std::string wrapped_key;
  std::string nonce_prefix;
  uint32_t segment_bytes = kSegmentBytes;

  std::string serialize() const {
    return std::string(kMagic) + static_cast<char>(key_id.size()) + key_id + wrap_nonce +
           wrapped_key + nonce_prefix + big_endian(segment_bytes);
  }
  size_t size() const { return serialize().size(); }
};

std::string wrap_aad(const std::string& key_id) {
  return "dossier data key " + key_id;
}

// A header for `data_key` wrapped by `master`; the content nonces keep `nonce_prefix`.
Header wrap(const MasterKey& master, const std::string& data_key, std::string nonce_prefix) {
  Header h{master.id, aead::random_bytes(aead::kNonceBytes), {}, std::move(nonce_prefix)};
  h.wrapped_key = aead::seal(master.bytes, h.wrap_nonce, wrap_aad(master.id), data_key);
  return h;
}

Result<std::string> unwrap(const Header& h, KeyRing& keys) {
  DOSSIER_ASSIGN_OR_RETURN(MasterKey master, keys.find(h.key_id));
  return aead::open(master.bytes, h.wrap_nonce, wrap_aad(h.key_id), h.wrapped_key);
}

std::string segment_nonce(const std::string& prefix, uint32_t index) {
  return prefix + big_endian(index);
}

// The storage key binds a segment to its file; the flag marks the end, so that a file cut
// short at a segment boundary does not read as complete.
std::string segment_aad(const std::string& key, bool last) {
  return key + (last ? '\1' : '\0');
}

// Exactly `n` bytes from `reader`; fewer mean the file was cut short.
Result<std::string> read_exact(BlobReader& reader, size_t n, const std::string& key) {
  std::string out(n, '\0');
  for (size_t got = 0; got < n;) {
    DOSSIER_ASSIGN_OR_RETURN(size_t r, reader.read(out.data() + got, n - got));
    if (r == 0) return integrity_error(key);
    got += r;
  }
  return out;
}

Result<Header> read_header(BlobReader& reader, const std::string& key) {
  DOSSIER_ASSIGN_OR_RETURN(std::string lead, read_exact(reader, kMagic.size() + 1, key));
  if (std::string_view(lead).substr(0, kMagic.size()) != kMagic) return integrity_error(key);
  const size_t id_bytes = static_cast<unsigned char>(lead.back());
  DOSSIER_ASSIGN_OR_RETURN(
      std::string rest,
      read_exact(reader, id_bytes + aead::kNonceBytes + kWrappedBytes + kPrefixBytes + 4, key));
  std::string_view r = rest;
  Header h;
  h.key_id = r.substr(0, id_bytes);
  r.remove_prefix(id_bytes);
  h.wrap_nonce = r.substr(0, aead::kNonceBytes);
  r.remove_prefix(aead::kNonceBytes);
  h.wrapped_key = r.substr(0, kWrappedBytes);
  r.remove_prefix(kWrappedBytes);
  h.nonce_prefix = r.substr(0, kPrefixBytes);
  h.segment_bytes = from_big_endian(r.substr(kPrefixBytes));
  if (h.segment_bytes == 0 || h.segment_bytes > (16u << 20)) return integrity_error(key);
  return h;
}

class EncryptedWriter final : public BlobWriter {
 public:
  EncryptedWriter(std::unique_ptr<BlobWriter> inner, std::string key, std::string data_key,
                  Header header)
      : inner_(std::move(inner)),
        key_(std::move(key)),
        data_key_(std::move(data_key)),
        header_(std::move(header)) {}

  Status write(std::string_view bytes) override {
    const size_t segment = header_.segment_bytes;
    while (!bytes.empty()) {
      // A full segment is sealed only once more bytes come: the last one is marked as such.
      if (buffer_.size() == segment) DOSSIER_TRY(seal_segment(false));
      const size_t take = std::min(segment - buffer_.size(), bytes.size());
      buffer_.append(bytes.substr(0, take));
      bytes.remove_prefix(take);
    }
    return {};
  }

  Status commit() override {
    if (buffer_.size() == header_.segment_bytes) DOSSIER_TRY(seal_segment(false));
    DOSSIER_TRY(seal_segment(true));
    return inner_->commit();
  }

 private:
  Status seal_segment(bool last) {
    DOSSIER_TRY(inner_->write(aead::seal(data_key_, segment_nonce(header_.nonce_prefix, index_++),
                                         segment_aad(key_, last), buffer_)));
    buffer_.clear();
    return {};
  }

  std::unique_ptr<BlobWriter> inner_;  // destroyed uncommitted, it removes what it was sent
  std::string key_;
  std::string data_key_;
  Header header_;
  std::string buffer_;
  uint32_t index_ = 0;
};

class EncryptedReader final : public BlobReader {
 public:
  // `full_segments` segments of header.segment_bytes precede a last one of `last_bytes`.
  EncryptedReader(std::unique_ptr<BlobReader> inner, std::string key, std::string data_key,
                  Header header, uint32_t full_segments, size_t last_bytes)
      : inner_(std::move(inner)),
        key_(std::move(key)),
        data_key_(std::move(data_key)),
        header_(std::move(header)),
        full_segments_(full_segments),
        last_bytes_(last_bytes) {}

  int64_t size() const override {
    return static_cast<int64_t>(full_segments_) * header_.segment_bytes +
           static_cast<int64_t>(last_bytes_);
  }

  Result<size_t> read(char* buffer, size_t max) override {
    while (position_ == plain_.size()) {
      if (index_ > full_segments_) return size_t{0};
      DOSSIER_TRY(open_segment());
    }
    const size_t n = std::min(max, plain_.size() - position_);
    std::copy_n(plain_.data() + position_, n, buffer);
    position_ += n;
    return n;
  }

 private:
  Status open_segment() {
    const bool last = index_ == full_segments_;
    const size_t plain_bytes = last ? last_bytes_ : header_.segment_bytes;
    DOSSIER_ASSIGN_OR_RETURN(std::string sealed,
                             read_exact(*inner_, plain_bytes + aead::kTagBytes, key_));
    auto opened = aead::open(data_key_, segment_nonce(header_.nonce_prefix, index_++),
                             segment_aad(key_, last), sealed);
    if (!opened.ok()) return integrity_error(key_);
    plain_ = std::move(opened).value();
    position_ = 0;
    return {};
  }

  std::unique_ptr<BlobReader> inner_;
  std::string key_;
  std::string data_key_;
  Header header_;
  uint32_t full_segments_;
  size_t last_bytes_;
  uint32_t index_ = 0;
  std::string plain_;
  size_t position_ = 0;
};

class EncryptedBlobStore final : public BlobStore {
 public:
  EncryptedBlobStore(std::unique_ptr<BlobStore> inner, std::shared_ptr<KeyRing> keys)
      : inner_(std::move(inner)), keys_(std::move(keys)) {}

  Result<std::unique_ptr<BlobWriter>> open_writer(const std::string& key) override {
    DOSSIER_ASSIGN_OR_RETURN(MasterKey master, keys_->current());
    DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<BlobWriter> inner, inner_->open_writer(key));
    std::string data_key = aead::random_bytes(aead::kKeyBytes);
    Header header = wrap(master, data_key, aead::random_bytes(kPrefixBytes));
    DOSSIER_TRY(inner->write(header.serialize()));
    return std::unique_ptr<BlobWriter>(
        new EncryptedWriter(std::move(inner), key, std::move(data_key), std::move(header)));
  }

  Result<std::unique_ptr<BlobReader>> open_reader(const std::string& key) override {
    DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<BlobReader> inner, inner_->open_reader(key));
    DOSSIER_ASSIGN_OR_RETURN(Header header, read_header(*inner, key));
    auto data_key = unwrap(header, *keys_);
    if (!data_key.ok()) return integrity_error(key);
    // The layout follows from the size: full segments, then a last one that is shorter.
    const int64_t body = inner->size() - static_cast<int64_t>(header.size());
    const int64_t sealed_segment = int64_t{header.segment_bytes} + aead::kTagBytes;
    const int64_t rest = body % sealed_segment;
    if (body < static_cast<int64_t>(aead::kTagBytes) ||
        rest < static_cast<int64_t>(aead::kTagBytes)) {
      return integrity_error(key);
    }
    return std::unique_ptr<BlobReader>(new EncryptedReader(
        std::move(inner), key, std::move(data_key).value(), std::move(header),
        static_cast<uint32_t>(body / sealed_segment), static_cast<size_t>(rest) - aead::kTagBytes));
  }

  Status remove(const std::string& key) override { return inner_->remove(key); }

 private:
  std::unique_ptr<BlobStore> inner_;
  std::shared_ptr<KeyRing> keys_;
};

}  // namespace

std::unique_ptr<BlobStore> make_encrypted_blob_store(std::unique_ptr<BlobStore> inner,
                                                     std::shared_ptr<KeyRing> keys) {
  return std::make_unique<EncryptedBlobStore>(std::move(inner), std::move(keys));
}

Result<bool> rewrap(BlobStore& inner, KeyRing& keys, const std::string& key) {
  DOSSIER_ASSIGN_OR_RETURN(MasterKey current, keys.current());
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<BlobReader> reader, inner.open_reader(key));
  DOSSIER_ASSIGN_OR_RETURN(Header old, read_header(*reader, key));
  if (old.key_id == current.id) return false;
  auto data_key = unwrap(old, keys);
  if (!data_key.ok()) return integrity_error(key);
  Header header = wrap(current, *data_key, old.nonce_prefix);
  header.segment_bytes = old.segment_bytes;
  // The sealed segments do not depend on the master key: they are copied as they are.
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<BlobWriter> writer, inner.open_writer(key));
  DOSSIER_TRY(writer->write(header.serialize()));
  char buffer[64 * 1024];
  for (;;) {
    DOSSIER_ASSIGN_OR_RETURN(size_t n, reader->read(buffer, sizeof buffer));
    if (n == 0) break;
    DOSSIER_TRY(writer->write(std::string_view(buffer, n)));
  }
  DOSSIER_TRY(writer->commit());
  return true;
}

}  // namespace dossier::storage
