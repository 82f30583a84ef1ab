// One export's redaction: the profile and custom terms its request settled on (stored in
// the job's parameters as "redaction": {"profile", "terms"}), applied to its context.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "redact/profile.h"

namespace dossier::redact {

struct Settings {
  Profile profile = Profile::kTreatment;
  std::vector<std::string> terms;  //!< custom terms of the request
};

//! The settings in a job's parameters; the export type's default profile when none.
Settings settings_from(const Json& parameters, std::string_view export_type);

//! Redacts `context`, the gathered export of `patient_id`, in place; returns the report
//! (redact/redactor.h) with "custom_terms" (how many were given) added.
Result<Json> redact_export(db::Database& db, const std::string& patient_id,
                           const Settings& settings, Json& context);

}  // namespace dossier::redact
