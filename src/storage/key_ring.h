// The master keys that wrap the data key of every stored file.
//
// They live in a directory of their own (DATA_DIR/keys, mode 0700): one file ID.key per key
// holding 32 random bytes as hex (mode 0600), and a file `current` naming the key that wraps
// new files. A key is never deleted by Dossier: files wrapped by an older key stay readable
// until `dossier keys rotate` has rewrapped them. Beside them live links.secret (signed
// download links) and audit.secret (the audit chain's HMAC key, audit/audit_chain.h). Every
// process of a practice, API servers and workers on any machine, needs the same directory.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"

namespace dossier::storage {

struct MasterKey {
  std::string id;
  std::string bytes;  //!< 32 bytes
};

class KeyRing {
 public:
  //! Opens `dir`, creating it and a first key when it holds none.
  static Result<std::shared_ptr<KeyRing>> open(const std::string& dir);

  //! The key that wraps new files, as `current` names it now: a rotation made by another
  //! process takes effect here without a restart.
  Result<MasterKey> current();
  //! The key `id`; read from the directory when not seen yet. kInternal when there is none.
  Result<MasterKey> find(const std::string& id);
  //! Creates a new key and makes it current; returns its id.
  Result<std::string> add_key();
  //! The practice's secret for signing download links (links.secret beside the keys), made
  //! on first use: 32 random bytes.
  Result<std::string> link_secret();

  //! The audit chain's key (audit.secret: 32 random bytes), or nullopt while there is none:
  //! audit::open_chain_key adopts one, once, through the two calls below.
  Result<std::optional<std::string>> audit_key();
  //! The key being adopted (audit.secret.new), made when absent. Made exclusively and kept
  //! after its adoption: processes sharing the directory that race here all get the same key.
  Result<std::string> pending_audit_key();
  //! Makes the pending key audit.secret; a no-op when audit.secret exists already.
  Status promote_audit_key();

 private:
  explicit KeyRing(std::string dir) : dir_(std::move(dir)) {}
  Result<MasterKey> load(const std::string& id);  // REQUIRES: mutex_ held
  Result<std::string> write_new_key();            // a new ID.key file; returns ID
  Result<std::string> read_secret(const std::string& name);

  const std::string dir_;
  std::mutex mutex_;
  std::map<std::string, std::string> keys_;  // guarded by mutex_: id → bytes
};

}  // namespace dossier::storage
