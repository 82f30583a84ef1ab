#include "docx/header_footer.h"

#include <algorithm>
#include <array>

#include "core/xml_text.h"
#include "docx/fields.h"
#include "docx/units.h"
#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

constexpr std::string_view kPartNamespaces =
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::string box_runs(const doc::MarginBox& box, const StyleSheet& styles, bool office) {
  const std::string rpr = run_properties_xml(RunFormat{run_base(box.style, office)}, styles.normal);
  std::string out;
  for (const doc::ContentPart& part : box.content) {
    switch (part.kind) {
      case doc::ContentPart::Kind::kText:
        if (part.text.empty()) break;
        out += "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + xml_escaped(part.text) +
               "</w:t></w:r>";
        break;
      case doc::ContentPart::Kind::kPageNumber:
        out += field_runs_xml("PAGE", "1", rpr);
        break;
      case doc::ContentPart::Kind::kPageCount:
        out += field_runs_xml("NUMPAGES", "1", rpr);
        break;
    }
  }
  return out;
}

// The boxes of one edge by position (left, centre, right); null where absent or empty.
std::array<const doc::MarginBox*, 3> edge_boxes(const doc::PageSetup& page, bool top) {
  std::array<const doc::MarginBox*, 3> boxes{};
  for (const doc::MarginBox& box : page.margin_boxes) {
    if (box.content.empty()) continue;
    const auto slot = static_cast<int>(box.slot);
    const bool is_top = slot <= static_cast<int>(doc::MarginBoxSlot::kTopRight);
    if (is_top == top) boxes[static_cast<size_t>(slot % 3)] = &box;
  }
  return boxes;
}

// Font size of the edge's text, for centring it in the margin.
double edge_font_size(const std::array<const doc::MarginBox*, 3>& boxes) {
  double size = 0;
  for (const doc::MarginBox* box : boxes) {
    if (box != nullptr) size = std::max(size, box->style.font_size);
  }
  return size > 0 ? size : 10;
}

}  // namespace

std::optional<std::string> margin_part_xml(const doc::PageSetup& page, bool top,
                                           const StyleSheet& styles, bool office_font_names) {
  const auto boxes = edge_boxes(page, top);
  const int used = static_cast<int>(
      std::count_if(boxes.begin(), boxes.end(), [](const auto* b) { return b != nullptr; }));
  if (used == 0) return std::nullopt;
  const char* root = top ? "w:hdr" : "w:ftr";
  std::string out(kXmlDeclaration);
  out += "<" + std::string(root) + std::string(kPartNamespaces) + "><w:p><w:pPr>";
  out += element("w:pStyle", {{"w:val", top ? "Header" : "Footer"}});
  static constexpr std::array<const char*, 3> kAlign = {"left", "center", "right"};
  if (used == 1) {
    for (size_t i = 0; i < boxes.size(); ++i) {
      if (boxes[i] != nullptr) out += element("w:jc", {{"w:val", kAlign[i]}});
    }
  }
  out += "</w:pPr>";
  for (size_t i = 0; i < boxes.size(); ++i) {
    if (used > 1 && i > 0) out += "<w:r><w:tab/></w:r>";
    if (boxes[i] != nullptr) out += box_runs(*boxes[i], styles, office_font_names);
  }
  out += "</w:p></" + std::string(root) + ">";
  return out;
}

std::string section_properties_xml(const doc::PageSetup& page, const SectionParts& parts) {
  std::string out = "<w:sectPr>";
  if (!parts.header_rel_id.empty()) {
    out += element("w:headerReference", {{"w:type", "default"}, {"r:id", parts.header_rel_id}});
  }
  if (!parts.footer_rel_id.empty()) {
    out += element("w:footerReference", {{"w:type", "default"}, {"r:id", parts.footer_rel_id}});
  }
  const int64_t w = bounded_twips(page.width), h = bounded_twips(page.height);
  if (w > h) {
    out += element("w:pgSz", {{"w:w", w}, {"w:h", h}, {"w:orient", "landscape"}});
  } else {
    out += element("w:pgSz", {{"w:w", w}, {"w:h", h}});
  }
  const double header_line = edge_font_size(edge_boxes(page, true)) * 1.15;
  const double footer_line = edge_font_size(edge_boxes(page, false)) * 1.15;
  out += element("w:pgMar", {{"w:top", bounded_twips(page.margin.top)},
                             {"w:right", bounded_twips(page.margin.right)},
                             {"w:bottom", bounded_twips(page.margin.bottom)},
                             {"w:left", bounded_twips(page.margin.left)},
                             {"w:header", bounded_twips((page.margin.top - header_line) / 2)},
                             {"w:footer", bounded_twips((page.margin.bottom - footer_line) / 2)},
                             {"w:gutter", 0}});
  return out + "</w:sectPr>";
}

}  // namespace dossier::docx
