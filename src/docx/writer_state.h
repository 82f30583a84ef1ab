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

struct WriterState {
  WriterState(const doc::Document& d, const DocxOptions& o)
      : document(d),
        options(o),
        styles(make_style_sheet(d, o.office_font_names)),
        bookmarks(d.body) {}
  WriterState(const WriterState&) = delete;
  WriterState& operator=(const WriterState&) = delete;

  const doc::Document& document;
  const DocxOptions& options;
  StyleSheet styles;
  Relationships relationships;  //!< of word/document.xml
  Numbering numbering;
  Media media;
  Bookmarks bookmarks;
  int next_drawing_id = 1;  //!< wp:docPr ids, unique in the document
};

}  // namespace dossier::docx
