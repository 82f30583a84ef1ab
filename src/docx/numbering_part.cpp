#include "docx/numbering_part.h"

#include <algorithm>
#include <charconv>

#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

constexpr int kLevels = 9;  // Word's maximum nesting

struct Format {
  const char* num_fmt;
  const char* bullet;  // lvlText for bullets; nullptr for numbers ("%1.")
};

Format format_of(doc::ListStyleType type) {
  switch (type) {
    case doc::ListStyleType::kCircle:
      return {"bullet", "\u25E6"};
    case doc::ListStyleType::kSquare:
      return {"bullet", "\u25AA"};
    case doc::ListStyleType::kDecimal:
      return {"decimal", nullptr};
    case doc::ListStyleType::kLowerAlpha:
      return {"lowerLetter", nullptr};
    case doc::ListStyleType::kUpperAlpha:
      return {"upperLetter", nullptr};
    case doc::ListStyleType::kLowerRoman:
      return {"lowerRoman", nullptr};
    case doc::ListStyleType::kUpperRoman:
      return {"upperRoman", nullptr};
    default:
      return {"bullet", "\u2022"};
  }
}

std::string abstract_xml(int id, doc::ListStyleType type) {
  const Format f = format_of(type);
  std::string out = open_element("w:abstractNum", {{"w:abstractNumId", id}});
  out += "<w:multiLevelType w:val=\"hybridMultilevel\"/>";
  for (int level = 0; level < kLevels; ++level) {
    const std::string text = f.bullet ? f.bullet : "%" + std::to_string(level + 1) + ".";
    out += open_element("w:lvl", {{"w:ilvl", level}});
    out += "<w:start w:val=\"1\"/>";
    out += element("w:numFmt", {{"w:val", f.num_fmt}});
    out += element("w:lvlText", {{"w:val", text}});
    out += "<w:lvlJc w:val=\"left\"/><w:pPr>";
    out += element("w:ind", {{"w:left", 720 * (level + 1)}, {"w:hanging", 360}});
    out += "</w:pPr></w:lvl>";
  }
  return out + "</w:abstractNum>";
}

int alpha_value(std::string_view s, char base) {
  int n = 0;
  for (char c : s) {
    if (c < base || c > base + 25 || n > 10'000'000) return -1;
    n = n * 26 + (c - base + 1);
  }
  return n;
}

int roman_value(std::string_view s, bool upper) {
  static constexpr std::string_view kDigits = "ivxlcdm";
  static constexpr int kValues[] = {1, 5, 10, 50, 100, 500, 1000};
  int total = 0, previous = 0;
  for (auto it = s.rbegin(); it != s.rend(); ++it) {
    const char c = upper ? static_cast<char>(*it + 32) : *it;
    if (upper && (*it < 'A' || *it > 'Z')) return -1;
    const size_t k = kDigits.find(c);
    if (k == std::string_view::npos) return -1;
    const int v = kValues[k];
    total += v < previous ? -v : v;
    previous = std::max(previous, v);
  }
  return total;
}

}  // namespace

int Numbering::add_list(doc::ListStyleType type, int level, int start) {
  auto it = std::find(abstracts_.begin(), abstracts_.end(), type);
  if (it == abstracts_.end()) it = abstracts_.insert(abstracts_.end(), type);
  const int abstract_id = static_cast<int>(it - abstracts_.begin());
  instances_.push_back({abstract_id, std::clamp(level, 0, kLevels - 1), std::max(0, start)});
  return static_cast<int>(instances_.size());
}

std::string Numbering::xml() const {
  std::string out(kXmlDeclaration);
  out += "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";
  for (size_t i = 0; i < abstracts_.size(); ++i) {
    out += abstract_xml(static_cast<int>(i), abstracts_[i]);
  }
  for (size_t i = 0; i < instances_.size(); ++i) {
    const Instance& inst = instances_[i];
    out += open_element("w:num", {{"w:numId", static_cast<int>(i + 1)}});
    out += element("w:abstractNumId", {{"w:val", inst.abstract_id}});
    out += open_element("w:lvlOverride", {{"w:ilvl", inst.level}});
    out += element("w:startOverride", {{"w:val", inst.start}});
    out += "</w:lvlOverride></w:num>";
  }
  return out + "</w:numbering>";
}

std::optional<int> marker_number(std::string_view marker, doc::ListStyleType type) {
  if (!marker.ends_with('.')) return std::nullopt;
  const std::string_view body = marker.substr(0, marker.size() - 1);
  if (body.empty()) return std::nullopt;
  int n = -1;
  switch (type) {
    case doc::ListStyleType::kDecimal: {
      const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), n);
      if (ec != std::errc() || end != body.data() + body.size()) return std::nullopt;
      return n;
    }
    case doc::ListStyleType::kLowerAlpha:
      n = alpha_value(body, 'a');
      break;
    case doc::ListStyleType::kUpperAlpha:
      n = alpha_value(body, 'A');
      break;
    case doc::ListStyleType::kLowerRoman:
      n = roman_value(body, false);
      break;
    case doc::ListStyleType::kUpperRoman:
      n = roman_value(body, true);
      break;
    default:
      break;
  }
  if (n < 0) return std::nullopt;
  return n;
}

}  // namespace dossier::docx
