#include "auth/tokens.h"

#include "core/crypto.h"
#include "core/ids.h"

namespace dossier::auth {

Result<IssuedToken> create_token(db::Database& db, const std::string& user_id,
                                 const std::string& label, std::optional<TimePoint> expires_at) {
  DOSSIER_ASSIGN_OR_RETURN(Json user,
                           db.query_one("SELECT is_active FROM users WHERE id = ?", {user_id}));
  if (user.is_null() || user["is_active"] != 1) return Error::not_found("user");
  IssuedToken issued{new_uuid(), "dsr_" + crypto::random_token(32), std::nullopt};
  if (expires_at) issued.expires_at = format_timestamp(*expires_at);
  DOSSIER_TRY(db.execute(
      "INSERT INTO api_tokens (id, user_id, token_hash, label, created_at, expires_at) VALUES (?, "
      "?, ?, ?, ?, ?)",
      {issued.id, user_id, crypto::sha256_hex(issued.secret), label, now_timestamp(),
       issued.expires_at ? Json(*issued.expires_at) : Json(nullptr)}));
  return issued;
}

Result<std::string> issue_token(db::Database& db, const std::string& user_id,
                                const std::string& label, std::optional<TimePoint> expires_at) {
  DOSSIER_ASSIGN_OR_RETURN(IssuedToken issued, create_token(db, user_id, label, expires_at));
  return std::move(issued.secret);
}

Result<Caller> authenticate(db::Database& db, std::string_view token, TimePoint now) {
  const Error denied = Error::make(ErrorCode::kUnauthenticated, "a valid bearer token is required");
  if (token.empty() || token.size() > 256) return denied;
  // Timestamps are fixed-width UTC text, so they compare as text on both backends.
  DOSSIER_ASSIGN_OR_RETURN(
      Json row,
      db.query_one("SELECT u.id, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id "
                   "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR "
                   "t.expires_at > ?) AND u.is_active = 1",
                   {crypto::sha256_hex(token), format_timestamp(now)}));
  if (row.is_null()) return denied;
  auto role = parse_role(row["role"].get<std::string>());
  if (!role) return denied;
  return Caller{row["id"].get<std::string>(), *role, {}, {}};
}

Status revoke_token(db::Database& db, const std::string& token_id, TimePoint now) {
  if (!is_uuid(token_id)) return Error::not_found("token");
  DOSSIER_ASSIGN_OR_RETURN(Json row,
                           db.query_one("SELECT id FROM api_tokens WHERE id = ?", {token_id}));
  if (row.is_null()) return Error::not_found("token");
  DOSSIER_TRY(db.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                         {format_timestamp(now), token_id}));
  return {};
}

Result<int64_t> revoke_user_tokens(db::Database& db, const std::string& user_id, TimePoint now) {
  return db.execute("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                    {format_timestamp(now), user_id});
}

Result<Json> list_tokens(db::Database& db, const TokenQuery& q) {
  std::string sql =
      "SELECT id, user_id, label, created_at, expires_at, revoked_at FROM api_tokens WHERE 1 = 1";
  db::Params params;
  if (q.user_id) {
    sql += " AND user_id = ?";
    params.push_back(*q.user_id);
  }
  if (q.cursor) {
    sql += " AND id < ?";
    params.push_back(*q.cursor);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.push_back(q.limit + 1);
  DOSSIER_ASSIGN_OR_RETURN(db::Rows rows, db.query(sql, params));
  Json out = {{"tokens", Json::array()}, {"next_cursor", nullptr}};
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(q.limit); ++i) {
    out["tokens"].push_back(rows[i]);
  }
  if (rows.size() > static_cast<size_t>(q.limit)) out["next_cursor"] = out["tokens"].back()["id"];
  return out;
}

}  // namespace dossier::auth
