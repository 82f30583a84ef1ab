#include "doc/cairo_painter.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstring>
#include <string_view>

#include "doc/pango_measurer.h"

namespace dossier::doc {
namespace {

using Surface = Handle<cairo_surface_t, cairo_surface_destroy>;
using Rsvg = Handle<RsvgHandle, g_object_unref>;
using Loader = Handle<GdkPixbufLoader, g_object_unref>;
using GErrorPtr = Handle<GError, g_error_free>;

struct ReadState {
  std::string_view data;
  size_t pos = 0;
};

cairo_status_t read_png(void* closure, unsigned char* out, unsigned int length) {
  auto* st = static_cast<ReadState*>(closure);
  if (st->pos + length > st->data.size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(out, st->data.data() + st->pos, length);
  st->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

Surface decode_png(const std::string& bytes) {
  ReadState st{bytes, 0};
  Surface s(cairo_image_surface_create_from_png_stream(read_png, &st));
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) return nullptr;
  return s;
}

// JPEG through gdk-pixbuf, converted to a premultiplied cairo surface; the original JPEG is
// attached as MIME data so the PDF embeds it as-is.
Surface decode_jpeg(const Image& image) {
  Loader loader(gdk_pixbuf_loader_new_with_type("jpeg", nullptr));
  if (!loader) return nullptr;
  GError* raw = nullptr;
  const auto* data = reinterpret_cast<const guchar*>(image.bytes.data());
  const bool wrote = gdk_pixbuf_loader_write(loader.get(), data, image.bytes.size(), &raw);
  GErrorPtr error(raw);
  raw = nullptr;
  const bool closed = gdk_pixbuf_loader_close(loader.get(), &raw);
  GErrorPtr close_error(raw);
  GdkPixbuf* pixbuf = gdk_pixbuf_loader_get_pixbuf(loader.get());  // owned by the loader
  if (!wrote || !closed || pixbuf == nullptr) return nullptr;
  const int w = gdk_pixbuf_get_width(pixbuf), h = gdk_pixbuf_get_height(pixbuf);
  const int channels = gdk_pixbuf_get_n_channels(pixbuf);
  const int src_stride = gdk_pixbuf_get_rowstride(pixbuf);
  const guchar* src = gdk_pixbuf_read_pixels(pixbuf);
  Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS || channels < 3) return nullptr;
  cairo_surface_flush(s.get());
  unsigned char* dst = cairo_image_surface_get_data(s.get());
  const int dst_stride = cairo_image_surface_get_stride(s.get());
  for (int y = 0; y < h; ++y) {
    const guchar* row = src + static_cast<ptrdiff_t>(y) * src_stride;
    auto* out = reinterpret_cast<uint32_t*>(dst + static_cast<ptrdiff_t>(y) * dst_stride);
    for (int x = 0; x < w; ++x) {
      const guchar* px = row + static_cast<ptrdiff_t>(x) * channels;
      out[x] = 0xFF000000u | static_cast<uint32_t>(px[0]) << 16 |
               static_cast<uint32_t>(px[1]) << 8 | px[2];
    }
  }
  cairo_surface_mark_dirty(s.get());
  auto* copy = new std::string(image.bytes);
  cairo_surface_set_mime_data(
      s.get(), CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()),
      copy->size(), [](void* p) { delete static_cast<std::string*>(p); }, copy);
  return s;
}

void set_color(cairo_t* cr, Color c) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

void stroke_line(cairo_t* cr, const LineItem& l) {
  set_color(cr, l.color);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  if (l.style == BorderStyle::kDouble && l.width >= 2) {
    const double w = l.width / 3;
    const bool horizontal = l.y1 == l.y2;
    for (const double off : {-w, w}) {
      cairo_move_to(cr, l.x1 + (horizontal ? 0 : off), l.y1 + (horizontal ? off : 0));
      cairo_line_to(cr, l.x2 + (horizontal ? 0 : off), l.y2 + (horizontal ? off : 0));
    }
    cairo_set_line_width(cr, w);
    cairo_stroke(cr);
    return;
  }
  cairo_set_line_width(cr, l.width);
  if (l.style == BorderStyle::kDashed) {
    const double dash[] = {l.width * 3, l.width * 3};
    cairo_set_dash(cr, dash, 2, 0);
  } else if (l.style == BorderStyle::kDotted) {
    const double dash[] = {0, l.width * 2};
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_dash(cr, dash, 2, 0);
  }
  cairo_move_to(cr, l.x1, l.y1);
  cairo_line_to(cr, l.x2, l.y2);
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
}

}  // namespace

