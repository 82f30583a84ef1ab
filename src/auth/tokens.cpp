#include "auth/tokens.h"

#include "core/clock.h"
#include "core/crypto.h"
#include "core/ids.h"

namespace dossier::auth {

Result<std::string> issue_token(db::Database& db, const std::string& user_id,
                                const std::string& label) {
  DOSSIER_ASSIGN_OR_RETURN(Json user,
                           db.query_one("SELECT is_active FROM users WHERE id = ?", {user_id}));
  if (user.is_null() || user["is_active"] != 1) return Error::not_found("user");
  std::string token = "dsr_" + crypto::random_token(32);
  DOSSIER_TRY(db.execute(
      "INSERT INTO api_tokens (id, user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)",
      {new_uuid(), user_id, crypto::sha256_hex(token), label, now_timestamp()}));
  return token;
}

Result<Caller> authenticate(db::Database& db, std::string_view token) {
  const Error denied = Error::make(ErrorCode::kUnauthenticated, "a valid bearer token is required");
  if (token.empty() || token.size() > 256) return denied;
  DOSSIER_ASSIGN_OR_RETURN(
      Json row,
      db.query_one("SELECT u.id, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id "
                   "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.is_active = 1",
                   {crypto::sha256_hex(token)}));
  if (row.is_null()) return denied;
  auto role = parse_role(row["role"].get<std::string>());
  if (!role) return denied;
  return Caller{row["id"].get<std::string>(), *role, {}, {}};
}

}  // namespace dossier::auth
