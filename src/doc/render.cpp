#include "doc/render.h"

#include "doc/html_parser.h"
#include "doc/layout.h"
#include "doc/pango_measurer.h"
#include "doc/pdf_painter.h"
#include "doc/png_painter.h"
#include "doc/tree_builder.h"

namespace dossier::doc {

namespace {

// Styling and layout take time and memory in proportion to the nodes of the document: a
// million paragraphs took over a minute and gigabytes. A whole record of a long treatment is
// a few tens of thousands.
constexpr size_t kMaxNodes = 250'000;

size_t count_nodes(const DomNode& node) {
  size_t n = 1;
  for (const auto& child : node.children) n += count_nodes(*child);
  return n;
}

}  // namespace

Result<Document> build_document(std::string_view html, const RenderOptions& options) {
  DOSSIER_ASSIGN_OR_RETURN(Dom dom, parse_html(html));
  if (count_nodes(*dom.root) > kMaxNodes) {
    return Error::make(ErrorCode::kUnprocessable, "the document has more than " +
                                                      std::to_string(kMaxNodes) +
                                                      " elements and text runs; split it");
  }
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
