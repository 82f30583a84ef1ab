// Gatherers of the document-like exports: one function per export type.
#pragma once

#include "gather/common.h"

namespace dossier::gather {

Result<Json> gather_session_notes(db::Database& db, const Job& job);
Result<Json> gather_progress_report(db::Database& db, const Job& job);
Result<Json> gather_treatment_summary(db::Database& db, const Job& job);
Result<Json> gather_insurance_report(db::Database& db, const Job& job);
//! The whole practice over the job's start_date–end_date (a job without a patient).
Result<Json> gather_practice_summary(db::Database& db, const Job& job);

//! The text a note contributes as a clinical observation (its assessment, response or
//! free text), or "".
std::string observation_of(const Json& note);

}  // namespace dossier::gather
