#include "docx/relationships.h"

#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool needs_encoding(std::string_view uri, size_t i) {
  const auto c = static_cast<unsigned char>(uri[i]);
  if (c <= 0x20 || c >= 0x7F) return true;
  if (c == '%') return i + 2 >= uri.size() || !is_hex(uri[i + 1]) || !is_hex(uri[i + 2]);
  return std::string_view("\"<>\\^`{|}").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

std::string encode_uri(std::string_view uri) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < uri.size(); ++i) {
    if (!needs_encoding(uri, i)) {
      out += uri[i];
      continue;
    }
    const auto c = static_cast<unsigned char>(uri[i]);
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  return out;
}

std::string Relationships::add(std::string_view type, std::string_view target, bool external) {
  for (const Entry& e : entries_) {
    if (e.type == type && e.target == target && e.external == external) return e.id;
  }
  Entry e{"rId" + std::to_string(entries_.size() + 1), std::string(type), std::string(target),
          external};
  entries_.push_back(e);
  return e.id;
}

std::string Relationships::xml() const {
  std::string out(kXmlDeclaration);
  out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (const Entry& e : entries_) {
    if (e.external) {
      out += element(
          "Relationship",
          {{"Id", e.id}, {"Type", e.type}, {"Target", e.target}, {"TargetMode", "External"}});
    } else {
      out += element("Relationship", {{"Id", e.id}, {"Type", e.type}, {"Target", e.target}});
    }
  }
  out += "</Relationships>";
  return out;
}

}  // namespace dossier::docx
