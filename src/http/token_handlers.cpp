// /api/v1/auth/tokens: admins list API tokens (never their hashes) and revoke them. Thin
// handlers over auth::.
#include "auth/tokens.h"
#include "core/ids.h"
#include "core/log.h"
#include "http/app.h"

namespace dossier::http {
namespace {

Status require_admin(const Context& ctx) {
  if (!ctx.caller.is_admin()) return Error::make(ErrorCode::kForbidden, "tokens are for admins");
  return {};
}

Result<auth::TokenQuery> parse_token_query(const Context& ctx) {
  auth::TokenQuery q;
  DOSSIER_TRY(parse_limit(ctx, q.limit));
  q.user_id = ctx.query("user_id");
  if (q.user_id && !is_uuid(*q.user_id)) return Error::validation("user_id", "must be a UUID");
  q.cursor = ctx.query("cursor");
  if (q.cursor && !is_uuid(*q.cursor))
    return Error::validation("cursor", "is not a cursor from a previous page");
  return q;
}

}  // namespace

void add_token_routes(Router& router, App& app) {
  router.add("GET", "/api/v1/auth/tokens", [&app](const Context& ctx) -> Result<Response> {
    DOSSIER_TRY(require_admin(ctx));
    DOSSIER_ASSIGN_OR_RETURN(auth::TokenQuery q, parse_token_query(ctx));
    DOSSIER_ASSIGN_OR_RETURN(Json list, auth::list_tokens(app.db, q));
    return Response::json(200, list);
  });
  router.add("DELETE", "/api/v1/auth/tokens/{token_id}",
             [&app](const Context& ctx) -> Result<Response> {
               DOSSIER_TRY(require_admin(ctx));
               DOSSIER_TRY(auth::revoke_token(app.db, ctx.param("token_id")));
               log::info("token_revoked",
                         {{"token_id", ctx.param("token_id")}, {"by", ctx.caller.user_id}});
               return Response{204, "application/json", {}, {}};
             });
}

}  // namespace dossier::http
