// Export jobs as the API sees them: create (with the 'created' audit row, atomically),
// read, list, delete. A job is visible to the user who created it and to admins; to
// anyone else it does not exist (kNotFound).
#pragma once

#include <optional>
#include <string>

#include "audit/audit_chain.h"
#include "auth/caller.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "jobs/export_request.h"

namespace dossier::jobs {

struct JobListQuery {
  std::optional<std::string> status;
  std::optional<std::string> patient_id;
  int limit = 50;
  std::optional<std::string> cursor;  //!< id of the last job of the previous page
};

class JobStore {
 public:
  //! `audit_key` hashes the audit rows this store writes; it must outlive the store.
  JobStore(db::Database& db, const Clock& clock, const audit::ChainKey& audit_key)
      : db_(db), clock_(clock), audit_key_(audit_key) {}

  //! Inserts a pending job and its 'created' audit row in one transaction; returns the
  //! spec's 202 body {job_id, status, estimated_completion}.
  Result<Json> create(const auth::Caller& caller, const ExportRequest& request);

  //! The job in API form (download_url once completed, error_message once failed).
  Result<Json> get(const auth::Caller& caller, const std::string& job_id);

  //! {"jobs": [...], "next_cursor": id|null}, newest first, with patient_name.
  Result<Json> list(const auth::Caller& caller, const JobListQuery& query);

  //! The raw row of a visible, not deleted job (for download and delete).
  Result<Json> row(const auth::Caller& caller, const std::string& job_id);

  //! Marks the job deleted and records 'deleted'; returns the key of its stored file, if
  //! it has one, for the caller to remove. A worker finishing the job at the same moment
  //! either completed first (its key is returned here) or finds the job deleted and removes
  //! its own file, so no file outlives its job.
  Result<std::optional<std::string>> mark_deleted(const auth::Caller& caller, const Json& row);

  //! Records 'downloaded' for a completed job.
  Status record_download(const auth::Caller& caller, const Json& row);
  //! Records 'download_refused': the job's file was not served, for `reason` (no PHI).
  Status record_refused_download(const auth::Caller& caller, const Json& row,
                                 const std::string& reason);

 private:
  Json to_api(const Json& row) const;

  db::Database& db_;
  const Clock& clock_;
  const audit::ChainKey& audit_key_;
};

}  // namespace dossier::jobs
