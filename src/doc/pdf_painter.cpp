#include "doc/pdf_painter.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <cstdio>
#include <vector>

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

// Quotes a value for cairo's tag attribute syntax: 'text' with \ and ' escaped.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string destination(int page_index, double y) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "page=%d pos=[0 %.2f]", page_index + 1, y);
  return buf;
}

void add_links(cairo_t* cr, const PageContent& page) {
  for (const LinkArea& l : page.links) {
    char rect[128];
    std::snprintf(rect, sizeof rect, "rect=[%.2f %.2f %.2f %.2f] ", l.x, l.y, l.width, l.height);
    std::string attrs = rect;
    if (l.dest_page >= 0) {
      attrs += destination(l.dest_page, l.dest_y);
    } else if (!l.uri.empty()) {
      attrs += "uri=" + quoted(l.uri);
    } else {
      continue;
    }
    cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs.c_str());
    cairo_tag_end(cr, CAIRO_TAG_LINK);
  }
}

// Nests h2 under the preceding h1, and so on.
void add_outline(cairo_surface_t* surface, const std::vector<Bookmark>& bookmarks) {
  std::vector<std::pair<int, int>> parents;  // (level, outline id)
  for (const Bookmark& b : bookmarks) {
    while (!parents.empty() && parents.back().first >= b.level) parents.pop_back();
    const int parent = parents.empty() ? CAIRO_PDF_OUTLINE_ROOT : parents.back().second;
    const std::string title = b.title.empty() ? std::string("(untitled)") : b.title;
    const int id = cairo_pdf_surface_add_outline(surface, parent, title.c_str(),
                                                 destination(b.page, b.y).c_str(),
                                                 static_cast<cairo_pdf_outline_flags_t>(0));
    parents.emplace_back(b.level, id);
  }
}

void set_metadata(cairo_surface_t* surface, const PdfInfo& info) {
  const Metadata& m = info.metadata;
  if (!m.title.empty())
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, m.title.c_str());
  if (!m.author.empty())
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, m.author.c_str());
  if (!m.subject.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, m.subject.c_str());
  }
  if (!m.keywords.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, m.keywords.c_str());
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Dossier");
  if (!info.creation_date.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   info.creation_date.c_str());
  }
}

}  // namespace

Result<std::string> paint_pdf(const LayoutResult& layout, const PdfInfo& info) {
  std::string out;
  {
    Surface surface(
        cairo_pdf_surface_create_for_stream(append, &out, layout.page_width, layout.page_height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return Error::internal("cannot create a PDF surface");
    }
    set_metadata(surface.get(), info);
    Cairo cr(cairo_create(surface.get()));
    ImageCache images;
    // cairo 1.16 leaves a link's structure element unwritten (a damaged xref) unless the
    // links sit inside a structure element of their own.
    const bool has_links = std::any_of(layout.pages.begin(), layout.pages.end(),
                                       [](const PageContent& p) { return !p.links.empty(); });
    if (has_links) cairo_tag_begin(cr.get(), "Document", "");
    for (const PageContent& page : layout.pages) {
      paint_items(cr.get(), page, images);
      add_links(cr.get(), page);
      cairo_show_page(cr.get());
    }
    if (has_links) cairo_tag_end(cr.get(), "Document");
    add_outline(surface.get(), layout.bookmarks);
    cr.reset();
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return Error::internal("PDF output failed");
    }
  }
  return out;
}

}  // namespace dossier::doc
