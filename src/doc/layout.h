// Paginating layout: the styled tree → pages of positioned items (display_list.h).
//
// Blocks stack vertically with collapsed sibling margins; paragraphs are shaped by the
// TextMeasurer and broken into pages line by line honouring orphans/widows (≥ 2 lines by
// default); headings (break-after: avoid) stay with the next block; break-before/after: page
// force breaks; break-inside: avoid moves a block that fits a page to the next one. Tables get
// auto column widths (explicit widths first, the rest shared by content min/max widths),
// colspan, rowspan, padding, borders (separate or collapsed), vertical-align; rows move whole
// to the next page when they fit on one, as do rows joined by a rowspan, and thead rows repeat
// on each page. A row taller than a page is split: its cells continue on the next pages
// (headers are not repeated inside it); rows joined by a rowspan that are together taller
// than a page break between them, without repeated headers.
// Running headers/footers (@page margin boxes) are laid out last, so "Page X of Y" is exact.
// Page references (target-counter(…, page), NodeKind::kPageReference) take more passes: the
// first prints a placeholder as wide as a 3-digit number and finds every anchor's page, the
// next prints those pages, and one more follows only if that moved a target (at most three in
// all). Only paragraphs holding a reference are shaped again; documents without any take one.
#pragma once

#include "doc/display_list.h"
#include "doc/text_measurer.h"
#include "doc/tree.h"

namespace dossier::doc {

//! Lays out `doc`. `measurer` must outlive the result's ShapedText references only if it
//! owns them (PangoMeasurer's shapes keep their own references).
LayoutResult layout_document(const Document& doc, TextMeasurer& measurer);

}  // namespace dossier::doc
