// Cookies of the web pages: reading one from a request's Cookie header, and the Set-Cookie
// header that sets or clears one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dossier::web {

//! The value of the cookie `name` in a Cookie header ("a=1; b=2"), or nullopt.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

struct CookieOptions {
  //! Over HTTPS only. Set whenever users reach Dossier over TLS (its own, or a proxy's).
  bool secure = false;
  //! Seconds until the browser drops it; nullopt: when the browser closes; 0: now.
  std::optional<long> max_age;
};

//! A Set-Cookie value: always HttpOnly (no script reads it), SameSite=Strict (no other site's
//! page sends it along) and Path=/. REQUIRES: `name` and `value` are cookie tokens.
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace dossier::web
