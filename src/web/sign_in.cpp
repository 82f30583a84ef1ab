#include "web/sign_in.h"

#include "audit/audit_log.h"
#include "auth/passwords.h"

namespace dossier::web {
namespace {

Status audit_attempt(const Site& site, const auth::Caller& caller, const char* action,
                     const char* reason) {
  audit::Entry entry{action, std::nullopt, std::nullopt, Json::object()};
  if (reason) entry.metadata["reason"] = reason;
  return audit::append(site.db, site.audit_key, caller, entry);
}

// Whether the password is the user's: a hash is checked whether or not there is one.
bool password_matches(const std::optional<auth::Credentials>& found, const std::string& password) {
  if (!found || !found->password_hash) return auth::verify_against_nothing(password);
  return auth::verify_password(password, *found->password_hash);
}

}  // namespace

Result<SignInResult> sign_in(const Site& site, const SignInAttempt& attempt) {
  const TimePoint now = site.clock.now();
  const std::string& address = attempt.origin.ip_address;
  DOSSIER_ASSIGN_OR_RETURN(std::optional<auth::Credentials> found,
                           auth::find_credentials(site.db, attempt.username));
  auth::Caller who = attempt.origin;
  who.user_id = found ? found->user_id : "";
  if (found) who.role = auth::parse_role(found->role).value_or(auth::Role::kTherapist);

  DOSSIER_ASSIGN_OR_RETURN(bool throttled, auth::sign_in_throttled(site.db, attempt.username,
                                                                   address, site.throttle, now));
  if (throttled) {
    DOSSIER_TRY(audit_attempt(site, who, "sign_in_failed", "throttled"));
    return SignInResult{SignInOutcome::kThrottled, {}};
  }
  const bool matches = password_matches(found, attempt.password);
  SignInResult result;
  DOSSIER_TRY(site.db.transaction([&]() -> Status {
    DOSSIER_TRY(auth::record_sign_in_attempt(site.db, attempt.username, address, matches, now));
    if (!matches) return audit_attempt(site, who, "sign_in_failed", "wrong_credentials");
    DOSSIER_ASSIGN_OR_RETURN(result.session,
                             auth::create_session(site.db, who.user_id, site.sessions, now));
    result.outcome = SignInOutcome::kSignedIn;
    return audit_attempt(site, who, "signed_in", nullptr);
  }));
  return result;
}

Status sign_out(const Site& site, const auth::Caller& caller, std::string_view secret) {
  return site.db.transaction([&]() -> Status {
    DOSSIER_TRY(auth::end_session(site.db, secret));
    return audit_attempt(site, caller, "signed_out", nullptr);
  });
}

}  // namespace dossier::web
