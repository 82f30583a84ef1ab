#include "docx/styles_part.h"

#include "docx/paragraph_properties.h"
#include "docx/units.h"
#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

constexpr std::array<double, 6> kHeadingScale = {2.0, 1.5, 1.17, 1.0, 0.83, 0.67};

void find_headings(const doc::Node& node, std::array<const doc::Node*, 6>& found) {
  if (node.heading_level >= 1 && node.heading_level <= 6) {
    const doc::Node*& slot = found[static_cast<size_t>(node.heading_level - 1)];
    if (slot == nullptr) slot = &node;
    return;
  }
  for (const doc::Node& child : node.children) find_headings(child, found);
}

std::string spacing_xml(double before, double after, const doc::LineHeight* line) {
  std::string out = "<w:spacing w:before=\"" + std::to_string(twips(before)) + "\" w:after=\"" +
                    std::to_string(twips(after)) + "\"";
  if (line != nullptr) {
    const LineSpacing ls = line_spacing(*line);
    out += " w:line=\"" + std::to_string(ls.line) + "\" w:lineRule=\"" + ls.rule + "\"";
  }
  return out + "/>";
}

std::string fixed_styles() {
  return "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
         "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
         "<w:unhideWhenUsed/></w:style>"
         "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
         "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
         "<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
         "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
         "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
         "</w:tblCellMar></w:tblPr></w:style>"
         "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\">"
         "<w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
         "<w:unhideWhenUsed/></w:style>"
         "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>"
         "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/>"
         "<w:unhideWhenUsed/></w:style>";
}

std::string normal_style(const StyleSheet& sheet) {
  std::string out =
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
      "<w:name w:val=\"Normal\"/><w:qFormat/><w:pPr>";
  out += spacing_xml(0, 0, &sheet.line_height);
  out += "</w:pPr><w:rPr>";
  // Everything explicit, relative to an empty base, so Normal does not depend on Word's
  // application defaults.
  const RunBase empty{"", 0, false, false, doc::Color::none()};
  out += run_properties_inner(RunFormat{sheet.normal}, empty);
  return out + "</w:rPr></w:style>";
}

std::string heading_style(const StyleSheet& sheet, int level) {
  const HeadingStyle& h = sheet.headings[static_cast<size_t>(level - 1)];
  std::string out = open_element(
      "w:style", {{"w:type", "paragraph"}, {"w:styleId", StyleSheet::heading_style_id(level)}});
  out += element("w:name", {{"w:val", "heading " + std::to_string(level)}});
  out += "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>";
  out += "<w:uiPriority w:val=\"9\"/>";
  if (level > 1) out += "<w:unhideWhenUsed/>";
  out += "<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>";
  out += spacing_xml(h.space_before, h.space_after, nullptr);
  out += element("w:outlineLvl", {{"w:val", level - 1}});
  out += "</w:pPr><w:rPr>" + run_properties_inner(RunFormat{h.run}, sheet.normal);
  return out + "</w:rPr></w:style>";
}

std::string header_footer_style(const StyleSheet& sheet, std::string_view id,
                                std::string_view name) {
  std::string out = open_element("w:style", {{"w:type", "paragraph"}, {"w:styleId", id}});
  out += element("w:name", {{"w:val", std::string(name)}});
  out += "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>";
  out += "<w:pPr><w:tabs>";
  out += element("w:tab", {{"w:val", "center"}, {"w:pos", twips(sheet.content_width / 2)}});
  out += element("w:tab", {{"w:val", "right"}, {"w:pos", twips(sheet.content_width)}});
  out += "</w:tabs><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:style>";
  return out;
}

}  // namespace

const RunBase& StyleSheet::base(int heading_level) const {
  if (heading_level < 1 || heading_level > 6) return normal;
  return headings[static_cast<size_t>(heading_level - 1)].run;
}

std::string StyleSheet::heading_style_id(int heading_level) {
  if (heading_level < 1 || heading_level > 6) return {};
  return "Heading" + std::to_string(heading_level);
}

StyleSheet make_style_sheet(const doc::Document& document, bool office_names,
                            double content_width) {
  StyleSheet sheet;
  sheet.normal = run_base(document.body.style, office_names);
  sheet.line_height = document.body.style.line_height;
  sheet.content_width = content_width;
  std::array<const doc::Node*, 6> found{};
  find_headings(document.body, found);
  for (size_t i = 0; i < found.size(); ++i) {
    HeadingStyle& h = sheet.headings[i];
    if (found[i] != nullptr) {
      h.run = run_base(found[i]->style, office_names);
      h.space_before = found[i]->style.margin.top;
      h.space_after = found[i]->style.margin.bottom;
    } else {
      h.run = sheet.normal;
      h.run.size = sheet.normal.size * kHeadingScale[i];
      h.run.bold = true;
      h.space_before = h.space_after = h.run.size * 0.67;
    }
  }
  return sheet;
}

std::string styles_xml(const StyleSheet& sheet, std::string_view language) {
  std::string out(kXmlDeclaration);
  out += "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";
  out += "<w:docDefaults><w:rPrDefault><w:rPr>";
  if (!language.empty()) out += element("w:lang", {{"w:val", std::string(language)}});
  out += "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>";
  out += "<w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>";
  out += normal_style(sheet);
  for (int level = 1; level <= 6; ++level) out += heading_style(sheet, level);
  out += header_footer_style(sheet, "Header", "header");
  out += header_footer_style(sheet, "Footer", "footer");
  out += fixed_styles();
  return out + "</w:styles>";
}

}  // namespace dossier::docx
