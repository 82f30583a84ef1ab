#include "pipeline/fhir_bulk_jobs.h"

#include "audit/audit_log.h"
#include "core/ids.h"
#include "core/log.h"
#include "jobs/job_queue.h"
#include "pipeline/fhir_bulk.h"

namespace dossier::pipeline {
namespace {

Json parse_column(const Json& value) {
  if (value.is_string()) return Json::parse(value.get<std::string>(), nullptr, false);
  return value;
}

}  // namespace

Result<std::string> create_bulk_job(db::Database& db, const Clock& clock,
                                    const audit::ChainKey& audit_key, const auth::Caller& caller,
                                    const fhir::BulkRequest& request,
                                    const std::string& request_url, int max_active) {
  if (request.level == fhir::BulkLevel::kGroup) {
    DOSSIER_TRY(require_group_visible(db, caller, request.group_id));
  }
  const std::string id = new_uuid();
  Json parameters = fhir::bulk_request_json(request);
  parameters["request"] = request_url;
  DOSSIER_TRY(db.transaction([&]() -> Status {
    // Counted inside the transaction that inserts, so two kick-offs at once cannot both pass.
    DOSSIER_ASSIGN_OR_RETURN(
        Json active, db.query_one("SELECT COUNT(*) AS n FROM export_jobs WHERE user_id = ? AND "
                                  "export_type = ? AND status IN ('pending', 'processing') AND "
                                  "deleted_at IS NULL",
                                  {caller.user_id, kBulkExportType}));
    if (active["n"].get<int64_t>() >= max_active) {
      return Error::make(ErrorCode::kRateLimited,
                         "too many bulk exports in progress; retry after the time given");
    }
    DOSSIER_TRY(
        db.execute("INSERT INTO export_jobs (id, user_id, export_type, format, status, parameters, "
                   "created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
                   {id, caller.user_id, kBulkExportType, kBulkFormat, parameters.dump(),
                    format_timestamp(clock.now())}));
    DOSSIER_TRY(audit::append(db, audit_key, caller,
                              {"created",
                               id,
                               std::nullopt,
                               {{"export_type", kBulkExportType},
                                {"format", kBulkFormat},
                                {"level", parameters["level"]},
                                {"types", parameters["types"]}}}));
    return db.notify(jobs::kJobsChannel);
  }));
  log::info("job_created", {{"job_id", id}, {"export_type", kBulkExportType}});
  return id;
}

Result<Json> bulk_job_row(db::Database& db, const auth::Caller& caller, const std::string& job_id) {
  if (!is_uuid(job_id)) return Error::not_found("export job");
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT * FROM export_jobs WHERE id = ? AND export_type = ? AND "
                             "deleted_at IS NULL",
                             {job_id, kBulkExportType}));
  if (row.is_null() || row["user_id"] != caller.user_id) return Error::not_found("export job");
  return row;
}

std::vector<BulkPart> bulk_parts(const Json& row) {
  std::vector<BulkPart> parts;
  const Json recorded = parse_column(row.value("file_parts", Json()));
  if (!recorded.is_object() || !recorded.contains("output")) return parts;
  for (const auto& p : recorded["output"]) {
    parts.push_back({p["type"].get<std::string>(), p["offset"].get<int64_t>(),
                     p["length"].get<int64_t>(), p["count"].get<int64_t>()});
  }
  return parts;
}

std::optional<BulkPart> bulk_part(const Json& row, const std::string& type) {
  for (auto& p : bulk_parts(row)) {
    if (p.type == type) return p;
  }
  return std::nullopt;
}

Json bulk_manifest(const Json& row, const std::string& files_url) {
  const Json recorded = parse_column(row.value("file_parts", Json()));
  const Json parameters = parse_column(row.value("parameters", Json()));
  Json output = Json::array();
  for (const auto& p : bulk_parts(row)) {
    output.push_back(
        {{"type", p.type}, {"url", files_url + "/" + p.type + ".ndjson"}, {"count", p.count}});
  }
  return {{"transactionTime", recorded.value("transaction_time", row.value("started_at", Json()))},
          {"request", parameters.value("request", std::string())},
          {"requiresAccessToken", true},
          {"output", output},
          {"error", Json::array()}};
}

}  // namespace dossier::pipeline
