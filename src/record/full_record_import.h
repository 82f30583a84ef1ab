// Import of a full-record JSON export (format_version 1): the inverse of the full-record
// gatherer. Rows keep their ids and timestamps, so exporting the imported patient again
// gives the same document apart from its export metadata.
#pragma once

#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::record {

//! Loads `document` in one transaction: all of it or nothing. The receiving practice keeps
//! its own practice row if it has one; clinicians already present (same id) are kept as
//! they are. Errors: kValidation naming the first malformed member ("tables.sessions[3].
//! start_time"), kConflict when the patient's rows already exist.
//! Returns {"patient_id", "rows": {table: count}}.
Result<Json> import_full_record(db::Database& db, const Json& document);

}  // namespace dossier::record
