// What the part writers share while one document is written: its styles, relationships,
// numbering, media, bookmarks and id counters. One per write_docx() call.
#pragma once

#include "doc/tree.h"
#include "docx/bookmarks.h"
#include "docx/docx_writer.h"
#include "docx/images.h"
#include "docx/numbering_part.h"
#include "docx/relationships.h"
#include "docx/styles_part.h"

namespace dossier::docx {

//! Word has no body box: the body's horizontal margin and padding widen the page margins
//! instead of indenting every paragraph (unless the body draws side borders or a background).
//! `folded_left/right` is what moved from the body into the page margins.
struct SectionGeometry {
  doc::PageSetup page;
  double folded_left = 0;
  double folded_right = 0;
};
SectionGeometry section_geometry(const doc::Document& document);

struct WriterState {
  WriterState(const doc::Document& d, const DocxOptions& o)
      : document(d),
        options(o),
        section(section_geometry(d)),
        styles(make_style_sheet(d, o.office_font_names, section.page.content_width())),
        bookmarks(d.body) {}
  WriterState(const WriterState&) = delete;
  WriterState& operator=(const WriterState&) = delete;

  const doc::Document& document;
  const DocxOptions& options;
  SectionGeometry section;
  StyleSheet styles;
  Relationships relationships;  //!< of word/document.xml
  Numbering numbering;
  Media media;
  Bookmarks bookmarks;
  int next_drawing_id = 1;           //!< wp:docPr ids, unique in the document
  bool has_page_references = false;  //!< a PAGEREF field was written
};

inline SectionGeometry section_geometry(const doc::Document& document) {
  SectionGeometry g{document.page};
  const doc::ComputedStyle& body = document.body.style;
  if (body.border.left.visible() || body.border.right.visible() || !body.background.transparent()) {
    return g;
  }
  g.folded_left = body.margin.left + body.padding.left;
  g.folded_right = body.margin.right + body.padding.right;
  // Keep at least an inch of text column, as the page setup does.
  if (g.page.content_width() - g.folded_left - g.folded_right < 72) return SectionGeometry{g.page};
  g.page.margin.left += g.folded_left;
  g.page.margin.right += g.folded_right;
  return g;
}

}  // namespace dossier::docx
