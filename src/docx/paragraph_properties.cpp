#include "docx/paragraph_properties.h"

#include <algorithm>

#include "docx/units.h"
#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

// Word's single line is about 1.15 × the font size for the fonts we emit (Arial/Liberation,
// Times), the same factor CSS `line-height: normal` resolves to in the PDF layout.
constexpr double kSingleLineFactor = 1.15;

const char* border_value(doc::BorderStyle style) {
  switch (style) {
    case doc::BorderStyle::kDashed:
      return "dashed";
    case doc::BorderStyle::kDotted:
      return "dotted";
    case doc::BorderStyle::kDouble:
      return "double";
    default:
      return "single";
  }
}

const char* justification(doc::TextAlign align) {
  switch (align) {
    case doc::TextAlign::kLeft:
      return "left";
    case doc::TextAlign::kRight:
      return "right";
    case doc::TextAlign::kCenter:
      return "center";
    case doc::TextAlign::kJustify:
      return "both";
    case doc::TextAlign::kStart:
      break;
  }
  return nullptr;
}

std::string borders_xml(const ParagraphProps& p) {
  std::string inner = border_xml("w:top", p.border.top, p.border_space.top) +
                      border_xml("w:left", p.border.left, p.border_space.left) +
                      border_xml("w:bottom", p.border.bottom, p.border_space.bottom) +
                      border_xml("w:right", p.border.right, p.border_space.right);
  return inner.empty() ? inner : "<w:pBdr>" + inner + "</w:pBdr>";
}

std::string spacing_xml(const ParagraphProps& p) {
  // A styled paragraph always states its spacing, or it would get the style's.
  if (p.style_id.empty() && p.before <= 0 && p.after <= 0 && !p.line) return {};
  std::string out = "<w:spacing";
  out += " w:before=\"" + std::to_string(bounded_twips(p.before)) + "\"";
  out += " w:after=\"" + std::to_string(bounded_twips(p.after)) + "\"";
  if (p.line) {
    out += " w:line=\"" + std::to_string(p.line->line) + "\" w:lineRule=\"" + p.line->rule + "\"";
  }
  return out + "/>";
}

std::string indentation_xml(const ParagraphProps& p) {
  if (p.indent_left == 0 && p.indent_right == 0 && p.first_line == 0) return {};
  std::string out = "<w:ind w:left=\"" + std::to_string(bounded_twips(p.indent_left, false)) +
                    "\" w:right=\"" + std::to_string(bounded_twips(p.indent_right, false)) + "\"";
  if (p.first_line > 0)
    out += " w:firstLine=\"" + std::to_string(bounded_twips(p.first_line)) + "\"";
  if (p.first_line < 0)
    out += " w:hanging=\"" + std::to_string(bounded_twips(-p.first_line)) + "\"";
  return out + "/>";
}

}  // namespace

LineSpacing line_spacing(const doc::LineHeight& line_height) {
  switch (line_height.kind) {
    case doc::LineHeight::Kind::kFactor:
      return {std::clamp<int64_t>(std::llround(240.0 * line_height.value / kSingleLineFactor), 1,
                                  kMaxTwips),
              "auto"};
    case doc::LineHeight::Kind::kAbsolute:
      return {std::max<int64_t>(1, bounded_twips(line_height.value)), "atLeast"};
    case doc::LineHeight::Kind::kNormal:
      break;
  }
  return {};
}

std::string border_xml(std::string_view name, const doc::BorderSide& side, double space) {
  if (!side.visible()) return {};
  return element(name, {{"w:val", border_value(side.style)},
                        {"w:sz", border_eighths(side.width)},
                        {"w:space", std::clamp<int64_t>(std::llround(space), 0, 31)},
                        {"w:color", hex_color(side.color)}});
}

std::string shading_xml(doc::Color color) {
  if (color.transparent()) return {};
  return element("w:shd", {{"w:val", "clear"}, {"w:color", "auto"}, {"w:fill", hex_color(color)}});
}

std::string paragraph_properties_xml(const ParagraphProps& p) {
  std::string out;
  if (!p.style_id.empty()) out += element("w:pStyle", {{"w:val", p.style_id}});
  if (p.keep_next) out += "<w:keepNext/>";
  if (p.keep_lines) out += "<w:keepLines/>";
  if (p.page_break_before) out += "<w:pageBreakBefore/>";
  if (p.num_id > 0) {
    out += "<w:numPr>" + element("w:ilvl", {{"w:val", p.ilvl}}) +
           element("w:numId", {{"w:val", p.num_id}}) + "</w:numPr>";
  }
  out += borders_xml(p);
  out += shading_xml(p.shading);
  out += spacing_xml(p);
  out += indentation_xml(p);
  if (const char* jc = justification(p.align)) out += element("w:jc", {{"w:val", jc}});
  if (!p.mark_run_properties.empty()) out += "<w:rPr>" + p.mark_run_properties + "</w:rPr>";
  return out.empty() ? out : "<w:pPr>" + out + "</w:pPr>";
}

}  // namespace dossier::docx
