// A small router independent of the HTTP library: routes are plain functions from a
// parsed request to a Result, so handlers are testable without a server and the one
// place that turns Errors into HTTP responses is error_mapping.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "http/rate_limit.h"
#include "storage/blob_store.h"

namespace dossier::http {

//! One part of a multipart/form-data body (a web page's file upload).
struct FormPart {
  std::string name;
  std::string filename;  //!< "" for a plain field
  std::string content_type;
  std::string content;
};

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  //!< lower-case names
  std::string body;
  std::string remote_addr;
  //! A multipart/form-data body's parts, as the server parsed them (`body` is then empty).
  std::vector<FormPart> parts;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  //! When set, the body is streamed from here instead (a stored export of any size).
  std::shared_ptr<storage::BlobReader> stream;

  static Response json(int status, const Json& body);
};

//! What a handler receives: the request, its path parameters and, on authenticated
//! routes, the caller.
struct Context {
  const Request& request;
  std::map<std::string, std::string> params;
  auth::Caller caller;

  const std::string& param(const std::string& name) const { return params.at(name); }
  std::optional<std::string> query(const std::string& name) const;
  //! The body as JSON; a kValidation error on "body" when it is not.
  Result<Json> json_body() const;
};

using Handler = std::function<Result<Response>(const Context&)>;

//! Records where `request` came from (address, user agent) on `caller`, for the audit log.
void stamp_origin(auth::Caller& caller, const Request& request);

//! The caller of a request's bearer token, with its address and user agent; what the router
//! does for authenticated routes, for handlers that accept other credentials as well.
Result<auth::Caller> authenticate_bearer(db::Database& db, const Request& request);

struct Route {
  std::string method;
  std::string pattern;  //!< "/api/v1/export/jobs/{job_id}"
  bool authenticated = true;
  Handler handler;
};

class Router {
 public:
  explicit Router(db::Database& db) : db_(db) {}

  void add(std::string method, std::string pattern, Handler handler, bool authenticated = true);

  //! Limits every request from here on, before its handler runs: those of a valid bearer
  //! token count against the token, all others (no token, a token that fails, routes that
  //! take none such as downloads by signed link) against the remote address. Over the limit:
  //! 429 with Retry-After. `limiter` outlives the router.
  void limit_rate(RateLimiter& limiter) { limiter_ = &limiter; }

  //! Routes, authenticates, applies the rate limit and runs the handler; never throws,
  //! always answers. Errors under /fhir/ are answered as FHIR OperationOutcomes.
  Response dispatch(const Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

  //! The pattern that matches `method` and `path`, for logs (ids stay out of them).
  std::string pattern_for(const std::string& method, const std::string& path) const;

 private:
  Response dispatch_route(const Request& request) const;

  db::Database& db_;
  std::vector<Route> routes_;
  RateLimiter* limiter_ = nullptr;
};

}  // namespace dossier::http
