#include "docx/package_parts.h"

#include "core/clock.h"
#include "core/dates.h"
#include "core/xml_text.h"
#include "docx/relationships.h"
#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

void append_text_element(std::string& out, std::string_view name, std::string_view text) {
  if (text.empty()) return;
  out += '<';
  out += name;
  out += '>';
  append_xml_escaped(out, text);
  out += "</";
  out += name;
  out += '>';
}

}  // namespace

void ContentTypes::add_override(std::string_view part, std::string_view type) {
  overrides_.emplace_back(std::string(part), std::string(type));
}

std::string ContentTypes::xml() const {
  std::string out(kXmlDeclaration);
  out += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">";
  out += element("Default",
                 {{"Extension", "rels"},
                  {"ContentType", "application/vnd.openxmlformats-package.relationships+xml"}});
  out += element("Default", {{"Extension", "xml"}, {"ContentType", "application/xml"}});
  out += element("Default", {{"Extension", "png"}, {"ContentType", "image/png"}});
  out += element("Default", {{"Extension", "jpeg"}, {"ContentType", "image/jpeg"}});
  for (const auto& [part, type] : overrides_) {
    out += element("Override", {{"PartName", part}, {"ContentType", type}});
  }
  out += "</Types>";
  return out;
}

std::string package_relationships_xml() {
  Relationships rels;
  rels.add(rel::kOfficeDocument, "word/document.xml");
  rels.add(rel::kCoreProperties, "docProps/core.xml");
  rels.add(rel::kExtendedProperties, "docProps/app.xml");
  return rels.xml();
}

std::string core_properties_xml(const doc::Metadata& metadata, std::string_view timestamp) {
  std::string out(kXmlDeclaration);
  out +=
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  append_text_element(out, "dc:title", metadata.title);
  append_text_element(out, "dc:subject", metadata.subject);
  append_text_element(out, "dc:creator", metadata.author);
  append_text_element(out, "cp:keywords", metadata.keywords);
  append_text_element(out, "dc:language", metadata.language);
  for (std::string_view name : {"dcterms:created", "dcterms:modified"}) {
    out += open_element(name, {{"xsi:type", "dcterms:W3CDTF"}});
    append_xml_escaped(out, timestamp);
    out += "</";
    out += name;
    out += '>';
  }
  out += "</cp:coreProperties>";
  return out;
}

std::string app_properties_xml(std::string_view application) {
  std::string out(kXmlDeclaration);
  out +=
      "<Properties "
      "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
      "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">";
  append_text_element(out, "Application", application);
  out += "<DocSecurity>0</DocSecurity></Properties>";
  return out;
}

std::string settings_xml(bool update_fields) {
  std::string out(kXmlDeclaration);
  out +=
      "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:hideSpellingErrors/><w:hideGrammaticalErrors/>"
      "<w:defaultTabStop w:val=\"720\"/>"
      "<w:characterSpacingControl w:val=\"doNotCompress\"/>";
  if (update_fields) out += "<w:updateFields w:val=\"true\"/>";  // schema order: here
  out +=
      "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
      "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
      "</w:settings>";
  return out;
}

Result<std::string> w3cdtf_timestamp(std::string_view created) {
  TimePoint t = system_clock().now();
  if (!created.empty()) {
    const std::optional<TimePoint> parsed = parse_timestamp(created);
    if (!parsed) return Error::validation("created", "must be an ISO 8601 timestamp");
    t = *parsed;
  }
  // "YYYY-MM-DDTHH:MM:SS.mmmZ" → drop the milliseconds.
  return format_timestamp(t).substr(0, 19) + "Z";
}

}  // namespace dossier::docx
