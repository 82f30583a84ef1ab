// The one place where protocol-neutral errors become HTTP responses:
// {"error": "validation_failed", "detail": "…", "fields": [{"path", "problem"}]}.
#pragma once

#include "core/error.h"
#include "http/router.h"

namespace dossier::http {

int status_for(ErrorCode code);
Response error_response(const Error& error);

}  // namespace dossier::http
