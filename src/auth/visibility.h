// Which patients a caller may see. Admins and billers see every patient of the practice;
// a therapist sees the patients on whose care team they are.
//
// A patient the caller may not see is reported exactly like one that does not exist
// (kNotFound), so that probing ids reveals nothing.
#pragma once

#include <string>

#include "auth/caller.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::auth {

//! OK when the patient exists and the caller may see them; kNotFound otherwise.
Status require_patient_visible(db::Database& db, const Caller& caller,
                               const std::string& patient_id);

//! A SQL condition on a patient id column that keeps only visible patients, with its
//! parameters appended to `params`. Example: "p.id IN (...)". Always true for admins/billers.
std::string visible_patients_condition(const Caller& caller, const std::string& column,
                                       db::Params& params);

}  // namespace dossier::auth
