// FHIR import: a collection or transaction Bundle of one patient's record loaded into the
// practice (fhir::record_from_bundle, then record::import_full_record) in one transaction
// with its audit row, so that the record and its 'imported' entry land together or not at
// all.
#pragma once

#include "audit/audit_chain.h"
#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::pipeline {

//! Loads `bundle` and audits it as 'imported' by `caller` (metadata: the source format
//! and the rows per table; no PHI). Returns {"patient_id", "rows": {table: count}}.
//! Errors: kValidation naming the Bundle element, kConflict when the patient's rows already
//! exist; nothing is written on any error.
Result<Json> import_fhir_bundle(db::Database& db, const audit::ChainKey& audit_key,
                                const auth::Caller& caller, const Json& bundle);

}  // namespace dossier::pipeline
