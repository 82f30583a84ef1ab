// Errors of the FHIR API: the same protocol-neutral errors as the rest of the API, but
// answered as an OperationOutcome resource (application/fhir+json) with the same status.
#pragma once

#include "core/error.h"
#include "core/json.h"
#include "http/router.h"

namespace dossier::http {

//! The OperationOutcome of an error: one issue for the error (its FHIR issue type from the
//! error code, its detail as diagnostics) and one per field problem (its path as expression).
Json operation_outcome(const Error& error);

//! `response` unchanged when it is no error; else its JSON error body (error_mapping's shape)
//! as an OperationOutcome, status and headers (Retry-After) kept.
Response as_operation_outcome(Response response);

}  // namespace dossier::http
