// The FHIR R4 API under /fhir/r4: the CapabilityStatement and Patient/$everything. Thin:
// the work is in fhir/ and pipeline/fhir_everything; errors become OperationOutcomes in
// the router.
#include "fhir/capability.h"
#include "http/app.h"
#include "pipeline/fhir_everything.h"

namespace dossier::http {
namespace {

Response fhir_json(int status, const Json& resource) {
  Response r = Response::json(status, resource);
  r.content_type = "application/fhir+json";
  return r;
}

}  // namespace

void add_fhir_routes(Router& router, App& app) {
  router.add(
      "GET", "/fhir/r4/metadata",
      [](const Context&) -> Result<Response> {
        return fhir_json(200, fhir::capability_statement());
      },
      false);
  router.add("GET", "/fhir/r4/Patient/{id}/$everything",
             [&app](const Context& ctx) -> Result<Response> {
               auto bundle =
                   pipeline::patient_everything(app.db, app.audit_key, ctx.caller, ctx.param("id"));
               if (!bundle.ok()) {
                 return audit_refusal(app, ctx.caller,
                                      {"fhir_everything", 0, std::nullopt, ctx.param("id")},
                                      bundle.error());
               }
               return fhir_json(200, *bundle);
             });
  add_fhir_bulk_routes(router, app);
}

}  // namespace dossier::http
