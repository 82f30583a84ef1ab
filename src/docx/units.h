// Unit conversions between the tree's points and WordprocessingML's integer units.
#pragma once

#include <cmath>
#include <cstdint>

namespace dossier::docx {

//! Twentieths of a point (dxa): page size, margins, indentation, spacing, table widths.
inline int64_t twips(double points) {
  return std::llround(points * 20.0);
}
//! Word's limit for lengths in twips (22 in): page size, margins, spacing, indentation.
inline constexpr int64_t kMaxTwips = 31680;
//! twips() clamped to ±kMaxTwips (or 0…kMaxTwips when `non_negative`); Word refuses larger.
inline int64_t bounded_twips(double points, bool non_negative = true) {
  const int64_t v = twips(points);
  const int64_t lo = non_negative ? 0 : -kMaxTwips;
  return v < lo ? lo : (v > kMaxTwips ? kMaxTwips : v);
}
//! Half-points: font sizes (w:sz).
inline int64_t half_points(double points) {
  return std::llround(points * 2.0);
}
//! Half-points within Word's font size range (1–1638 pt).
inline int64_t font_half_points(double points) {
  const int64_t v = half_points(points);
  return v < 2 ? 2 : (v > 3276 ? 3276 : v);
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
