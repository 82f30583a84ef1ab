// Character formatting: the tree's computed style → WordprocessingML run properties (w:rPr).
#pragma once

#include <string>
#include <string_view>

#include "doc/tree.h"

namespace dossier::docx {

//! The character properties a paragraph style gives its runs. Runs write only what differs,
//! so that editing the style in Word (e.g. Heading 1) still changes the text.
struct RunBase {
  std::string font;  //!< Word font name
  double size = 12;  //!< points
  bool bold = false;
  bool italic = false;
  doc::Color color;
  bool operator==(const RunBase&) const = default;
};

//! The effective formatting of one run.
struct RunFormat {
  RunBase base;  //!< font, size, weight, slant, colour
  bool underline = false;
  bool strike = false;
  doc::Color background = doc::Color::none();
  doc::VerticalAlign vertical_align = doc::VerticalAlign::kBaseline;  //!< kSub/kSuper or other
};

//! The Word font name for a CSS family list: its first family, unquoted. With
//! `office_names`, Liberation Sans/Serif/Mono (and the generic families) become Arial,
//! Times New Roman and Courier New, their metric-compatible Office counterparts.
std::string word_font(std::string_view font_family, bool office_names);

//! Font, size, weight, slant and colour of `style`.
RunBase run_base(const doc::ComputedStyle& style, bool office_names);

//! The <w:rPr> for `run` in a paragraph whose style gives `base`; "" when nothing differs.
//! `char_style` is a character style id (e.g. "Hyperlink"), or empty.
std::string run_properties_xml(const RunFormat& run, const RunBase& base,
                               std::string_view char_style = {});

//! The same properties without the enclosing <w:rPr> (for style definitions).
std::string run_properties_inner(const RunFormat& run, const RunBase& base,
                                 std::string_view char_style = {});

}  // namespace dossier::docx
