// Signing in and out of the web pages, as plain functions over a Site (page.h).
//
// A sign-in is refused the same way whether the username is unknown, has no password yet, or
// the password is wrong: one outcome, and a password hash is checked in every case (a decoy
// one for unknown users), so neither the answer nor its timing tells them apart. Throttled
// attempts (auth/sign_in_throttle.h) are refused before any password is checked. Every
// attempt is recorded for the throttle and audited (signed_in, sign_in_failed).
#pragma once

#include <string>

#include "auth/caller.h"
#include "auth/web_sessions.h"
#include "core/result.h"
#include "web/page.h"

namespace dossier::web {

struct SignInAttempt {
  std::string username;  //!< as typed
  std::string password;
  auth::Caller origin;  //!< only the address and user agent, for the throttle and audit log
};

enum class SignInOutcome { kSignedIn, kRefused, kThrottled };

struct SignInResult {
  SignInOutcome outcome = SignInOutcome::kRefused;
  auth::NewSession session;  //!< when signed in
};

//! Checks the attempt and, when it succeeds, starts a session.
Result<SignInResult> sign_in(const Site& site, const SignInAttempt& attempt);

//! Ends the session whose cookie is `secret`, audited as signed_out for `caller`.
Status sign_out(const Site& site, const auth::Caller& caller, std::string_view secret);

}  // namespace dossier::web
