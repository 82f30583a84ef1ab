// Inline <svg> in HTML → standalone SVG XML for librsvg.
#pragma once

#include <libxml/tree.h>

#include <string>

namespace dossier::doc {

//! Serializes the libxml2 HTML subtree rooted at an <svg> element as SVG XML. The HTML parser
//! lower-cases names, so SVG's camelCase names (viewBox, linearGradient…) are restored with the
//! HTML5 "adjust SVG attributes/tag names" tables; xmlns declarations are added when missing.
std::string serialize_svg(xmlNode* svg);

}  // namespace dossier::doc