struct ImageCache::Decoded {
  Surface surface;
  Rsvg svg;
};

ImageCache::ImageCache() = default;
ImageCache::~ImageCache() = default;

ImageCache::Decoded& ImageCache::decode(const Image& image) {
  auto& slot = decoded_[&image];
  if (slot) return *slot;
  slot = std::make_unique<Decoded>();
  switch (image.format) {
    case Image::Format::kPng:
      slot->surface = decode_png(image.bytes);
      break;
    case Image::Format::kJpeg:
      slot->surface = decode_jpeg(image);
      break;
    case Image::Format::kSvg: {
      // No base file or URL: librsvg then refuses every external reference (file:, http:).
      GError* raw = nullptr;
      slot->svg.reset(rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(image.bytes.data()),
                                                image.bytes.size(), &raw));
      GErrorPtr error(raw);
      if (slot->svg) rsvg_handle_set_dpi(slot->svg.get(), 96);
      break;
    }
  }
  return *slot;
}

void ImageCache::draw(cairo_t* cr, const Image& image, double x, double y, double w, double h) {
  if (image.picture) {
    svg_.draw(cr, *image.picture, x, y, w, h);
    return;
  }
  Decoded& d = decode(image);
  if (w <= 0 || h <= 0) return;
  cairo_save(cr);
  if (d.svg) {
    RsvgRectangle viewport{x, y, w, h};
    GError* raw = nullptr;
    rsvg_handle_render_document(d.svg.get(), cr, &viewport, &raw);
    GErrorPtr error(raw);
  } else if (d.surface) {
    const int iw = cairo_image_surface_get_width(d.surface.get());
    const int ih = cairo_image_surface_get_height(d.surface.get());
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / iw, h / ih);
    cairo_set_source_surface(cr, d.surface.get(), 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
  }
  cairo_restore(cr);
}

namespace {

struct RunStyle {
  Color color;
  bool underline = false;
  bool strikethrough = false;
  bool object = false;  // a shape placeholder (inline image): nothing to draw
};

RunStyle run_style(const PangoItem* item) {
  RunStyle rs;
  for (GSList* l = item->analysis.extra_attrs; l != nullptr; l = l->next) {
    const auto* a = static_cast<const PangoAttribute*>(l->data);
    switch (a->klass->type) {
      case PANGO_ATTR_FOREGROUND: {
        const PangoColor& c = reinterpret_cast<const PangoAttrColor*>(a)->color;
        rs.color.r = static_cast<uint8_t>(c.red >> 8);
        rs.color.g = static_cast<uint8_t>(c.green >> 8);
        rs.color.b = static_cast<uint8_t>(c.blue >> 8);
        break;
      }
      case PANGO_ATTR_FOREGROUND_ALPHA:
        rs.color.a = static_cast<uint8_t>(reinterpret_cast<const PangoAttrInt*>(a)->value >> 8);
        break;
      case PANGO_ATTR_UNDERLINE:
        rs.underline = reinterpret_cast<const PangoAttrInt*>(a)->value != PANGO_UNDERLINE_NONE;
        break;
      case PANGO_ATTR_STRIKETHROUGH:
        rs.strikethrough = reinterpret_cast<const PangoAttrInt*>(a)->value != 0;
        break;
      case PANGO_ATTR_SHAPE:
        rs.object = true;
        break;
      default:
        break;
    }
  }
  return rs;
}

// Simple runs (left-to-right, one glyph per character, no complex script) go out through
// cairo_show_glyphs: much faster in cairo's PDF backend, and the font's cmap gives correct
// ToUnicode text. Everything else keeps its text clusters for extraction (ligatures,
// Arabic contextual forms, bidi).
bool is_simple_run(const PangoGlyphItem* run) {
  const PangoItem* item = run->item;
  if (item->analysis.level % 2 != 0 || run->glyphs->num_glyphs != item->num_chars) return false;
  switch (item->analysis.script) {
    case PANGO_SCRIPT_COMMON:
    case PANGO_SCRIPT_INHERITED:
    case PANGO_SCRIPT_LATIN:
    case PANGO_SCRIPT_GREEK:
    case PANGO_SCRIPT_CYRILLIC:
      break;
    default:
      return false;
  }
  for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
    if (!run->glyphs->glyphs[i].attr.is_cluster_start) return false;
  }
  return true;
}

