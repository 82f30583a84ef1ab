// Patient/$everything: the patient's whole record as the caller may see it, run through the
// export pipeline synchronously (gather → redact → render as FHIR) without a job or a file,
// and audited as a read of the record.
#pragma once

#include <string>

#include "audit/audit_chain.h"
#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::pipeline {

//! A searchset Bundle of every resource of `patient_id`'s record that `caller` may see:
//! the full record under the treatment profile, without psychotherapy notes, and without
//! any notes for a caller who may not read them (billers). kNotFound when the patient does
//! not exist or the caller may not see them. The read is audited as 'fhir_read' under
//! `audit_key`; nothing is returned when the audit row cannot be written.
Result<Json> patient_everything(db::Database& db, const audit::ChainKey& audit_key,
                                const auth::Caller& caller, const std::string& patient_id);

}  // namespace dossier::pipeline
