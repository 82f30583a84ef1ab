#include "web/web.h"

namespace dossier::web {

void add_web_routes(http::Router& router, const Site& site) {
  add_static_files(router);
  add_sign_in_pages(router, site);
  add_client_pages(router, site);
  add_template_pages(router, site);
  add_audit_pages(router, site);
}

}  // namespace dossier::web
