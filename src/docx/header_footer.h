// Running headers and footers (CSS @page margin boxes) and the section properties (page
// size, orientation, margins) that reference them.
#pragma once

#include <optional>
#include <string>

#include "doc/tree.h"
#include "docx/styles_part.h"

namespace dossier::docx {

//! word/header1.xml (`top`: the @top-* boxes) or word/footer1.xml (@bottom-*); nullopt when
//! no box on that edge has content. One paragraph: left, centre and right boxes separated by
//! tabs to the Header/Footer style's centre and right tab stops (or aligned alone when only
//! one box is used). counter(page)/counter(pages) become PAGE/NUMPAGES fields.
std::optional<std::string> margin_part_xml(const doc::PageSetup& page, bool top,
                                           const StyleSheet& styles, bool office_font_names);

//! References of the section to its header and footer parts ("" = none).
struct SectionParts {
  std::string header_rel_id;
  std::string footer_rel_id;
};

//! <w:sectPr>: w:pgSz (with w:orient="landscape" when wider than high) and w:pgMar in twips;
//! the header/footer distance centres a line of the margin boxes' text in the page margin.
std::string section_properties_xml(const doc::PageSetup& page, const SectionParts& parts);

}  // namespace dossier::docx
