// Throttling of password guessing at the sign-in page. Every attempt is recorded; a username
// (as typed, case-insensitively) or an address with too many failures within the window is
// refused without its password being checked, until the window has passed. A successful
// sign-in clears the username's count (its earlier failures no longer count), not the
// address's: one address may guess at many usernames.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::auth {

struct ThrottleLimits {
  int per_username = 5;
  int per_address = 20;
  std::chrono::seconds window{15 * 60};
};

//! Whether an attempt for `username` from `address` must be refused at `now`.
Result<bool> sign_in_throttled(db::Database& db, std::string_view username,
                               const std::string& address, const ThrottleLimits& limits,
                               TimePoint now = system_clock().now());

//! Records an attempt and its outcome.
Status record_sign_in_attempt(db::Database& db, std::string_view username,
                              const std::string& address, bool succeeded,
                              TimePoint now = system_clock().now());

//! Deletes the attempts made before `before` (no window reaches back that far); returns how
//! many.
Result<int64_t> delete_sign_in_attempts_before(db::Database& db, TimePoint before);

}  // namespace dossier::auth
