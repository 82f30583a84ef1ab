#include "doc/svg_picture.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "doc/c_handle.h"
#include "doc/svg_values.h"
#include "doc/text_util.h"

namespace dossier::doc {
namespace {

using XmlDoc = Handle<xmlDoc, xmlFreeDoc>;

std::string_view name_of(const xmlNode* n) {
  return reinterpret_cast<const char*>(n->name);
}

bool in_svg_namespace(const xmlNode* n) {
  return n->ns != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(n->ns->href), "http://www.w3.org/2000/svg") == 0;
}

// An attribute's value; libxml2 keeps it as a list of text (and entity) nodes.
bool attribute_value(const xmlAttr* a, std::string& out) {
  out.clear();
  for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
    if (c->type != XML_TEXT_NODE) return false;
    out += reinterpret_cast<const char*>(c->content);
  }
  return true;
}

// The "style" an element passes to its children: inherited properties only.
struct Inherited {
  SvgStyle style;
  cairo_matrix_t transform;
};

// An element's attributes, resolved onto a copy of the inherited style. Geometry attributes
// (x, cx, points…) are collected for the shape; anything unknown declines the picture.
class Attributes {
 public:
  Attributes(const xmlNode* element, const Inherited& parent)
      : style_(parent.style), transform_(parent.transform) {
    for (const xmlAttr* a = element->properties; a != nullptr && ok_; a = a->next) {
      if (a->ns != nullptr && a->ns->prefix != nullptr) continue;  // xmlns:*, xml:space…
      ok_ = attribute_value(a, value_) && apply(reinterpret_cast<const char*>(a->name), value_);
    }
    style_.opacity = opacity_;
  }

  bool ok() const { return ok_; }
  const SvgStyle& style() const { return style_; }
  const cairo_matrix_t& transform() const { return transform_; }
  bool has_opacity() const { return opacity_ < 1; }

  //! A geometry attribute as a number (`fallback` when absent); sets !ok() when malformed.
  double get(std::string_view name, double fallback = 0) {
    for (const auto& [n, v] : geometry_) {
      if (n != name) continue;
      auto value = svg::length(v);
      if (!value) ok_ = false;
      return value.value_or(fallback);
    }
    return fallback;
  }
  const std::string* raw(std::string_view name) const {
    for (const auto& [n, v] : geometry_) {
      if (n == name) return &v;
    }
    return nullptr;
  }

 private:
  bool apply(std::string_view name, const std::string& v);
  bool apply_font(std::string_view name, const std::string& v);
  bool apply_stroke(std::string_view name, const std::string& v);

  SvgStyle style_;
  cairo_matrix_t transform_;
  double opacity_ = 1;
  bool ok_ = true;
  std::string value_;
  std::vector<std::pair<std::string, std::string>> geometry_;
};

constexpr const char* kGeometry[] = {"x",
                                     "y",
                                     "width",
                                     "height",
                                     "x1",
                                     "y1",
                                     "x2",
                                     "y2",
                                     "cx",
                                     "cy",
                                     "r",
                                     "rx",
                                     "ry",
                                     "points",
                                     "viewBox",
                                     "version",
                                     "preserveAspectRatio"};
// Attributes that change nothing in a picture.
constexpr const char* kInert[] = {"id", "class", "role", "aria-label", "aria-hidden", "focusable"};

bool Attributes::apply(std::string_view name, const std::string& v) {
  for (const char* g : kGeometry) {
    if (name == g) {
      geometry_.emplace_back(name, v);
      return true;
    }
  }
  for (const char* i : kInert) {
    if (name == i) return true;
  }
  if (name == "fill" || name == "stroke") {
    auto p = svg::paint(v);
    if (!p) return false;
    (name == "fill" ? style_.fill : style_.stroke) = *p;
    return true;
  }
  if (name == "transform") {
    auto m = svg::transform(v);
    if (!m) return false;
    cairo_matrix_multiply(&transform_, &*m, &transform_);
    return true;
  }
  if (name == "shape-rendering") {
    style_.crisp_edges = trim(v) == "crispEdges";
    return true;
  }
  auto unit = [&](double& target) {
    auto n = svg::number(v);
    if (!n || *n < 0) return false;
    target = std::min(*n, 1.0);
    return true;
  };
  if (name == "opacity") return unit(opacity_);
  if (name == "fill-opacity") return unit(style_.fill_opacity);
  if (name == "stroke-opacity") return unit(style_.stroke_opacity);
  return apply_stroke(name, v) || apply_font(name, v);
}

