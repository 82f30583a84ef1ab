// web.h: the Clients pages.
#include "web/clients.h"
#include "web/web.h"

namespace dossier::web {
namespace {

// The Clients page's own address for page `n` of the same search, or null.
Json page_href(const ClientQuery& query, const Json& n) {
  if (n.is_null()) return nullptr;
  std::string href = "/clients?";
  if (!query.search.empty()) href += "q=" + form_encode(query.search) + "&";
  return href + "page=" + std::to_string(n.get<int>());
}

// GET /clients?q=&page=
Result<http::Response> clients_page(Page& page) {
  DOSSIER_ASSIGN_OR_RETURN(ClientQuery query,
                           parse_client_query(page.query("q"), page.query("page")));
  DOSSIER_ASSIGN_OR_RETURN(Json data, list_clients(page.site.db, page.caller(), query));
  data["previous_href"] = page_href(query, data["previous_page"]);
  data["next_href"] = page_href(query, data["next_page"]);
  return render_page(page, "clients", "Clients", "/clients", data);
}

// GET /clients/{id}
Result<http::Response> client_page(Page& page) {
  DOSSIER_ASSIGN_OR_RETURN(Json data, client_overview(page.site.db, page.caller(), page.param("id"),
                                                      page.site.clock.now()));
  // The title stays generic: it lands in the browser's history, which a shared workstation
  // shows to the next user.
  return render_page(page, "client", "Client record", "/clients", data);
}

}  // namespace

void add_client_pages(http::Router& router, const Site& site) {
  add_page(router, site, "GET", "/clients", Access::kSignedIn, clients_page);
  add_page(router, site, "GET", "/clients/{id}", Access::kSignedIn, client_page);
}

}  // namespace dossier::web
