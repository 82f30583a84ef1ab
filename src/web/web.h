// Dossier's own web pages for therapists, billers and admins (docs/web.md): server-rendered
// HTML over the same services as the API, signed in with a username and password.
#pragma once

#include "http/router.h"
#include "web/page.h"

namespace dossier::web {

//! `/` and `/sign-in`, `/sign-out`: signing in and out (sign_in_pages.cpp).
void add_sign_in_pages(http::Router& router, const Site& site);
//! `/clients` and `/clients/{id}` (client_pages.cpp).
void add_client_pages(http::Router& router, const Site& site);
//! `/templates` and `/templates/{id}`: the export templates, their editor and preview
//! (template_pages.cpp).
void add_template_pages(http::Router& router, const Site& site);
//! `/audit`: the export audit trail, for admins (audit_pages.cpp).
void add_audit_pages(http::Router& router, const Site& site);
//! `/static/{name}`: the stylesheet (static_files.cpp).
void add_static_files(http::Router& router);

//! Every page. `site` outlives the router.
void add_web_routes(http::Router& router, const Site& site);

}  // namespace dossier::web