bool Attributes::apply_stroke(std::string_view name, const std::string& v) {
  const std::string_view t = trim(v);
  if (name == "stroke-width") {
    auto w = svg::length(v);
    if (!w || *w < 0) return false;
    style_.stroke_width = *w;
    return true;
  }
  if (name == "stroke-dasharray") {
    if (t == "none") return style_.dashes.clear(), true;
    auto d = svg::number_list(v);
    if (!d || std::any_of(d->begin(), d->end(), [](double x) { return x < 0; })) return false;
    if (d->size() % 2 == 1) d->insert(d->end(), d->begin(), d->end());
    const bool all_zero = std::all_of(d->begin(), d->end(), [](double x) { return x == 0; });
    style_.dashes = all_zero ? std::vector<double>() : *d;
    return true;
  }
  if (name == "stroke-linecap") {
    if (t == "butt") return style_.line_cap = CAIRO_LINE_CAP_BUTT, true;
    if (t == "round") return style_.line_cap = CAIRO_LINE_CAP_ROUND, true;
    if (t == "square") return style_.line_cap = CAIRO_LINE_CAP_SQUARE, true;
    return false;
  }
  if (name == "stroke-linejoin") {
    if (t == "miter") return style_.line_join = CAIRO_LINE_JOIN_MITER, true;
    if (t == "round") return style_.line_join = CAIRO_LINE_JOIN_ROUND, true;
    if (t == "bevel") return style_.line_join = CAIRO_LINE_JOIN_BEVEL, true;
    return false;
  }
  return false;
}

bool Attributes::apply_font(std::string_view name, const std::string& v) {
  const std::string_view t = trim(v);
  if (name == "font-family") {
    // Pango takes a comma-separated family list, without CSS quotes.
    style_.font_family.clear();
    for (char c : t) {
      if (c != '\'' && c != '"') style_.font_family += c;
    }
    return !style_.font_family.empty();
  }
  if (name == "font-size") {
    auto s = svg::length(v);
    if (!s || *s <= 0) return false;
    style_.font_size = *s;
    return true;
  }
  if (name == "font-weight") {
    if (t == "normal") return style_.font_weight = 400, true;
    if (t == "bold") return style_.font_weight = 700, true;
    auto w = svg::number(v);
    if (!w || *w < 1 || *w > 1000) return false;
    style_.font_weight = static_cast<int>(*w);
    return true;
  }
  if (name == "font-style") {
    if (t != "normal" && t != "italic" && t != "oblique") return false;
    style_.italic = t != "normal";
    return true;
  }
  if (name == "text-anchor") {
    if (t == "start") return style_.anchor = SvgAnchor::kStart, true;
    if (t == "middle") return style_.anchor = SvgAnchor::kMiddle, true;
    if (t == "end") return style_.anchor = SvgAnchor::kEnd, true;
    return false;
  }
  return false;
}

// SVG's default white-space handling: newlines removed, tabs become spaces, runs of spaces
// collapse, leading and trailing spaces go.
std::string collapse_text(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c == '\n' || c == '\r') continue;
    if (c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

class PictureParser {
 public:
  std::optional<SvgPicture> parse(const xmlNode* root);

 private:
  bool children(const xmlNode* parent, const Inherited& inherited);
  bool element(const xmlNode* e, const Inherited& inherited);
  bool shape(const xmlNode* e, std::string_view name, Attributes& a);
  bool text(const xmlNode* e, SvgShape& s, Attributes& a);

  SvgPicture picture_;
};

bool PictureParser::children(const xmlNode* parent, const Inherited& inherited) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    switch (c->type) {
      case XML_ELEMENT_NODE:
        if (!element(c, inherited)) return false;
        break;
      case XML_TEXT_NODE:
      case XML_COMMENT_NODE:
      case XML_CDATA_SECTION_NODE:
        break;  // text outside <text> is not rendered
      default:
        return false;  // entity references, processing instructions…
    }
  }
  return true;
}

bool PictureParser::element(const xmlNode* e, const Inherited& inherited) {
  if (!in_svg_namespace(e)) return false;
  const std::string_view name = name_of(e);
  if (name == "title" || name == "desc" || name == "metadata") return true;
  if (picture_.shapes.size() >= kMaxSvgShapes) return false;
  Attributes a(e, inherited);
  if (!a.ok()) return false;
  if (name == "g") {
    // Group opacity needs an offscreen group; shapes' own opacity does not.
    if (a.has_opacity()) return false;
    return children(e, Inherited{a.style(), a.transform()});
  }
  return shape(e, name, a);
}

