#include "formats/tabular/cell_safety.h"

namespace dossier::formats::tabular {

bool starts_like_formula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\n':
    case '\0':
      return true;
    default:
      return false;
  }
}

std::string neutralized(std::string_view text) {
  if (!starts_like_formula(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 1);
  out.push_back('\'');
  out.append(text);
  return out;
}

}  // namespace dossier::formats::tabular
