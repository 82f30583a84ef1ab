// The Export page's form as plain functions: which export types a caller is offered, what
// each type's form holds, the API body a posted form stands for, and where the API's field
// errors go back on the form.
//
// The form's input names are the API body's paths ("start_date", "date_range.start",
// "recipient.name", "options.include_transcript", "include_sections.diagnosis"); a session's
// checkbox is "session_ids.<id>". So an Error's field path names its input, except that
// "session_ids[3]" belongs to the sessions' fieldset, "include_sections.x" to the sections'
// fieldset, and a missing "authorization" or "consent" to its reference input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/caller.h"
#include "core/error.h"
#include "core/json.h"
#include "jobs/export_types.h"
#include "web/form.h"

namespace dossier::web {

//! An export type as the form names it: "progress-report" (as in the API's path), a label.
struct ExportKind {
  jobs::ExportType type;
  std::string_view slug;
  std::string_view label;
};

//! The types `caller` may make, in the order the page offers them: a biller only the
//! insurance report, an admin also the practice summary (jobs::authorize_export_request's
//! rules; the page only hides what that would refuse).
std::vector<ExportKind> export_kinds_for(const auth::Caller& caller);

//! The kind named `slug` among `kinds`, or nullopt.
std::optional<ExportKind> find_export_kind(const std::vector<ExportKind>& kinds,
                                           std::string_view slug);

//! The values a fresh form of `type` starts with (input name → value; a checked checkbox is
//! "on"): PDF, the type's default sections, session notes' default options.
FormFields default_form_values(jobs::ExportType type);

//! The body of POST /api/v1/export/<type> that the posted `form` stands for. Empty inputs
//! are left out (the API's defaults apply); every section checkbox of the type is sent as a
//! boolean (what the form showed is what is made); options.bom only with CSV. Values are
//! passed through as text for the API to check.
Json export_body(jobs::ExportType type, const FormFields& form);

//! The input (or fieldset) name an Error's field path belongs to.
std::string form_field_for(std::string_view path);

//! `error`'s problems for the form: {"fields": {name: {"id": "error-…", "problem"}},
//! "summary": [{"name", "id" (of the input), "label", "problem"}]} (every problem, in order,
//! for the list at the top of the form). Two problems of one input are joined. A path that
//! is no input of the form (what a claim lacks, say) is only in the summary, labelled by its
//! path, with a null id.
Json form_errors(const Error& error);

//! The HTML id of the input called `name` ("date_range.start" → "date_range-start").
std::string input_id(std::string_view name);

}  // namespace dossier::web
