#include "jobs/job_queue.h"

#include "audit/audit_log.h"
#include "core/log.h"
#include "db/dialect.h"

namespace dossier::jobs {
namespace {

constexpr const char* kGivenUp =
    "the export was interrupted too many times and was given up; please request it again";

Status audit_job(db::Database& db, const audit::ChainKey& key, const Json& job,
                 const std::string& action, Json metadata) {
  return audit::append(db, key, audit::job_creator(job),
                       audit::job_entry(action, job, std::move(metadata)));
}

// The patients of a many-patient file (StoredFile::patients), kept for their accounting of
// disclosures in the transaction that completes the job.
Status record_patients(db::Database& db, const std::string& job_id, const Json& patients) {
  if (!patients.is_array()) return {};
  for (const auto& p : patients) {
    DOSSIER_TRY(db.execute(
        "INSERT INTO job_patients (job_id, patient_id, export_type, format, parameters) "
        "VALUES (?, ?, ?, ?, ?)",
        {job_id, p["patient_id"], p["export_type"], p["format"], p["parameters"].dump()}));
  }
  return {};
}

}  // namespace

Status JobQueue::give_up_exhausted(const std::string& now) {
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows given_up,
      db_.query("UPDATE export_jobs SET status = 'failed', lease_owner = NULL, "
                "lease_expires_at = NULL, completed_at = ?, error_message = ? "
                "WHERE status = 'processing' AND lease_expires_at < ? AND attempts >= ? "
                "RETURNING id, user_id, patient_id, attempts",
                {now, kGivenUp, now, max_attempts_}));
  for (const auto& job : given_up) {
    DOSSIER_TRY(audit_job(db_, audit_key_, job, "failed",
                          {{"reason", "interrupted"}, {"attempts", job["attempts"]}}));
  }
  if (!given_up.empty()) log::warn("jobs_given_up", {{"count", given_up.size()}});
  return {};
}

Result<Json> JobQueue::claim(const std::string& worker_id, std::chrono::milliseconds lease) {
  const std::string now = format_timestamp(clock_.now());
  const std::string until = format_timestamp(clock_.now() + lease);
  Json claimed;
  DOSSIER_TRY(db_.transaction([&]() -> Status {
    DOSSIER_TRY(give_up_exhausted(now));
    DOSSIER_ASSIGN_OR_RETURN(
        db::Rows rows,
        db_.query(std::string("UPDATE export_jobs SET status = 'processing', lease_owner = ?, "
                              "lease_expires_at = ?, attempts = attempts + 1, "
                              "started_at = COALESCE(started_at, ?) WHERE id = ("
                              "SELECT id FROM export_jobs WHERE deleted_at IS NULL AND "
                              "(status = 'pending' OR (status = 'processing' AND "
                              "lease_expires_at < ?)) ORDER BY created_at, id LIMIT 1") +
                      db::skip_locked(db_.backend()) + ") RETURNING *",
                  {worker_id, until, now, now}));
    if (!rows.empty()) claimed = std::move(rows.front());
    return {};
  }));
  return claimed;
}

Result<bool> JobQueue::renew(const std::string& job_id, const std::string& worker_id,
                             std::chrono::milliseconds lease) {
  DOSSIER_ASSIGN_OR_RETURN(
      int64_t n, db_.execute("UPDATE export_jobs SET lease_expires_at = ? WHERE id = ? AND "
                             "lease_owner = ? AND status = 'processing' AND deleted_at IS NULL",
                             {format_timestamp(clock_.now() + lease), job_id, worker_id}));
  return n == 1;
}

Result<bool> JobQueue::complete(const std::string& job_id, const std::string& worker_id,
                                const StoredFile& file, std::chrono::hours keep_for) {
  const auto now = clock_.now();
  bool completed = false;
  DOSSIER_TRY(db_.transaction([&]() -> Status {
    DOSSIER_ASSIGN_OR_RETURN(
        db::Rows rows,
        db_.query("UPDATE export_jobs SET status = 'completed', file_path = ?, "
                  "file_size_bytes = ?, file_sha256 = ?, render_notes = ?, redaction_report = ?, "
                  "file_parts = ?, completed_at = ?, "
                  "expires_at = ?, lease_owner = NULL, lease_expires_at = NULL, "
                  "error_message = NULL WHERE id = ? AND lease_owner = ? AND "
                  "status = 'processing' AND deleted_at IS NULL "
                  "RETURNING id, user_id, patient_id, attempts",
                  {file.key, file.size_bytes, file.sha256, Json(file.notes).dump(),
                   file.redaction.is_null() ? Json() : Json(file.redaction.dump()),
                   file.parts.is_null() ? Json() : Json(file.parts.dump()), format_timestamp(now),
                   format_timestamp(now + keep_for), job_id, worker_id}));
    if (rows.empty()) return {};
    completed = true;
    DOSSIER_TRY(record_patients(db_, job_id, file.patients));
    return audit_job(db_, audit_key_, rows.front(), "completed",
                     {{"file_sha256", file.sha256},
                      {"file_size_bytes", file.size_bytes},
                      {"attempt", rows.front()["attempts"]}});
  }));
  return completed;
}

Result<bool> JobQueue::fail(const std::string& job_id, const std::string& worker_id,
                            const std::string& message) {
  bool failed = false;
  DOSSIER_TRY(db_.transaction([&]() -> Status {
    DOSSIER_ASSIGN_OR_RETURN(
        db::Rows rows, db_.query("UPDATE export_jobs SET status = 'failed', error_message = ?, "
                                 "completed_at = ?, lease_owner = NULL, lease_expires_at = NULL "
                                 "WHERE id = ? AND lease_owner = ? AND status = 'processing' "
                                 "RETURNING id, user_id, patient_id, attempts",
                                 {message, format_timestamp(clock_.now()), job_id, worker_id}));
    if (rows.empty()) return {};
    failed = true;
    return audit_job(db_, audit_key_, rows.front(), "failed",
                     {{"attempt", rows.front()["attempts"]}});
  }));
  return failed;
}

Result<bool> JobQueue::release(const std::string& job_id, const std::string& worker_id) {
  DOSSIER_ASSIGN_OR_RETURN(
      int64_t n, db_.execute("UPDATE export_jobs SET status = 'pending', lease_owner = NULL, "
                             "lease_expires_at = NULL, attempts = attempts - 1 "
                             "WHERE id = ? AND lease_owner = ? AND status = 'processing'",
                             {job_id, worker_id}));
  if (n == 1) DOSSIER_TRY(db_.notify(kJobsChannel));
  return n == 1;
}

Result<std::string> JobQueue::file_of(const std::string& job_id) {
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db_.query_one("SELECT file_path FROM export_jobs WHERE id = ? AND status = "
                              "'completed' AND deleted_at IS NULL",
                              {job_id}));
  return row.is_object() && row["file_path"].is_string() ? row["file_path"].get<std::string>()
                                                         : std::string();
}

Result<int64_t> JobQueue::backlog() {
  DOSSIER_ASSIGN_OR_RETURN(Json row, db_.query_one("SELECT COUNT(*) AS n FROM export_jobs WHERE "
                                                   "status IN ('pending', 'processing') AND "
                                                   "deleted_at IS NULL"));
  return row["n"].get<int64_t>();
}

Result<std::unique_ptr<db::Listener>> JobQueue::listen() {
  return db_.listen(kJobsChannel);
}

}  // namespace dossier::jobs
