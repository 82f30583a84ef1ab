// DOCX (WordprocessingML, ECMA-376) from the format-neutral document tree (doc/tree.h): an
// editable Word document written from the same tree the PDF layout uses.
//
// What maps to what: h1–h6 → the built-in "heading N" styles (navigation pane, outline);
// paragraphs carry their alignment, spacing, indentation, borders and shading directly;
// ul/ol → real Word numbering (numbering.xml, one restartable instance per list); tables →
// w:tbl with a column grid, cell borders/shading/margins, gridSpan, vMerge and repeating
// header rows; images → embedded PNG/JPEG (SVG rasterized to PNG); @page → section size,
// margins and a header/footer with PAGE/NUMPAGES fields. See docx/README.md.
//
// Thread safety: reentrant; concurrent calls on different documents are fine.
// Security: nothing is fetched or read from disk; images come only from the tree.
// Determinism: the same document and options give byte-identical output (fixed zip
// timestamps, ids assigned in document order).
#pragma once

#include <string>

#include "core/result.h"
#include "doc/tree.h"

namespace dossier::docx {

struct DocxOptions {
  //! docProps/core.xml dcterms:created/modified, "YYYY-MM-DDTHH:MM:SSZ"; empty = now (UTC).
  //! Fix it for reproducible output.
  std::string created;
  //! Name the Liberation fonts by their metric-compatible Office equivalents (Liberation
  //! Sans → Arial, Serif → Times New Roman, Mono → Courier New) so the document keeps its
  //! look in Word; LibreOffice maps them back. When false, the tree's names are kept.
  bool office_font_names = true;
  //! docProps/app.xml Application.
  std::string application = "Dossier";
};

//! Writes `document` as a .docx file (a ZIP package) in memory.
//! Fails with kValidation for a malformed `options.created`, kInternal if the ZIP library
//! fails. Unusable images (no data, SVG that does not parse) are replaced by their alt text.
Result<std::string> write_docx(const doc::Document& document, const DocxOptions& options = {});

}  // namespace dossier::docx
