// UTF-8 decoding and encoding that never fails: every byte string decodes, malformed input
// becomes U+FFFD. Shared by the writers of XML (DOCX, SVG) and the document engine.
#pragma once

#include <string>
#include <string_view>

namespace dossier {

//! Length of the well-formed UTF-8 sequence starting at s[i] (< s.size()) and its code point
//! in `cp`; 0 when none starts there (bad lead byte, truncated, overlong, surrogate, beyond
//! U+10FFFF).
size_t utf8_sequence(std::string_view s, size_t i, char32_t& cp);

//! Decodes the code point at `pos` (< s.size()) and advances `pos`. Where no well-formed
//! sequence starts, returns U+FFFD and advances one byte.
char32_t next_code_point(std::string_view s, size_t& pos);

//! Appends the UTF-8 encoding of `cp`; surrogates, values beyond U+10FFFF and NUL (which C
//! APIs would take for the end of the string) become U+FFFD.
void append_utf8(std::string& out, char32_t cp);

//! `s` with every malformed sequence and every NUL replaced by U+FFFD.
std::string make_valid_utf8(std::string_view s);

}  // namespace dossier
