// An export request as the API receives it, checked in two steps:
//   1. parse_export_request — the body's shape alone (types, known keys, dates, formats);
//   2. authorize_export_request — against the record and the caller (visibility, roles,
//      sessions that belong to the patient, templates that exist).
// A request that passes both can be turned into a job that will not fail on its input.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "jobs/export_types.h"

namespace dossier::jobs {

struct SectionSpec {
  std::string key;
  bool default_on = true;
  std::string alias_of;  //!< non-empty for accepted synonyms (the spec uses two spellings)
};

//! The include_sections keys one export type understands.
const std::vector<SectionSpec>& section_specs(ExportType type);

struct ExportRequest {
  ExportType type = ExportType::kFullRecord;
  std::string format;
  std::optional<std::string> patient_id;
  std::optional<std::string> template_id;
  //! Normalized: include_sections with every key of the type as a boolean (aliases
  //! resolved), options with defaults, dates as YYYY-MM-DD strings, session_ids, purpose.
  Json parameters = Json::object();
  //! include_sections exactly as the request gave them (the template's choices fill the rest).
  Json requested_sections = Json::object();
  //! The scheduled report that made the request, recorded on its 'created' audit row.
  std::optional<std::string> schedule_id;
};

//! include_sections with every key of `type`: the request's choice, else the template's,
//! else the type's default; aliases answer like the key they stand for.
Json resolve_sections(ExportType type, const Json& template_sections, const Json& requested);

//! Checks the body's shape; kValidation listing every problem.
Result<ExportRequest> parse_export_request(ExportType type, const Json& body);

//! Checks the request against the record and the caller. A patient the caller may not
//! see is kNotFound; a role that may not make this export is kForbidden. Sets patient_id
//! for session-note exports (all sessions must be of one patient).
Status authorize_export_request(db::Database& db, const auth::Caller& caller,
                                ExportRequest& request);

}  // namespace dossier::jobs
