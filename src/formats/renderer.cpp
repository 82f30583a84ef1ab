#include "formats/renderer.h"

#include "formats/claim_renderers.h"
#include "formats/csv_renderer.h"
#include "formats/document_renderer.h"
#include "formats/fhir_renderer.h"
#include "formats/xlsx_renderer.h"
#include "jobs/export_types.h"

namespace dossier::formats {

std::string render_json(const Json& context) {
  return context.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<Rendered> render(const RenderInput& input, const ByteSink& out) {
  if (input.format == "json") {
    DOSSIER_TRY(out(render_json(input.context)));
    return Rendered{{}, ".json", "application/json", {}};
  }
  if (input.format == "csv") return render_csv(input, out);
  if (input.format == "xlsx") return render_xlsx(input, out);
  if (input.format == "fhir") return render_fhir(input.context, out);
  if (input.format == "pdf" || input.format == "docx" || input.format == "html") {
    DOSSIER_ASSIGN_OR_RETURN(Rendered document, render_document(input));
    DOSSIER_TRY(out(document.bytes));
    return Rendered{{},
                    jobs::extension_for(input.format),
                    jobs::content_type_for(input.format),
                    std::move(document.notes)};
  }
  if (is_claim_format(input.format)) {
    DOSSIER_ASSIGN_OR_RETURN(Rendered claim, render_claim(input));
    DOSSIER_TRY(out(claim.bytes));
    return Rendered{
        {}, std::move(claim.extension), std::move(claim.content_type), std::move(claim.notes)};
  }
  return Error::make(ErrorCode::kUnprocessable, "no renderer for this format");
}

Result<Rendered> render(const RenderInput& input) {
  std::string bytes;
  DOSSIER_ASSIGN_OR_RETURN(Rendered rendered, render(input, [&bytes](std::string_view chunk) {
                             bytes.append(chunk);
                             return Status{};
                           }));
  rendered.bytes = std::move(bytes);
  return rendered;
}

}  // namespace dossier::formats
