#include "charts/chart_test_support.h"

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <cstdlib>
#include <sstream>

namespace dossier::charts::testing {
namespace {

template <auto Fn>
struct Free {
  template <typename T>
  void operator()(T* p) const {
    if (p != nullptr) Fn(p);
  }
};

void free_xml_string(xmlChar* s) {
  xmlFree(s);
}

std::string to_string(const xmlChar* s) {
  return s == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(s));
}

int count_elements(xmlNode* node) {
  int n = 0;
  for (xmlNode* c = node; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) n += 1 + count_elements(c->children);
  }
  return n;
}

xmlNode* find_element(xmlNode* node, const char* name) {
  for (xmlNode* c = node; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (xmlStrcmp(c->name, reinterpret_cast<const xmlChar*>(name)) == 0) return c;
    if (xmlNode* found = find_element(c->children, name)) return found;
  }
  return nullptr;
}

}  // namespace

Svg::Svg(const std::string& text) {
  xmlResetLastError();
  doc_.reset(xmlReadMemory(text.data(), static_cast<int>(text.size()), "chart.svg", "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc_) {
    const xmlError* e = xmlGetLastError();
    error_ = e != nullptr && e->message != nullptr ? e->message : "not well-formed";
  }
}

std::vector<xmlNode*> Svg::all(const std::string& xpath) const {
  std::vector<xmlNode*> out;
  std::unique_ptr<xmlXPathContext, Free<xmlXPathFreeContext>> ctx(xmlXPathNewContext(doc_.get()));
  xmlXPathRegisterNs(ctx.get(), reinterpret_cast<const xmlChar*>("s"),
                     reinterpret_cast<const xmlChar*>("http://www.w3.org/2000/svg"));
  std::unique_ptr<xmlXPathObject, Free<xmlXPathFreeObject>> result(
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), ctx.get()));
  if (!result || result->nodesetval == nullptr) return out;
  for (int i = 0; i < result->nodesetval->nodeNr; ++i)
    out.push_back(result->nodesetval->nodeTab[i]);
  return out;
}

std::vector<std::string> Svg::texts(const std::string& xpath) const {
  std::vector<std::string> out;
  for (xmlNode* n : all(xpath)) {
    std::unique_ptr<xmlChar, Free<free_xml_string>> content(xmlNodeGetContent(n));
    out.push_back(to_string(content.get()));
  }
  return out;
}

std::string attr(xmlNode* node, const char* name) {
  std::unique_ptr<xmlChar, Free<free_xml_string>> v(
      xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
  return to_string(v.get());
}

double num(xmlNode* node, const char* name) {
  return std::strtod(attr(node, name).c_str(), nullptr);
}

std::vector<std::pair<double, double>> parse_points(const std::string& points) {
  std::vector<std::pair<double, double>> out;
  std::istringstream in(points);
  std::string pair;
  while (in >> pair) {
    const size_t comma = pair.find(',');
    out.emplace_back(std::strtod(pair.substr(0, comma).c_str(), nullptr),
                     std::strtod(pair.substr(comma + 1).c_str(), nullptr));
  }
  return out;
}

Raster render_png(const std::string& svg, const std::string& png_path) {
  Raster r;
  GError* raw_error = nullptr;
  std::unique_ptr<RsvgHandle, Free<g_object_unref>> handle(rsvg_handle_new_from_data(
      reinterpret_cast<const guint8*>(svg.data()), svg.size(), &raw_error));
  if (!handle) {
    r.error = raw_error != nullptr ? raw_error->message : "librsvg refused the SVG";
    if (raw_error != nullptr) g_error_free(raw_error);
    return r;
  }
  rsvg_handle_set_dpi(handle.get(), 96);
  gdouble w = 0, h = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &w, &h)) {
    r.error = "no intrinsic size";
    return r;
  }
  r.width = static_cast<int>(w);
  r.height = static_cast<int>(h);
  std::unique_ptr<cairo_surface_t, Free<cairo_surface_destroy>> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, r.width, r.height));
  std::unique_ptr<cairo_t, Free<cairo_destroy>> cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  const RsvgRectangle viewport{0, 0, w, h};
  if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &raw_error)) {
    r.error = raw_error != nullptr ? raw_error->message : "render failed";
    if (raw_error != nullptr) g_error_free(raw_error);
    return r;
  }
  cairo_surface_flush(surface.get());
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < r.height; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + y * stride);
    for (int x = 0; x < r.width; ++x) {
      const uint32_t px = row[x];
      const int red = (px >> 16) & 0xFF, green = (px >> 8) & 0xFF, blue = px & 0xFF;
      if (red < 235 || green < 235 || blue < 235) ++r.ink_pixels;
    }
  }
  if (!png_path.empty()) cairo_surface_write_to_png(surface.get(), png_path.c_str());
  r.ok = true;
  return r;
}

int html_embedded_element_count(const std::string& svg) {
  const std::string page = "<!DOCTYPE html><html><head><title>t</title></head><body><p>Before</p>" +
                           svg + "<p>After</p></body></html>";
  XmlDocPtr doc(htmlReadMemory(
      page.data(), static_cast<int>(page.size()), nullptr, "UTF-8",
      HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD));
  if (!doc) return -1;
  xmlNode* svg_node = find_element(xmlDocGetRootElement(doc.get()), "svg");
  if (svg_node == nullptr) return -1;
  return 1 + count_elements(svg_node->children);
}

}  // namespace dossier::charts::testing
