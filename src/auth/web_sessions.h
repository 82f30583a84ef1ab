// Server-side sessions of the web pages. A session is a random secret in an HttpOnly cookie;
// the database keeps only its SHA-256, with the user, a CSRF token for the session's forms,
// and the times that end it.
//
// A session ends at the first of: `idle` after its last use, `absolute` after it began, or
// end_session (signing out). An ended session is deleted when it is next presented. Every
// successful resume_session counts as a use. The user's account being deactivated ends it
// too (checked on each use, as for API tokens).
//
// These sessions are the pages' credential only: the JSON API keeps bearer tokens.
#pragma once

#include <chrono>
#include <string>

#include "auth/caller.h"
#include "core/clock.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::auth {

struct SessionPolicy {
  std::chrono::seconds idle{15 * 60};           //!< clinical workstations are shared
  std::chrono::seconds absolute{12 * 60 * 60};  //!< one working day, however busy
};

struct NewSession {
  std::string secret;      //!< the cookie's value, shown once, never stored
  std::string csrf_token;  //!< what every form of the session carries
};

struct WebSession {
  std::string id;  //!< web_sessions.id
  Caller caller;   //!< user and role; the address is the request's to stamp
  std::string csrf_token;
};

//! Starts a session for `user_id` at `now`.
Result<NewSession> create_session(db::Database& db, const std::string& user_id,
                                  const SessionPolicy& policy,
                                  TimePoint now = system_clock().now());

//! The live session whose cookie is `secret`, marked as used at `now`. kUnauthenticated when
//! there is none (unknown, signed out, idle too long, past its lifetime, user inactive); the
//! error never says which.
Result<WebSession> resume_session(db::Database& db, std::string_view secret,
                                  const SessionPolicy& policy,
                                  TimePoint now = system_clock().now());

//! Deletes the session whose cookie is `secret`; nothing when there is none.
Status end_session(db::Database& db, std::string_view secret);

//! Deletes every session past its absolute lifetime at `now` (those never presented again
//! would otherwise stay); returns how many. Idle ones go when presented, or at their lifetime.
Result<int64_t> delete_ended_sessions(db::Database& db, TimePoint now = system_clock().now());

}  // namespace dossier::auth
