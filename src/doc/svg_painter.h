// Draws SvgPictures (svg_picture.h) with cairo; text through Pango.
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include <span>
#include <string>
#include <unordered_map>

#include "doc/c_handle.h"
#include "doc/svg_picture.h"

namespace dossier::doc {

//! One per render: shapes each distinct text (string + font) once, however many charts
//! repeat it ("0", "10", month names…). Not thread-safe.
class SvgPainter {
 public:
  SvgPainter();
  ~SvgPainter();
  SvgPainter(const SvgPainter&) = delete;
  SvgPainter& operator=(const SvgPainter&) = delete;

  //! Draws `picture` into the rectangle (x, y, w, h) of `cr` as SVG does by default: the
  //! viewBox scaled uniformly and centred ("xMidYMid meet"), clipped to the rectangle.
  void draw(cairo_t* cr, const SvgPicture& picture, double x, double y, double w, double h);

 private:
  using Layout = Handle<PangoLayout, g_object_unref>;
  //! Paints `run` (one text, or shapes that batch_end() allows to share one path).
  void draw_shapes(cairo_t* cr, std::span<const SvgShape> run);
  void draw_text(cairo_t* cr, const SvgShape& shape);
  PangoLayout* layout(const SvgShape& text);

  Handle<PangoContext, g_object_unref> context_;  // created on the first text
  std::unordered_map<std::string, Layout> layouts_;
  std::string key_;  // scratch buffer for cache keys
};

}  // namespace dossier::doc
