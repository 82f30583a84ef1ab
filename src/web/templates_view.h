// What the Templates pages show, as plain functions of the database and the caller, over the
// API's own template store (catalog/template_store.h): custom templates are changed only by
// their creator or an admin, and a preview shows only clients the caller may see.
#pragma once

#include <string>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::web {

//! Every template by export type, system ones first in each:
//! {"groups": [{"export_type", "label", "templates": [{"id", "name", "description",
//!  "format", "is_system", "editable"}]}]} with groups in the order of jobs::all_export_types().
Result<Json> list_template_groups(db::Database& db, const auth::Caller& caller);

//! One template for its page: {"template": the API's template with its content, "editable":
//! whether the caller may change it, "assets": its images, "clients": [{"id", "name"}] the
//! caller may preview it for (at most 200, by name)}. kNotFound for no such template.
Result<Json> template_editor(db::Database& db, const auth::Caller& caller, const std::string& id);

//! The "line L, column C" an error of the template language starts with (a syntax error's
//! detail, or a render error's message), or "" when it has none.
std::string template_error_position(const std::string& detail);

}  // namespace dossier::web
