#include "pipeline/fhir_import.h"

#include "audit/audit_log.h"
#include "core/clock.h"
#include "fhir/import_bundle.h"
#include "record/full_record_import.h"

namespace dossier::pipeline {

Result<Json> import_fhir_bundle(db::Database& db, const audit::ChainKey& audit_key,
                                const auth::Caller& caller, const Json& bundle) {
  DOSSIER_ASSIGN_OR_RETURN(Json document, fhir::record_from_bundle(bundle, now_timestamp()));
  Json imported;
  DOSSIER_TRY(db.transaction([&]() -> Status {
    DOSSIER_ASSIGN_OR_RETURN(imported, record::import_full_record(db, document));
    return audit::append(db, audit_key, caller,
                         {.action = "imported",
                          .export_job_id = std::nullopt,
                          .patient_id = imported["patient_id"].get<std::string>(),
                          .metadata = {{"source", "fhir"}, {"rows", imported["rows"]}}});
  }));
  return imported;
}

}  // namespace dossier::pipeline
