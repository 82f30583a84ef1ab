// /api/v1/export/…: thin handlers over jobs::.
#include "audit/audit_log.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/ids.h"
#include "core/log.h"
#include "http/app.h"
#include "http/error_mapping.h"
#include "http/export_actions.h"
#include "jobs/export_request.h"
#include "pipeline/batch_request.h"
#include "pipeline/claim_precheck.h"
#include "pipeline/session_bundle.h"

namespace dossier::http {
namespace {

Result<Response> create_export(App& app, const Context& ctx, jobs::ExportType type) {
  DOSSIER_ASSIGN_OR_RETURN(Json body, ctx.json_body());
  DOSSIER_ASSIGN_OR_RETURN(Json created, create_export_job(app, ctx.caller, type, body));
  Response r = Response::json(202, created);
  r.headers.emplace_back("Location", "/api/v1/export/jobs/" + created["job_id"].get<std::string>());
  return r;
}

// One job for many patients (pipeline/batch_request.h); patients the caller may not see
// fail inside the batch like missing ones, so the answer here does not tell them apart.
Result<Response> create_batch(App& app, const Context& ctx) {
  DOSSIER_ASSIGN_OR_RETURN(Json body, ctx.json_body());
  DOSSIER_ASSIGN_OR_RETURN(pipeline::BatchRequest request, pipeline::parse_batch_request(body));
  auto created =
      pipeline::create_batch_job(app.db, system_clock(), app.audit_key, ctx.caller, request);
  if (!created.ok()) {
    return audit_refusal(app, ctx.caller, {"create_export", 0, std::nullopt, std::nullopt},
                         created.error());
  }
  if (app.job_enqueued) app.job_enqueued();
  Response r = Response::json(202, *created);
  r.headers.emplace_back("Location",
                         "/api/v1/export/jobs/" + (*created)["job_id"].get<std::string>());
  return r;
}

Result<jobs::JobListQuery> parse_job_query(const Context& ctx) {
  jobs::JobListQuery q;
  DOSSIER_TRY(parse_limit(ctx, q.limit));
  q.status = ctx.query("status");
  if (q.status && *q.status != "pending" && *q.status != "processing" && *q.status != "completed" &&
      *q.status != "failed" && *q.status != "expired") {
    return Error::validation("status",
                             "must be one of: pending, processing, completed, failed, expired");
  }
  q.patient_id = ctx.query("patient_id");
  if (q.patient_id && !is_uuid(*q.patient_id))
    return Error::validation("patient_id", "must be a UUID");
  q.cursor = ctx.query("cursor");
  if (q.cursor && !is_uuid(*q.cursor))
    return Error::validation("cursor", "is not a cursor from a previous page");
  return q;
}

int64_t unix_seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// The bearer of a link whose signature does not hold is refused and, when the job exists,
// audited without a user: who sent it is unknown.
Error refuse_link(App& app, const Context& ctx, auth::LinkCheck check) {
  const bool expired = check == auth::LinkCheck::kExpired;
  auth::Caller bearer{"", auth::Role::kTherapist, {}, {}};
  stamp_origin(bearer, ctx.request);
  auto job = app.db.query_one("SELECT id, patient_id FROM export_jobs WHERE id = ?",
                              {ctx.param("job_id")});
  if (job.ok() && job->is_object()) {
    (void)app.jobs.record_refused_download(bearer, *job,
                                           expired ? "link_expired" : "bad_signature");
  }
  return Error::make(ErrorCode::kForbidden,
                     expired ? "the download link has expired; open the job again for a new one"
                             : "the download link is not valid");
}

// Downloads take a bearer token, or a signed link in place of one (a browser following it).
Result<auth::Caller> download_caller(App& app, const Context& ctx) {
  const auto signature = ctx.query("signature");
  if (!signature) return authenticate_bearer(app.db, ctx.request);
  const std::string user = ctx.query("user").value_or("");
  const auth::LinkCheck check =
      app.links.check(ctx.param("job_id"), user, ctx.query("expires").value_or(""), *signature,
                      unix_seconds(system_clock().now()));
  if (check != auth::LinkCheck::kValid) return refuse_link(app, ctx, check);
  DOSSIER_ASSIGN_OR_RETURN(auth::Caller caller, auth::link_caller(app.db, user));
  stamp_origin(caller, ctx.request);
  return caller;
}

Result<Response> download(App& app, const Context& ctx) {
  DOSSIER_ASSIGN_OR_RETURN(auth::Caller caller, download_caller(app, ctx));
  auto found = app.jobs.row(caller, ctx.param("job_id"));
  if (!found.ok()) {
    return audit_refusal(app, caller, {"download", 0, ctx.param("job_id"), std::nullopt},
                         found.error());
  }
  const Json& row = *found;
  if (row["status"] != "completed") {
    return Error::make(ErrorCode::kConflict, "the export is not completed");
  }
  if (row["expired_at"].is_string() ||
      (row["expires_at"].is_string() && row["expires_at"].get<std::string>() <= now_timestamp())) {
    return Error::make(ErrorCode::kGone, "the export has expired; request it again");
  }
  // A whole pass first: a file that fails its integrity check is refused, and audited, before
  // any byte of it leaves, instead of breaking off in the middle of a download.
  if (Status checked = app.files.verify(row["file_path"]); !checked.ok()) {
    const bool altered = storage::is_integrity_failure(checked.error());
    DOSSIER_TRY(
        app.jobs.record_refused_download(caller, row, altered ? "integrity" : "unreadable"));
    return checked.error();
  }
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<storage::BlobReader> file,
                           app.files.open_reader(row["file_path"]));
  DOSSIER_TRY(app.jobs.record_download(caller, row));
  // A session-note ZIP bundle is a ZIP whatever format its notes are in.
  const std::string format = pipeline::is_zip_bundle(row) ? "zip" : row["format"];
  const std::string type = row["export_type"];
  const std::string filename =
      type + "-" + row["id"].get<std::string>() + jobs::extension_for(format, type);
  Response r{200, jobs::content_type_for(format, type), {}, {}, std::move(file)};
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Content-SHA256", row["file_sha256"]);
  return r;
}

Result<Response> read_job(App& app, const Context& ctx) {
  DOSSIER_ASSIGN_OR_RETURN(Json job, app.jobs.get(ctx.caller, ctx.param("job_id")));
  DOSSIER_TRY(sign_download_links(app, ctx.caller, {&job}));
  return Response::json(200, job);
}

// Audits the refusals of a handler about one job, named by the path.
Result<Response> audited_job_access(App& app, const Context& ctx, const char* operation,
                                    Result<Response> answer) {
  if (answer.ok()) return answer;
  return audit_refusal(app, ctx.caller, {operation, 0, ctx.param("job_id"), std::nullopt},
                       answer.error());
}

}  // namespace

