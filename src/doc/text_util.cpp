#include "doc/text_util.h"

namespace dossier::doc {

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_css_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_css_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace dossier::doc
