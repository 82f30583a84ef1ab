// Export templates: the shipped system templates (read-only rows with is_system = true,
// refreshed from the binary on every start) and the practice's custom templates.
//
// Custom templates are visible to the whole practice and changed only by their creator or
// an admin. A template is accepted only if it parses; its include_sections must be keys the
// export type knows.
#pragma once

#include <optional>
#include <string>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::catalog {

//! Inserts or refreshes the system template rows. Call at start-up, after migrations.
Status install_system_templates(db::Database& db);

//! The id of the system template for an export type ("progress_report"), or "" if none.
std::string system_template_id(std::string_view export_type);

struct TemplateQuery {
  std::optional<std::string> export_type;
};

//! {"templates": [...]} — system templates first, then custom ones by name.
Result<Json> list_templates(db::Database& db, const TemplateQuery& query);
//! One template with its content; kNotFound when absent.
Result<Json> get_template(db::Database& db, const std::string& id);
//! Creates a custom template from {name, description?, export_type, format, template_content,
//! include_sections?} or copies one, assets included: {"copy_of": id, "name"?}.
Result<Json> create_template(db::Database& db, const auth::Caller& caller, const Json& body);
//! Replaces the given members of a custom template; system templates are kForbidden.
Result<Json> update_template(db::Database& db, const auth::Caller& caller, const std::string& id,
                             const Json& body);
//! The row of custom template `id` if the caller may change it: kNotFound when absent,
//! kForbidden for system templates and for others' templates unless the caller is an admin.
Result<Json> editable_template(db::Database& db, const auth::Caller& caller, const std::string& id);
//! Deletes a custom template not used by any scheduled report, with its assets.
Status delete_template(db::Database& db, const auth::Caller& caller, const std::string& id);

}  // namespace dossier::catalog
