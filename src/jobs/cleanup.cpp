#include "jobs/cleanup.h"

#include "audit/audit_log.h"
#include "core/log.h"

namespace dossier::jobs {
namespace {

enum class Outcome { kSkipped, kExpired, kExpiredFileKept };

// The job is claimed by the conditional update, so a pass running elsewhere at the same moment
// skips it; the file goes after the row commits, so no row ever names a file that is gone
// while it still counts as downloadable.
Result<Outcome> expire_one(db::Database& db, storage::BlobStore& files,
                           const audit::ChainKey& audit_key, const Json& job,
                           const std::string& now) {
  bool mine = false;
  DOSSIER_TRY(db.transaction([&]() -> Status {
    DOSSIER_ASSIGN_OR_RETURN(
        int64_t n, db.execute("UPDATE export_jobs SET expired_at = ?, file_path = NULL "
                              "WHERE id = ? AND expired_at IS NULL AND deleted_at IS NULL",
                              {now, job["id"]}));
    mine = n == 1;
    if (!mine) return {};
    return audit::append(db, audit_key, audit::job_creator(job),
                         audit::job_entry("expired", job, {{"expires_at", job["expires_at"]}}));
  }));
  if (!mine) return Outcome::kSkipped;
  if (job["file_path"].is_string() && !files.remove(job["file_path"]).ok()) {
    log::error("expired_file_not_removed", {{"job_id", job["id"]}});
    return Outcome::kExpiredFileKept;
  }
  return Outcome::kExpired;
}

}  // namespace

Result<CleanupReport> expire_files(db::Database& db, storage::BlobStore& files, const Clock& clock,
                                   const audit::ChainKey& audit_key) {
  const std::string now = format_timestamp(clock.now());
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows due, db.query("SELECT id, user_id, patient_id, file_path, expires_at FROM "
                             "export_jobs WHERE status = 'completed' AND expired_at IS NULL AND "
                             "deleted_at IS NULL AND expires_at <= ? ORDER BY expires_at",
                             {now}));
  CleanupReport report;
  for (const Json& job : due) {
    DOSSIER_ASSIGN_OR_RETURN(Outcome outcome, expire_one(db, files, audit_key, job, now));
    if (outcome != Outcome::kSkipped) ++report.expired;
    if (outcome == Outcome::kExpiredFileKept) ++report.files_failed;
  }
  if (report.expired > 0) log::info("exports_expired", {{"count", report.expired}});
  return report;
}

}  // namespace dossier::jobs
