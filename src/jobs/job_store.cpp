#include "jobs/job_store.h"

#include <chrono>

#include "audit/audit_log.h"
#include "core/ids.h"
#include "core/log.h"
#include "jobs/disclosure_request.h"
#include "jobs/job_queue.h"

namespace dossier::jobs {
namespace {

// Rough, but honest: a job waits for those before it, about a second each.
constexpr auto kSecondsPerQueuedJob = std::chrono::seconds(1);

}  // namespace

Result<Json> JobStore::create(const auth::Caller& caller, const ExportRequest& request) {
  const std::string id = new_uuid();
  const std::string now = format_timestamp(clock_.now());
  Json response;
  DOSSIER_TRY(db_.transaction([&]() -> Status {
    DOSSIER_TRY(db_.execute(
        "INSERT INTO export_jobs (id, user_id, patient_id, template_id, export_type, format, "
        "status, parameters, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
        {id, caller.user_id, request.patient_id ? Json(*request.patient_id) : Json(nullptr),
         request.template_id ? Json(*request.template_id) : Json(nullptr),
         export_type_name(request.type), request.format, request.parameters.dump(), now}));
    Json metadata = {{"export_type", export_type_name(request.type)},
                     {"format", request.format},
                     {"disclosure", disclosure_of(request.parameters)}};
    if (request.schedule_id) metadata["schedule_id"] = *request.schedule_id;
    DOSSIER_TRY(
        audit::append(db_, audit_key_, caller, {"created", id, request.patient_id, metadata}));
    DOSSIER_TRY(db_.notify(kJobsChannel));
    DOSSIER_ASSIGN_OR_RETURN(Json queued,
                             db_.query_one("SELECT COUNT(*) AS n FROM export_jobs WHERE status IN "
                                           "('pending', 'processing') AND deleted_at IS NULL"));
    const auto wait = kSecondsPerQueuedJob * queued["n"].get<int64_t>();
    response = {{"job_id", id},
                {"status", "pending"},
                {"estimated_completion", format_timestamp(clock_.now() + wait)}};
    return {};
  }));
  log::info("job_created", {{"job_id", id},
                            {"export_type", export_type_name(request.type)},
                            {"format", request.format}});
  return response;
}

Result<Json> JobStore::row(const auth::Caller& caller, const std::string& job_id) {
  if (!is_uuid(job_id)) return Error::not_found("export job");
  DOSSIER_ASSIGN_OR_RETURN(
      Json row,
      db_.query_one("SELECT * FROM export_jobs WHERE id = ? AND deleted_at IS NULL", {job_id}));
  if (row.is_null() || (!caller.is_admin() && row["user_id"] != caller.user_id)) {
    return Error::not_found("export job");
  }
  return row;
}

Json JobStore::to_api(const Json& row) const {
  Json job = {{"id", row["id"]},
              {"export_type", row["export_type"]},
              {"format", row["format"]},
              {"status", row["status"]},
              {"patient_id", row["patient_id"]},
              {"template_id", row["template_id"]},
              {"parameters", row["parameters"].is_string()
                                 ? Json::parse(row["parameters"].get<std::string>())
                                 : Json::object()},
              {"created_at", row["created_at"]},
              {"started_at", row["started_at"]},
              {"completed_at", row["completed_at"]},
              {"file_size_bytes", row["file_size_bytes"]},
              {"expires_at", row["expires_at"]}};
  if (row.contains("patient_name")) job["patient_name"] = row["patient_name"];
  if (row["expired_at"].is_string()) {
    job["status"] = "expired";
    job["expired_at"] = row["expired_at"];
  } else if (row["status"] == "completed") {
    job["download_url"] = "/api/v1/export/download/" + row["id"].get<std::string>();
  }
  if (row["status"] == "failed") job["error_message"] = row["error_message"];
  if (row["render_notes"].is_string())
    job["notes"] = Json::parse(row["render_notes"].get<std::string>());
  if (row["redaction_report"].is_string())
    job["redaction"] = Json::parse(row["redaction_report"].get<std::string>());
  if (row.contains("progress") && row["progress"].is_string())
    job["progress"] = Json::parse(row["progress"].get<std::string>());
  return job;
}

Result<Json> JobStore::get(const auth::Caller& caller, const std::string& job_id) {
  DOSSIER_ASSIGN_OR_RETURN(Json r, row(caller, job_id));
  return to_api(r);
}

Result<Json> JobStore::list(const auth::Caller& caller, const JobListQuery& q) {
  std::string sql =
      "SELECT j.*, p.given_name || ' ' || p.family_name AS patient_name FROM export_jobs j "
      "LEFT JOIN patients p ON p.id = j.patient_id WHERE j.deleted_at IS NULL";
  db::Params params;
  if (!caller.is_admin()) {
    sql += " AND j.user_id = ?";
    params.push_back(caller.user_id);
  }
  // 'expired' is a completed job whose file the cleanup pass removed.
  if (q.status == "expired") {
    sql += " AND j.expired_at IS NOT NULL";
  } else if (q.status) {
    sql += " AND j.status = ? AND j.expired_at IS NULL";
    params.push_back(*q.status);
  }
  if (q.patient_id) {
    sql += " AND j.patient_id = ?";
    params.push_back(*q.patient_id);
  }
  if (q.cursor) {
    sql += " AND j.id < ?";
    params.push_back(*q.cursor);
  }
  sql += " ORDER BY j.id DESC LIMIT ?";
  params.push_back(q.limit + 1);
  DOSSIER_ASSIGN_OR_RETURN(db::Rows rows, db_.query(sql, params));
  Json out = {{"jobs", Json::array()}, {"next_cursor", nullptr}};
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(q.limit); ++i) {
    out["jobs"].push_back(to_api(rows[i]));
  }
  if (rows.size() > static_cast<size_t>(q.limit)) out["next_cursor"] = out["jobs"].back()["id"];
  return out;
}

Result<std::optional<std::string>> JobStore::mark_deleted(const auth::Caller& caller,
                                                          const Json& row) {
  std::optional<std::string> file;
  DOSSIER_TRY(db_.transaction([&]() -> Status {
    // The first statement takes the row's lock, so the file_path read next is final: a
    // worker's completion either committed before it or will find the job deleted.
    DOSSIER_ASSIGN_OR_RETURN(int64_t n, db_.execute("UPDATE export_jobs SET deleted_at = ? "
                                                    "WHERE id = ? AND deleted_at IS NULL",
                                                    {format_timestamp(clock_.now()), row["id"]}));
    if (n == 0) return Error::not_found("export job");
    DOSSIER_ASSIGN_OR_RETURN(
        Json current,
        db_.query_one("SELECT status, file_path FROM export_jobs WHERE id = ?", {row["id"]}));
    if (current["file_path"].is_string()) file = current["file_path"].get<std::string>();
    DOSSIER_TRY(db_.execute("UPDATE export_jobs SET file_path = NULL WHERE id = ?", {row["id"]}));
    return audit::append(db_, audit_key_, caller,
                         audit::job_entry("deleted", row, {{"status", current["status"]}}));
  }));
  return file;
}

Status JobStore::record_download(const auth::Caller& caller, const Json& row) {
  return audit::append(db_, audit_key_, caller,
                       audit::job_entry("downloaded", row, {{"file_sha256", row["file_sha256"]}}));
}

Status JobStore::record_refused_download(const auth::Caller& caller, const Json& row,
                                         const std::string& reason) {
  return audit::append(db_, audit_key_, caller,
                       audit::job_entry("download_refused", row, {{"reason", reason}}));
}

}  // namespace dossier::jobs
