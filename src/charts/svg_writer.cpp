#include "charts/svg_writer.h"

#include <array>
#include <charconv>
#include <cmath>

#include "core/xml_text.h"

namespace dossier::charts {
namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool plain_rgb(std::string_view c) {
  if (!c.starts_with("rgb(") || !c.ends_with(")")) return false;
  for (char ch : c.substr(4, c.size() - 5)) {
    if (!(ch >= '0' && ch <= '9') && ch != ',' && ch != '.' && ch != ' ' && ch != '%') {
      return false;
    }
  }
  return true;
}

}  // namespace

void append_number(std::string& out, double v, int decimals) {
  static constexpr std::array<double, 7> kScale = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
  if (decimals < 0) decimals = 0;
  if (decimals > 6) decimals = 6;
  if (!std::isfinite(v)) v = 0;
  if (v > 1e12) v = 1e12;
  if (v < -1e12) v = -1e12;
  const double scale = kScale[static_cast<size_t>(decimals)];
  double r = std::round(v * scale) / scale;
  if (r == 0) r = 0;  // -0 → 0
  char buf[48];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, r, std::chars_format::fixed, decimals);
  if (ec != std::errc()) {
    out += '0';
    return;
  }
  char* last = end;
  if (decimals > 0) {
    while (last[-1] == '0') --last;
    if (last[-1] == '.') --last;
  }
  out.append(buf, last);
}

std::string format_number(double v, int decimals) {
  std::string s;
  append_number(s, v, decimals);
  return s;
}

std::string_view safe_color(std::string_view color, std::string_view fallback) {
  if (color.size() == 4 || color.size() == 7) {
    bool ok = color[0] == '#';
    for (size_t i = 1; ok && i < color.size(); ++i) ok = is_hex(color[i]);
    if (ok) return color;
  }
  if (!color.empty() && color.size() <= 24) {
    bool ok = true;
    for (char c : color) ok = ok && is_letter(c);
    if (ok) return color;
  }
  if (color.size() <= 32 && plain_rgb(color)) return color;
  return fallback;
}

void SvgWriter::end_start_tag() {
  if (in_start_tag_) {
    out_ += '>';
    in_start_tag_ = false;
  }
}

SvgWriter& SvgWriter::open(std::string_view name) {
  end_start_tag();
  out_ += '<';
  out_ += name;
  open_.push_back(name);
  in_start_tag_ = true;
  return *this;
}

SvgWriter& SvgWriter::attr(std::string_view name, double value, int decimals) {
  out_ += ' ';
  out_ += name;
  out_ += "=\"";
  append_number(out_, value, decimals);
  out_ += '"';
  return *this;
}

SvgWriter& SvgWriter::attr(std::string_view name, std::string_view value) {
  out_ += ' ';
  out_ += name;
  out_ += "=\"";
  append_xml_escaped(out_, value, XmlControls::kSpaceAll);
  out_ += '"';
  return *this;
}

SvgWriter& SvgWriter::text(std::string_view s) {
  end_start_tag();
  append_xml_escaped(out_, s, XmlControls::kSpaceAll);
  return *this;
}

SvgWriter& SvgWriter::close() {
  if (in_start_tag_) {
    out_ += "/>";
    in_start_tag_ = false;
  } else {
    out_ += "</";
    out_ += open_.back();
    out_ += '>';
  }
  open_.pop_back();
  return *this;
}

}  // namespace dossier::charts
