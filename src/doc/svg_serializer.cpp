#include "doc/svg_serializer.h"

#include <array>
#include <string_view>

#include "core/xml_text.h"
#include "doc/text_util.h"

namespace dossier::doc {
namespace {

// From the HTML5 tree construction rules ("adjust SVG tag names / attributes").
constexpr std::array<std::string_view, 37> kCamelTags = {"altGlyph",
                                                         "altGlyphDef",
                                                         "altGlyphItem",
                                                         "animateColor",
                                                         "animateMotion",
                                                         "animateTransform",
                                                         "clipPath",
                                                         "feBlend",
                                                         "feColorMatrix",
                                                         "feComponentTransfer",
                                                         "feComposite",
                                                         "feConvolveMatrix",
                                                         "feDiffuseLighting",
                                                         "feDisplacementMap",
                                                         "feDistantLight",
                                                         "feDropShadow",
                                                         "feFlood",
                                                         "feFuncA",
                                                         "feFuncB",
                                                         "feFuncG",
                                                         "feFuncR",
                                                         "feGaussianBlur",
                                                         "feImage",
                                                         "feMerge",
                                                         "feMergeNode",
                                                         "feMorphology",
                                                         "feOffset",
                                                         "fePointLight",
                                                         "feSpecularLighting",
                                                         "feSpotLight",
                                                         "feTile",
                                                         "feTurbulence",
                                                         "foreignObject",
                                                         "glyphRef",
                                                         "linearGradient",
                                                         "radialGradient",
                                                         "textPath"};

constexpr std::array<std::string_view, 58> kCamelAttributes = {"attributeName",
                                                               "attributeType",
                                                               "baseFrequency",
                                                               "baseProfile",
                                                               "calcMode",
                                                               "clipPathUnits",
                                                               "diffuseConstant",
                                                               "edgeMode",
                                                               "filterUnits",
                                                               "glyphRef",
                                                               "gradientTransform",
                                                               "gradientUnits",
                                                               "kernelMatrix",
                                                               "kernelUnitLength",
                                                               "keyPoints",
                                                               "keySplines",
                                                               "keyTimes",
                                                               "lengthAdjust",
                                                               "limitingConeAngle",
                                                               "markerHeight",
                                                               "markerUnits",
                                                               "markerWidth",
                                                               "maskContentUnits",
                                                               "maskUnits",
                                                               "numOctaves",
                                                               "pathLength",
                                                               "patternContentUnits",
                                                               "patternTransform",
                                                               "patternUnits",
                                                               "pointsAtX",
                                                               "pointsAtY",
                                                               "pointsAtZ",
                                                               "preserveAlpha",
                                                               "preserveAspectRatio",
                                                               "primitiveUnits",
                                                               "refX",
                                                               "refY",
                                                               "repeatCount",
                                                               "repeatDur",
                                                               "requiredExtensions",
                                                               "requiredFeatures",
                                                               "specularConstant",
                                                               "specularExponent",
                                                               "spreadMethod",
                                                               "startOffset",
                                                               "stdDeviation",
                                                               "stitchTiles",
                                                               "surfaceScale",
                                                               "systemLanguage",
                                                               "tableValues",
                                                               "targetX",
                                                               "targetY",
                                                               "textLength",
                                                               "viewBox",
                                                               "viewTarget",
                                                               "xChannelSelector",
                                                               "yChannelSelector",
                                                               "zoomAndPan"};

template <size_t N>
std::string_view adjust(std::string_view name, const std::array<std::string_view, N>& table) {
  for (std::string_view camel : table) {
    if (iequals(camel, name)) return camel;
  }
  return name;
}

std::string_view chars(const xmlChar* s) {
  return s == nullptr ? std::string_view() : reinterpret_cast<const char*>(s);
}

void write_attributes(std::string& out, xmlNode* node, bool root) {
  bool has_xmlns = false, has_xlink_ns = false;
  for (xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    const std::string_view name = chars(a->name);
    has_xmlns |= name == "xmlns";
    has_xlink_ns |= name == "xmlns:xlink";
    xmlChar* value = xmlNodeListGetString(node->doc, a->children, 1);
    out += ' ';
    out += adjust(name, kCamelAttributes);
    out += "=\"";
    append_xml_escaped(out, chars(value));
    out += '"';
    if (value != nullptr) xmlFree(value);
  }
  if (root && !has_xmlns) out += " xmlns=\"http://www.w3.org/2000/svg\"";
  if (root && !has_xlink_ns) out += " xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
}

void write_node(std::string& out, xmlNode* node, bool root, int depth) {
  if (depth > 200) return;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    append_xml_escaped(out, chars(node->content));
    return;
  }
  if (node->type != XML_ELEMENT_NODE) return;
  const std::string_view name = adjust(chars(node->name), kCamelTags);
  out += '<';
  out += name;
  write_attributes(out, node, root);
  if (node->children == nullptr) {
    out += "/>";
    return;
  }
  out += '>';
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    write_node(out, child, false, depth + 1);
  }
  out += "</";
  out += name;
  out += '>';
}

}  // namespace

std::string serialize_svg(xmlNode* svg) {
  std::string out;
  write_node(out, svg, true, 0);
  return out;
}

}  // namespace dossier::doc
