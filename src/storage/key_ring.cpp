#include "storage/key_ring.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"
#include "core/ids.h"
#include "core/log.h"
#include "storage/aead.h"

namespace dossier::storage {
namespace {

namespace fs = std::filesystem;

// Ids come from `current` and from file headers: anything but a UUID could name a path.
bool valid_id(const std::string& id) {
  return is_uuid(id);
}

Result<std::string> from_hex(std::string_view hex) {
  if (hex.size() != 2 * aead::kKeyBytes) return Error::internal("a master key file is damaged");
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    const auto nibble = [](char c) {
      return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return Error::internal("a master key file is damaged");
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

Result<std::string> read_text(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Error::internal("a master key is missing from the keys directory");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Written beside its final name and renamed over it, mode 0600 from the start.
Status write_private(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp-" + new_uuid();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error::internal("cannot write to the keys directory");
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written || ::rename(tmp.c_str(), path.c_str()) != 0) {
    std::error_code ec;
    fs::remove(tmp, ec);
    return Error::internal("cannot write to the keys directory");
  }
  return {};
}

// Writes `path` unless it exists, never replacing it: a second writer's text is dropped, so
// every process that races here reads the first one's.
Status create_private_once(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp-" + new_uuid();
  DOSSIER_TRY(write_private(tmp, text));
  const bool linked = ::link(tmp.c_str(), path.c_str()) == 0 || errno == EEXIST;
  std::error_code ec;
  fs::remove(tmp, ec);
  if (!linked) return Error::internal("cannot write to the keys directory");
  return {};
}

std::string new_secret_text() {
  return crypto::to_hex(aead::random_bytes(aead::kKeyBytes)) + "\n";
}

// Not ID.key, the master keys' names: those may be archived once a rotation has rewrapped
// every file, and this one must stay for as long as the audit log does.
constexpr const char* kAuditKey = "audit.secret";
constexpr const char* kPendingAuditKey = "audit.secret.new";

}  // namespace

Result<std::shared_ptr<KeyRing>> KeyRing::open(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) return Error::internal("cannot create the keys directory");
  std::shared_ptr<KeyRing> ring(new KeyRing(dir));
  if (!fs::exists(fs::path(dir) / "current")) {
    // Processes starting together on a new directory each make a key, but `current` is
    // created once and never replaced, so every one of them wraps with the first key named.
    DOSSIER_ASSIGN_OR_RETURN(std::string id, ring->write_new_key());
    DOSSIER_TRY(create_private_once(fs::path(dir) / "current", id + "\n"));
    log::info("master_key_created", Json::object());
  }
  DOSSIER_TRY(ring->current());
  return ring;
}

Result<MasterKey> KeyRing::load(const std::string& id) {
  if (!valid_id(id)) return Error::internal("a stored file names an unknown master key");
  if (auto it = keys_.find(id); it != keys_.end()) return MasterKey{id, it->second};
  DOSSIER_ASSIGN_OR_RETURN(std::string hex, read_text(fs::path(dir_) / (id + ".key")));
  DOSSIER_ASSIGN_OR_RETURN(std::string bytes, from_hex(hex));
  keys_.emplace(id, bytes);
  return MasterKey{id, std::move(bytes)};
}

Result<MasterKey> KeyRing::current() {
  DOSSIER_ASSIGN_OR_RETURN(std::string id, read_text(fs::path(dir_) / "current"));
  std::lock_guard lock(mutex_);
  return load(id);
}

Result<MasterKey> KeyRing::find(const std::string& id) {
  std::lock_guard lock(mutex_);
  return load(id);
}

Result<std::string> KeyRing::link_secret() {
  std::lock_guard lock(mutex_);
  const fs::path path = fs::path(dir_) / "links.secret";
  // Made exclusively: a link signed by one process must verify in every other.
  if (!fs::exists(path)) DOSSIER_TRY(create_private_once(path, new_secret_text()));
  DOSSIER_ASSIGN_OR_RETURN(std::string hex, read_text(path));
  return from_hex(hex);
}

Result<std::string> KeyRing::read_secret(const std::string& name) {
  DOSSIER_ASSIGN_OR_RETURN(std::string hex, read_text(fs::path(dir_) / name));
  return from_hex(hex);
}

Result<std::optional<std::string>> KeyRing::audit_key() {
  if (!fs::exists(fs::path(dir_) / kAuditKey)) return std::optional<std::string>();
  DOSSIER_ASSIGN_OR_RETURN(std::string bytes, read_secret(kAuditKey));
  return std::optional(std::move(bytes));
}

Result<std::string> KeyRing::pending_audit_key() {
  DOSSIER_TRY(create_private_once(fs::path(dir_) / kPendingAuditKey, new_secret_text()));
  return read_secret(kPendingAuditKey);
}

Status KeyRing::promote_audit_key() {
  const fs::path pending = fs::path(dir_) / kPendingAuditKey;
  const fs::path sealed = fs::path(dir_) / kAuditKey;
  // The pending file stays: a process that found no audit key a moment ago and asks for the
  // pending one must get these bytes, never make others.
  if (::link(pending.c_str(), sealed.c_str()) != 0 && errno != EEXIST) {
    return Error::internal("cannot write to the keys directory");
  }
  return {};
}

Result<std::string> KeyRing::write_new_key() {
  const std::string id = new_uuid();
  DOSSIER_TRY(write_private(fs::path(dir_) / (id + ".key"), new_secret_text()));
  return id;
}

Result<std::string> KeyRing::add_key() {
  DOSSIER_ASSIGN_OR_RETURN(std::string id, write_new_key());
  DOSSIER_TRY(write_private(fs::path(dir_) / "current", id + "\n"));
  return id;
}

}  // namespace dossier::storage
