#include "web/page.h"

#include <algorithm>

#include "core/log.h"
#include "core/utf8.h"
#include "http/error_mapping.h"
#include "web/cookies.h"
#include "web/csrf.h"
#include "web/views.h"

namespace dossier::web {
namespace {

std::string header(const http::Request& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

// A POST's form, or why it cannot be read. A multipart form (a file upload) gives its plain
// fields here; its files stay in request.parts for the handler.
Result<FormFields> read_form(const http::Request& request) {
  const std::string type = header(request, "content-type");
  if (type.starts_with("multipart/form-data")) {
    FormFields fields;
    for (const auto& part : request.parts) {
      if (!part.filename.empty()) continue;
      if (make_valid_utf8(part.content) != part.content) {
        return Error::validation("body", "is not a well-formed form submission");
      }
      fields.emplace(part.name, part.content);
    }
    return fields;
  }
  if (!type.starts_with("application/x-www-form-urlencoded")) {
    return Error::validation("body",
                             "must be a form submission (application/x-www-form-urlencoded)");
  }
  return parse_form(request.body);
}

Error csrf_refused() {
  return Error::make(ErrorCode::kForbidden, "the form's token is missing or out of date");
}

// Authenticates and checks the request as `access` demands; OK when the handler may run.
Status admit(Page& page, Access access) {
  const bool post = page.request.method == "POST";
  if (post) {
    DOSSIER_ASSIGN_OR_RETURN(page.form, read_form(page.request));
  }
  if (access == Access::kSignedOut) {
    if (post && !csrf_token_matches(page.cookie(pre_session_cookie_name(page.site)).value_or(""),
                                    page.form)) {
      return csrf_refused();
    }
    return {};
  }
  const auto secret = page.cookie(session_cookie_name(page.site));
  DOSSIER_ASSIGN_OR_RETURN(auth::WebSession session,
                           auth::resume_session(page.site.db, secret.value_or(""),
                                                page.site.sessions, page.site.clock.now()));
  http::stamp_origin(session.caller, page.request);
  page.session = std::move(session);
  if (post && !csrf_token_matches(page.session->csrf_token, page.form)) return csrf_refused();
  return {};
}

// Where a request without a live session goes: the sign-in page, which says the session ended
// when the browser still held one (idle on a shared workstation, most often). The dead cookie
// is dropped.
http::Response signed_out(const Page& page) {
  const std::string name = session_cookie_name(page.site);
  if (!page.cookie(name)) return redirect("/");
  http::Response response = redirect("/?ended=1");
  response.headers.emplace_back(
      "Set-Cookie", set_cookie(name, "", {.secure = page.site.secure_cookies, .max_age = 0}));
  return response;
}

http::Response run(const Site& site, const std::string& pattern, const http::Request& request,
                   std::map<std::string, std::string> params, Access access,
                   const PageHandler& handler) {
  Page page{site, request, std::move(params), {}, std::nullopt};
  http::Response response;
  try {
    Status admitted = admit(page, access);
    if (!admitted.ok() && admitted.error().code == ErrorCode::kUnauthenticated) {
      response = signed_out(page);
    } else if (!admitted.ok()) {
      response = error_page(page, admitted.error());
    } else {
      auto handled = handler(page);
      response = handled.ok() ? std::move(handled).value() : error_page(page, handled.error());
    }
  } catch (const std::exception&) {
    // what() may quote input; only the route goes to the log.
    log::error("page_exception", {{"route", pattern}});
    response = error_page(page, Error::internal("internal error"));
  }
  add_page_headers(response);
  return response;
}

struct ErrorText {
  const char* heading;
  const char* message;
};

ErrorText error_text(const Error& error) {
  switch (error.code) {
    case ErrorCode::kNotFound:
      return {"Not found", "There is no such page, or it is not one you may see."};
    case ErrorCode::kForbidden:
      return {"Not allowed",
              "This was refused. If you were sending a form, it may have expired: go back, reload "
              "the page and try again."};
    case ErrorCode::kValidation:
      return {"The request could not be read", "Some of what was sent is not valid:"};
    case ErrorCode::kRateLimited:
      return {"Too many requests", "Wait a few minutes, then try again."};
    default:
      return {"Something went wrong", "Dossier could not show this page. Try again later."};
  }
}

}  // namespace

std::string session_cookie_name(const Site& site) {
  return site.secure_cookies ? "__Host-dossier_session" : "dossier_session";
}

std::string pre_session_cookie_name(const Site& site) {
  return site.secure_cookies ? "__Host-dossier_sign_in" : "dossier_sign_in";
}

std::string Page::query(const std::string& name) const {
  auto it = request.query.find(name);
  return it == request.query.end() ? "" : it->second;
}

std::optional<std::string> Page::cookie(std::string_view name) const {
  return cookie_value(header(request, "cookie"), name);
}

void add_page(http::Router& router, const Site& site, std::string method, std::string pattern,
              Access access, PageHandler handler) {
  // The router matched the route; it hands the path parameters over in its Context.
  auto page = [&site, pattern, access,
               handler = std::move(handler)](const http::Context& ctx) -> Result<http::Response> {
    return run(site, pattern, ctx.request, ctx.params, access, handler);
  };
  router.add(std::move(method), std::move(pattern), std::move(page), /*authenticated=*/false);
}

void add_page_headers(http::Response& response) {
  auto has = [&response](std::string_view name) {
    return std::any_of(response.headers.begin(), response.headers.end(),
                       [name](const auto& h) { return h.first == name; });
  };
  // A handler that set a policy of its own (a template preview, shown in Dossier's own frame
  // and allowed nothing at all) keeps it; it then decides its framing too.
  if (!has("Content-Security-Policy")) {
    response.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
        "object-src 'none'");
    response.headers.emplace_back("X-Frame-Options", "DENY");
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  // Pages show the record: no cache keeps them (a shared workstation's Back button included).
  if (!has("Cache-Control")) response.headers.emplace_back("Cache-Control", "no-store");
}

Result<Json> shell_for(const Page& page, std::string_view title, std::string_view current) {
  DOSSIER_ASSIGN_OR_RETURN(Json practice,
                           page.site.db.query_one("SELECT name, time_zone FROM practice"));
  const bool zoned = !practice.is_null() && practice["time_zone"].is_string();
  Json shell = {{"practice", practice.is_null() ? Json("Dossier") : practice["name"]},
                {"time_zone", zoned ? practice["time_zone"] : Json("UTC")},
                {"title", title},
                {"user", nullptr},
                {"csrf_token", ""},
                {"nav", Json::array()}};
  if (!page.session) return shell;
  const auth::Caller& caller = page.caller();
  DOSSIER_ASSIGN_OR_RETURN(
      Json user, page.site.db.query_one("SELECT given_name, family_name FROM users WHERE id = ?",
                                        {caller.user_id}));
  if (!user.is_null()) {
    shell["user"] = {{"name", user["given_name"].get<std::string>() + " " +
                                  user["family_name"].get<std::string>()},
                     {"role", auth::role_name(caller.role)}};
  }
  shell["csrf_token"] = page.session->csrf_token;
  std::vector<std::pair<const char*, const char*>> links = {{"/clients", "Clients"},
                                                            {"/export", "Export"},
                                                            {"/jobs", "Jobs"},
                                                            {"/templates", "Templates"}};
  if (caller.is_admin()) links.emplace_back("/audit", "Audit");
  for (const auto& [href, label] : links) {
    shell["nav"].push_back({{"href", href}, {"label", label}, {"current", href == current}});
  }
  return shell;
}

Result<http::Response> render_page(const Page& page, std::string_view name, std::string_view title,
                                   std::string_view current, const Json& data, int status) {
  DOSSIER_ASSIGN_OR_RETURN(Json shell, shell_for(page, title, current));
  DOSSIER_ASSIGN_OR_RETURN(std::string html, render_view(name, data, shell));
  http::Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(html);
  return response;
}

http::Response redirect(std::string location) {
  http::Response response;
  response.status = 303;
  response.content_type = "text/plain; charset=utf-8";
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

http::Response error_page(const Page& page, const Error& error) {
  const ErrorText text = error_text(error);
  Json fields = Json::array();
  if (error.code == ErrorCode::kValidation) {
    for (const auto& f : error.fields) fields.push_back({{"path", f.path}, {"problem", f.problem}});
  }
  const Json data = {{"heading", text.heading}, {"message", text.message}, {"fields", fields}};
  const int status = http::status_for(error.code);
  auto rendered = render_page(page, "error", text.heading, "", data, status);
  if (rendered.ok()) return std::move(rendered).value();
  // Not even the error page renders (the database is down): a page without the shell.
  http::Response bare;
  bare.status = status;
  bare.content_type = "text/html; charset=utf-8";
  bare.body = std::string("<!DOCTYPE html><html lang=\"en\"><title>Dossier</title><h1>") +
              text.heading + "</h1><p>" + text.message + "</p></html>";
  return bare;
}

}  // namespace dossier::web
