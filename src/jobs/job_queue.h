// The durable export queue: job rows in the database, claimed with a lease.
//
// A worker claims the oldest pending job (or one whose lease expired because its worker
// died) and keeps its lease alive while it renders (see LeaseKeeper). Completion is
// conditional on still holding the lease and on the job not being deleted, so a job never
// completes twice even when two workers ran it. After `max_attempts` expired leases a job is
// failed instead of retried forever. Completing and failing write their audit rows in the
// same transaction.
//
// On PostgreSQL concurrent claimers lock the row they pick and skip rows others hold
// (FOR UPDATE SKIP LOCKED); on SQLite writers are serialized, which is exclusive already.
//
// Thread safety: all methods may be called concurrently from any thread or process that
// shares the database.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_chain.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::jobs {

//! The channel a new job is signalled on, for workers in other processes.
inline constexpr const char* kJobsChannel = "dossier_jobs";

struct StoredFile {
  std::string key;
  int64_t size_bytes = 0;
  std::string sha256;
  std::vector<std::string> notes;  //!< rendering notes for the job's creator
  Json redaction = nullptr;        //!< the redaction report, counts only
  Json parts = nullptr;            //!< export_jobs.file_parts (ProducedFile::parts)
  Json patients = nullptr;         //!< job_patients rows (ProducedFile::patients)
};

class JobQueue {
 public:
  //! `audit_key` hashes the audit rows the queue writes; it must outlive the queue.
  JobQueue(db::Database& db, const Clock& clock, const audit::ChainKey& audit_key,
           int max_attempts = 3)
      : db_(db), clock_(clock), audit_key_(audit_key), max_attempts_(max_attempts) {}

  //! The claimed job row, or a null Json when nothing is waiting.
  Result<Json> claim(const std::string& worker_id, std::chrono::milliseconds lease);

  //! Extends the lease; false when the worker no longer holds it or the job was deleted.
  Result<bool> renew(const std::string& job_id, const std::string& worker_id,
                     std::chrono::milliseconds lease);

  //! Completes the job and audits it; false when the lease was lost or the job deleted
  //! meanwhile (the caller then removes the file it stored: nobody will serve it).
  Result<bool> complete(const std::string& job_id, const std::string& worker_id,
                        const StoredFile& file, std::chrono::hours keep_for);

  //! Fails the job with a message safe to show its creator, and audits it.
  Result<bool> fail(const std::string& job_id, const std::string& worker_id,
                    const std::string& message);

  //! Hands a job back unfinished (a worker shutting down): pending again, this attempt not
  //! counted. False when the worker no longer held it.
  Result<bool> release(const std::string& job_id, const std::string& worker_id);

  //! The stored file of a completed, not deleted job; "" when it has none.
  Result<std::string> file_of(const std::string& job_id);

  //! Jobs pending or processing.
  Result<int64_t> backlog();

  //! A listener woken when a job is created in another process; nullptr on backends
  //! where workers share the API's process and are woken directly.
  Result<std::unique_ptr<db::Listener>> listen();

 private:
  Status give_up_exhausted(const std::string& now);

  db::Database& db_;
  const Clock& clock_;
  const audit::ChainKey& audit_key_;
  int max_attempts_;
};

}  // namespace dossier::jobs
