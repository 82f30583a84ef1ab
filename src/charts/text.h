// Internal: text for SVG — XML escaping that always yields well-formed XML, and an estimate of
// rendered width (no font engine here) good enough to lay out labels and avoid overlaps.
#pragma once

#include <string>
#include <string_view>

namespace dossier::charts {

//! Decodes the code point at `pos` and advances `pos`. Invalid or overlong UTF-8, surrogates and
//! U+FFFE/U+FFFF come back as U+FFFD (advancing one byte), so every input decodes.
char32_t next_code_point(std::string_view s, size_t& pos);

//! Appends `s` escaped for XML text and attribute values (& < > " '). Invalid UTF-8 becomes
//! U+FFFD; control characters (tab and newlines included, since labels are one line) become
//! spaces, because XML 1.0 forbids most of them and they have no place in a label.
void append_escaped(std::string& out, std::string_view s);

//! Estimated advance of `s` in Liberation Sans at `font_px`: per-class averages of its
//! metrics, a full em for CJK, Hangul and fullwidth forms, nothing for combining marks.
//! Errs on the wide side so estimated layouts do not overlap.
double text_width(std::string_view s, double font_px);

//! `s` when it fits in `max_px`, else its longest prefix (whole code points) that fits with a
//! trailing "…".
std::string fit_text(std::string_view s, double font_px, double max_px);

}  // namespace dossier::charts
