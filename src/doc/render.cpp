#include "doc/render.h"

#include "doc/html_parser.h"
#include "doc/layout.h"
#include "doc/pango_measurer.h"
#include "doc/pdf_painter.h"
#include "doc/png_painter.h"
#include "doc/tree_builder.h"

namespace dossier::doc {

Result<Document> build_document(std::string_view html, const RenderOptions& options) {
  DOSSIER_ASSIGN_OR_RETURN(Dom dom, parse_html(html));
  return build_tree(dom, options);
}

Result<RenderedPdf> render_pdf(std::string_view html, const RenderOptions& options) {
  DOSSIER_ASSIGN_OR_RETURN(Document doc, build_document(html, options));
  PangoMeasurer measurer;
  const LayoutResult layout = layout_document(doc, measurer);
  DOSSIER_ASSIGN_OR_RETURN(std::string bytes,
                           paint_pdf(layout, PdfInfo{doc.metadata, options.creation_date}));
  return RenderedPdf{std::move(bytes), static_cast<int>(layout.pages.size()), std::move(doc.notes)};
}

Result<std::vector<std::string>> render_png_pages(std::string_view html,
                                                  const RenderOptions& options, double dpi) {
  DOSSIER_ASSIGN_OR_RETURN(Document doc, build_document(html, options));
  PangoMeasurer measurer;
  const LayoutResult layout = layout_document(doc, measurer);
  std::vector<std::string> pages;
  for (size_t i = 0; i < layout.pages.size(); ++i) {
    DOSSIER_ASSIGN_OR_RETURN(std::string png, paint_png(layout, i, dpi));
    pages.push_back(std::move(png));
  }
  return pages;
}

}  // namespace dossier::doc