bool PictureParser::shape(const xmlNode* e, std::string_view name, Attributes& a) {
  using Kind = SvgShape::Kind;
  SvgShape s;
  if (name == "rect") {
    if (a.raw("rx") != nullptr || a.raw("ry") != nullptr) return false;
    s.kind = Kind::kRect;
    s.coords = {a.get("x"), a.get("y"), a.get("width"), a.get("height")};
  } else if (name == "line") {
    s.kind = Kind::kLine;
    s.coords = {a.get("x1"), a.get("y1"), a.get("x2"), a.get("y2")};
  } else if (name == "polyline" || name == "polygon") {
    s.kind = name == "polyline" ? Kind::kPolyline : Kind::kPolygon;
    const std::string* points = a.raw("points");
    auto list = points != nullptr ? svg::number_list(*points) : std::vector<double>();
    if (!list) return false;
    s.coords = std::move(*list);
    if (s.coords.size() % 2 == 1) s.coords.pop_back();  // SVG drops an odd coordinate
  } else if (name == "circle") {
    s.kind = Kind::kCircle;
    s.coords = {a.get("cx"), a.get("cy"), a.get("r")};
  } else if (name == "ellipse") {
    s.kind = Kind::kEllipse;
    s.coords = {a.get("cx"), a.get("cy"), a.get("rx"), a.get("ry")};
  } else if (name == "text") {
    if (!text(e, s, a) || a.style().stroke) return false;  // outlined text: librsvg
  } else {
    return false;
  }
  if (!a.ok()) return false;
  s.transform = a.transform();
  s.style = a.style();
  picture_.shapes.push_back(std::move(s));
  return true;
}

bool PictureParser::text(const xmlNode* e, SvgShape& s, Attributes& a) {
  std::string raw;
  for (const xmlNode* c = e->children; c != nullptr; c = c->next) {
    if (c->type == XML_COMMENT_NODE) continue;
    if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) return false;  // <tspan>…
    raw += reinterpret_cast<const char*>(c->content);
  }
  s.kind = SvgShape::Kind::kText;
  // A single x/y each; lists position every character and are left to librsvg.
  for (const char* attr : {"x", "y"}) {
    const std::string* v = a.raw(attr);
    if (v != nullptr && !svg::length(*v)) return false;
  }
  s.coords = {a.get("x"), a.get("y")};
  s.text = collapse_text(raw);
  return true;
}

std::optional<SvgPicture> PictureParser::parse(const xmlNode* root) {
  if (name_of(root) != "svg") return std::nullopt;
  cairo_matrix_t identity;
  cairo_matrix_init_identity(&identity);
  Attributes a(root, Inherited{SvgStyle{}, identity});
  if (!a.ok() || a.has_opacity()) return std::nullopt;
  if (const std::string* par = a.raw("preserveAspectRatio");
      par != nullptr && trim(*par) != "xMidYMid meet" && trim(*par) != "xMidYMid") {
    return std::nullopt;
  }
  if (a.raw("x") != nullptr || a.raw("y") != nullptr) return std::nullopt;
  const std::string* w = a.raw("width");
  const std::string* h = a.raw("height");
  const std::string* vb = a.raw("viewBox");
  std::vector<double> box;
  if (vb != nullptr) {
    auto list = svg::number_list(*vb);
    if (!list || list->size() != 4 || (*list)[2] <= 0 || (*list)[3] <= 0) return std::nullopt;
    box = *list;
  }
  // Without width and height the intrinsic size comes from the viewBox (as image_source does
  // for librsvg); without either there is nothing to scale from.
  if ((w == nullptr || h == nullptr) && box.empty()) return std::nullopt;
  picture_.width_px = w != nullptr ? svg::length(*w).value_or(-1) : box[2];
  picture_.height_px = h != nullptr ? svg::length(*h).value_or(-1) : box[3];
  if (picture_.width_px <= 0 || picture_.height_px <= 0) return std::nullopt;
  if (box.empty()) box = {0, 0, picture_.width_px, picture_.height_px};
  picture_.view_x = box[0], picture_.view_y = box[1];
  picture_.view_width = box[2], picture_.view_height = box[3];
  if (!children(root, Inherited{a.style(), a.transform()})) return std::nullopt;
  return std::move(picture_);
}

}  // namespace

std::optional<SvgPicture> parse_svg_picture(std::string_view xml) {
  // No XML_PARSE_NOENT (entities stay unexpanded references, which decline the picture) and
  // no network: nothing outside the string is ever read.
  constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  if (xml.size() > static_cast<size_t>(INT32_MAX)) return std::nullopt;
  XmlDoc doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, "UTF-8", kOptions));
  if (!doc || doc->intSubset != nullptr) return std::nullopt;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || !in_svg_namespace(root)) return std::nullopt;
  return PictureParser().parse(root);
}

}  // namespace dossier::doc
