// Small string helpers shared by the parsers (ASCII-only case folding).
#pragma once

#include <string>
#include <string_view>

namespace dossier::doc {

inline bool is_css_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);

}  // namespace dossier::doc
