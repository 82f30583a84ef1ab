#include "doc/svg_values.h"

#include <charconv>
#include <cmath>
#include <string>

#include "doc/css_tokenizer.h"
#include "doc/css_values.h"
#include "doc/text_util.h"

namespace dossier::doc::svg {
namespace {

bool is_separator(char c) {
  return is_css_space(c) || c == ',';
}

// Reads one number at `s[pos]` (after separators) and advances past it.
std::optional<double> next_number(std::string_view s, size_t& pos) {
  while (pos < s.size() && is_separator(s[pos])) ++pos;
  if (pos < s.size() && s[pos] == '+') ++pos;  // from_chars rejects a leading '+'
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data() + pos, s.data() + s.size(), value);
  if (ec != std::errc() || !std::isfinite(value)) return std::nullopt;
  pos = static_cast<size_t>(end - s.data());
  return value;
}

// The arguments of one transform function, e.g. "10 20" of "translate(10 20)".
bool apply_transform(std::string_view name, const std::vector<double>& a, cairo_matrix_t& m) {
  cairo_matrix_t step;
  const size_t n = a.size();
  if (name == "matrix" && n == 6) {
    cairo_matrix_init(&step, a[0], a[1], a[2], a[3], a[4], a[5]);
  } else if (name == "translate" && (n == 1 || n == 2)) {
    cairo_matrix_init_translate(&step, a[0], n == 2 ? a[1] : 0);
  } else if (name == "scale" && (n == 1 || n == 2)) {
    cairo_matrix_init_scale(&step, a[0], n == 2 ? a[1] : a[0]);
  } else if (name == "rotate" && (n == 1 || n == 3)) {
    const double cx = n == 3 ? a[1] : 0, cy = n == 3 ? a[2] : 0;
    cairo_matrix_init_translate(&step, cx, cy);
    cairo_matrix_rotate(&step, a[0] * M_PI / 180);
    cairo_matrix_translate(&step, -cx, -cy);
  } else if ((name == "skewX" || name == "skewY") && n == 1) {
    const double t = std::tan(a[0] * M_PI / 180);
    cairo_matrix_init(&step, 1, name == "skewY" ? t : 0, name == "skewX" ? t : 0, 1, 0, 0);
  } else {
    return false;
  }
  // Functions apply right to left to a point: the list's matrix is m · step.
  cairo_matrix_multiply(&m, &step, &m);
  return true;
}

}  // namespace

std::optional<double> number(std::string_view s) {
  s = trim(s);
  size_t pos = 0;
  auto value = next_number(s, pos);
  if (!value || pos != s.size()) return std::nullopt;
  return value;
}

std::optional<double> length(std::string_view s) {
  s = trim(s);
  if (s.ends_with("px")) s.remove_suffix(2);
  return number(s);
}

std::optional<std::vector<double>> number_list(std::string_view s) {
  std::vector<double> out;
  size_t pos = 0;
  while (true) {
    while (pos < s.size() && is_separator(s[pos])) ++pos;
    if (pos == s.size()) return out;
    auto value = next_number(s, pos);
    if (!value) return std::nullopt;
    out.push_back(*value);
  }
}

std::optional<std::optional<Color>> paint(std::string_view s) {
  s = trim(s);
  if (iequals(s, "none")) return std::optional<Color>();
  const std::vector<css::Token> tokens = css::tokenize(s);
  if (tokens.empty()) return std::nullopt;
  auto color = css::parse_color(tokens, Color{});
  if (!color) return std::nullopt;
  return std::optional<Color>(*color);
}

std::optional<cairo_matrix_t> transform(std::string_view s) {
  cairo_matrix_t m;
  cairo_matrix_init_identity(&m);
  size_t pos = 0;
  while (true) {
    while (pos < s.size() && is_separator(s[pos])) ++pos;
    if (pos == s.size()) return m;
    const size_t open = s.find('(', pos), close = s.find(')', pos);
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
      return std::nullopt;
    }
    auto args = number_list(s.substr(open + 1, close - open - 1));
    if (!args || !apply_transform(trim(s.substr(pos, open - pos)), *args, m)) return std::nullopt;
    pos = close + 1;
  }
}

}  // namespace dossier::doc::svg
