// Protocol-neutral errors: what went wrong, in words safe to show a client.
//
// An Error never carries PHI: `detail` and field problems describe the shape of the
// input ("must be a date YYYY-MM-DD"), never its value. The HTTP layer maps `code` to a
// status in one place (http/error_mapping).
#pragma once

#include <string>
#include <vector>

namespace dossier {

enum class ErrorCode {
  kValidation,       //!< the request is malformed; `fields` says where
  kUnauthenticated,  //!< no or bad credentials
  kForbidden,        //!< authenticated, but the role may not do this
  kNotFound,         //!< absent, or present but invisible to the caller
  kConflict,         //!< state forbids it (e.g. editing a signed note)
  kGone,             //!< existed, but has expired
  kTooLarge,         //!< the payload exceeds a limit
  kUnprocessable,    //!< well-formed but cannot be acted upon (e.g. a template that does not parse)
  kRateLimited,      //!< too many at once; try later
  kUnavailable,      //!< a dependency is down
  kInternal,         //!< a bug or an environment failure
};

struct FieldProblem {
  std::string path;     //!< dotted path into the request body, e.g. "include_sections.goals"
  std::string problem;  //!< what is wrong, without echoing the value
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;
  std::vector<FieldProblem> fields;

  static Error validation(std::string path, std::string problem);
  static Error not_found(std::string what);
  static Error internal(std::string detail);
  static Error make(ErrorCode code, std::string detail);

  //! The detail and each field's problem in one line ("the request is not valid; format must
  //! be one of …"), for where an error is kept as text: a job's or a scheduled run's.
  std::string summary() const;
};

//! The machine-readable name of a code, as sent in the "error" member.
const char* error_code_name(ErrorCode code);

}  // namespace dossier
