// What the Export page shows (web/export_pages.cpp renders it with templates/export.html.j2).
#pragma once

#include <optional>
#include <string>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "web/export_form.h"
#include "web/form.h"

namespace dossier::web {

//! The form as the page is asked to show it.
struct ExportFormState {
  std::optional<ExportKind> kind;  //!< null: only the first step (type and client)
  std::string patient_id;          //!< "" when none is chosen
  FormFields values;               //!< the inputs' values (defaults, or what was posted)
  Json errors = Json{{"fields", Json::object()}, {"summary", Json::array()}};  //!< form_errors()
};

//! The page's data: {"kinds": [{"slug", "label", "selected"}], "patients": [{"id", "name",
//! "selected"}], "kind": {"slug", "label", "practice_wide", "sessions": "required"|"optional"|
//! null, "sections", "disclosure", "purpose_select", "plans"} | null, "patient": {"id", "name"}
//! | null, "ready" (the second step is shown), "sessions", "sections", "formats", "templates",
//! "profiles", "plans", "values", "errors"}. Every list item has what its input needs
//! ("name", "id", "label", "checked"/"selected"). Only the caller's visible clients are listed;
//! a chosen client the caller may not see is kNotFound, as in the API.
Result<Json> export_form_page(db::Database& db, const auth::Caller& caller,
                              const ExportFormState& state);

}  // namespace dossier::web
