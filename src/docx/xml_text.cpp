#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence starting at s[i] and its code point; 0 if
// malformed (bad lead byte, truncated, overlong, surrogate or beyond U+10FFFF).
size_t utf8_sequence(std::string_view s, size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  size_t len = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool allowed_in_xml(char32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  return cp != 0xFFFE && cp != 0xFFFF;
}

void append_ascii(std::string& out, char c) {
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
      out += "&apos;";
      break;
    default:
      out += c;
  }
}

void append_attrs(std::string& out, std::initializer_list<Attr> attrs) {
  for (const Attr& a : attrs) {
    out += ' ';
    out += a.name;
    out += "=\"";
    append_escaped(out, a.value);
    out += '"';
  }
}

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const size_t len = utf8_sequence(text, i, cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (allowed_in_xml(cp)) {
      if (len == 1) {
        append_ascii(out, text[i]);
      } else {
        out.append(text.substr(i, len));
      }
    }
    i += len;
  }
}

std::string xml_escape(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

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
