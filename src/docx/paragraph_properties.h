// Paragraph formatting (w:pPr) and the border/shading elements shared with tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "doc/tree.h"

namespace dossier::docx {

//! w:spacing line/lineRule for a CSS line-height: `normal` is Word's single spacing, a
//! factor is a multiple of it (CSS factors are of the font size; single ≈ 1.15 em), an
//! absolute height is "at least" that (never clips inline images, unlike "exact").
struct LineSpacing {
  int64_t line = 240;
  const char* rule = "auto";
};
LineSpacing line_spacing(const doc::LineHeight& line_height);

struct ParagraphProps {
  std::string style_id;  //!< "Heading1"…; "" = Normal
  bool keep_next = false;
  bool keep_lines = false;
  bool page_break_before = false;
  int num_id = 0;  //!< w:numPr numId; 0 = not numbered
  int ilvl = 0;
  doc::Sides<doc::BorderSide> border;  //!< visible sides become w:pBdr
  doc::Sides<double> border_space;     //!< points between text and each border (Word: ≤ 31)
  doc::Color shading = doc::Color::none();
  double before = 0;  //!< points
  double after = 0;
  std::optional<LineSpacing> line;  //!< unset = the style's
  double indent_left = 0;           //!< points
  double indent_right = 0;
  double first_line = 0;  //!< points; negative = hanging indent
  doc::TextAlign align = doc::TextAlign::kStart;
  std::string mark_run_properties;  //!< inner XML of the paragraph mark's w:rPr
};

//! The <w:pPr> element (elements in schema order).
std::string paragraph_properties_xml(const ParagraphProps& props);

//! A border element such as <w:top …/> or <w:left …/>; `space` in points; "" if invisible.
std::string border_xml(std::string_view name, const doc::BorderSide& side, double space = 0);

//! <w:shd w:val="clear" w:fill="RRGGBB"/>; "" for a transparent colour.
std::string shading_xml(doc::Color color);

}  // namespace dossier::docx
