// Display list page → PNG bytes (cairo image surface), for previews and golden tests.
#pragma once

#include <string>

#include "core/result.h"
#include "doc/display_list.h"

namespace dossier::doc {

//! Renders page `index` of `layout` at `dpi` on a white background. kValidation for a bad
//! index or a dpi outside 10–1200.
Result<std::string> paint_png(const LayoutResult& layout, size_t index, double dpi);

}  // namespace dossier::doc