Error audit_refusal(App& app, const auth::Caller& caller, audit::Refusal attempt, Error error) {
  if (error.code != ErrorCode::kForbidden && error.code != ErrorCode::kNotFound) return error;
  attempt.status = status_for(error.code);
  // The caller is refused either way; a refusal that cannot be recorded is logged, not
  // turned into a failure of its own.
  if (!audit::record_refusal(app.db, app.audit_key, caller, attempt).ok()) {
    log::error("refusal_not_audited", {{"operation", attempt.operation}});
  }
  return error;
}

Status parse_limit(const Context& ctx, int& limit) {
  auto text = ctx.query("limit");
  if (!text) return {};
  try {
    size_t used = 0;
    const int n = std::stoi(*text, &used);
    if (used != text->size() || n < 1 || n > 200) throw std::out_of_range("limit");
    limit = n;
  } catch (const std::exception&) {
    return Error::validation("limit", "must be an integer from 1 to 200");
  }
  return {};
}

void add_export_routes(Router& router, App& app) {
  const std::vector<std::pair<const char*, jobs::ExportType>> kinds = {
      {"/api/v1/export/session-notes", jobs::ExportType::kSessionNotes},
      {"/api/v1/export/progress-report", jobs::ExportType::kProgressReport},
      {"/api/v1/export/treatment-summary", jobs::ExportType::kTreatmentSummary},
      {"/api/v1/export/full-record", jobs::ExportType::kFullRecord},
      {"/api/v1/export/insurance-report", jobs::ExportType::kInsuranceReport},
      {"/api/v1/export/practice-summary", jobs::ExportType::kPracticeSummary},
  };
  for (const auto& [path, type] : kinds) {
    router.add("POST", path,
               [&app, type = type](const Context& ctx) { return create_export(app, ctx, type); });
  }
  router.add("POST", "/api/v1/export/batch",
             [&app](const Context& ctx) { return create_batch(app, ctx); });
  router.add("GET", "/api/v1/export/jobs", [&app](const Context& ctx) -> Result<Response> {
    DOSSIER_ASSIGN_OR_RETURN(jobs::JobListQuery q, parse_job_query(ctx));
    DOSSIER_ASSIGN_OR_RETURN(Json list, app.jobs.list(ctx.caller, q));
    std::vector<Json*> jobs;
    for (Json& job : list["jobs"]) jobs.push_back(&job);
    DOSSIER_TRY(sign_download_links(app, ctx.caller, jobs));
    return Response::json(200, list);
  });
  router.add("GET", "/api/v1/export/jobs/{job_id}", [&app](const Context& ctx) {
    return audited_job_access(app, ctx, "read_job", read_job(app, ctx));
  });
  router.add("DELETE", "/api/v1/export/jobs/{job_id}",
             [&app](const Context& ctx) -> Result<Response> {
               DOSSIER_ASSIGN_OR_RETURN(Json deleted,
                                        delete_export_job(app, ctx.caller, ctx.param("job_id")));
               return Response::json(200, deleted);
             });
  router.add(
      "GET", "/api/v1/export/download/{job_id}",
      [&app](const Context& ctx) { return download(app, ctx); }, false);
}

}  // namespace dossier::http
