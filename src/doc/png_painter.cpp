#include "doc/png_painter.h"

#include <cairo.h>

#include <cmath>

#include "doc/c_handle.h"
#include "doc/cairo_painter.h"

namespace dossier::doc {
namespace {

using Surface = Handle<cairo_surface_t, cairo_surface_destroy>;
using Cairo = Handle<cairo_t, cairo_destroy>;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> paint_png(const LayoutResult& layout, size_t index, double dpi) {
  if (index >= layout.pages.size()) return Error::validation("page", "no such page");
  if (!(dpi >= 10 && dpi <= 1200)) return Error::validation("dpi", "must be between 10 and 1200");
  const double scale = dpi / 72.0;
  const int w = static_cast<int>(std::ceil(layout.page_width * scale));
  const int h = static_cast<int>(std::ceil(layout.page_height * scale));
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::internal("cannot create an image surface");
  }
  Cairo cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  cairo_scale(cr.get(), scale, scale);
  ImageCache images;
  paint_items(cr.get(), layout.pages[index], images);
  cr.reset();
  std::string out;
  if (cairo_surface_write_to_png_stream(surface.get(), append, &out) != CAIRO_STATUS_SUCCESS) {
    return Error::internal("PNG encoding failed");
  }
  return out;
}

}  // namespace dossier::doc
