#include "docx/svg_raster.h"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "doc/c_handle.h"
#include "doc/svg_painter.h"
#include "docx/png_encoder.h"

namespace dossier::docx {
namespace {

using doc::Handle;
using RsvgPtr = Handle<RsvgHandle, g_object_unref>;
using SurfacePtr = Handle<cairo_surface_t, cairo_surface_destroy>;
using CairoPtr = Handle<cairo_t, cairo_destroy>;
using GErrorPtr = Handle<GError, g_error_free>;

Status draw_with_librsvg(cairo_t* cr, const std::string& svg, int width_px, int height_px) {
  GError* raw_error = nullptr;
  RsvgPtr handle(rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(),
                                           &raw_error));
  GErrorPtr error(raw_error);
  if (!handle) return Error::make(ErrorCode::kUnprocessable, "SVG image does not parse");
  rsvg_handle_set_dpi(handle.get(), 96);
  const RsvgRectangle viewport{0, 0, static_cast<double>(width_px), static_cast<double>(height_px)};
  raw_error = nullptr;
  const gboolean ok = rsvg_handle_render_document(handle.get(), cr, &viewport, &raw_error);
  error.reset(raw_error);
  if (!ok) return Error::make(ErrorCode::kUnprocessable, "SVG image does not render");
  return Status();
}

}  // namespace

Result<std::string> rasterize_svg(const doc::Image& image, int width_px, int height_px) {
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width_px, height_px));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::internal("cairo: cannot create the image surface");
  }
  CairoPtr cr(cairo_create(surface.get()));
  if (image.picture) {
    doc::SvgPainter().draw(cr.get(), *image.picture, 0, 0, width_px, height_px);
  } else {
    DOSSIER_TRY(draw_with_librsvg(cr.get(), image.bytes, width_px, height_px));
  }
  cairo_surface_flush(surface.get());

  return encode_png(surface.get());
}

}  // namespace dossier::docx
