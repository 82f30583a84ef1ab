#include "web/audit_view.h"

#include <map>

#include "core/dates.h"
#include "http/audit_query.h"

namespace dossier::web {
namespace {

// id → "Given Family" of every row of `table`, for the rows' names and the filters' options.
Result<std::pair<std::map<std::string, std::string>, Json>> names_of(db::Database& db,
                                                                     const std::string& table) {
  DOSSIER_ASSIGN_OR_RETURN(db::Rows rows,
                           db.query("SELECT id, given_name, family_name FROM " + table +
                                    " ORDER BY family_name, given_name, id"));
  std::map<std::string, std::string> by_id;
  Json options = Json::array();
  for (const auto& r : rows) {
    std::string name =
        r["given_name"].get<std::string>() + " " + r["family_name"].get<std::string>();
    options.push_back({{"id", r["id"]}, {"name", name}});
    by_id.emplace(r["id"].get<std::string>(), std::move(name));
  }
  return std::pair{std::move(by_id), std::move(options)};
}

Json name_or_null(const std::map<std::string, std::string>& names, const Json& id) {
  if (!id.is_string()) return nullptr;
  auto it = names.find(id.get<std::string>());
  return it == names.end() ? Json(nullptr) : Json(it->second);
}

Json action_names() {
  Json out = Json::array();
  const std::string list = audit::action_list();
  size_t start = 0;
  while (start < list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    out.push_back(list.substr(start, end - start));
    start = list.find_first_not_of(' ', end + 1);
    if (start == std::string::npos) break;
  }
  return out;
}

}  // namespace

Result<audit::Query> parse_audit_filters(const http::Request& request, const auth::Caller& caller) {
  http::Request filters;
  for (const char* name :
       {"user_id", "patient_id", "action", "since", "until", "job_id", "cursor"}) {
    auto it = request.query.find(name);
    if (it != request.query.end() && !it->second.empty()) filters.query.emplace(name, it->second);
  }
  if (auto until = filters.query.find("until"); until != filters.query.end()) {
    if (auto day = parse_date(until->second)) {
      until->second = civil_from_days(days_from_civil(*day) + 1).str();
    }
  }
  filters.query["limit"] = std::to_string(kAuditPageSize);
  return http::parse_audit_query(http::Context{filters, {}, caller});
}

Result<Json> audit_trail(db::Database& db, const audit::ChainKey& key, const auth::Caller& caller,
                         const audit::Query& query, bool verify_chain) {
  if (!caller.is_admin()) return Error::not_found("page");
  DOSSIER_ASSIGN_OR_RETURN(Json listed, audit::list(db, query));
  DOSSIER_ASSIGN_OR_RETURN(auto users, names_of(db, "users"));
  DOSSIER_ASSIGN_OR_RETURN(auto clients, names_of(db, "patients"));
  Json entries = Json::array();
  for (const Json& e : listed["entries"]) {
    entries.push_back({{"id", e["id"]},
                       {"created_at", e["created_at"]},
                       {"action", e["action"]},
                       {"user", name_or_null(users.first, e["user_id"])},
                       {"client", name_or_null(clients.first, e["patient_id"])},
                       {"user_id", e["user_id"]},
                       {"patient_id", e["patient_id"]},
                       {"job_id", e["export_job_id"]},
                       {"ip_address", e["ip_address"]},
                       {"metadata", e["metadata"].empty() ? "" : e["metadata"].dump()}});
  }
  Json chain = nullptr;
  if (verify_chain) {
    DOSSIER_ASSIGN_OR_RETURN(audit::VerifyReport report, audit::verify(db, key));
    chain = {{"ok", report.ok}, {"rows_checked", report.rows_checked}};
  }
  return Json{{"entries", std::move(entries)},    {"next_cursor", listed["next_cursor"]},
              {"users", std::move(users.second)}, {"clients", std::move(clients.second)},
              {"actions", action_names()},        {"chain", std::move(chain)}};
}

}  // namespace dossier::web
