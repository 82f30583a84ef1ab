// How a web page is served: the routes of the pages sit in the same http::Router as the API,
// registered through add_page(), which does for every page what the API's router does for
// every endpoint, with a browser's credentials instead of a bearer token:
//
//   - Access::kSignedIn pages take their caller from the session cookie (auth::WebSession):
//     the same auth::Caller and roles as the API, so visibility rules are reused as they are.
//     A signed-out GET is redirected to the sign-in page (/); a signed-out POST too. When the
//     browser still sent a session cookie (its session ended), to /?ended=1, which says so.
//   - Every POST must be an application/x-www-form-urlencoded body (or multipart/form-data,
//     whose files the handler finds in request.parts) carrying the session's
//     CSRF token as `csrf_token` (pages put shell.csrf_token in a hidden input); without it,
//     or with another, the answer is a 403 page and the handler never runs.
//     Access::kSignedOut pages (sign-in) check a token bound to a pre-session cookie instead.
//   - An Error a handler returns becomes an HTML error page with the API's status for it
//     (a client the caller may not see is a 404 page) and no detail beyond field names.
//   - Every answer carries the pages' security headers (page_headers()).
//
// The session cookie authenticates pages only, never the JSON API (whose router reads bearer
// tokens alone): a browser attaches cookies to every request to Dossier, including requests
// another site's page makes it send, so an API that honoured the cookie would act on forged
// requests. Pages are safe because each state-changing one also needs the CSRF token, which
// another site cannot read; API clients present their token explicitly.
//
// Handlers stay thin: read the request from the Page, call a plain function, render a view.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "audit/audit_chain.h"
#include "auth/sign_in_throttle.h"
#include "auth/web_sessions.h"
#include "core/clock.h"
#include "core/json.h"
#include "db/database.h"
#include "http/router.h"
#include "web/form.h"

namespace dossier::web {

//! What every page may use, wired once at start-up (add_web_routes). Outlives the router.
struct Site {
  db::Database& db;
  const audit::ChainKey& audit_key;
  const Clock& clock;
  auth::SessionPolicy sessions;
  auth::ThrottleLimits throttle;
  //! Cookies get `Secure` (and the __Host- prefix): Dossier is reached over HTTPS, its own
  //! (--tls-cert) or a proxy's (--public-url https://…).
  bool secure_cookies = false;
};

//! The session cookie's name: "__Host-dossier_session" over HTTPS (the browser then insists
//! on Secure, Path=/ and no Domain), "dossier_session" otherwise.
std::string session_cookie_name(const Site& site);

//! The pre-session cookie of the sign-in form, whose value is the form's CSRF token (a
//! double-submit token: a signed-out browser has no session to keep one in).
std::string pre_session_cookie_name(const Site& site);

//! One request to a page.
struct Page {
  const Site& site;
  const http::Request& request;
  std::map<std::string, std::string> params;  //!< path parameters
  FormFields form;                            //!< a POST's fields (checked for CSRF already)
  std::optional<auth::WebSession> session;    //!< set on Access::kSignedIn pages

  //! The signed-in caller, with the request's address and user agent.
  //! REQUIRES: an Access::kSignedIn page.
  const auth::Caller& caller() const { return session->caller; }
  const std::string& param(const std::string& name) const { return params.at(name); }
  //! A query parameter, or "" when absent.
  std::string query(const std::string& name) const;
  //! The value of cookie `name`, or nullopt.
  std::optional<std::string> cookie(std::string_view name) const;
};

enum class Access {
  kSignedIn,   //!< only with a live session; the caller is the session's user
  kSignedOut,  //!< anyone (the sign-in page); POSTs carry the pre-session CSRF token
};

using PageHandler = std::function<Result<http::Response>(Page& page)>;

//! Registers a page route on `router` (which keeps it as an unauthenticated route: the page
//! authenticates itself). `site` outlives the router.
void add_page(http::Router& router, const Site& site, std::string method, std::string pattern,
              Access access, PageHandler handler);

//! The headers every page answer carries: a Content-Security-Policy that allows nothing but
//! Dossier's own stylesheet (and script, should a page need one) and forms posting back to
//! Dossier: no inline script or style, nothing fetched from elsewhere, never framed; no MIME
//! sniffing; no Referer leaving with an id in it.
void add_page_headers(http::Response& response);

//! The shell (views.h) for `page`: practice name, user, CSRF token, navigation with `current`
//! marked (an href such as "/clients").
Result<Json> shell_for(const Page& page, std::string_view title, std::string_view current);

//! Renders the view `name` with `data` in the layout: `status`, text/html.
Result<http::Response> render_page(const Page& page, std::string_view name, std::string_view title,
                                   std::string_view current, const Json& data, int status = 200);

//! A 303 See Other to `location` (a path of Dossier's).
http::Response redirect(std::string location);

//! The HTML error page for `error` with the API's status for it.
http::Response error_page(const Page& page, const Error& error);

}  // namespace dossier::web
