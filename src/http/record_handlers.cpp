// /api/v1/{resource}: the clinical record's ingest and read API, thin over record::.
#include "http/app.h"
#include "record/resources.h"

namespace dossier::http {
namespace {

Result<record::ListQuery> parse_list_query(const Context& ctx) {
  record::ListQuery q;
  DOSSIER_TRY(parse_limit(ctx, q.limit));
  q.patient_id = ctx.query("patient_id");
  q.session_id = ctx.query("session_id");
  q.treatment_plan_id = ctx.query("treatment_plan_id");
  q.goal_id = ctx.query("goal_id");
  q.user_id = ctx.query("user_id");
  q.cursor = ctx.query("cursor");
  return q;
}

void add_resource(Router& router, App& app, const std::string& name) {
  const std::string base = "/api/v1/" + name;
  router.add("POST", base, [&app, name](const Context& ctx) -> Result<Response> {
    DOSSIER_ASSIGN_OR_RETURN(Json body, ctx.json_body());
    DOSSIER_ASSIGN_OR_RETURN(Json created, record::create(app.db, ctx.caller, name, body));
    return Response::json(201, created);
  });
  router.add("GET", base, [&app, name](const Context& ctx) -> Result<Response> {
    DOSSIER_ASSIGN_OR_RETURN(record::ListQuery q, parse_list_query(ctx));
    DOSSIER_ASSIGN_OR_RETURN(Json page, record::list(app.db, ctx.caller, name, q));
    return Response::json(200, page);
  });
  router.add("GET", base + "/{id}", [&app, name](const Context& ctx) -> Result<Response> {
    DOSSIER_ASSIGN_OR_RETURN(Json row, record::get(app.db, ctx.caller, name, ctx.param("id")));
    return Response::json(200, row);
  });
  router.add("PATCH", base + "/{id}", [&app, name](const Context& ctx) -> Result<Response> {
    DOSSIER_ASSIGN_OR_RETURN(Json patch, ctx.json_body());
    DOSSIER_ASSIGN_OR_RETURN(Json row,
                             record::update(app.db, ctx.caller, name, ctx.param("id"), patch));
    return Response::json(200, row);
  });
}

}  // namespace

void add_record_routes(Router& router, App& app) {
  for (const auto& name : record::resource_names()) add_resource(router, app, name);
  router.add(
      "GET", "/api/v1/attachments/{id}/content", [&app](const Context& ctx) -> Result<Response> {
        DOSSIER_ASSIGN_OR_RETURN(Json meta,
                                 record::get(app.db, ctx.caller, "attachments", ctx.param("id")));
        DOSSIER_ASSIGN_OR_RETURN(std::string bytes,
                                 record::attachment_bytes(app.db, ctx.caller, ctx.param("id")));
        Response r{200, meta["content_type"], std::move(bytes), {}};
        r.headers.emplace_back("Content-Disposition", "attachment");
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
      });
}

}  // namespace dossier::http
