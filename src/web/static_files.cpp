// web.h: /static/{name}, the files under src/web/static, compiled in (views.h).
#include "http/error_mapping.h"
#include "web/views.h"
#include "web/web.h"

namespace dossier::web {
namespace {

std::string content_type_of(const std::string& name) {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace

void add_static_files(http::Router& router) {
  router.add(
      "GET", "/static/{name}",
      [](const http::Context& ctx) -> Result<http::Response> {
        const std::string& name = ctx.param("name");
        const std::string* content = static_file(name);
        if (!content) return Error::not_found("file");
        http::Response response;
        response.content_type = content_type_of(name);
        response.body = *content;
        // Revalidated on each use: the file changes with the binary, not with a version in
        // its name. It holds no PHI, so a cache may keep it.
        response.headers.emplace_back("Cache-Control", "no-cache");
        add_page_headers(response);
        return response;
      },
      /*authenticated=*/false);
}

}  // namespace dossier::web
