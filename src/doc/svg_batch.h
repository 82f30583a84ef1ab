// Which consecutive shapes of an SvgPicture can be painted as one path. Every fill and stroke
// costs cairo's PDF backend a recorded, analysed and replayed operation (about 5 µs): a chart's
// 30 data-point markers and 20 grid lines each were a third of its painting time. Painting a
// run of shapes as one path gives the same pixels when the run is opaque, shares every
// painting property, and — when shapes are both filled and stroked, or filled — no two of
// them overlap (a later fill would hide an earlier stroke; opposite windings would cancel).
#pragma once

#include <cstddef>
#include <vector>

#include "doc/svg_picture.h"

namespace dossier::doc {

//! The end (exclusive) of the longest run of shapes starting at `first` that paints as one
//! path; first + 1 when the shape paints alone (text, translucency, a different style…).
//! REQUIRES: first < shapes.size().
size_t batch_end(const std::vector<SvgShape>& shapes, size_t first);

}  // namespace dossier::doc
