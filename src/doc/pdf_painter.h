// Display list → PDF bytes (cairo): fonts embedded as subsets, outline, links, metadata.
#pragma once

#include <string>

#include "core/result.h"
#include "doc/display_list.h"
#include "doc/tree.h"

namespace dossier::doc {

struct PdfInfo {
  Metadata metadata;
  std::string creation_date;  //!< ISO 8601; empty = cairo's default (now)
};

//! Paints every page of `layout` into a PDF. Headings become bookmarks (nested by level),
//! link areas become link annotations. kInternal if cairo fails.
Result<std::string> paint_pdf(const LayoutResult& layout, const PdfInfo& info);

}  // namespace dossier::doc
