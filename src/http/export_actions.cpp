#include "http/export_actions.h"

#include "audit/audit_log.h"
#include "core/clock.h"
#include "core/dates.h"
#include "jobs/export_request.h"
#include "pipeline/claim_precheck.h"

namespace dossier::http {
namespace {

int64_t unix_seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

Result<Json> remove_job(App& app, const auth::Caller& caller, const std::string& job_id) {
  DOSSIER_ASSIGN_OR_RETURN(Json row, app.jobs.row(caller, job_id));
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> file, app.jobs.mark_deleted(caller, row));
  if (file) DOSSIER_TRY(app.files.remove(*file));
  return Json{{"id", row["id"]}, {"deleted", true}};
}

}  // namespace

Result<Json> create_export_job(App& app, const auth::Caller& caller, jobs::ExportType type,
                               const Json& body) {
  DOSSIER_ASSIGN_OR_RETURN(jobs::ExportRequest request, jobs::parse_export_request(type, body));
  if (Status allowed = jobs::authorize_export_request(app.db, caller, request); !allowed.ok()) {
    // The patient as the body named it; a session-note request names sessions instead, and
    // their patient when they were found.
    std::optional<std::string> patient = request.patient_id;
    if (auto given = body.find("patient_id"); given != body.end() && given->is_string()) {
      patient = given->get<std::string>();
    }
    return audit_refusal(app, caller, {"create_export", 0, std::nullopt, patient}, allowed.error());
  }
  DOSSIER_TRY(pipeline::check_claim_request(app.db, caller, request));
  DOSSIER_ASSIGN_OR_RETURN(Json created, app.jobs.create(caller, request));
  if (app.job_enqueued) app.job_enqueued();
  return created;
}

// A link works without a token, so handing one out is recorded as 'shared': once per job and
// user per link lifetime, so that polling a job, or listing jobs, does not add a row per
// request.
Status sign_download_links(App& app, const auth::Caller& caller, const std::vector<Json*>& jobs) {
  const TimePoint now = system_clock().now();
  std::vector<audit::SharedLink> shared;
  for (Json* job : jobs) {
    if (!job->contains("download_url")) continue;
    int64_t expires = unix_seconds(now + app.link_lifetime);
    if ((*job)["expires_at"].is_string()) {
      if (auto file_expiry = parse_timestamp((*job)["expires_at"].get<std::string>())) {
        expires = std::min(expires, unix_seconds(*file_expiry));
      }
    }
    const std::string id = (*job)["id"];
    (*job)["download_url"] = app.links.download_path(id, caller.user_id, expires);
    shared.push_back({id,
                      (*job)["patient_id"].is_string()
                          ? std::optional<std::string>((*job)["patient_id"].get<std::string>())
                          : std::nullopt,
                      format_timestamp(TimePoint(std::chrono::seconds(expires)))});
  }
  return audit::record_shared_links(app.db, app.audit_key, caller, shared,
                                    format_timestamp(now - app.link_lifetime));
}

Result<Json> delete_export_job(App& app, const auth::Caller& caller, const std::string& job_id) {
  auto removed = remove_job(app, caller, job_id);
  if (removed.ok()) return removed;
  return audit_refusal(app, caller, {"delete_job", 0, job_id, std::nullopt}, removed.error());
}

}  // namespace dossier::http
