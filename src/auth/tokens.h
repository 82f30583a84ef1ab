// API tokens: random bearer secrets, stored only as SHA-256 hashes so a copy of the
// database does not hand out working credentials.
//
// A token works until it expires (expires_at, NULL for never) or is revoked (revoked_at);
// both are checked on every request, so a revocation takes effect on the next one. Nothing
// is cached between requests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/caller.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::auth {

struct IssuedToken {
  std::string id;                         //!< api_tokens.id, what revocation names
  std::string secret;                     //!< the bearer token, shown once, never stored
  std::optional<std::string> expires_at;  //!< timestamp; nullopt when it never expires
};

//! Creates a token for an active user, expiring at `expires_at` (nullopt: never, as the
//! demo practice's tokens). kNotFound naming "user" when there is no such active user.
Result<IssuedToken> create_token(db::Database& db, const std::string& user_id,
                                 const std::string& label,
                                 std::optional<TimePoint> expires_at = std::nullopt);

//! create_token's secret alone.
Result<std::string> issue_token(db::Database& db, const std::string& user_id,
                                const std::string& label,
                                std::optional<TimePoint> expires_at = std::nullopt);

//! The caller a bearer token belongs to; kUnauthenticated when unknown, expired (at `now`),
//! revoked or the user is inactive. The error never says which.
Result<Caller> authenticate(db::Database& db, std::string_view token,
                            TimePoint now = system_clock().now());

//! Revokes the token with id `token_id` from `now` on; revoking a revoked token keeps its
//! first revocation time. kNotFound when there is no such token.
Status revoke_token(db::Database& db, const std::string& token_id,
                    TimePoint now = system_clock().now());

//! Revokes every token of `user_id` not yet revoked; returns how many it revoked (0 when the
//! user has none, or does not exist).
Result<int64_t> revoke_user_tokens(db::Database& db, const std::string& user_id,
                                   TimePoint now = system_clock().now());

struct TokenQuery {
  std::optional<std::string> user_id;
  int limit = 50;
  std::optional<std::string> cursor;  //!< id of the last token of the previous page
};

//! Tokens newest first, as {"tokens": [{id, user_id, label, created_at, expires_at,
//! revoked_at}], "next_cursor": id|null}; never their hashes.
Result<Json> list_tokens(db::Database& db, const TokenQuery& query);

}  // namespace dossier::auth
