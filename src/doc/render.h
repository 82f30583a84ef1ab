// Public API of the document engine: HTML + CSS subset → styled tree → paginated PDF / PNG.
//
// Thread safety: every function is reentrant; concurrent renders on different threads are
// fine (each render uses its own Pango context; fonts are cached per thread by Pango).
// Security: nothing is fetched. Only data: URIs, inline <svg> and `RenderOptions::assets`
// supply images; everything else is ignored and recorded in `notes`. See docs/templates.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "doc/encrypt_pdf.h"  // encrypt_pdf(): part of this API
#include "doc/image_source.h"
#include "doc/tree.h"

namespace dossier::doc {

struct RenderOptions {
  //! The template's own stored assets (images), by name; empty = none available.
  AssetResolver assets;
  //! Page size and margins used unless the template's CSS has an @page rule.
  PageSetup default_page;
  //! Non-empty fields replace what the HTML says (<title>, <meta name=author|subject>).
  Metadata metadata;
  //! PDF CreationDate, ISO 8601 ("2024-03-10T14:02:00Z"); empty = now. Fixed in tests.
  std::string creation_date;
  //! Keep http(s)/mailto links clickable in the PDF (they are never fetched). When false,
  //! only "#fragment" links are kept.
  bool external_links = true;
};

struct RenderedPdf {
  std::string bytes;
  int page_count = 0;
  std::vector<std::string> notes;  //!< see Document::notes
};

//! Parses and styles `html`: the format-neutral tree (also used by the DOCX writer).
//! Fails only on input beyond the parser's limits (kTooLarge).
Result<Document> build_document(std::string_view html, const RenderOptions& options);

//! Lays out and paints `html` as a PDF with bookmarks (from headings), links and metadata.
Result<RenderedPdf> render_pdf(std::string_view html, const RenderOptions& options);

//! Renders every page as a PNG image at `dpi` (e.g. 96 for previews).
Result<std::vector<std::string>> render_png_pages(std::string_view html,
                                                  const RenderOptions& options, double dpi);

}  // namespace dossier::doc
