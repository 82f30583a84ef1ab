#include "doc/svg_painter.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>

#include "doc/pango_measurer.h"
#include "doc/svg_batch.h"

namespace dossier::doc {
namespace {

using Kind = SvgShape::Kind;

void set_color(cairo_t* cr, const Color& c, double opacity) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0 * opacity);
}

// The shape's outline as the current path; false when SVG draws nothing (zero size).
bool trace(cairo_t* cr, const SvgShape& s) {
  const std::vector<double>& c = s.coords;
  switch (s.kind) {
    case Kind::kRect:
      if (c[2] <= 0 || c[3] <= 0) return false;
      cairo_rectangle(cr, c[0], c[1], c[2], c[3]);
      return true;
    case Kind::kLine:
      cairo_move_to(cr, c[0], c[1]);
      cairo_line_to(cr, c[2], c[3]);
      return true;
    case Kind::kPolyline:
    case Kind::kPolygon:
      if (c.size() < 4) return false;
      cairo_move_to(cr, c[0], c[1]);
      for (size_t i = 2; i + 1 < c.size(); i += 2) cairo_line_to(cr, c[i], c[i + 1]);
      if (s.kind == Kind::kPolygon) cairo_close_path(cr);
      return true;
    case Kind::kCircle:
      if (c[2] <= 0) return false;
      cairo_new_sub_path(cr);
      cairo_arc(cr, c[0], c[1], c[2], 0, 2 * M_PI);
      cairo_close_path(cr);
      return true;
    case Kind::kEllipse: {
      if (c[2] <= 0 || c[3] <= 0) return false;
      cairo_save(cr);
      cairo_translate(cr, c[0], c[1]);
      cairo_scale(cr, c[2], c[3]);
      cairo_new_sub_path(cr);
      cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
      cairo_close_path(cr);
      cairo_restore(cr);  // the path stays; the stroke uses the unscaled matrix
      return true;
    }
    case Kind::kText:
      return false;
  }
  return false;
}

void stroke_properties(cairo_t* cr, const SvgStyle& st) {
  cairo_set_line_width(cr, st.stroke_width);
  cairo_set_line_cap(cr, st.line_cap);
  cairo_set_line_join(cr, st.line_join);
  cairo_set_dash(cr, st.dashes.data(), static_cast<int>(st.dashes.size()), 0);
}

}  // namespace

SvgPainter::SvgPainter() = default;
SvgPainter::~SvgPainter() = default;

void SvgPainter::draw(cairo_t* cr, const SvgPicture& p, double x, double y, double w, double h) {
  if (w <= 0 || h <= 0) return;
  const double scale = std::min(w / p.view_width, h / p.view_height);
  cairo_save(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_clip(cr);
  cairo_translate(cr, x + (w - p.view_width * scale) / 2, y + (h - p.view_height * scale) / 2);
  cairo_scale(cr, scale, scale);
  cairo_translate(cr, -p.view_x, -p.view_y);
  for (size_t i = 0; i < p.shapes.size();) {
    const size_t end = batch_end(p.shapes, i);
    draw_shapes(cr, std::span(p.shapes).subspan(i, end - i));
    i = end;
  }
  cairo_restore(cr);
}

void SvgPainter::draw_shapes(cairo_t* cr, std::span<const SvgShape> run) {
  const SvgShape& s = run.front();
  const SvgStyle& st = s.style;
  cairo_save(cr);
  cairo_transform(cr, &s.transform);
  cairo_set_antialias(cr, st.crisp_edges ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_DEFAULT);
  if (s.kind == Kind::kText) {
    draw_text(cr, s);
    cairo_restore(cr);
    return;
  }
  bool traced = false;
  for (const SvgShape& shape : run) traced = trace(cr, shape) || traced;
  if (traced) {
    // Lines have no interior; everything else is filled, then stroked. The shape's opacity
    // applies to both together: where they overlap, the stroke hides the fill.
    const bool fill = st.fill && s.kind != Kind::kLine;
    const bool stroke = st.stroke && st.stroke_width > 0;
    const bool group = fill && stroke && st.opacity < 1;
    const double alpha = group ? 1 : st.opacity;
    if (group) cairo_push_group(cr);
    if (fill) {
      set_color(cr, *st.fill, st.fill_opacity * alpha);
      cairo_fill_preserve(cr);
    }
    if (stroke) {
      set_color(cr, *st.stroke, st.stroke_opacity * alpha);
      stroke_properties(cr, st);
      cairo_stroke(cr);
    }
    if (group) {
      cairo_pop_group_to_source(cr);
      cairo_paint_with_alpha(cr, st.opacity);
    }
  }
  cairo_new_path(cr);
  cairo_restore(cr);
}

void SvgPainter::draw_text(cairo_t* cr, const SvgShape& s) {
  if (!s.style.fill || s.text.empty()) return;
  PangoLayout* l = layout(s);
  PangoRectangle logical;
  pango_layout_get_extents(l, nullptr, &logical);
  const double width = static_cast<double>(logical.width) / PANGO_SCALE;
  const double baseline = static_cast<double>(pango_layout_get_baseline(l)) / PANGO_SCALE;
  double x = s.coords[0];
  if (s.style.anchor == SvgAnchor::kMiddle) x -= width / 2;
  if (s.style.anchor == SvgAnchor::kEnd) x -= width;
  set_color(cr, *s.style.fill, s.style.fill_opacity * s.style.opacity);
  cairo_move_to(cr, x, s.coords[1] - baseline);
  pango_cairo_show_layout(cr, l);
}

PangoLayout* SvgPainter::layout(const SvgShape& s) {
  const SvgStyle& st = s.style;
  key_ = st.font_family;
  key_ += '|' + std::to_string(std::lround(st.font_size * PANGO_SCALE)) + '|' +
          std::to_string(st.font_weight) + (st.italic ? 'i' : 'n') + '|' + s.text;
  auto& slot = layouts_[key_];
  if (slot) return slot.get();
  if (!context_) context_ = new_document_context();
  Handle<PangoFontDescription, pango_font_description_free> font(pango_font_description_new());
  pango_font_description_set_family(font.get(), st.font_family.c_str());
  pango_font_description_set_absolute_size(font.get(), st.font_size * PANGO_SCALE);
  pango_font_description_set_weight(font.get(), static_cast<PangoWeight>(st.font_weight));
  pango_font_description_set_style(font.get(), st.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  slot.reset(pango_layout_new(context_.get()));
  pango_layout_set_font_description(slot.get(), font.get());
  pango_layout_set_text(slot.get(), s.text.data(), static_cast<int>(s.text.size()));
  return slot.get();
}

}  // namespace dossier::doc
