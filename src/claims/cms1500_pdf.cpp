#include "claims/cms1500_pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "claims/cms1500_form.h"
#include "core/utf8.h"
#include "doc/c_handle.h"

namespace dossier::claims::cms1500 {
namespace {

using doc::Handle;
using Surface = Handle<cairo_surface_t, cairo_surface_destroy>;
using Cairo = Handle<cairo_t, cairo_destroy>;
using Layout = Handle<PangoLayout, g_object_unref>;
using Font = Handle<PangoFontDescription, pango_font_description_free>;

constexpr double kLabelSize = 5.2;
constexpr double kValueSize = 8;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

class Painter {
 public:
  explicit Painter(cairo_t* cr) : cr_(cr) {}

  void text(const std::string& s, double x, double y, double width, double size, bool mono,
            bool bold = false) {
    if (s.empty()) return;
    Layout layout(pango_cairo_create_layout(cr_));
    Font font(pango_font_description_from_string(mono ? "Liberation Mono" : "Liberation Sans"));
    pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
    pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font.get());
    if (width > 0) {
      pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    }
    // Pango refuses malformed UTF-8 and leaves cairo in an error state for the rest of the
    // file, so whatever the record holds is made valid first.
    const std::string valid = make_valid_utf8(s);
    pango_layout_set_text(layout.get(), valid.c_str(), static_cast<int>(valid.size()));
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout.get());
  }

  void rect(double x, double y, double w, double h, double gray = -1) {
    cairo_rectangle(cr_, x, y, w, h);
    if (gray >= 0) {
      cairo_set_source_rgb(cr_, gray, gray, gray);
      cairo_fill_preserve(cr_);
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_width(cr_, 0.5);
    cairo_stroke(cr_);
  }

  // A box of the form: its rule, its caption, and its value typed under the caption.
  void box(const Box& b, const std::string& value) {
    rect(b.x, b.y, b.width, b.height);
    text(std::string(b.label), b.x + 2, b.y + 1, b.width - 4, kLabelSize, false);
    text(value, b.x + 3, b.y + 8, b.width - 6, kValueSize, true);
  }

  // Item 24: the header row, then six rows whose shaded top half is the supplemental area.
  void lines(const std::vector<FormLine>& rows) {
    const LineGrid& g = line_grid();
    for (const Box& c : line_columns()) {
      rect(c.x, g.top, c.width, g.header_height, 0.93);
      text(std::string(c.label), c.x + 2, g.top + 1, c.width - 4, kLabelSize, false);
    }
    for (size_t r = 0; r < kLinesPerPage; ++r) {
      const double y = g.top + g.header_height + r * g.row_height;
      text(std::to_string(r + 1), 14, y + g.row_height / 2, 0, kLabelSize, false, true);
      for (size_t i = 0; i < line_columns().size(); ++i) {
        const Box& c = line_columns()[i];
        rect(c.x, y, c.width, g.row_height / 2, 0.88);
        rect(c.x, y + g.row_height / 2, c.width, g.row_height / 2);
        if (r < rows.size()) {
          text(rows[r].cells[i], c.x + 2, y + g.row_height / 2 + 1, c.width - 3, kValueSize, true);
        }
      }
    }
  }

  void page(const FormPage& p) {
    for (const Caption& c : captions()) {
      text(std::string(c.text), c.x, c.y - c.size, 0, c.size, false, c.bold);
    }
    text(p.page_label, 24, 76, 0, 7, false, true);
    for (const Box& b : boxes()) {
      auto it = p.items.find(std::string(b.item));
      box(b, it == p.items.end() ? "" : it->second);
    }
    lines(p.lines);
  }

 private:
  cairo_t* cr_;
};

}  // namespace

Result<std::string> paint_pdf(const std::vector<FormPage>& pages, const std::string& created_at) {
  std::string bytes;
  {
    Surface surface(cairo_pdf_surface_create_for_stream(append, &bytes, kPageWidth, kPageHeight));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                   "Health Insurance Claim Form (CMS-1500 02/12)");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Dossier");
    if (created_at.size() >= 19) {
      const std::string created = created_at.substr(0, 19) + "Z";  // whole seconds, as cairo takes
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                     created.c_str());
    }
    Cairo cr(cairo_create(surface.get()));
    Painter painter(cr.get());
    for (const FormPage& p : pages) {
      painter.page(p);
      cairo_show_page(cr.get());
    }
    const cairo_status_t drawn = cairo_status(cr.get());
    cairo_surface_finish(surface.get());
    if (drawn != CAIRO_STATUS_SUCCESS ||
        cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return Error::internal("the claim form could not be written");
    }
  }
  return bytes;
}

}  // namespace dossier::claims::cms1500
