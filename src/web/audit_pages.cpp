// web.h: the Audit page, for admins (everyone else gets the 404 page, as the API answers
// them 403: a page that does not exist for them).
#include "web/audit_view.h"
#include "web/web.h"

namespace dossier::web {
namespace {

constexpr const char* kFilters[] = {"user_id", "patient_id", "action", "since", "until", "job_id"};

// The page's own address for the same filters from `cursor` on.
std::string older_href(const Page& page, const std::string& cursor) {
  std::string href = "/audit?";
  for (const char* name : kFilters) {
    const std::string value = page.query(name);
    if (!value.empty()) href += std::string(name) + "=" + form_encode(value) + "&";
  }
  return href + "cursor=" + form_encode(cursor);
}

// GET /audit?user_id=&patient_id=&action=&since=&until=&job_id=&cursor=&verify=
Result<http::Response> audit_page(Page& page) {
  // Not an admin: no page, before the filters are even read.
  if (!page.caller().is_admin()) return Error::not_found("page");
  DOSSIER_ASSIGN_OR_RETURN(audit::Query query, parse_audit_filters(page.request, page.caller()));
  DOSSIER_ASSIGN_OR_RETURN(Json data, audit_trail(page.site.db, page.site.audit_key, page.caller(),
                                                  query, page.query("verify") == "1"));
  Json filters = Json::object();
  for (const char* name : kFilters) filters[name] = page.query(name);
  data["filters"] = std::move(filters);
  data["older_href"] = data["next_cursor"].is_string()
                           ? Json(older_href(page, data["next_cursor"].get<std::string>()))
                           : Json(nullptr);
  return render_page(page, "audit", "Audit", "/audit", data);
}

}  // namespace

void add_audit_pages(http::Router& router, const Site& site) {
  add_page(router, site, "GET", "/audit", Access::kSignedIn, audit_page);
}

}  // namespace dossier::web
