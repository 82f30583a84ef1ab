// /api/v1/export/templates/{id}/assets: thin handlers over catalog::template_assets.
#include "catalog/template_assets.h"
#include "http/app.h"

namespace dossier::http {
namespace {

std::string content_type_of(const Context& ctx) {
  auto it = ctx.request.headers.find("content-type");
  return it == ctx.request.headers.end() ? "" : it->second;
}

}  // namespace

void add_template_asset_routes(Router& router, App& app) {
  const std::string one = "/api/v1/export/templates/{id}/assets/{name}";
  router.add("GET", "/api/v1/export/templates/{id}/assets",
             [&app](const Context& ctx) -> Result<Response> {
               DOSSIER_ASSIGN_OR_RETURN(Json list,
                                        catalog::list_template_assets(app.db, ctx.param("id")));
               return Response::json(200, list);
             });
  router.add("PUT", one, [&app](const Context& ctx) -> Result<Response> {
    DOSSIER_ASSIGN_OR_RETURN(
        catalog::StoredAsset stored,
        catalog::put_template_asset(app.db, ctx.caller, ctx.param("id"), ctx.param("name"),
                                    content_type_of(ctx), ctx.request.body));
    return Response::json(stored.created ? 201 : 200, stored.info);
  });
  router.add("GET", one, [&app](const Context& ctx) -> Result<Response> {
    DOSSIER_ASSIGN_OR_RETURN(
        catalog::AssetBytes asset,
        catalog::get_template_asset(app.db, ctx.param("id"), ctx.param("name")));
    Response r{200, asset.content_type, std::move(asset.bytes), {}};
    // An SVG opened straight from the API must not run anything in the browser.
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("DELETE", one, [&app](const Context& ctx) -> Result<Response> {
    DOSSIER_TRY(
        catalog::delete_template_asset(app.db, ctx.caller, ctx.param("id"), ctx.param("name")));
    return Response{204, "", "", {}};
  });
}

}  // namespace dossier::http
