// A batch export as the API (POST /api/v1/export/batch) and the CLI (`dossier export`) ask
// for it: one export type and format for many patients — named, or the caller's caseload —
// with the options a single export of that type takes. It runs as one export_jobs row
// (export_type "batch", format "zip", the request in parameters) on the ordinary queue.
//
// Session notes are not batched here: they name sessions, not patients, and take the
// "bundle" option of their own route. X12 is refused: each 837P needs a control number of
// its own job.
#pragma once

#include <string>
#include <vector>

#include "audit/audit_chain.h"
#include "auth/caller.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "jobs/export_types.h"

namespace dossier::pipeline {

//! The export_jobs.export_type and format of a batch export.
inline constexpr const char* kBatchExportType = "batch";
inline constexpr const char* kBatchFormat = "zip";
//! The most patients one batch may name.
inline constexpr size_t kMaxBatchPatients = 5000;

struct BatchRequest {
  jobs::ExportType type = jobs::ExportType::kProgressReport;
  std::string format;
  bool caseload = false;                 //!< every patient the caller may see
  std::vector<std::string> patient_ids;  //!< when not caseload; unchecked against the record
  Json options = Json::object();         //!< a single export's body, without patient_id
};

//! Checks the body's shape: export_type, exactly one of patient_ids (UUIDs) and caseload,
//! and the options exactly as a single export of that type checks them. kValidation
//! naming each field.
Result<BatchRequest> parse_batch_request(const Json& body);

//! The request as export_jobs.parameters keeps it, and back.
Json batch_request_json(const BatchRequest& request);
Result<BatchRequest> batch_request_from(const Json& parameters);

//! The patients a batch covers for `caller`, in order: the named ones as given (those the
//! caller may not see fail one by one, like missing ones), or the caller's visible
//! patients by id.
Result<std::vector<std::string>> batch_patient_ids(db::Database& db, const auth::Caller& caller,
                                                   const BatchRequest& request);

//! Creates the job with its 'created' audit row (export type, format, patient count) in
//! one transaction and returns the API's 202 body {job_id, status}. kForbidden when the
//! caller's role may not make exports of the request's type (billers: insurance only).
Result<Json> create_batch_job(db::Database& db, const Clock& clock,
                              const audit::ChainKey& audit_key, const auth::Caller& caller,
                              const BatchRequest& request);

//! Records 'created' for a batch that runs without a job (`dossier export` writes a local
//! file), with the same metadata as create_batch_job's.
Status record_batch_without_job(db::Database& db, const audit::ChainKey& audit_key,
                                const auth::Caller& caller, const BatchRequest& request,
                                size_t patient_count);

}  // namespace dossier::pipeline
