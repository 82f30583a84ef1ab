#include "http/error_mapping.h"

namespace dossier::http {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kGone:
      return 410;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kUnprocessable:
      return 422;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response error_response(const Error& error) {
  Json body = {{"error", error_code_name(error.code)}, {"detail", error.detail}};
  if (!error.fields.empty()) {
    body["fields"] = Json::array();
    for (const auto& f : error.fields)
      body["fields"].push_back({{"path", f.path}, {"problem", f.problem}});
  }
  Response r = Response::json(status_for(error.code), body);
  if (error.code == ErrorCode::kUnauthenticated)
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace dossier::http
