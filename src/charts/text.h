// Internal: text for SVG — an estimate of
// rendered width (no font engine here) good enough to lay out labels and avoid overlaps.
#pragma once

#include <string>
#include <string_view>

namespace dossier::charts {

//! Estimated advance of `s` in Liberation Sans at `font_px`: per-class averages of its
//! metrics, a full em for CJK, Hangul and fullwidth forms, nothing for combining marks.
//! Errs on the wide side so estimated layouts do not overlap.
double text_width(std::string_view s, double font_px);

//! `s` when it fits in `max_px`, else its longest prefix (whole code points) that fits with a
//! trailing "…".
std::string fit_text(std::string_view s, double font_px, double max_px);

}  // namespace dossier::charts
