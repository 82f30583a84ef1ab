// API tokens: random bearer secrets, stored only as SHA-256 hashes so a copy of the
// database does not hand out working credentials.
#pragma once

#include <string>
#include <string_view>

#include "auth/caller.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::auth {

//! Creates a token for an active user and returns it in plain text (shown once).
Result<std::string> issue_token(db::Database& db, const std::string& user_id,
                                const std::string& label);

//! The caller a bearer token belongs to; kUnauthenticated when unknown, revoked or the user
//! is inactive. The error never says which.
Result<Caller> authenticate(db::Database& db, std::string_view token);

}  // namespace dossier::auth
