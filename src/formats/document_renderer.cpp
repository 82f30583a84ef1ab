#include "formats/document_renderer.h"

#include <algorithm>

#include "catalog/render_template.h"
#include "doc/render.h"
#include "docx/docx_writer.h"
#include "formats/inline_images.h"

namespace dossier::formats {
namespace {

// The document engine's notes name what was ignored, in its own words (no content).
std::vector<std::string> unique_notes(const std::vector<std::string>& notes) {
  std::vector<std::string> out;
  for (const auto& n : notes) {
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

}  // namespace

Result<Rendered> render_document(const RenderInput& input) {
  if (input.template_source.empty()) {
    return Error::make(ErrorCode::kUnprocessable, "no template for this export");
  }
  DOSSIER_ASSIGN_OR_RETURN(
      std::string html,
      catalog::render_template_html(input.template_source, input.context, input.template_name));
  if (input.format == "html") {
    return Rendered{inline_asset_images(std::move(html), input.assets), {}, {}, {}};
  }
  // Both engines take whole-second UTC timestamps.
  const std::string created = input.created_at.empty() ? "" : input.created_at.substr(0, 19) + "Z";
  doc::RenderOptions options;
  options.creation_date = created;
  options.assets = input.assets;
  if (input.format == "pdf") {
    DOSSIER_ASSIGN_OR_RETURN(doc::RenderedPdf pdf, doc::render_pdf(html, options));
    return Rendered{std::move(pdf.bytes), {}, {}, unique_notes(pdf.notes)};
  }
  DOSSIER_ASSIGN_OR_RETURN(doc::Document document, doc::build_document(html, options));
  docx::DocxOptions docx_options;
  docx_options.created = created;
  DOSSIER_ASSIGN_OR_RETURN(std::string bytes, docx::write_docx(document, docx_options));
  return Rendered{std::move(bytes), {}, {}, unique_notes(document.notes)};
}

}  // namespace dossier::formats
