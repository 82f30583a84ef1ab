#include "claims/x12_segments.h"

#include <cctype>

#include "claims/latin_text.h"

namespace dossier::claims {

void SegmentWriter::add(std::vector<std::string> elements) {
  while (elements.size() > 1 && elements.back().empty()) elements.pop_back();
  std::string segment;
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) segment += '*';
    segment += elements[i];
  }
  add_raw(segment);
}

void SegmentWriter::add_raw(const std::string& segment) {
  text_ += segment;
  text_ += "~\n";
  ++count_;
}

std::string x12_text(const std::string& utf8) {
  // Other scripts are transliterated ("Мария" → "Mariya"), never dropped into a blank.
  const std::string folded = latin_ascii(utf8);
  std::string out;
  for (unsigned char c : folded) {
    const bool separator = c == '*' || c == '~' || c == ':' || c == '^';
    if (c >= 0x80) continue;
    const char plain = (separator || c < 0x20) ? ' ' : static_cast<char>(std::toupper(c));
    if (plain == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += plain;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string x12_id(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7f || c == '*' || c == '~' || c == ':' || c == '^') continue;
    out += static_cast<char>(c);
  }
  return out;
}

std::string digits_of(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

}  // namespace dossier::claims
