#include "auth/web_sessions.h"

#include "core/crypto.h"
#include "core/ids.h"

namespace dossier::auth {
namespace {

// Cookie secrets are 32 random bytes in URL-safe base64 (43 characters).
constexpr size_t kSecretBytes = 32;

Error no_session() {
  return Error::make(ErrorCode::kUnauthenticated, "not signed in");
}

}  // namespace

Result<NewSession> create_session(db::Database& db, const std::string& user_id,
                                  const SessionPolicy& policy, TimePoint now) {
  NewSession session{crypto::random_token(kSecretBytes), crypto::random_token(kSecretBytes)};
  const std::string at = format_timestamp(now);
  DOSSIER_TRY(db.insert("web_sessions", {{"id", new_uuid()},
                                         {"user_id", user_id},
                                         {"token_hash", crypto::sha256_hex(session.secret)},
                                         {"csrf_token", session.csrf_token},
                                         {"created_at", at},
                                         {"last_seen_at", at},
                                         {"expires_at", format_timestamp(now + policy.absolute)}}));
  return session;
}

Result<WebSession> resume_session(db::Database& db, std::string_view secret,
                                  const SessionPolicy& policy, TimePoint now) {
  if (secret.empty() || secret.size() > 128) return no_session();
  const std::string hash = crypto::sha256_hex(secret);
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT s.id, s.csrf_token, s.last_seen_at, s.expires_at, u.id AS "
                             "user_id, u.role, u.is_active FROM web_sessions s JOIN users u ON "
                             "u.id = s.user_id WHERE s.token_hash = ?",
                             {hash}));
  if (row.is_null()) return no_session();
  // Timestamps are fixed-width UTC text: they compare as text.
  const std::string idle_since = format_timestamp(now - policy.idle);
  const bool ended = row["last_seen_at"].get<std::string>() <= idle_since ||
                     row["expires_at"].get<std::string>() <= format_timestamp(now) ||
                     row["is_active"] != 1;
  auto role = parse_role(row["role"].get<std::string>());
  if (ended || !role) {
    DOSSIER_TRY(db.execute("DELETE FROM web_sessions WHERE id = ?", {row["id"]}));
    return no_session();
  }
  DOSSIER_TRY(db.execute("UPDATE web_sessions SET last_seen_at = ? WHERE id = ?",
                         {format_timestamp(now), row["id"]}));
  return WebSession{row["id"].get<std::string>(),
                    Caller{row["user_id"].get<std::string>(), *role, {}, {}},
                    row["csrf_token"].get<std::string>()};
}

Status end_session(db::Database& db, std::string_view secret) {
  if (secret.empty() || secret.size() > 128) return {};
  DOSSIER_TRY(
      db.execute("DELETE FROM web_sessions WHERE token_hash = ?", {crypto::sha256_hex(secret)}));
  return {};
}

Result<int64_t> delete_ended_sessions(db::Database& db, TimePoint now) {
  return db.execute("DELETE FROM web_sessions WHERE expires_at <= ?", {format_timestamp(now)});
}

}  // namespace dossier::auth
