// Step 2 of request checking: the request against the record and the caller.
#include "auth/visibility.h"
#include "jobs/disclosure_request.h"
#include "jobs/export_request.h"

namespace dossier::jobs {
namespace {

// Every listed session must be a session of `patient_id`. Sessions that do not exist, that
// the caller may not see, or that belong to someone else get the same words, so that the
// answer reveals nothing about other patients.
Status check_sessions_belong(db::Database& db, const Json& ids, const std::string& patient_id) {
  Error err{ErrorCode::kValidation, "the request is not valid", {}};
  for (size_t i = 0; i < ids.size(); ++i) {
    DOSSIER_ASSIGN_OR_RETURN(Json row, db.query_one("SELECT patient_id FROM sessions WHERE id = ?",
                                                    {ids[i].get<std::string>()}));
    if (row.is_null() || row["patient_id"] != patient_id) {
      err.fields.push_back(
          {"session_ids[" + std::to_string(i) + "]", "is not a session of this patient"});
    }
  }
  if (!err.fields.empty()) return err;
  return {};
}

// Session-note exports name sessions, not a patient: the first session decides the patient
// (and so visibility), the rest must match it.
Status resolve_session_patient(db::Database& db, const auth::Caller& caller, ExportRequest& req) {
  const Json& ids = req.parameters["session_ids"];
  DOSSIER_ASSIGN_OR_RETURN(Json first, db.query_one("SELECT patient_id FROM sessions WHERE id = ?",
                                                    {ids[0].get<std::string>()}));
  if (first.is_null()) return Error::not_found("session");
  const std::string patient_id = first["patient_id"];
  if (!auth::require_patient_visible(db, caller, patient_id).ok()) {
    return Error::not_found("session");
  }
  req.patient_id = patient_id;
  return check_sessions_belong(db, ids, patient_id);
}

Status check_plan(db::Database& db, const ExportRequest& req) {
  if (!req.parameters.contains("treatment_plan_id")) return {};
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT 1 AS ok FROM treatment_plans WHERE id = ? AND patient_id = ?",
                             {req.parameters["treatment_plan_id"], *req.patient_id}));
  if (row.is_null()) {
    return Error::validation("treatment_plan_id", "is not a treatment plan of this patient");
  }
  return {};
}

// The request's template row, which must exist and be of the request's type.
Result<Json> template_of(db::Database& db, const ExportRequest& req) {
  DOSSIER_ASSIGN_OR_RETURN(Json row, db.query_one("SELECT export_type, include_sections, "
                                                  "redaction_profile FROM export_templates WHERE "
                                                  "id = ?",
                                                  {*req.template_id}));
  if (row.is_null()) return Error::validation("template_id", "no such template");
  if (row["export_type"] != export_type_name(req.type)) {
    return Error::validation("template_id", "is a template for another export type");
  }
  return row;
}

// Its include_sections and redaction profile become the defaults of the request's.
Status apply_template(db::Database& db, ExportRequest& req) {
  if (!req.template_id) return authorize_disclosure(db, Json(), req);
  DOSSIER_ASSIGN_OR_RETURN(Json row, template_of(db, req));
  if (row["include_sections"].is_string() && req.parameters.contains("include_sections")) {
    const Json sections = Json::parse(row["include_sections"].get<std::string>(), nullptr, false);
    req.parameters["include_sections"] =
        resolve_sections(req.type, sections, req.requested_sections);
  }
  return authorize_disclosure(db, row["redaction_profile"], req);
}

// A practice-wide report shows every therapist's caseload: admins only.
Status authorize_practice_wide(db::Database& db, const auth::Caller& caller,
                               const ExportRequest& req) {
  if (caller.role != auth::Role::kAdmin) {
    return Error::make(ErrorCode::kForbidden, "practice-wide reports are for practice admins");
  }
  if (req.template_id) DOSSIER_TRY(template_of(db, req));
  return {};
}

}  // namespace

Status authorize_export_request(db::Database& db, const auth::Caller& caller, ExportRequest& req) {
  if (is_practice_wide(req.type)) return authorize_practice_wide(db, caller, req);
  if (caller.role == auth::Role::kBiller && req.type != ExportType::kInsuranceReport) {
    return Error::make(ErrorCode::kForbidden, "billers may make insurance exports only");
  }
  if (req.type == ExportType::kSessionNotes) {
    DOSSIER_TRY(resolve_session_patient(db, caller, req));
  } else {
    DOSSIER_TRY(auth::require_patient_visible(db, caller, *req.patient_id));
    if (req.parameters.contains("session_ids")) {
      DOSSIER_TRY(check_sessions_belong(db, req.parameters["session_ids"], *req.patient_id));
    }
  }
  DOSSIER_TRY(check_plan(db, req));
  return apply_template(db, req);
}

}  // namespace dossier::jobs
