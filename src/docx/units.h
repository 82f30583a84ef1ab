// Unit conversions between the tree's points and WordprocessingML's integer units.
#pragma once

#include <cmath>
#include <cstdint>

namespace dossier::docx {

//! Twentieths of a point (dxa): page size, margins, indentation, spacing, table widths.
inline int64_t twips(double points) {
  return std::llround(points * 20.0);
}
//! Half-points: font sizes (w:sz).
inline int64_t half_points(double points) {
  return std::llround(points * 2.0);
}
//! Eighths of a point: border widths (w:sz of a border), clamped to Word's range 2–96.
inline int64_t border_eighths(double points) {
  const int64_t v = std::llround(points * 8.0);
  return v < 2 ? 2 : (v > 96 ? 96 : v);
}
//! English Metric Units: DrawingML extents (914400 per inch, 12700 per point).
inline int64_t emu(double points) {
  return std::llround(points * 12700.0);
}
//! Fiftieths of a percent: w:tblW/w:tcW of type pct.
inline int64_t fiftieths_percent(double percent) {
  return std::llround(percent * 50.0);
}

}  // namespace dossier::docx
