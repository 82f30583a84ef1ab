#include "pipeline/batch_export.h"

#include "core/ids.h"
#include "jobs/export_request.h"
#include "pipeline/claim_precheck.h"
#include "pipeline/producer.h"

namespace dossier::pipeline {
namespace {

// One patient's export, checked and made exactly as a single export of the request would be.
Result<UnitDocument> render_patient(db::Database& db, const auth::Caller& caller,
                                    const BatchRequest& request, const std::string& job_id,
                                    const std::string& patient_id) {
  Json body = request.options;
  body["patient_id"] = patient_id;
  DOSSIER_ASSIGN_OR_RETURN(jobs::ExportRequest single,
                           jobs::parse_export_request(request.type, body));
  DOSSIER_TRY(jobs::authorize_export_request(db, caller, single));
  DOSSIER_TRY(check_claim_request(db, caller, single));
  const Json row = {{"id", job_id},
                    {"user_id", caller.user_id},
                    {"patient_id", patient_id},
                    {"template_id", single.template_id ? Json(*single.template_id) : Json()},
                    {"export_type", jobs::export_type_name(single.type)},
                    {"format", single.format},
                    {"parameters", single.parameters.dump()}};
  DOSSIER_ASSIGN_OR_RETURN(Produced p, produce_collected(db, row));
  return UnitDocument{std::move(p.file.bytes),
                      p.file.extension,
                      std::move(p.redaction),
                      {{"export_type", row["export_type"]},
                       {"format", row["format"]},
                       {"parameters", single.parameters}}};
}

}  // namespace

Result<ZipSummary> run_batch(db::Database& db, const auth::Caller& caller,
                             const BatchRequest& request, const ByteSink& out,
                             const BatchOptions& options) {
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> patients,
                           batch_patient_ids(db, caller, request));
  const std::string job_id = options.job_id.empty() ? new_uuid() : options.job_id;
  OrderedZipOptions zip;
  zip.threads = options.threads;
  zip.unit_key = "patient_id";
  zip.manifest_head = {{"export_type", jobs::export_type_name(request.type)},
                       {"format", request.format}};
  zip.progress = options.progress;
  zip.cancelled = options.cancelled;
  const RenderUnit render = [&](const std::string& patient_id) {
    return render_patient(db, caller, request, job_id, patient_id);
  };
  return write_ordered_zip(patients, render, out, zip);
}

Result<auth::Caller> job_caller(db::Database& db, const Json& job) {
  DOSSIER_ASSIGN_OR_RETURN(
      Json user, db.query_one("SELECT id, role FROM users WHERE id = ?", {job["user_id"]}));
  if (user.is_null()) return Error::internal("the job's creator no longer exists");
  const auto role = auth::parse_role(user["role"].get<std::string>());
  if (!role) return Error::internal("the job's creator has an unknown role");
  return auth::Caller{user["id"].get<std::string>(), *role, {}, {}};
}

Result<jobs::ProducedFile> produce_batch_job(db::Database& db, const Json& job,
                                             const ByteSink& out) {
  DOSSIER_ASSIGN_OR_RETURN(auth::Caller caller, job_caller(db, job));
  const Json parameters = job["parameters"].is_string()
                              ? Json::parse(job["parameters"].get<std::string>())
                              : job["parameters"];
  DOSSIER_ASSIGN_OR_RETURN(BatchRequest request, batch_request_from(parameters));
  BatchOptions options;
  options.job_id = job["id"].get<std::string>();
  // Progress is shown, not relied on: a write that fails leaves the last one standing.
  options.progress = [&db, &job](int64_t done, int64_t total) {
    const Json progress = {{"done", done}, {"total", total}};
    (void)db.execute("UPDATE export_jobs SET progress = ? WHERE id = ?",
                     {progress.dump(), job["id"]});
  };
  options.cancelled = [&db, &job] {
    auto row = db.query_one("SELECT deleted_at FROM export_jobs WHERE id = ?", {job["id"]});
    return row.ok() && row->is_object() && (*row)["deleted_at"].is_string();
  };
  DOSSIER_ASSIGN_OR_RETURN(ZipSummary summary, run_batch(db, caller, request, out, options));
  jobs::ProducedFile file{".zip", {}, nullptr, nullptr, Json::array()};
  for (auto& [patient_id, request] : summary.written) {
    request["patient_id"] = patient_id;
    file.patients.push_back(std::move(request));
  }
  if (!summary.failures.empty()) {
    file.notes.push_back(std::to_string(summary.failures.size()) + " of " +
                         std::to_string(summary.total) +
                         " patients failed; manifest.json lists them");
  }
  return file;
}

}  // namespace dossier::pipeline