void decoration_line(cairo_t* cr, double x, double y, double width, int position, int thickness) {
  const double t = std::max(thickness / double(PANGO_SCALE), 0.5);
  cairo_rectangle(cr, x, y - position / double(PANGO_SCALE), width, t);
  cairo_fill(cr);
}

// Remembers the source colour so unchanged colours are not set again (a new source breaks
// cairo's PDF text objects apart).
struct SourceColor {
  Color current;
  bool valid = false;
  void set(cairo_t* cr, Color c) {
    if (valid && c == current) return;
    set_color(cr, c);
    current = c;
    valid = true;
  }
};

void paint_line(cairo_t* cr, const TextLineItem& t, SourceColor& source) {
  const auto* shaped = dynamic_cast<const PangoShapedText*>(t.text.get());
  if (shaped == nullptr) return;
  PangoLayoutLine* line = shaped->pango_line(t.line);
  const char* text = shaped->text().c_str();
  double x = t.x;
  for (GSList* l = line->runs; l != nullptr; l = l->next) {
    auto* run = static_cast<PangoGlyphItem*>(l->data);
    const double width = pango_glyph_string_get_width(run->glyphs) / double(PANGO_SCALE);
    const RunStyle rs = run_style(run->item);
    if (!rs.object) {
      const double y = t.baseline - run->y_offset / double(PANGO_SCALE);
      source.set(cr, rs.color);
      cairo_move_to(cr, x, y);
      if (is_simple_run(run)) {
        pango_cairo_show_glyph_string(cr, run->item->analysis.font, run->glyphs);
      } else {
        pango_cairo_show_glyph_item(cr, text, run);
      }
      if (rs.underline || rs.strikethrough) {
        Handle<PangoFontMetrics, pango_font_metrics_unref> m(
            pango_font_get_metrics(run->item->analysis.font, nullptr));
        if (rs.underline) {
          decoration_line(cr, x, y, width, pango_font_metrics_get_underline_position(m.get()),
                          pango_font_metrics_get_underline_thickness(m.get()));
        }
        if (rs.strikethrough) {
          decoration_line(cr, x, y, width, pango_font_metrics_get_strikethrough_position(m.get()),
                          pango_font_metrics_get_strikethrough_thickness(m.get()));
        }
      }
    }
    x += width;
  }
}

bool same_stroke(const LineItem& a, const LineItem& b) {
  return a.width == b.width && a.color == b.color && a.style == b.style;
}

}  // namespace

void paint_items(cairo_t* cr, const PageContent& page, ImageCache& images) {
  const auto& items = page.items;
  SourceColor source;
  for (size_t i = 0; i < items.size(); ++i) {
    const DisplayItem& item = items[i];
    if (const auto* t = std::get_if<TextLineItem>(&item)) {
      paint_line(cr, *t, source);
      continue;
    }
    source.valid = false;
    if (const auto* r = std::get_if<RectItem>(&item)) {
      // Consecutive rectangles of one colour: one fill.
      set_color(cr, r->color);
      cairo_rectangle(cr, r->x, r->y, r->width, r->height);
      while (i + 1 < items.size()) {
        const auto* next = std::get_if<RectItem>(&items[i + 1]);
        if (next == nullptr || !(next->color == r->color)) break;
        cairo_rectangle(cr, next->x, next->y, next->width, next->height);
        ++i;
      }
      cairo_fill(cr);
    } else if (const auto* l = std::get_if<LineItem>(&item)) {
      // Consecutive solid segments of one width and colour: one stroke.
      if (l->style != BorderStyle::kSolid) {
        stroke_line(cr, *l);
        continue;
      }
      set_color(cr, l->color);
      cairo_set_line_width(cr, l->width);
      cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
      cairo_move_to(cr, l->x1, l->y1);
      cairo_line_to(cr, l->x2, l->y2);
      while (i + 1 < items.size()) {
        const auto* next = std::get_if<LineItem>(&items[i + 1]);
        if (next == nullptr || !same_stroke(*next, *l)) break;
        cairo_move_to(cr, next->x1, next->y1);
        cairo_line_to(cr, next->x2, next->y2);
        ++i;
      }
      cairo_stroke(cr);
    } else if (const auto* img = std::get_if<ImageItem>(&item)) {
      if (img->image) images.draw(cr, *img->image, img->x, img->y, img->width, img->height);
    }
  }
}

}  // namespace dossier::doc
