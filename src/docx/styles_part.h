// word/styles.xml: Normal (from the body's font), the built-in "heading 1"…"heading 6"
// (from the first heading of each level, so the navigation pane and outline work), Header,
// Footer, Hyperlink and the table/numbering defaults Word expects.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "doc/tree.h"
#include "docx/run_properties.h"

namespace dossier::docx {

struct HeadingStyle {
  RunBase run;
  double space_before = 0;  //!< points
  double space_after = 0;
};

struct StyleSheet {
  RunBase normal;
  doc::LineHeight line_height;  //!< Normal's
  std::array<HeadingStyle, 6> headings;
  double content_width = 468;  //!< points; tab stops of Header/Footer

  //! The run properties paragraphs of this heading level (0 = none) get from their style.
  const RunBase& base(int heading_level) const;
  //! "Heading1"… or "" for 0.
  static std::string heading_style_id(int heading_level);
};

//! Normal from `document.body`; each heading level from its first occurrence in the body
//! (or the user-agent sizes 2em, 1.5em, 1.17em, 1em, .83em, .67em bold when absent).
//! `content_width`: the section's text column (points), for the Header/Footer tab stops.
StyleSheet make_style_sheet(const doc::Document& document, bool office_names, double content_width);

//! The styles part; `language` is a BCP 47 tag for w:lang ("" for none).
std::string styles_xml(const StyleSheet& sheet, std::string_view language);

}  // namespace dossier::docx
