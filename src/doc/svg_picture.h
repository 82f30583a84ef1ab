// Vector pictures in the SVG subset that charts are made of, parsed once and drawn natively
// (svg_painter.h). librsvg draws the same pictures but costs about 2 ms each, more than the
// layout of a whole page; a progress report with five charts spent most of its time there.
// SVG outside the subset is not an error: parse_svg_picture() declines it and the caller
// keeps librsvg for it.
//
// The subset: a root <svg> (width, height in px, viewBox, preserveAspectRatio
// "xMidYMid meet"), <g>, <rect> (no rounded corners), <line>, <polyline>, <polygon>,
// <circle>, <ellipse>, <text> with plain character data, <title>/<desc> (skipped); the
// presentation attributes fill, stroke, stroke-width, stroke-dasharray, stroke-linecap,
// stroke-linejoin, stroke-opacity, fill-opacity, opacity (on shapes), font-family,
// font-size, font-weight, font-style, text-anchor, shape-rendering; and transform
// (matrix, translate, scale, rotate, skewX, skewY). No style sheets, style="", references,
// paths, gradients, markers or nested <svg>.
#pragma once

#include <cairo.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/tree.h"

namespace dossier::doc {

enum class SvgAnchor : uint8_t { kStart, kMiddle, kEnd };

//! Resolved painting properties of one shape (inheritance through <g> already applied).
struct SvgStyle {
  std::optional<Color> fill = Color{};  //!< nullopt = none; default black
  std::optional<Color> stroke;          //!< nullopt = none (the default)
  double stroke_width = 1;
  std::vector<double> dashes;  //!< empty = solid; even count
  cairo_line_cap_t line_cap = CAIRO_LINE_CAP_BUTT;
  cairo_line_join_t line_join = CAIRO_LINE_JOIN_MITER;
  double fill_opacity = 1;
  double stroke_opacity = 1;
  double opacity = 1;  //!< the shape's own (not inherited): applies to fill and stroke together
  bool crisp_edges = false;  //!< shape-rendering: crispEdges (no antialiasing)
  std::string font_family = "serif";
  double font_size = 16;  //!< user units
  int font_weight = 400;
  bool italic = false;
  SvgAnchor anchor = SvgAnchor::kStart;
};

struct SvgShape {
  enum class Kind : uint8_t { kRect, kLine, kPolyline, kPolygon, kCircle, kEllipse, kText };
  Kind kind = Kind::kRect;
  //! rect: x y width height; line: x1 y1 x2 y2; polyline/polygon: x,y pairs;
  //! circle: cx cy r; ellipse: cx cy rx ry; text: x y (the baseline's start, before anchoring).
  std::vector<double> coords;
  std::string text;          //!< kText: white space collapsed as SVG does, valid UTF-8
  cairo_matrix_t transform;  //!< from the shape's user space to the root's
  SvgStyle style;
};

struct SvgPicture {
  double width_px = 0;  //!< intrinsic size, CSS px; > 0
  double height_px = 0;
  double view_x = 0, view_y = 0, view_width = 0, view_height = 0;  //!< viewBox; > 0 sizes
  std::vector<SvgShape> shapes;                                    //!< in paint order
};

//! Most shapes a picture may have; larger drawings are left to librsvg.
inline constexpr size_t kMaxSvgShapes = 20000;

//! Parses `xml` (a standalone SVG document) if it stays inside the subset above; nullopt
//! otherwise (malformed XML or UTF-8, DOCTYPE or entities, unknown element or attribute,
//! unsupported value). Never reads files or the network.
std::optional<SvgPicture> parse_svg_picture(std::string_view xml);

}  // namespace dossier::doc
