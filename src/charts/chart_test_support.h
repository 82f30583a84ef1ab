// Test helpers: parse chart SVG with libxml2 and query it with XPath; render it with librsvg.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <vector>

namespace dossier::charts::testing {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

//! A parsed chart. Parsing is strict XML (no recovery, no network); ok() is false when the
//! text is not well-formed, with libxml2's message in error.
class Svg {
 public:
  explicit Svg(const std::string& text);
  bool ok() const { return doc_ != nullptr; }
  const std::string& error() const { return error_; }
  xmlNode* root() const { return xmlDocGetRootElement(doc_.get()); }

  //! Nodes matching `xpath`; the prefix "s:" names the SVG namespace ("//s:circle").
  std::vector<xmlNode*> all(const std::string& xpath) const;
  size_t count(const std::string& xpath) const { return all(xpath).size(); }
  //! Text content of each match, in document order.
  std::vector<std::string> texts(const std::string& xpath) const;

 private:
  XmlDocPtr doc_;
  std::string error_;
};

//! The attribute's value, or "" when absent.
std::string attr(xmlNode* node, const char* name);
//! The attribute as a number. REQUIRES: the attribute exists and is numeric.
double num(xmlNode* node, const char* name);
//! "x1,y1 x2,y2 …" → pairs.
std::vector<std::pair<double, double>> parse_points(const std::string& points);

struct Raster {
  bool ok = false;
  std::string error;
  int width = 0, height = 0;
  size_t ink_pixels = 0;  //!< pixels that are not (near) white
};

//! Renders with librsvg onto a white cairo image surface at 96 dpi; writes a PNG to
//! `png_path` when not empty.
Raster render_png(const std::string& svg, const std::string& png_path = "");

//! Element count under the <svg> when the chart is embedded in an HTML page and parsed by
//! libxml2's HTML parser (as the document renderer does), or -1 when the svg is not found.
int html_embedded_element_count(const std::string& svg);

}  // namespace dossier::charts::testing
