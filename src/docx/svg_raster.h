// SVG (charts) → PNG for embedding: Word's own SVG support needs a PNG fallback anyway.
#pragma once

#include <string>

#include "core/result.h"
#include "doc/tree.h"

namespace dossier::docx {

//! Renders the SVG `image` into a width_px × height_px PNG (aspect ratio kept, transparent
//! margins): with the PDF's own painter when the image is in its native subset (charts look
//! the same in both documents), else with librsvg, which gets no base URL and so refuses
//! references to external files or URLs. kUnprocessable if the SVG does not parse or render.
//! REQUIRES: image.format is kSvg, sizes ≥ 1.
Result<std::string> rasterize_svg(const doc::Image& image, int width_px, int height_px);

}  // namespace dossier::docx
