// Signed download links: a download_url that works in a browser without a bearer token.
//
// The link names the job, the user it acts for and when it expires, and carries an
// HMAC-SHA256 over those three under a practice secret; changing any of them breaks the
// signature. The user's rights are checked again when the link is used, so a link dies with
// its job, with the user's access to it, or with the user.
#pragma once

#include <cstdint>
#include <string>

#include "auth/caller.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::auth {

enum class LinkCheck { kValid, kBadSignature, kExpired };

class LinkSigner {
 public:
  //! REQUIRES: `secret` is at least 32 random bytes, the same in every process of a practice.
  explicit LinkSigner(std::string secret) : secret_(std::move(secret)) {}

  //! "/api/v1/export/download/JOB?expires=UNIX&user=USER&signature=HEX".
  std::string download_path(const std::string& job_id, const std::string& user_id,
                            int64_t expires_unix) const;

  //! Whether the link's parts (as received) were signed here and `now_unix` is before expiry.
  LinkCheck check(const std::string& job_id, const std::string& user_id, const std::string& expires,
                  const std::string& signature, int64_t now_unix) const;

 private:
  std::string signature(const std::string& job_id, const std::string& user_id,
                        const std::string& expires) const;

  std::string secret_;
};

//! The caller a valid link acts for: its user, if still active; kForbidden otherwise.
Result<Caller> link_caller(db::Database& db, const std::string& user_id);

}  // namespace dossier::auth
