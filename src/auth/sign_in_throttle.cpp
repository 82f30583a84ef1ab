#include "auth/sign_in_throttle.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/ids.h"

namespace dossier::auth {
namespace {

// What is stored of a username: the hash of its lower-case form (see migration 0014). Any
// text is hashed, valid username or not, so a throttle cannot be dodged by odd spellings.
std::string username_key(std::string_view username) {
  std::string lower(username.substr(0, 256));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return crypto::sha256_hex(lower);
}

Result<int64_t> count(db::Database& db, const std::string& sql, const db::Params& params) {
  DOSSIER_ASSIGN_OR_RETURN(Json row, db.query_one(sql, params));
  return row.is_null() ? 0 : row["n"].get<int64_t>();
}

}  // namespace

Result<bool> sign_in_throttled(db::Database& db, std::string_view username,
                               const std::string& address, const ThrottleLimits& limits,
                               TimePoint now) {
  const std::string since = format_timestamp(now - limits.window);
  const std::string key = username_key(username);
  DOSSIER_ASSIGN_OR_RETURN(
      int64_t by_name,
      count(db,
            "SELECT COUNT(*) AS n FROM sign_in_attempts WHERE username_hash = ? AND succeeded = 0 "
            "AND created_at > ? AND created_at > COALESCE((SELECT MAX(created_at) FROM "
            "sign_in_attempts WHERE username_hash = ? AND succeeded = 1), '')",
            {key, since, key}));
  if (by_name >= limits.per_username) return true;
  DOSSIER_ASSIGN_OR_RETURN(
      int64_t by_address,
      count(db,
            "SELECT COUNT(*) AS n FROM sign_in_attempts WHERE ip_address = ? AND succeeded = 0 "
            "AND created_at > ?",
            {address.substr(0, 45), since}));
  return by_address >= limits.per_address;
}

Status record_sign_in_attempt(db::Database& db, std::string_view username,
                              const std::string& address, bool succeeded, TimePoint now) {
  return db.insert("sign_in_attempts", {{"id", new_uuid()},
                                        {"username_hash", username_key(username)},
                                        {"ip_address", address.substr(0, 45)},
                                        {"succeeded", succeeded ? 1 : 0},
                                        {"created_at", format_timestamp(now)}});
}

Result<int64_t> delete_sign_in_attempts_before(db::Database& db, TimePoint before) {
  return db.execute("DELETE FROM sign_in_attempts WHERE created_at < ?",
                    {format_timestamp(before)});
}

}  // namespace dossier::auth
