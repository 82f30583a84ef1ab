#include "docx/run_properties.h"

#include <array>

#include "docx/units.h"
#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"' || s.front() == '\'')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\'')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string_view office_equivalent(std::string_view family) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kMap = {{
      {"Liberation Sans", "Arial"},
      {"Liberation Sans Narrow", "Arial Narrow"},
      {"Liberation Serif", "Times New Roman"},
      {"Liberation Mono", "Courier New"},
      {"sans-serif", "Arial"},
      {"serif", "Times New Roman"},
      {"monospace", "Courier New"},
  }};
  for (const auto& [from, to] : kMap) {
    if (family == from) return to;
  }
  return family;
}

void append_fonts(std::string& out, const std::string& font) {
  out += element("w:rFonts", {{"w:ascii", font}, {"w:hAnsi", font}, {"w:cs", font}});
}

// A boolean toggle property: written when it differs from the style's value.
void append_toggle(std::string& out, std::string_view name, bool value, bool base) {
  if (value == base) return;
  out += value ? element(name) : element(name, {{"w:val", "0"}});
}

}  // namespace

std::string word_font(std::string_view font_family, bool office_names) {
  const size_t comma = font_family.find(',');
  std::string_view first = trim(font_family.substr(0, comma));
  if (first.empty()) first = "serif";
  return std::string(office_names ? office_equivalent(first) : first);
}

RunBase run_base(const doc::ComputedStyle& style, bool office_names) {
  return RunBase{word_font(style.font_family, office_names), style.font_size,
                 style.font_weight >= 600, style.italic, style.color};
}

std::string run_properties_inner(const RunFormat& run, const RunBase& base,
                                 std::string_view char_style) {
  // Element order is fixed by the schema (CT_RPr); Word rejects other orders.
  std::string out;
  if (!char_style.empty()) out += element("w:rStyle", {{"w:val", std::string(char_style)}});
  if (run.base.font != base.font) append_fonts(out, run.base.font);
  append_toggle(out, "w:b", run.base.bold, base.bold);
  append_toggle(out, "w:i", run.base.italic, base.italic);
  if (run.strike) out += element("w:strike");
  if (run.base.color != base.color && !run.base.color.transparent()) {
    out += element("w:color", {{"w:val", hex_color(run.base.color)}});
  }
  if (half_points(run.base.size) != half_points(base.size)) {
    const int64_t sz = font_half_points(run.base.size);
    out += element("w:sz", {{"w:val", sz}});
    out += element("w:szCs", {{"w:val", sz}});
  }
  if (run.underline) out += element("w:u", {{"w:val", "single"}});
  if (!run.background.transparent()) {
    out += element(
        "w:shd", {{"w:val", "clear"}, {"w:color", "auto"}, {"w:fill", hex_color(run.background)}});
  }
  if (run.vertical_align == doc::VerticalAlign::kSuper) {
    out += element("w:vertAlign", {{"w:val", "superscript"}});
  } else if (run.vertical_align == doc::VerticalAlign::kSub) {
    out += element("w:vertAlign", {{"w:val", "subscript"}});
  }
  return out;
}

std::string run_properties_xml(const RunFormat& run, const RunBase& base,
                               std::string_view char_style) {
  std::string inner = run_properties_inner(run, base, char_style);
  if (inner.empty()) return inner;
  return "<w:rPr>" + inner + "</w:rPr>";
}

}  // namespace dossier::docx
