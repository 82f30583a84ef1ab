// web.h: the sign-in page (/ for a signed-out browser), signing in and signing out.
#include "auth/passwords.h"
#include "core/crypto.h"
#include "web/cookies.h"
#include "web/sign_in.h"
#include "web/web.h"

namespace dossier::web {
namespace {

constexpr long kPreSessionSeconds = 60 * 60;  // how long a sign-in form may sit unsent

const char* const kRefused = "That username and password do not match an account. Try again.";
const char* const kEnded = "Your session has ended. Sign in again to continue.";
const char* const kThrottled =
    "Too many failed sign-ins. Wait 15 minutes, then try again, or ask an administrator.";

// The sign-in form with the pre-session token `token`, an `error` and a `notice`, if any.
Result<http::Response> sign_in_form(const Page& page, const std::string& token, const char* error,
                                    int status, const char* notice = nullptr) {
  const Json data = {
      {"notice", notice ? Json(notice) : Json(nullptr)},
      {"csrf_token", token},
      {"error", error ? Json(error) : Json(nullptr)},
      {"idle_minutes",
       std::chrono::duration_cast<std::chrono::minutes>(page.site.sessions.idle).count()}};
  return render_page(page, "sign_in", "Sign in", "", data, status);
}

// GET /: the clients of a signed-in browser, the sign-in form for any other.
Result<http::Response> start(Page& page) {
  const auto secret = page.cookie(session_cookie_name(page.site));
  if (secret &&
      auth::resume_session(page.site.db, *secret, page.site.sessions, page.site.clock.now()).ok()) {
    return redirect("/clients");
  }
  const std::string token = crypto::random_token(32);
  const char* notice = page.query("ended").empty() ? nullptr : kEnded;
  DOSSIER_ASSIGN_OR_RETURN(http::Response response,
                           sign_in_form(page, token, nullptr, 200, notice));
  response.headers.emplace_back("Set-Cookie", set_cookie(pre_session_cookie_name(page.site), token,
                                                         {.secure = page.site.secure_cookies,
                                                          .max_age = kPreSessionSeconds}));
  return response;
}

// POST /sign-in (its CSRF token already checked against the pre-session cookie).
Result<http::Response> sign_in_post(Page& page) {
  SignInAttempt attempt{form_value(page.form, "username"), form_value(page.form, "password"), {}};
  http::stamp_origin(attempt.origin, page.request);
  DOSSIER_ASSIGN_OR_RETURN(SignInResult result, sign_in(page.site, attempt));
  const std::string token = page.cookie(pre_session_cookie_name(page.site)).value_or("");
  if (result.outcome == SignInOutcome::kThrottled)
    return sign_in_form(page, token, kThrottled, 429);
  if (result.outcome == SignInOutcome::kRefused) return sign_in_form(page, token, kRefused, 200);
  http::Response response = redirect("/clients");
  const bool secure = page.site.secure_cookies;
  // A session cookie (no Max-Age): closing the browser ends it on this side too.
  response.headers.emplace_back(
      "Set-Cookie",
      set_cookie(session_cookie_name(page.site), result.session.secret, {.secure = secure}));
  response.headers.emplace_back("Set-Cookie", set_cookie(pre_session_cookie_name(page.site), "",
                                                         {.secure = secure, .max_age = 0}));
  return response;
}

// POST /sign-out.
Result<http::Response> sign_out_post(Page& page) {
  const std::string secret = page.cookie(session_cookie_name(page.site)).value_or("");
  DOSSIER_TRY(sign_out(page.site, page.caller(), secret));
  http::Response response = redirect("/");
  response.headers.emplace_back("Set-Cookie",
                                set_cookie(session_cookie_name(page.site), "",
                                           {.secure = page.site.secure_cookies, .max_age = 0}));
  return response;
}

}  // namespace

void add_sign_in_pages(http::Router& router, const Site& site) {
  // The decoy hash unknown usernames are checked against is made on first use; made now, the
  // first such sign-in takes no longer than any other.
  auth::verify_against_nothing("");
  add_page(router, site, "GET", "/", Access::kSignedOut, start);
  add_page(router, site, "POST", "/sign-in", Access::kSignedOut, sign_in_post);
  // Reloading the page a failed sign-in answered asks for /sign-in: the form is at /.
  add_page(router, site, "GET", "/sign-in", Access::kSignedOut,
           [](Page&) -> Result<http::Response> { return redirect("/"); });
  add_page(router, site, "POST", "/sign-out", Access::kSignedIn, sign_out_post);
}

}  // namespace dossier::web
