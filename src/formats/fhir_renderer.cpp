#include "formats/fhir_renderer.h"

#include "fhir/export_bundle.h"
#include "jobs/export_types.h"

namespace dossier::formats {

Result<Rendered> render_fhir(const Json& context, const ByteSink& out) {
  DOSSIER_ASSIGN_OR_RETURN(Json bundle, fhir::export_bundle(context));
  DOSSIER_TRY(out(render_json(bundle)));
  return Rendered{{}, ".json", jobs::content_type_for("fhir"), {}};
}

}  // namespace dossier::formats
