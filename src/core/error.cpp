#include "core/error.h"

namespace dossier {

Error Error::validation(std::string path, std::string problem) {
  Error e{ErrorCode::kValidation, "the request is not valid", {}};
  e.fields.push_back({std::move(path), std::move(problem)});
  return e;
}

Error Error::not_found(std::string what) {
  return {ErrorCode::kNotFound, what + " not found", {}};
}

Error Error::internal(std::string detail) {
  return {ErrorCode::kInternal, std::move(detail), {}};
}

Error Error::make(ErrorCode code, std::string detail) {
  return {code, std::move(detail), {}};
}

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
      return "validation_failed";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kGone:
      return "gone";
    case ErrorCode::kTooLarge:
      return "payload_too_large";
    case ErrorCode::kUnprocessable:
      return "unprocessable";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal_error";
  }
  return "internal_error";
}

std::string Error::summary() const {
  std::string text = detail;
  for (const auto& f : fields) text += "; " + f.path + " " + f.problem;
  return text;
}

}  // namespace dossier
