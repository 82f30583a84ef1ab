#include "http/router.h"

#include "auth/tokens.h"
#include "core/crypto.h"
#include "core/log.h"
#include "http/error_mapping.h"
#include "http/fhir_outcome.h"

namespace dossier::http {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::optional<std::map<std::string, std::string>> match(const std::string& pattern,
                                                        const std::string& path) {
  const auto p = split_path(pattern);
  const auto s = split_path(path);
  if (p.size() != s.size()) return std::nullopt;
  std::map<std::string, std::string> params;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i].size() > 2 && p[i].front() == '{' && p[i].back() == '}') {
      if (s[i].empty()) return std::nullopt;
      params[p[i].substr(1, p[i].size() - 2)] = s[i];
    } else if (p[i] != s[i]) {
      return std::nullopt;
    }
  }
  return params;
}

std::string header(const Request& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

// The token of an "Authorization: Bearer …" header; empty when there is none.
std::string bearer_token(const Request& r) {
  const std::string value = header(r, "authorization");
  const std::string prefix = "Bearer ";
  return value.compare(0, prefix.size(), prefix) == 0 ? value.substr(prefix.size()) : "";
}

}  // namespace

void stamp_origin(auth::Caller& caller, const Request& request) {
  caller.ip_address = request.remote_addr;
  caller.user_agent = header(request, "user-agent");
}

Result<auth::Caller> authenticate_bearer(db::Database& db, const Request& r) {
  // Bearer tokens only, never the web pages' session cookie: a browser sends cookies along with
  // requests other sites make it send, which would let them call the API as the user (CSRF).
  const std::string token = bearer_token(r);
  if (token.empty()) {
    return Error::make(ErrorCode::kUnauthenticated, "a valid bearer token is required");
  }
  DOSSIER_ASSIGN_OR_RETURN(auth::Caller caller, auth::authenticate(db, token));
  stamp_origin(caller, r);
  return caller;
}

Response Response::json(int status, const Json& body) {
  return {
      status, "application/json", body.dump(-1, ' ', false, Json::error_handler_t::replace), {}};
}

std::optional<std::string> Context::query(const std::string& name) const {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  return it->second;
}

Result<Json> Context::json_body() const {
  if (request.body.empty()) return Error::validation("body", "a JSON body is required");
  Json body = Json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return Error::validation("body", "is not valid JSON");
  return body;
}

void Router::add(std::string method, std::string pattern, Handler handler, bool authenticated) {
  routes_.push_back({std::move(method), std::move(pattern), authenticated, std::move(handler)});
}

std::string Router::pattern_for(const std::string& method, const std::string& path) const {
  for (const auto& r : routes_) {
    if (r.method == method && match(r.pattern, path)) return r.pattern;
  }
  return "unmatched";
}

Response Router::dispatch(const Request& request) const {
  Response response = dispatch_route(request);
  if (request.path.rfind("/fhir/", 0) == 0) return as_operation_outcome(std::move(response));
  return response;
}

Response Router::dispatch_route(const Request& request) const {
  bool path_known = false;
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  for (const auto& r : routes_) {
    auto matched = match(r.pattern, request.path);
    if (!matched) continue;
    path_known = true;
    if (r.method != request.method) continue;
    route = &r;
    params = std::move(*matched);
    break;
  }
  std::optional<Result<auth::Caller>> caller;
  if (route && route->authenticated) caller = authenticate_bearer(db_, request);
  if (limiter_) {
    // Only a token that authenticated has a bucket of its own: a made-up one per request
    // would otherwise start full every time.
    const std::string key = caller && caller->ok()
                                ? "token:" + crypto::sha256_hex(bearer_token(request))
                                : "addr:" + request.remote_addr;
    if (auto wait = limiter_->take(key)) {
      Response r = error_response(
          Error::make(ErrorCode::kRateLimited, "too many requests; retry after the time given"));
      r.headers.emplace_back("Retry-After", std::to_string(wait->count()));
      return r;
    }
  }
  if (!route) {
    if (path_known)
      return error_response(Error::make(ErrorCode::kNotFound, "method not allowed on this path"));
    return error_response(Error::not_found("route"));
  }
  Context ctx{request, std::move(params), {}};
  if (caller) {
    if (!caller->ok()) return error_response(caller->error());
    ctx.caller = std::move(*caller).value();
  }
  try {
    auto result = route->handler(ctx);
    return result.ok() ? std::move(result).value() : error_response(result.error());
  } catch (const std::exception&) {
    // what() may quote input; only the route goes to the log.
    log::error("handler_exception", {{"route", route->pattern}});
    return error_response(Error::internal("internal error"));
  }
}

}  // namespace dossier::http
