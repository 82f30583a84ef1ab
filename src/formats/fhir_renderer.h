// The `fhir` format: the Context as a FHIR R4 Bundle (fhir/export_bundle.h), serialized as
// application/fhir+json.
#pragma once

#include "core/json.h"
#include "core/result.h"
#include "formats/renderer.h"

namespace dossier::formats {

//! kUnprocessable when the Context is of no export type FHIR maps.
Result<Rendered> render_fhir(const Json& context, const ByteSink& out);

}  // namespace dossier::formats
