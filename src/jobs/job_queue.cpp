#include "jobs/job_queue.h"

#include "core/log.h"

namespace dossier::jobs {

Status JobQueue::give_up_exhausted(const std::string& now) {
  DOSSIER_ASSIGN_OR_RETURN(
      int64_t n,
      db_.execute("UPDATE export_jobs SET status = 'failed', lease_owner = NULL, "
                  "lease_expires_at = NULL, error_message = 'the export was interrupted too "
                  "many times and was given up; please request it again' "
                  "WHERE status = 'processing' AND lease_expires_at < ? AND attempts >= ?",
                  {now, max_attempts_}));
  if (n > 0) log::warn("jobs_given_up", {{"count", n}});
  return {};
}

// SQLite serializes writers, so selecting and updating in one statement is enough; a
// PostgreSQL queue needs FOR UPDATE SKIP LOCKED instead (see the PostgreSQL backend).
Result<Json> JobQueue::claim(const std::string& worker_id, std::chrono::milliseconds lease) {
  const std::string now = format_timestamp(clock_.now());
  const std::string until = format_timestamp(clock_.now() + lease);
  Json claimed;
  DOSSIER_TRY(db_.transaction([&]() -> Status {
    DOSSIER_TRY(give_up_exhausted(now));
    DOSSIER_ASSIGN_OR_RETURN(
        db::Rows rows,
        db_.query("UPDATE export_jobs SET status = 'processing', lease_owner = ?, "
                  "lease_expires_at = ?, attempts = attempts + 1, "
                  "started_at = COALESCE(started_at, ?) WHERE id = ("
                  "SELECT id FROM export_jobs WHERE deleted_at IS NULL AND (status = 'pending' "
                  "OR (status = 'processing' AND lease_expires_at < ?)) "
                  "ORDER BY created_at, id LIMIT 1) RETURNING *",
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
                             "lease_owner = ? AND status = 'processing'",
                             {format_timestamp(clock_.now() + lease), job_id, worker_id}));
  return n == 1;
}

Result<bool> JobQueue::complete(const std::string& job_id, const std::string& worker_id,
                                const StoredFile& file, std::chrono::hours keep_for) {
  const auto now = clock_.now();
  DOSSIER_ASSIGN_OR_RETURN(
      int64_t n,
      db_.execute("UPDATE export_jobs SET status = 'completed', file_path = ?, "
                  "file_size_bytes = ?, file_sha256 = ?, render_notes = ?, completed_at = ?, "
                  "expires_at = ?, "
                  "lease_owner = NULL, lease_expires_at = NULL, error_message = NULL "
                  "WHERE id = ? AND lease_owner = ? AND status = 'processing' "
                  "AND deleted_at IS NULL",
                  {file.key, file.size_bytes, file.sha256, Json(file.notes).dump(),
                   format_timestamp(now), format_timestamp(now + keep_for), job_id, worker_id}));
  return n == 1;
}

Result<bool> JobQueue::fail(const std::string& job_id, const std::string& worker_id,
                            const std::string& message) {
  DOSSIER_ASSIGN_OR_RETURN(
      int64_t n, db_.execute("UPDATE export_jobs SET status = 'failed', error_message = ?, "
                             "completed_at = ?, lease_owner = NULL, lease_expires_at = NULL "
                             "WHERE id = ? AND lease_owner = ? AND status = 'processing'",
                             {message, format_timestamp(clock_.now()), job_id, worker_id}));
  return n == 1;
}

Result<int64_t> JobQueue::backlog() {
  DOSSIER_ASSIGN_OR_RETURN(Json row, db_.query_one("SELECT COUNT(*) AS n FROM export_jobs WHERE "
                                                   "status IN ('pending', 'processing') AND "
                                                   "deleted_at IS NULL"));
  return row["n"].get<int64_t>();
}

}  // namespace dossier::jobs
