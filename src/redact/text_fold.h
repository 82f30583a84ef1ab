// Folding text for identifier matching: "José  O’Neil" and "jose o'neil" are the same name to
// a reader, so matching happens on a folded copy — accents stripped, lower case, typographic
// apostrophes and dashes made plain, whitespace runs collapsed to one space — that remembers
// where each of its bytes came from, so a match can be cut out of the original text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::redact {

struct FoldedText {
  std::string text;  //!< folded, valid UTF-8
  //! origin[i] is the byte offset in the original of the code point folded byte i came from;
  //! origin[text.size()] is the original's size, so [origin[b], origin[e]) is the original of
  //! any folded range [b, e) that starts and ends on code points.
  std::vector<size_t> origin;
};

FoldedText fold(std::string_view utf8);

//! fold(s).text, for the terms to look for.
std::string fold_term(std::string_view s);

}  // namespace dossier::redact
