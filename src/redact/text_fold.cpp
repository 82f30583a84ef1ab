#include "redact/text_fold.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "core/utf8.h"

namespace dossier::redact {
namespace {

// The base letter of `cp`: the first code point of its canonical decomposition ("é" is
// "e" + U+0301), lower-cased; characters that look alike in names and addresses made one.
char32_t fold_code_point(char32_t cp) {
  switch (cp) {
    case U'\u2018':
    case U'\u2019':
    case U'\u02BC':
      return U'\'';
    case U'\u2010':
    case U'\u2011':
    case U'\u2013':
    case U'\u2014':
      return U'-';
    default:
      break;
  }
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfd = unorm2_getNFDInstance(&status);
  UChar decomposed[8];
  if (U_SUCCESS(status)) {
    const int32_t n =
        unorm2_getDecomposition(nfd, static_cast<UChar32>(cp), decomposed, 8, &status);
    if (U_SUCCESS(status) && n > 0) {
      UChar32 base = 0;
      int32_t i = 0;
      U16_NEXT(decomposed, i, n, base);
      cp = static_cast<char32_t>(base);
    }
  }
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
}

}  // namespace

FoldedText fold(std::string_view utf8) {
  FoldedText out;
  out.text.reserve(utf8.size());
  out.origin.reserve(utf8.size() + 1);
  size_t pos = 0;
  bool in_space = false;
  while (pos < utf8.size()) {
    const size_t start = pos;
    const char32_t cp = next_code_point(utf8, pos);
    if (u_isUWhiteSpace(static_cast<UChar32>(cp))) {
      if (in_space) continue;
      in_space = true;
      out.text += ' ';
      out.origin.push_back(start);
      continue;
    }
    in_space = false;
    const size_t before = out.text.size();
    append_utf8(out.text, fold_code_point(cp));
    out.origin.insert(out.origin.end(), out.text.size() - before, start);
  }
  out.origin.push_back(utf8.size());
  return out;
}

std::string fold_term(std::string_view s) {
  return fold(s).text;
}

}  // namespace dossier::redact
