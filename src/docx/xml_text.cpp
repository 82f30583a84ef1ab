#include "docx/xml_text.h"

#include "core/xml_text.h"

namespace dossier::docx {
namespace {

void append_attrs(std::string& out, std::initializer_list<Attr> attrs) {
  for (const Attr& a : attrs) {
    out += ' ';
    out += a.name;
    out += "=\"";
    append_xml_escaped(out, a.value);
    out += '"';
  }
}

}  // namespace

std::string element(std::string_view name, std::initializer_list<Attr> attrs) {
  std::string out = "<";
  out += name;
  append_attrs(out, attrs);
  out += "/>";
  return out;
}

std::string open_element(std::string_view name, std::initializer_list<Attr> attrs) {
  std::string out = "<";
  out += name;
  append_attrs(out, attrs);
  out += '>';
  return out;
}

std::string hex_color(doc::Color color) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (uint8_t v : {color.r, color.g, color.b}) {
    out += kHex[v >> 4];
    out += kHex[v & 0xF];
  }
  return out;
}

}  // namespace dossier::docx
