// The work of a batch export: for each patient the ordinary single-export pipeline (the
// request checked against the record and the caller as a single export's is, then
// gather → redact → render, pipeline/producer.h), written in patient order into one ZIP
// with manifest.json (ordered_zip.h; units are patient ids, the manifest's unit member
// "patient_id", its head {"export_type", "format"}). A patient who is missing or whom the
// caller may not see fails as "not found", alike, so ids cannot be probed.
//
// The API's batch job and `dossier export` both run this.
#pragma once

#include <functional>
#include <string>

#include "auth/caller.h"
#include "core/byte_sink.h"
#include "core/result.h"
#include "db/database.h"
#include "jobs/worker_pool.h"
#include "pipeline/batch_request.h"
#include "pipeline/ordered_zip.h"

namespace dossier::pipeline {

struct BatchOptions {
  int threads = 2;
  //! Called from the writing thread after each patient, written or failed.
  std::function<void(int64_t done, int64_t total)> progress;
  //! Asked after each patient; once true the batch stops with kConflict.
  std::function<bool()> cancelled;
  //! The id each document is rendered under (the batch job's; a fresh one when empty).
  std::string job_id;
};

//! Writes the batch of `request` for `caller` into `out`.
Result<ZipSummary> run_batch(db::Database& db, const auth::Caller& caller,
                             const BatchRequest& request, const ByteSink& out,
                             const BatchOptions& options);

//! The producer of a claimed batch export_jobs row: its creator (with their current role)
//! as the caller; progress is kept on the row as it goes; it stops once the job is deleted.
Result<jobs::ProducedFile> produce_batch_job(db::Database& db, const Json& job,
                                             const ByteSink& out);

//! The creator of a job row as a caller with their current role; kInternal when they are
//! gone or their role is unknown.
Result<auth::Caller> job_caller(db::Database& db, const Json& job);

}  // namespace dossier::pipeline
