#include "http/fhir_outcome.h"

#include <array>

namespace dossier::http {
namespace {

// The FHIR issue type (http://hl7.org/fhir/issue-type) of each error code.
const char* issue_type(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
      return "invalid";
    case ErrorCode::kUnauthenticated:
      return "login";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not-found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kGone:
      return "deleted";
    case ErrorCode::kTooLarge:
      return "too-costly";
    case ErrorCode::kUnprocessable:
      return "processing";
    case ErrorCode::kRateLimited:
      return "throttled";
    case ErrorCode::kUnavailable:
      return "transient";
    case ErrorCode::kInternal:
      return "exception";
  }
  return "exception";
}

ErrorCode code_named(const std::string& name) {
  constexpr std::array kCodes = {
      ErrorCode::kValidation,  ErrorCode::kUnauthenticated, ErrorCode::kForbidden,
      ErrorCode::kNotFound,    ErrorCode::kConflict,        ErrorCode::kGone,
      ErrorCode::kTooLarge,    ErrorCode::kUnprocessable,   ErrorCode::kRateLimited,
      ErrorCode::kUnavailable, ErrorCode::kInternal};
  for (ErrorCode c : kCodes) {
    if (name == error_code_name(c)) return c;
  }
  return ErrorCode::kInternal;
}

}  // namespace

Json operation_outcome(const Error& error) {
  Json issues = Json::array();
  issues.push_back(
      {{"severity", "error"}, {"code", issue_type(error.code)}, {"diagnostics", error.detail}});
  for (const auto& f : error.fields) {
    issues.push_back({{"severity", "error"},
                      {"code", issue_type(error.code)},
                      {"diagnostics", f.problem},
                      {"expression", Json::array({f.path})}});
  }
  return {{"resourceType", "OperationOutcome"}, {"issue", issues}};
}

Response as_operation_outcome(Response response) {
  if (response.status < 400) return response;
  const Json body = Json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("error")) return response;
  Error error{
      code_named(body.value("error", std::string())), body.value("detail", std::string()), {}};
  for (const auto& f : body.value("fields", Json::array())) {
    error.fields.push_back({f.value("path", std::string()), f.value("problem", std::string())});
  }
  response.content_type = "application/fhir+json";
  response.body = operation_outcome(error).dump();
  return response;
}

}  // namespace dossier::http
