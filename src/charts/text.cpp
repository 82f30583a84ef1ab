#include "charts/text.h"

#include "core/utf8.h"

namespace dossier::charts {
namespace {

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_combining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B ||
         c == 0x200C || c == 0x200D;
}

// Advance in ems, from Liberation Sans (Arial metrics) rounded up per class.
double ascii_em(char c) {
  switch (c) {
    case ' ':
      return 0.28;
    case 'i':
    case 'j':
    case 'l':
    case 'I':
    case '.':
    case ',':
    case ':':
    case ';':
    case '\'':
    case '|':
    case '!':
      return 0.28;
    case 'f':
    case 't':
    case 'r':
    case '(':
    case ')':
    case '[':
    case ']':
    case '-':
      return 0.36;
    case 'm':
    case 'M':
    case 'W':
      return 0.86;
    case 'w':
    case '@':
    case '%':
      return 0.76;
    default:
      break;
  }
  if (c >= 'A' && c <= 'Z') return 0.70;
  if (c >= 'a' && c <= 'z') return 0.56;
  if (c >= '0' && c <= '9') return 0.56;
  return 0.58;
}

double code_point_em(char32_t c) {
  if (c < 0x80) return ascii_em(static_cast<char>(c));
  if (is_combining(c)) return 0.0;
  if (is_wide(c)) return 1.0;
  return 0.62;
}

}  // namespace

double text_width(std::string_view s, double font_px) {
  double em = 0;
  size_t pos = 0;
  while (pos < s.size()) em += code_point_em(next_code_point(s, pos));
  return em * font_px;
}

std::string fit_text(std::string_view s, double font_px, double max_px) {
  if (text_width(s, font_px) <= max_px) return std::string(s);
  const double budget = max_px - text_width("…", font_px);
  double used = 0;
  size_t pos = 0, keep = 0;
  while (pos < s.size()) {
    size_t next = pos;
    used += code_point_em(next_code_point(s, next)) * font_px;
    if (used > budget) break;
    pos = next;
    keep = pos;
  }
  std::string out(s.substr(0, keep));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "…";
  return out;
}

}  // namespace dossier::charts
