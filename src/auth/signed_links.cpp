#include "auth/signed_links.h"

#include "core/crypto.h"

namespace dossier::auth {

std::string LinkSigner::signature(const std::string& job_id, const std::string& user_id,
                                  const std::string& expires) const {
  return crypto::hmac_sha256_hex(secret_, "download\n" + job_id + "\n" + user_id + "\n" + expires);
}

std::string LinkSigner::download_path(const std::string& job_id, const std::string& user_id,
                                      int64_t expires_unix) const {
  const std::string expires = std::to_string(expires_unix);
  return "/api/v1/export/download/" + job_id + "?expires=" + expires + "&user=" + user_id +
         "&signature=" + signature(job_id, user_id, expires);
}

LinkCheck LinkSigner::check(const std::string& job_id, const std::string& user_id,
                            const std::string& expires, const std::string& signature_hex,
                            int64_t now_unix) const {
  if (!crypto::constant_time_equal(signature(job_id, user_id, expires), signature_hex)) {
    return LinkCheck::kBadSignature;
  }
  // Signed here, so `expires` is digits this process wrote.
  return std::stoll(expires) > now_unix ? LinkCheck::kValid : LinkCheck::kExpired;
}

Result<Caller> link_caller(db::Database& db, const std::string& user_id) {
  const Error denied = Error::make(ErrorCode::kForbidden, "the download link is not valid");
  DOSSIER_ASSIGN_OR_RETURN(
      Json row,
      db.query_one("SELECT id, role FROM users WHERE id = ? AND is_active = 1", {user_id}));
  if (row.is_null()) return denied;
  auto role = parse_role(row["role"].get<std::string>());
  if (!role) return denied;
  return Caller{row["id"].get<std::string>(), *role, {}, {}};
}

}  // namespace dossier::auth
