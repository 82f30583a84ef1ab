// SVG (charts) → PNG for embedding: Word's own SVG support needs a PNG fallback anyway.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace dossier::docx {

//! Renders `svg` into a width_px × height_px PNG (aspect ratio kept, transparent margins).
//! librsvg gets no base URL, so references to external files or URLs are refused.
//! kUnprocessable if the SVG does not parse or render. REQUIRES: sizes ≥ 1.
Result<std::string> rasterize_svg(std::string_view svg, int width_px, int height_px);

}  // namespace dossier::docx
