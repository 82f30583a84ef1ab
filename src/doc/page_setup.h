// @page rules → PageSetup (size, margins, running header/footer margin boxes).
#pragma once

#include "doc/cascade.h"
#include "doc/css_stylesheet.h"
#include "doc/tree.h"

namespace dossier::doc {

//! Applies `size` and `margin-*` of every @page rule, in order, on top of `defaults`.
//! Unknown sizes are ignored; the content area never shrinks below 1in × 1in.
PageSetup page_geometry(const css::Stylesheet& sheet, PageSetup defaults);

//! Adds the margin boxes (@top-left … @bottom-right with a `content`) of every @page rule;
//! their style inherits from `root_style` (the <html> element's).
void add_margin_boxes(const css::Stylesheet& sheet, const StyleResolver& resolver,
                      const ComputedStyle& root_style, PageSetup& page);

}  // namespace dossier::doc
