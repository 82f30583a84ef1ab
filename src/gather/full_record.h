// The full record: every table of the patient's record, row for row, so that importing
// the document into an empty practice and exporting again gives the same document.
#pragma once

#include "gather/common.h"

namespace dossier::gather {

Result<Json> gather_full_record(db::Database& db, const Job& job);

//! Derived events (sessions, assessments, diagnoses, plans) in date order.
Json build_timeline(const Json& tables);

}  // namespace dossier::gather
