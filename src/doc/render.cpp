#include "doc/render.h"

#include "doc/html_parser.h"
#include "doc/tree_builder.h"

namespace dossier::doc {

Result<Document> build_document(std::string_view html, const RenderOptions& options) {
  DOSSIER_ASSIGN_OR_RETURN(Dom dom, parse_html(html));
  return build_tree(dom, options);
}

}  // namespace dossier::doc
