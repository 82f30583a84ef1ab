// Unauthenticated routes: liveness and the API description.
#include "http/app.h"
#include "http/openapi.h"

namespace dossier::http {

void add_system_routes(Router& router) {
  router.add(
      "GET", "/healthz",
      [](const Context&) -> Result<Response> {
        return Response::json(200, {{"status", "ok"}});
      },
      false);
  router.add(
      "GET", "/api/v1/openapi.json",
      [](const Context&) -> Result<Response> { return Response::json(200, openapi_document()); },
      false);
}

void add_all_routes(Router& router, App& app) {
  add_system_routes(router);
  add_export_routes(router, app);
  add_audit_routes(router, app);
  add_template_routes(router, app);
  add_template_asset_routes(router, app);
  add_record_routes(router, app);
  add_disclosure_routes(router, app);
  add_token_routes(router, app);
  add_fhir_routes(router, app);
  add_schedule_routes(router, app);
  add_import_routes(router, app);
}

}  // namespace dossier::http
