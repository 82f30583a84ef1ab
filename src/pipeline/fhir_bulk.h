// The work of a FHIR Bulk Data export ($export): which patients it covers and the NDJSON
// files it writes. The HTTP side (kick-off, status, manifest, downloads) is in
// http/fhir_bulk_handlers.cpp; the job row it runs as in pipeline/fhir_bulk_jobs.h.
//
// Content: for each patient, exactly what Patient/$everything shows the caller (the full
// record under the treatment profile, never psychotherapy notes, no notes for callers who
// may not read them, Part 2 labels on a Part 2 record), one resource per line, one file per
// resource type. The practice, the payers and the clinicians (Organization, Practitioner,
// PractitionerRole) are written once each, without a patient's Part 2 labels: many records
// share them, and they describe no one's record.
//
// Memory stays flat: one patient's record is held at a time and the lines are spooled by
// type (ndjson_spool.h) before they are written into the job's file.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "auth/caller.h"
#include "core/byte_sink.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "fhir/bulk_request.h"
#include "jobs/worker_pool.h"

namespace dossier::pipeline {

//! The export_jobs.export_type and format of a bulk export.
inline constexpr const char* kBulkExportType = "fhir_bulk";
inline constexpr const char* kBulkFormat = "ndjson";

//! The Group id of a therapist's caseload: "caseload-<user id>".
std::string caseload_group_id(const std::string& therapist_id);

//! OK when `group_id` names a Group `caller` may see: the caseload of an existing therapist
//! that is the caller, or any caseload for admins and billers. kNotFound otherwise (a Group
//! the caller may not see is reported like one that does not exist).
Status require_group_visible(db::Database& db, const auth::Caller& caller,
                             const std::string& group_id);

//! The ids of the patients an export of `request` by `caller` covers, in id order: every
//! patient the caller may see (system and Patient level) or those of them in the Group.
Result<std::vector<std::string>> bulk_patient_ids(db::Database& db, const auth::Caller& caller,
                                                  const fhir::BulkRequest& request);

//! Statistics of one production, for benchmarks and the job's record.
struct BulkStats {
  int64_t patients = 0;
  int64_t resources = 0;
  int64_t bytes = 0;
};

//! Writes the export of `request` for `caller` into `out`: the NDJSON of each requested type
//! that has resources, back to back. Returns the ProducedFile whose `parts` is
//! {"transaction_time", "output": [{"type", "offset", "length", "count"}]}. `stats`, when
//! given, receives counts. `cancelled`, when given, is asked every few patients; once it
//! answers true the export stops with kConflict and writes nothing more.
Result<jobs::ProducedFile> produce_bulk(db::Database& db, const auth::Caller& caller,
                                        const fhir::BulkRequest& request, const ByteSink& out,
                                        BulkStats* stats = nullptr,
                                        const std::function<bool()>& cancelled = nullptr);

//! The producer for a claimed bulk export_jobs row: its creator (with their current role)
//! as the caller, its parameters as the request. It stops early once the job is deleted (a
//! client's DELETE on the status URL), rather than finish files nobody will be served.
Result<jobs::ProducedFile> produce_bulk_job(db::Database& db, const Json& job, const ByteSink& out);

}  // namespace dossier::pipeline
