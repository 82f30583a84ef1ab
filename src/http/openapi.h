// The OpenAPI 3 description of the API, maintained by hand in openapi.json next to this
// file and compiled into the binary. openapi_test keeps it true to the router.
#pragma once

#include "core/json.h"

namespace dossier::http {

const Json& openapi_document();

}  // namespace dossier::http
