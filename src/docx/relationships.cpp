#include "docx/relationships.h"

#include "docx/xml_text.h"

namespace dossier::docx {

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
