#include "formats/fhir_renderer.h"

#include "fhir/export_bundle.h"
#include "jobs/export_types.h"

namespace dossier::formats {

Result<Rendered> render_fhir(const Json& context) {
  DOSSIER_ASSIGN_OR_RETURN(Json bundle, fhir::export_bundle(context));
  return Rendered{
      render_json(bundle), jobs::extension_for("fhir"), jobs::content_type_for("fhir"), {}};
}

}  // namespace dossier::formats
