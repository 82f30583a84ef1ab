// POST /api/v1/import/fhir: an admin loads one patient's record from a FHIR Bundle. Thin:
// the work is in pipeline/fhir_import. A Dossier API endpoint, not one of the FHIR server
// under /fhir/r4, so its errors have the API's JSON error shape.
#include "core/log.h"
#include "http/app.h"
#include "pipeline/fhir_import.h"

namespace dossier::http {

void add_import_routes(Router& router, App& app) {
  router.add("POST", "/api/v1/import/fhir", [&app](const Context& ctx) -> Result<Response> {
    if (!ctx.caller.is_admin())
      return Error::make(ErrorCode::kForbidden, "importing records is for admins");
    DOSSIER_ASSIGN_OR_RETURN(Json bundle, ctx.json_body());
    DOSSIER_ASSIGN_OR_RETURN(
        Json imported, pipeline::import_fhir_bundle(app.db, app.audit_key, ctx.caller, bundle));
    log::info("record_imported", {{"by", ctx.caller.user_id}, {"rows", imported["rows"]}});
    return Response::json(201, imported);
  });
}

}  // namespace dossier::http
