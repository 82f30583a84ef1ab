// Draws display lists with cairo (shared by the PDF and PNG painters).
#pragma once

#include <cairo.h>

#include <memory>
#include <unordered_map>

#include "doc/c_handle.h"
#include "doc/display_list.h"
#include "doc/svg_painter.h"

typedef struct _RsvgHandle RsvgHandle;

namespace dossier::doc {

//! Decoded images, once per render; SVG pictures of the native subset are drawn directly.
//! Undecodable images are drawn as nothing.
class ImageCache {
 public:
  ImageCache();
  ~ImageCache();
  ImageCache(const ImageCache&) = delete;
  ImageCache& operator=(const ImageCache&) = delete;

  //! Draws `image` into the rectangle (x, y, w, h) of `cr`.
  void draw(cairo_t* cr, const Image& image, double x, double y, double w, double h);

 private:
  struct Decoded;
  Decoded& decode(const Image& image);
  std::unordered_map<const Image*, std::unique_ptr<Decoded>> decoded_;
  SvgPainter svg_;
};

//! Paints one page's items onto `cr`, whose user space is the page in points. Text lines
//! must come from PangoMeasurer (other ShapedText implementations are skipped).
void paint_items(cairo_t* cr, const PageContent& page, ImageCache& images);

}  // namespace dossier::doc
