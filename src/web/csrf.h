// Cross-site request forgery: every state-changing page request carries a token that only
// Dossier's own pages know (SameSite=Strict cookies already keep other sites' posts from
// carrying the session; the token also covers browsers and proxies that ignore SameSite).
#pragma once

#include <string_view>

#include "web/form.h"

namespace dossier::web {

//! The form field every page form carries its token in.
constexpr std::string_view kCsrfField = "csrf_token";

//! Whether `form` carries `expected` as its token, compared in constant time. Never true for
//! an empty `expected` (no session, no pre-session cookie).
bool csrf_token_matches(std::string_view expected, const FormFields& form);

}  // namespace dossier::web
