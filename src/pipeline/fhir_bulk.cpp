#include "pipeline/fhir_bulk.h"

#include <set>
#include <unordered_set>

#include "auth/visibility.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/ids.h"
#include "fhir/export_bundle.h"
#include "gather/gather.h"
#include "jobs/export_request.h"
#include "pipeline/ndjson_spool.h"
#include "redact/redaction.h"

namespace dossier::pipeline {
namespace {

constexpr std::string_view kCaseloadPrefix = "caseload-";
constexpr size_t kUuidLength = 36;
// How many patients pass between two checks whether the export was cancelled: a query per
// this many patients costs nothing beside them, and a cancelled export stops within seconds.
constexpr int64_t kCancelCheckEvery = 50;

// The therapist whose caseload a Group id names; "" when it names none.
std::string caseload_owner(const std::string& group_id) {
  if (group_id.rfind(kCaseloadPrefix, 0) != 0) return "";
  const std::string id = group_id.substr(kCaseloadPrefix.size());
  return is_uuid(id) ? id : "";
}

// The practice, the payers and the clinicians are shared by many patients' records: written
// once, and without the labels of whichever patient's record they came with first.
bool is_shared(const std::string& type) {
  return type == "Organization" || type == "Practitioner" || type == "PractitionerRole";
}

void drop_patient_labels(Json& resource) {
  const auto meta = resource.find("meta");
  if (meta == resource.end()) return;
  meta->erase("security");
  if (meta->empty()) resource.erase(meta);
}

// The record rows of a gathered Context changed after `since` (updated_at, else created_at,
// later than it), by id. A resource made from such a row carries its id, at the end of its
// own ("qr-<id>", "role-<id>", or the id itself).
std::unordered_set<std::string> rows_changed_since(const Json& context, const std::string& since) {
  std::unordered_set<std::string> changed;
  const auto since_at = parse_timestamp(since);
  const Json& tables = context.contains("tables") ? context["tables"] : Json::object();
  for (const auto& [name, rows] : tables.items()) {
    if (!rows.is_array()) continue;
    for (const auto& row : rows) {
      if (!row.is_object() || !row.contains("id") || !row["id"].is_string()) continue;
      const Json& stamp =
          row.contains("updated_at") ? row["updated_at"] : row.value("created_at", Json());
      if (!stamp.is_string()) continue;
      const auto at = parse_timestamp(stamp.get<std::string>());
      if (at && since_at && *at > *since_at) changed.insert(row["id"].get<std::string>());
    }
  }
  return changed;
}

bool made_from_changed_row(const Json& resource, const std::unordered_set<std::string>& changed) {
  const std::string& id = resource["id"].get_ref<const std::string&>();
  return id.size() >= kUuidLength && changed.count(id.substr(id.size() - kUuidLength)) > 0;
}

// What the producer keeps across patients.
struct Walk {
  const fhir::BulkRequest& request;
  std::set<std::string> wanted;
  std::set<std::string> shared_written;  // "Type/id" of the practice, payers and clinicians
  NdjsonSpool spool;
  BulkStats stats;
};

// The patient's record as Patient/$everything shows it to the job's creator, as the
// resources of its Bundle, and (for _since) the ids of the rows changed since then.
struct PatientRecord {
  std::vector<Json> resources;
  std::unordered_set<std::string> changed;
};

Result<PatientRecord> patient_record(db::Database& db, const Json& job_row,
                                     const std::string& patient_id,
                                     const fhir::BulkRequest& request, const Json& parameters) {
  Json row = job_row;
  row["patient_id"] = patient_id;
  const std::string now = now_timestamp();
  DOSSIER_ASSIGN_OR_RETURN(Json context, gather::gather(db, row, now));
  PatientRecord record;
  if (!request.since.empty()) record.changed = rows_changed_since(context, request.since);
  DOSSIER_TRY(redact::redact_export(db, patient_id,
                                    redact::settings_from(parameters, "full_record"), context));
  record.resources = fhir::full_record_resources(context);
  return record;
}

Status spool_patient(Walk& walk, PatientRecord& record) {
  const bool filter_since = !walk.request.since.empty();
  bool any_kept = false;
  for (Json& resource : record.resources) {
    const std::string type = resource["resourceType"];
    if (!walk.wanted.count(type)) continue;
    // A Provenance records the export of what changed; with _since it comes only with them.
    if (filter_since &&
        (type == "Provenance" ? !any_kept : !made_from_changed_row(resource, record.changed))) {
      continue;
    }
    if (is_shared(type)) {
      if (!walk.shared_written.insert(type + "/" + resource["id"].get<std::string>()).second) {
        continue;
      }
      drop_patient_labels(resource);
    } else {
      any_kept = true;
    }
    DOSSIER_TRY(
        walk.spool.add(type, resource.dump(-1, ' ', false, Json::error_handler_t::replace)));
    ++walk.stats.resources;
  }
  return {};
}

// The parameters of the full-record export each patient's part is made as: those of
// Patient/$everything (billers: no notes).
Result<Json> everything_parameters(const auth::Caller& caller, const std::string& any_patient) {
  DOSSIER_ASSIGN_OR_RETURN(
      jobs::ExportRequest request,
      jobs::parse_export_request(jobs::ExportType::kFullRecord,
                                 {{"patient_id", any_patient}, {"format", "fhir"}}));
  if (!caller.may_read_notes()) request.parameters["include_sections"]["notes"] = false;
  // The timeline is a derived view for documents; no resource is made from it.
  request.parameters["include_sections"]["timeline"] = false;
  return request.parameters;
}

}  // namespace

std::string caseload_group_id(const std::string& therapist_id) {
  return std::string(kCaseloadPrefix) + therapist_id;
}

Status require_group_visible(db::Database& db, const auth::Caller& caller,
                             const std::string& group_id) {
  const std::string owner = caseload_owner(group_id);
  if (owner.empty()) return Error::not_found("group");
  if (caller.role == auth::Role::kTherapist && caller.user_id != owner) {
    return Error::not_found("group");
  }
  DOSSIER_ASSIGN_OR_RETURN(
      Json row,
      db.query_one("SELECT 1 AS ok FROM users WHERE id = ? AND role = 'therapist'", {owner}));
  if (row.is_null()) return Error::not_found("group");
  return {};
}

Result<std::vector<std::string>> bulk_patient_ids(db::Database& db, const auth::Caller& caller,
                                                  const fhir::BulkRequest& request) {
  db::Params params;
  std::string sql =
      "SELECT id FROM patients WHERE " + auth::visible_patients_condition(caller, "id", params);
  if (request.level == fhir::BulkLevel::kGroup) {
    DOSSIER_TRY(require_group_visible(db, caller, request.group_id));
    sql += " AND id IN (SELECT patient_id FROM care_team WHERE user_id = ?)";
    params.push_back(caseload_owner(request.group_id));
  }
  std::vector<std::string> ids;
  DOSSIER_TRY(db.for_each(sql + " ORDER BY id", params, [&ids](db::Row&& row) {
    ids.push_back(row["id"].get<std::string>());
    return Status{};
  }));
  return ids;
}

Result<jobs::ProducedFile> produce_bulk(db::Database& db, const auth::Caller& caller,
                                        const fhir::BulkRequest& request, const ByteSink& out,
                                        BulkStats* stats, const std::function<bool()>& cancelled) {
  // Changes committed after this instant may or may not be in the files (IG: transactionTime).
  const std::string transaction_time = now_timestamp();
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> patients,
                           bulk_patient_ids(db, caller, request));
  Walk walk{request, {request.types.begin(), request.types.end()}, {}, NdjsonSpool(), {}};
  if (!patients.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(Json parameters, everything_parameters(caller, patients.front()));
    const Json job_row = {{"id", new_uuid()},
                          {"user_id", caller.user_id},
                          {"export_type", "full_record"},
                          {"format", "fhir"},
                          {"parameters", parameters.dump()}};
    for (const auto& patient_id : patients) {
      if (cancelled && walk.stats.patients % kCancelCheckEvery == 0 && cancelled()) {
        return Error::make(ErrorCode::kConflict, "the export was cancelled");
      }
      DOSSIER_ASSIGN_OR_RETURN(PatientRecord record,
                               patient_record(db, job_row, patient_id, request, parameters));
      DOSSIER_TRY(spool_patient(walk, record));
      ++walk.stats.patients;
    }
  }
  DOSSIER_ASSIGN_OR_RETURN(std::vector<SpooledPart> parts, walk.spool.write_to(request.types, out));
  Json output = Json::array();
  for (const auto& p : parts) {
    output.push_back(
        {{"type", p.type}, {"offset", p.offset}, {"length", p.length}, {"count", p.count}});
    walk.stats.bytes += p.length;
  }
  if (stats) *stats = walk.stats;
  jobs::ProducedFile file{".ndjson", {}, nullptr, {}};
  file.parts = {{"transaction_time", transaction_time}, {"output", output}};
  return file;
}

Result<jobs::ProducedFile> produce_bulk_job(db::Database& db, const Json& job,
                                            const ByteSink& out) {
  DOSSIER_ASSIGN_OR_RETURN(
      Json user, db.query_one("SELECT id, role FROM users WHERE id = ?", {job["user_id"]}));
  if (user.is_null()) return Error::internal("the job's creator no longer exists");
  const auto role = auth::parse_role(user["role"].get<std::string>());
  if (!role) return Error::internal("the job's creator has an unknown role");
  const Json parameters = job["parameters"].is_string()
                              ? Json::parse(job["parameters"].get<std::string>())
                              : job["parameters"];
  const auto deleted = [&db, &job] {
    auto row = db.query_one("SELECT deleted_at FROM export_jobs WHERE id = ?", {job["id"]});
    return row.ok() && row->is_object() && (*row)["deleted_at"].is_string();
  };
  return produce_bulk(db, {user["id"], *role, {}, {}}, fhir::bulk_request_from(parameters), out,
                      nullptr, deleted);
}

}  // namespace dossier::pipeline
