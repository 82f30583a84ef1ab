#include "web/templates_view.h"

#include <regex>

#include "catalog/template_assets.h"
#include "catalog/template_store.h"
#include "jobs/export_types.h"
#include "web/clients.h"

namespace dossier::web {
namespace {

constexpr int kMaxPreviewClients = 200;

// "progress_report" → "Progress report".
std::string type_label(std::string label) {
  for (char& c : label) {
    if (c == '_') c = ' ';
  }
  if (!label.empty())
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

// Whether the caller may change template `t` (the API's rule: catalog::editable_template).
Result<bool> may_edit(db::Database& db, const auth::Caller& caller, const Json& t) {
  if (t["is_system"].get<bool>()) return false;
  auto editable = catalog::editable_template(db, caller, t["id"].get<std::string>());
  if (editable.ok()) return true;
  if (editable.error().code == ErrorCode::kForbidden) return false;
  return std::move(editable).error();
}

}  // namespace

Result<Json> list_template_groups(db::Database& db, const auth::Caller& caller) {
  DOSSIER_ASSIGN_OR_RETURN(Json listed, catalog::list_templates(db, {}));
  Json groups = Json::array();
  for (jobs::ExportType type : jobs::all_export_types()) {
    const std::string name = jobs::export_type_name(type);
    Json group = {{"export_type", name}, {"label", type_label(name)}, {"templates", Json::array()}};
    for (const Json& t : listed["templates"]) {
      if (t["export_type"] != name) continue;
      DOSSIER_ASSIGN_OR_RETURN(bool editable, may_edit(db, caller, t));
      group["templates"].push_back({{"id", t["id"]},
                                    {"name", t["name"]},
                                    {"description", t["description"]},
                                    {"format", t["format"]},
                                    {"is_system", t["is_system"]},
                                    {"editable", editable}});
    }
    if (!group["templates"].empty()) groups.push_back(std::move(group));
  }
  return Json{{"groups", std::move(groups)}};
}

Result<Json> template_editor(db::Database& db, const auth::Caller& caller, const std::string& id) {
  DOSSIER_ASSIGN_OR_RETURN(Json t, catalog::get_template(db, id));
  DOSSIER_ASSIGN_OR_RETURN(bool editable, may_edit(db, caller, t));
  DOSSIER_ASSIGN_OR_RETURN(Json assets, catalog::list_template_assets(db, id));
  DOSSIER_ASSIGN_OR_RETURN(Json visible,
                           list_clients(db, caller, {.per_page = kMaxPreviewClients}));
  Json clients = Json::array();
  for (const Json& c : visible["clients"]) {
    clients.push_back({{"id", c["id"]}, {"name", c["name"]}});
  }
  t["label"] = type_label(t["export_type"].get<std::string>());
  return Json{{"template", std::move(t)},
              {"editable", editable},
              {"assets", std::move(assets["assets"])},
              {"clients", std::move(clients)}};
}

std::string template_error_position(const std::string& detail) {
  static const std::regex position(R"(line \d+, column \d+)");
  std::smatch m;
  return std::regex_search(detail, m, position) ? m.str() : "";
}

}  // namespace dossier::web
