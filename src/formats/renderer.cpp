#include "formats/renderer.h"

#include "formats/claim_renderers.h"
#include "formats/document_renderer.h"
#include "jobs/export_types.h"

namespace dossier::formats {

std::string render_json(const Json& context) {
  return context.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<Rendered> render(const RenderInput& input) {
  if (input.format == "json") {
    return Rendered{render_json(input.context), ".json", "application/json", {}};
  }
  if (input.format == "pdf" || input.format == "docx" || input.format == "html") {
    DOSSIER_ASSIGN_OR_RETURN(Rendered out, render_document(input));
    out.extension = jobs::extension_for(input.format);
    out.content_type = jobs::content_type_for(input.format);
    return out;
  }
  if (is_claim_format(input.format)) return render_claim(input);
  return Error::make(ErrorCode::kUnprocessable, "no renderer for this format");
}

}  // namespace dossier::formats
