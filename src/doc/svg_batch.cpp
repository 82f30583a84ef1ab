#include "doc/svg_batch.h"

#include <algorithm>
#include <cstring>

namespace dossier::doc {
namespace {

using Kind = SvgShape::Kind;

struct Box {
  double x0, y0, x1, y1;
  bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

bool opaque(const std::optional<Color>& c, double opacity) {
  return !c || (c->a == 255 && opacity >= 1);
}

bool paints_fill(const SvgShape& s) {
  return s.style.fill && s.kind != Kind::kLine;
}

// Conservative ink bounds in the shape's user space: geometry plus half the stroke, or five
// stroke widths where a miter join may reach out (cairo's default miter limit is 10).
Box bounds(const SvgShape& s) {
  const std::vector<double>& c = s.coords;
  Box b{0, 0, 0, 0};
  switch (s.kind) {
    case Kind::kRect:
      b = {c[0], c[1], c[0] + c[2], c[1] + c[3]};
      break;
    case Kind::kCircle:
      b = {c[0] - c[2], c[1] - c[2], c[0] + c[2], c[1] + c[2]};
      break;
    case Kind::kEllipse:
      b = {c[0] - c[2], c[1] - c[3], c[0] + c[2], c[1] + c[3]};
      break;
    default: {  // line, polyline, polygon: x,y pairs
      b = {c[0], c[1], c[0], c[1]};
      for (size_t i = 0; i + 1 < c.size(); i += 2) {
        b = {std::min(b.x0, c[i]), std::min(b.y0, c[i + 1]), std::max(b.x1, c[i]),
             std::max(b.y1, c[i + 1])};
      }
    }
  }
  if (s.style.stroke) {
    const bool miter = s.style.line_join == CAIRO_LINE_JOIN_MITER && s.kind != Kind::kCircle &&
                       s.kind != Kind::kEllipse;
    const double reach = s.style.stroke_width * (miter ? 5 : 0.5);
    b = {b.x0 - reach, b.y0 - reach, b.x1 + reach, b.y1 + reach};
  }
  return b;
}

bool same_paint(const SvgShape& a, const SvgShape& b) {
  const SvgStyle &x = a.style, &y = b.style;
  return x.fill == y.fill && x.stroke == y.stroke && x.stroke_width == y.stroke_width &&
         x.dashes == y.dashes && x.line_cap == y.line_cap && x.line_join == y.line_join &&
         x.crisp_edges == y.crisp_edges && paints_fill(a) == paints_fill(b) &&
         std::memcmp(&a.transform, &b.transform, sizeof a.transform) == 0;
}

bool batchable(const SvgShape& s) {
  const SvgStyle& st = s.style;
  return s.kind != Kind::kText && s.coords.size() >= 2 && st.opacity >= 1 &&
         opaque(st.fill, st.fill_opacity) && opaque(st.stroke, st.stroke_opacity);
}

}  // namespace

size_t batch_end(const std::vector<SvgShape>& shapes, size_t first) {
  const SvgShape& head = shapes[first];
  if (!batchable(head)) return first + 1;
  // Fills must not overlap anything in the run (see the header); strokes alone may.
  const bool disjoint = paints_fill(head);
  std::vector<Box> boxes;
  if (disjoint) boxes.push_back(bounds(head));
  size_t end = first + 1;
  for (; end < shapes.size(); ++end) {
    const SvgShape& next = shapes[end];
    if (!batchable(next) || !same_paint(head, next)) break;
    if (disjoint) {
      const Box box = bounds(next);
      if (std::any_of(boxes.begin(), boxes.end(), [&](const Box& b) { return b.overlaps(box); })) {
        break;
      }
      boxes.push_back(box);
    }
  }
  return end;
}

}  // namespace dossier::doc
