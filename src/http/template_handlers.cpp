// /api/v1/export/templates: thin handlers over catalog::.
#include "catalog/template_store.h"
#include "http/app.h"
#include "jobs/export_types.h"
#include "pipeline/producer.h"

namespace dossier::http {
namespace {

// A preview shows a patient's record, so a refused one is audited as a refused export is.
Result<Response> preview(App& app, const Context& ctx) {
  DOSSIER_ASSIGN_OR_RETURN(Json body, ctx.json_body());
  auto rendered =
      pipeline::preview_template(app.db, app.audit_key, ctx.caller, ctx.param("id"), body);
  if (!rendered.ok()) {
    std::optional<std::string> patient;
    if (auto given = body.find("patient_id"); given != body.end() && given->is_string()) {
      patient = given->get<std::string>();
    }
    return audit_refusal(app, ctx.caller, {"preview", 0, std::nullopt, patient}, rendered.error());
  }
  formats::Rendered out = std::move(rendered).value();
  Response r{200, out.content_type, std::move(out.bytes), {}};
  r.headers.emplace_back("Cache-Control", "no-store");
  // Template authors see what was ignored (an unknown asset name…), as exports show it in
  // the job's notes. The notes are fixed phrases, never PHI.
  if (!out.notes.empty()) {
    r.headers.emplace_back("X-Render-Notes", Json(out.notes).dump(-1, ' ', true));
  }
  // A preview's HTML comes from a template: it must not run anything in the browser.
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  return r;
}

}  // namespace

void add_template_routes(Router& router, App& app) {
  router.add("GET", "/api/v1/export/templates", [&app](const Context& ctx) -> Result<Response> {
    catalog::TemplateQuery q;
    q.export_type = ctx.query("export_type");
    if (q.export_type && !jobs::parse_export_type(*q.export_type)) {
      return Error::validation("export_type", "is not an export type");
    }
    DOSSIER_ASSIGN_OR_RETURN(Json list, catalog::list_templates(app.db, q));
    return Response::json(200, list);
  });
  router.add("POST", "/api/v1/export/templates", [&app](const Context& ctx) -> Result<Response> {
    DOSSIER_ASSIGN_OR_RETURN(Json body, ctx.json_body());
    DOSSIER_ASSIGN_OR_RETURN(Json created, catalog::create_template(app.db, ctx.caller, body));
    return Response::json(201, created);
  });
  router.add("GET", "/api/v1/export/templates/{id}",
             [&app](const Context& ctx) -> Result<Response> {
               DOSSIER_ASSIGN_OR_RETURN(Json t, catalog::get_template(app.db, ctx.param("id")));
               return Response::json(200, t);
             });
  router.add("PUT", "/api/v1/export/templates/{id}",
             [&app](const Context& ctx) -> Result<Response> {
               DOSSIER_ASSIGN_OR_RETURN(Json body, ctx.json_body());
               DOSSIER_ASSIGN_OR_RETURN(
                   Json t, catalog::update_template(app.db, ctx.caller, ctx.param("id"), body));
               return Response::json(200, t);
             });
  router.add("POST", "/api/v1/export/templates/{id}/preview",
             [&app](const Context& ctx) { return preview(app, ctx); });
  router.add("DELETE", "/api/v1/export/templates/{id}",
             [&app](const Context& ctx) -> Result<Response> {
               DOSSIER_TRY(catalog::delete_template(app.db, ctx.caller, ctx.param("id")));
               return Response::json(200, {{"id", ctx.param("id")}, {"deleted", true}});
             });
}

}  // namespace dossier::http
