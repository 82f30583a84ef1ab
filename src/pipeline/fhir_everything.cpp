#include "pipeline/fhir_everything.h"

#include "audit/audit_log.h"
#include "auth/visibility.h"
#include "core/ids.h"
#include "fhir/bundle.h"
#include "jobs/export_request.h"
#include "pipeline/producer.h"

namespace dossier::pipeline {

Result<Json> patient_everything(db::Database& db, const audit::ChainKey& audit_key,
                                const auth::Caller& caller, const std::string& patient_id) {
  if (!is_uuid(patient_id)) return Error::not_found("patient");
  DOSSIER_TRY(auth::require_patient_visible(db, caller, patient_id));
  DOSSIER_ASSIGN_OR_RETURN(
      jobs::ExportRequest request,
      jobs::parse_export_request(jobs::ExportType::kFullRecord,
                                 {{"patient_id", patient_id}, {"format", "fhir"}}));
  // Billers handle claims, never notes: their view of the record leaves the notes table out
  // (the gatherer refuses them any export that would carry notes).
  if (!caller.may_read_notes()) request.parameters["include_sections"]["notes"] = false;
  const Json job = {{"id", new_uuid()},         {"user_id", caller.user_id},
                    {"patient_id", patient_id}, {"export_type", "full_record"},
                    {"format", "fhir"},         {"parameters", request.parameters.dump()}};
  DOSSIER_ASSIGN_OR_RETURN(formats::Rendered out, produce(db, job));
  Json bundle = fhir::as_searchset(Json::parse(out.bytes), job["id"].get<std::string>());
  // Shown only once the read is on the audit chain, like an export or a preview.
  DOSSIER_TRY(audit::append(db, audit_key, caller,
                            {"fhir_read",
                             std::nullopt,
                             patient_id,
                             {{"operation", "Patient/$everything"},
                              {"resources", bundle["total"]},
                              {"notes_included", caller.may_read_notes()}}}));
  return bundle;
}

}  // namespace dossier::pipeline
