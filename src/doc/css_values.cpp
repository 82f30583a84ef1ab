#include "doc/css_values.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "doc/text_util.h"

namespace dossier::doc::css {

std::vector<Tokens> split_components(Tokens tokens) {
  std::vector<Tokens> out;
  size_t i = 0;
  while (i < tokens.size()) {
    size_t j = i + 1;
    if (tokens[i].is(TokenType::kFunction) || tokens[i].is(TokenType::kOpenParen)) {
      int depth = 1;
      while (j < tokens.size() && depth > 0) {
        if (tokens[j].is(TokenType::kFunction) || tokens[j].is(TokenType::kOpenParen)) ++depth;
        if (tokens[j].is(TokenType::kCloseParen)) --depth;
        ++j;
      }
    }
    out.push_back(tokens.subspan(i, j - i));
    i = j;
  }
  return out;
}

std::optional<double> parse_length(const Token& t, FontBasis basis, bool allow_unitless) {
  if (t.is(TokenType::kNumber)) {
    if (t.number == 0) return 0.0;
    if (allow_unitless) return t.number * kPxToPt;
    return std::nullopt;
  }
  if (!t.is(TokenType::kDimension)) return std::nullopt;
  const double v = t.number;
  const std::string& u = t.text;
  if (u == "px") return v * kPxToPt;
  if (u == "pt") return v;
  if (u == "pc") return v * 12;
  if (u == "in") return v * 72;
  if (u == "cm") return v * 72 / 2.54;
  if (u == "mm") return v * 72 / 25.4;
  if (u == "q") return v * 72 / 101.6;
  if (u == "em") return v * basis.font_size;
  if (u == "rem") return v * basis.root_font_size;
  if (u == "ex" || u == "ch") return v * basis.font_size * 0.5;
  return std::nullopt;
}

namespace {

struct NamedColor {
  std::string_view name;
  uint32_t rgb;
};

// CSS basic colours plus the extended names most often seen in hand-written templates.
constexpr std::array<NamedColor, 72> kNamedColors = {{
    {"black", 0x000000},         {"silver", 0xc0c0c0},
    {"gray", 0x808080},          {"grey", 0x808080},
    {"white", 0xffffff},         {"maroon", 0x800000},
    {"red", 0xff0000},           {"purple", 0x800080},
    {"fuchsia", 0xff00ff},       {"magenta", 0xff00ff},
    {"green", 0x008000},         {"lime", 0x00ff00},
    {"olive", 0x808000},         {"yellow", 0xffff00},
    {"navy", 0x000080},          {"blue", 0x0000ff},
    {"teal", 0x008080},          {"aqua", 0x00ffff},
    {"cyan", 0x00ffff},          {"orange", 0xffa500},
    {"darkgray", 0xa9a9a9},      {"darkgrey", 0xa9a9a9},
    {"lightgray", 0xd3d3d3},     {"lightgrey", 0xd3d3d3},
    {"dimgray", 0x696969},       {"dimgrey", 0x696969},
    {"gainsboro", 0xdcdcdc},     {"whitesmoke", 0xf5f5f5},
    {"darkred", 0x8b0000},       {"darkgreen", 0x006400},
    {"darkblue", 0x00008b},      {"lightblue", 0xadd8e6},
    {"lightgreen", 0x90ee90},    {"lightyellow", 0xffffe0},
    {"steelblue", 0x4682b4},     {"royalblue", 0x4169e1},
    {"slategray", 0x708090},     {"slategrey", 0x708090},
    {"darkslategray", 0x2f4f4f}, {"lightslategray", 0x778899},
    {"midnightblue", 0x191970},  {"cornflowerblue", 0x6495ed},
    {"skyblue", 0x87ceeb},       {"aliceblue", 0xf0f8ff},
    {"ghostwhite", 0xf8f8ff},    {"ivory", 0xfffff0},
    {"beige", 0xf5f5dc},         {"linen", 0xfaf0e6},
    {"seashell", 0xfff5ee},      {"honeydew", 0xf0fff0},
    {"mintcream", 0xf5fffa},     {"lavender", 0xe6e6fa},
    {"pink", 0xffc0cb},          {"hotpink", 0xff69b4},
    {"crimson", 0xdc143c},       {"firebrick", 0xb22222},
    {"tomato", 0xff6347},        {"coral", 0xff7f50},
    {"gold", 0xffd700},          {"goldenrod", 0xdaa520},
    {"darkorange", 0xff8c00},    {"brown", 0xa52a2a},
    {"chocolate", 0xd2691e},     {"tan", 0xd2b48c},
    {"wheat", 0xf5deb3},         {"khaki", 0xf0e68c},
    {"forestgreen", 0x228b22},   {"seagreen", 0x2e8b57},
    {"indigo", 0x4b0082},        {"violet", 0xee82ee},
    {"orchid", 0xda70d6},        {"rebeccapurple", 0x663399},
}};

Color from_rgb(uint32_t rgb) {
  return Color{static_cast<uint8_t>(rgb >> 16), static_cast<uint8_t>((rgb >> 8) & 0xff),
               static_cast<uint8_t>(rgb & 0xff), 255};
}

std::optional<Color> named_color(std::string_view name) {
  for (const NamedColor& c : kNamedColors) {
    if (iequals(c.name, name)) return from_rgb(c.rgb);
  }
  return std::nullopt;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = ascii_lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::optional<Color> hex_color(std::string_view h) {
  std::array<int, 8> d{};
  if (h.size() != 3 && h.size() != 4 && h.size() != 6 && h.size() != 8) return std::nullopt;
  for (size_t i = 0; i < h.size(); ++i) {
    d[i] = hex_digit(h[i]);
    if (d[i] < 0) return std::nullopt;
  }
  auto byte = [](int hi, int lo) { return static_cast<uint8_t>(hi * 16 + lo); };
  if (h.size() <= 4) {
    return Color{byte(d[0], d[0]), byte(d[1], d[1]), byte(d[2], d[2]),
                 h.size() == 4 ? byte(d[3], d[3]) : uint8_t{255}};
  }
  return Color{byte(d[0], d[1]), byte(d[2], d[3]), byte(d[4], d[5]),
               h.size() == 8 ? byte(d[6], d[7]) : uint8_t{255}};
}

uint8_t clamp_byte(double v) {
  return static_cast<uint8_t>(std::lround(std::clamp(v, 0.0, 255.0)));
}

// Arguments of rgb()/hsl(): numbers and percentages, separated by commas, spaces or "/".
std::vector<const Token*> function_args(Tokens component) {
  std::vector<const Token*> args;
  for (size_t i = 1; i + 1 <= component.size(); ++i) {
    const Token& t = component[i];
    if (t.is(TokenType::kNumber) || t.is(TokenType::kPercentage) || t.is(TokenType::kDimension)) {
      args.push_back(&t);
    }
  }
  return args;
}

double alpha_arg(const Token* t) {
  if (t == nullptr) return 255;
  return t->is(TokenType::kPercentage) ? t->number * 2.55 : t->number * 255;
}

double hue_to_rgb(double p, double q, double t) {
  if (t < 0) t += 1;
  if (t > 1) t -= 1;
  if (t < 1.0 / 6) return p + (q - p) * 6 * t;
  if (t < 0.5) return q;
  if (t < 2.0 / 3) return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

std::optional<Color> function_color(Tokens component) {
  const std::string& fn = component.front().text;
  const auto args = function_args(component);
  if (args.size() < 3) return std::nullopt;
  const Token* alpha = args.size() > 3 ? args[3] : nullptr;
  if (fn == "rgb" || fn == "rgba") {
    auto channel = [](const Token* t) {
      return t->is(TokenType::kPercentage) ? t->number * 2.55 : t->number;
    };
    return Color{clamp_byte(channel(args[0])), clamp_byte(channel(args[1])),
                 clamp_byte(channel(args[2])), clamp_byte(alpha_arg(alpha))};
  }
  if (fn == "hsl" || fn == "hsla") {
    const double h = std::fmod(std::fmod(args[0]->number, 360) + 360, 360) / 360;
    const double s = std::clamp(args[1]->number / 100, 0.0, 1.0);
    const double l = std::clamp(args[2]->number / 100, 0.0, 1.0);
    const double q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const double p = 2 * l - q;
    return Color{clamp_byte(hue_to_rgb(p, q, h + 1.0 / 3) * 255),
                 clamp_byte(hue_to_rgb(p, q, h) * 255),
                 clamp_byte(hue_to_rgb(p, q, h - 1.0 / 3) * 255), clamp_byte(alpha_arg(alpha))};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Color> parse_color(Tokens component, Color current) {
  if (component.empty()) return std::nullopt;
  const Token& t = component.front();
  if (t.is(TokenType::kHash)) return hex_color(t.text);
  if (t.is(TokenType::kFunction)) return function_color(component);
  if (!t.is(TokenType::kIdent)) return std::nullopt;
  if (t.is_ident("transparent")) return Color::none();
  if (t.is_ident("currentcolor")) return current;
  return named_color(t.text);
}

bool looks_like_color(Tokens component) {
  return parse_color(component, Color{}).has_value();
}

}  // namespace dossier::doc::css
