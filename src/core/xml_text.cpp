#include "core/xml_text.h"

#include "core/utf8.h"

namespace dossier {
namespace {

bool is_control(char32_t cp, XmlControls controls) {
  if (cp == 0xFFFE || cp == 0xFFFF) return true;
  if (controls == XmlControls::kSpaceAll) return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
  return cp < 0x20 && cp != 0x9 && cp != 0xA && cp != 0xD;
}

void append_markup_safe(std::string& out, char c) {
  switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";  // not &apos;: SVG is also embedded in HTML, which lacks that entity
      break;
    default:
      out += c;
  }
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text, XmlControls controls) {
  out.reserve(out.size() + text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const size_t len = utf8_sequence(text, i, cp);
    if (len == 0) {
      append_utf8(out, 0xFFFD);
      ++i;
      continue;
    }
    if (is_control(cp, controls)) {
      if (controls == XmlControls::kSpaceAll) out += ' ';
    } else if (len == 1) {
      append_markup_safe(out, text[i]);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
}

std::string xml_escaped(std::string_view text, XmlControls controls) {
  std::string out;
  append_xml_escaped(out, text, controls);
  return out;
}

}  // namespace dossier
