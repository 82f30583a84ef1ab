#include "pipeline/batch_request.h"

#include "audit/audit_log.h"
#include "auth/visibility.h"
#include "core/ids.h"
#include "core/log.h"
#include "jobs/disclosure_request.h"
#include "jobs/export_request.h"
#include "jobs/job_queue.h"

namespace dossier::pipeline {
namespace {

// The keys a batch adds to a single export's body.
bool is_batch_key(const std::string& key) {
  return key == "patient_ids" || key == "caseload" || key == "export_type";
}

Result<jobs::ExportType> batch_type(const Json& body) {
  const auto given = body.find("export_type");
  if (given == body.end() || !given->is_string()) {
    return Error::validation("export_type", "is required: a string");
  }
  const auto type = jobs::parse_export_type(given->get<std::string>());
  if (!type || *type == jobs::ExportType::kSessionNotes || jobs::is_practice_wide(*type)) {
    return Error::validation("export_type",
                             "must be one of: progress_report, treatment_summary, full_record, "
                             "insurance_report");
  }
  return *type;
}

Status parse_patients(const Json& body, BatchRequest& request) {
  const bool has_ids = body.contains("patient_ids");
  const bool has_caseload = body.contains("caseload");
  if (has_ids == has_caseload) {
    return Error::validation("patient_ids", "give either patient_ids or \"caseload\": true");
  }
  if (has_caseload) {
    if (!body["caseload"].is_boolean() || !body["caseload"].get<bool>()) {
      return Error::validation("caseload", "must be true");
    }
    request.caseload = true;
    return {};
  }
  const Json& ids = body["patient_ids"];
  if (!ids.is_array() || ids.empty() || ids.size() > kMaxBatchPatients) {
    return Error::validation(
        "patient_ids", "must be an array of 1 to " + std::to_string(kMaxBatchPatients) + " UUIDs");
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!ids[i].is_string() || !is_uuid(ids[i].get<std::string>())) {
      return Error::validation("patient_ids[" + std::to_string(i) + "]", "must be a UUID");
    }
    request.patient_ids.push_back(ids[i].get<std::string>());
  }
  return {};
}

// What 'created' records of a batch: its request's settings and size, never a patient.
Json created_metadata(const BatchRequest& request, size_t patient_count) {
  return {{"export_type", kBatchExportType},
          {"format", kBatchFormat},
          {"batch_export_type", jobs::export_type_name(request.type)},
          {"batch_format", request.format},
          {"patient_count", patient_count},
          {"disclosure", jobs::disclosure_of(request.options)}};
}

}  // namespace

Result<BatchRequest> parse_batch_request(const Json& body) {
  if (!body.is_object()) return Error::validation("", "the body must be a JSON object");
  BatchRequest request;
  DOSSIER_ASSIGN_OR_RETURN(request.type, batch_type(body));
  DOSSIER_TRY(parse_patients(body, request));
  for (const auto& [key, value] : body.items()) {
    if (!is_batch_key(key)) request.options[key] = value;
  }
  if (request.options.contains("patient_id")) {
    return Error::validation("patient_id", "a batch names its patients in patient_ids");
  }
  // The options are checked exactly as a single export checks them, for a stand-in patient.
  Json single = request.options;
  single["patient_id"] = new_uuid();
  DOSSIER_ASSIGN_OR_RETURN(jobs::ExportRequest checked,
                           jobs::parse_export_request(request.type, single));
  if (checked.format == "x12") {
    return Error::validation("format", "x12 claims are made one job at a time");
  }
  request.format = checked.format;
  return request;
}

Json batch_request_json(const BatchRequest& request) {
  Json out = {{"export_type", jobs::export_type_name(request.type)},
              {"format", request.format},
              {"options", request.options}};
  if (request.caseload) {
    out["caseload"] = true;
  } else {
    out["patient_ids"] = request.patient_ids;
  }
  return out;
}

Result<BatchRequest> batch_request_from(const Json& parameters) {
  Json body = parameters.value("options", Json::object());
  body["export_type"] = parameters.value("export_type", std::string());
  if (parameters.value("caseload", false)) {
    body["caseload"] = true;
  } else {
    body["patient_ids"] = parameters.value("patient_ids", Json::array());
  }
  return parse_batch_request(body);
}

Result<std::vector<std::string>> batch_patient_ids(db::Database& db, const auth::Caller& caller,
                                                   const BatchRequest& request) {
  if (!request.caseload) return request.patient_ids;
  db::Params params;
  const std::string sql =
      "SELECT id FROM patients WHERE " + auth::visible_patients_condition(caller, "id", params);
  std::vector<std::string> ids;
  DOSSIER_TRY(db.for_each(sql + " ORDER BY id", params, [&ids](db::Row&& row) {
    ids.push_back(row["id"].get<std::string>());
    return Status{};
  }));
  return ids;
}

Result<Json> create_batch_job(db::Database& db, const Clock& clock,
                              const audit::ChainKey& audit_key, const auth::Caller& caller,
                              const BatchRequest& request) {
  if (caller.role == auth::Role::kBiller && request.type != jobs::ExportType::kInsuranceReport) {
    return Error::make(ErrorCode::kForbidden, "billers may make insurance exports only");
  }
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> patients,
                           batch_patient_ids(db, caller, request));
  const std::string id = new_uuid();
  const Json parameters = batch_request_json(request);
  const Json progress = {{"done", 0}, {"total", patients.size()}};
  DOSSIER_TRY(db.transaction([&]() -> Status {
    DOSSIER_TRY(
        db.execute("INSERT INTO export_jobs (id, user_id, export_type, format, status, parameters, "
                   "progress, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)",
                   {id, caller.user_id, kBatchExportType, kBatchFormat, parameters.dump(),
                    progress.dump(), format_timestamp(clock.now())}));
    DOSSIER_TRY(
        audit::append(db, audit_key, caller,
                      {"created", id, std::nullopt, created_metadata(request, patients.size())}));
    return db.notify(jobs::kJobsChannel);
  }));
  log::info("job_created", {{"job_id", id}, {"export_type", kBatchExportType}});
  return Json{{"job_id", id}, {"status", "pending"}, {"progress", progress}};
}

Status record_batch_without_job(db::Database& db, const audit::ChainKey& audit_key,
                                const auth::Caller& caller, const BatchRequest& request,
                                size_t patient_count) {
  return audit::append(
      db, audit_key, caller,
      {"created", std::nullopt, std::nullopt, created_metadata(request, patient_count)});
}

}  // namespace dossier::pipeline
