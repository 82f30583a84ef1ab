// /api/v1/export/scheduled: thin handlers over schedule::ScheduleStore.
#include "http/app.h"
#include "schedule/schedule_store.h"

namespace dossier::http {

void add_schedule_routes(Router& router, App& app) {
  const auto store = [&app] { return schedule::ScheduleStore(app.db, system_clock(), app.keys); };
  router.add(
      "POST", "/api/v1/export/scheduled", [&app, store](const Context& ctx) -> Result<Response> {
        DOSSIER_ASSIGN_OR_RETURN(Json body, ctx.json_body());
        auto created = store().create(ctx.caller, body);
        if (!created.ok()) {
          // Asking to schedule exports of a patient one may not see is audited as
          // asking for the export is.
          std::optional<std::string> patient;
          if (auto given = body.find("patient_id"); given != body.end() && given->is_string()) {
            patient = given->get<std::string>();
          }
          return audit_refusal(app, ctx.caller, {"create_schedule", 0, std::nullopt, patient},
                               created.error());
        }
        Response r = Response::json(201, *created);
        r.headers.emplace_back("Location",
                               "/api/v1/export/scheduled/" + (*created)["id"].get<std::string>());
        return r;
      });
  router.add("GET", "/api/v1/export/scheduled", [store](const Context& ctx) -> Result<Response> {
    DOSSIER_ASSIGN_OR_RETURN(Json list, store().list(ctx.caller));
    return Response::json(200, list);
  });
  router.add("GET", "/api/v1/export/scheduled/{id}",
             [store](const Context& ctx) -> Result<Response> {
               DOSSIER_ASSIGN_OR_RETURN(Json s, store().get(ctx.caller, ctx.param("id")));
               return Response::json(200, s);
             });
  router.add("PATCH", "/api/v1/export/scheduled/{id}",
             [store](const Context& ctx) -> Result<Response> {
               DOSSIER_ASSIGN_OR_RETURN(Json body, ctx.json_body());
               DOSSIER_ASSIGN_OR_RETURN(Json s, store().update(ctx.caller, ctx.param("id"), body));
               return Response::json(200, s);
             });
  router.add("DELETE", "/api/v1/export/scheduled/{id}",
             [store](const Context& ctx) -> Result<Response> {
               DOSSIER_TRY(store().cancel(ctx.caller, ctx.param("id")));
               return Response{204, "application/json", {}, {}};
             });
}

}  // namespace dossier::http
