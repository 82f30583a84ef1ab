#include "formats/claim_renderers.h"

#include "claims/claim_check.h"
#include "claims/cms1500_pdf.h"
#include "claims/x12_837p.h"
#include "formats/document_renderer.h"
#include "jobs/export_types.h"

namespace dossier::formats {

bool is_claim_format(std::string_view format) {
  return format == "x12" || format == "cms1500" || format == "superbill";
}

Result<Rendered> render_claim(const RenderInput& input) {
  const auto kind = claims::claim_kind_of(input.format);
  if (!kind) return Error::internal("not a claim format");
  DOSSIER_TRY(claims::check_complete(input.context, *kind));
  if (input.format == "x12") {
    std::string bytes =
        claims::write_837p(input.context, {input.control_number, input.created_at, 'P'});
    return Rendered{
        std::move(bytes), jobs::extension_for("x12"), jobs::content_type_for("x12"), {}};
  }
  if (input.format == "cms1500") {
    const std::string day = input.created_at.substr(0, 10);
    DOSSIER_ASSIGN_OR_RETURN(
        std::string bytes, claims::cms1500::paint_pdf(
                               claims::cms1500::form_pages(input.context, day), input.created_at));
    return Rendered{
        std::move(bytes), jobs::extension_for("pdf"), jobs::content_type_for("pdf"), {}};
  }
  RenderInput pdf{
      "pdf",       input.context, input.template_source, input.template_name, input.created_at,
      input.assets};
  DOSSIER_ASSIGN_OR_RETURN(Rendered out, render_document(pdf));
  out.extension = jobs::extension_for("pdf");
  out.content_type = jobs::content_type_for("pdf");
  return out;
}

}  // namespace dossier::formats
