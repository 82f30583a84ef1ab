#include <string>

#include "doc/tree_builder.h"

namespace dossier::doc {
namespace {

std::string alpha(int n, char base) {
  std::string s;
  while (n > 0) {
    --n;
    s.insert(s.begin(), static_cast<char>(base + n % 26));
    n /= 26;
  }
  return s;
}

std::string roman(int n, bool upper) {
  static constexpr std::pair<int, const char*> kNumerals[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  if (n <= 0 || n >= 4000) return std::to_string(n);
  std::string s;
  for (const auto& [value, text] : kNumerals) {
    while (n >= value) s += text, n -= value;
  }
  if (upper) {
    for (char& c : s) c = static_cast<char>(c - 32);
  }
  return s;
}

}  // namespace

std::string list_marker(ListStyleType type, int n) {
  switch (type) {
    case ListStyleType::kNone:
      return "";
    case ListStyleType::kDisc:
      return "\u2022";
    case ListStyleType::kCircle:
      return "\u25E6";
    case ListStyleType::kSquare:
      return "\u25AA";
    case ListStyleType::kDecimal:
      return std::to_string(n) + ".";
    case ListStyleType::kLowerAlpha:
      return (n > 0 ? alpha(n, 'a') : std::to_string(n)) + ".";
    case ListStyleType::kUpperAlpha:
      return (n > 0 ? alpha(n, 'A') : std::to_string(n)) + ".";
    case ListStyleType::kLowerRoman:
      return roman(n, false) + ".";
    case ListStyleType::kUpperRoman:
      return roman(n, true) + ".";
  }
  return "";
}

}  // namespace dossier::doc
