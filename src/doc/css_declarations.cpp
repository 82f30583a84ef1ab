// Declaration lists: property names → longhands, shorthand expansion, !important.
#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "doc/css_parser_internal.h"
#include "doc/css_stylesheet.h"
#include "doc/css_values.h"
#include "doc/text_util.h"

namespace dossier::doc::css {
namespace {

struct NamedProperty {
  std::string_view name;
  Property property;
};

constexpr NamedProperty kLonghands[] = {
    {"display", Property::kDisplay},
    {"font-size", Property::kFontSize},
    {"font-family", Property::kFontFamily},
    {"font-weight", Property::kFontWeight},
    {"font-style", Property::kFontStyle},
    {"color", Property::kColor},
    {"background-color", Property::kBackgroundColor},
    {"text-align", Property::kTextAlign},
    {"text-decoration", Property::kTextDecoration},
    {"text-decoration-line", Property::kTextDecoration},
    {"line-height", Property::kLineHeight},
    {"margin-top", Property::kMarginTop},
    {"margin-right", Property::kMarginRight},
    {"margin-bottom", Property::kMarginBottom},
    {"margin-left", Property::kMarginLeft},
    {"padding-top", Property::kPaddingTop},
    {"padding-right", Property::kPaddingRight},
    {"padding-bottom", Property::kPaddingBottom},
    {"padding-left", Property::kPaddingLeft},
    {"border-top-width", Property::kBorderTopWidth},
    {"border-right-width", Property::kBorderRightWidth},
    {"border-bottom-width", Property::kBorderBottomWidth},
    {"border-left-width", Property::kBorderLeftWidth},
    {"border-top-style", Property::kBorderTopStyle},
    {"border-right-style", Property::kBorderRightStyle},
    {"border-bottom-style", Property::kBorderBottomStyle},
    {"border-left-style", Property::kBorderLeftStyle},
    {"border-top-color", Property::kBorderTopColor},
    {"border-right-color", Property::kBorderRightColor},
    {"border-bottom-color", Property::kBorderBottomColor},
    {"border-left-color", Property::kBorderLeftColor},
    {"border-collapse", Property::kBorderCollapse},
    {"border-spacing", Property::kBorderSpacing},
    {"width", Property::kWidth},
    {"height", Property::kHeight},
    {"vertical-align", Property::kVerticalAlign},
    {"break-before", Property::kBreakBefore},
    {"break-after", Property::kBreakAfter},
    {"break-inside", Property::kBreakInside},
    {"page-break-before", Property::kBreakBefore},
    {"page-break-after", Property::kBreakAfter},
    {"page-break-inside", Property::kBreakInside},
    {"list-style-type", Property::kListStyleType},
    {"white-space", Property::kWhiteSpace},
    {"text-indent", Property::kTextIndent},
    {"orphans", Property::kOrphans},
    {"widows", Property::kWidows},
    {"size", Property::kSize},
    {"content", Property::kContent},
};

std::optional<Property> longhand(std::string_view name) {
  for (const NamedProperty& p : kLonghands) {
    if (p.name == name) return p.property;
  }
  return std::nullopt;
}

Property side(Property top, int k) {
  return static_cast<Property>(static_cast<int>(top) + k);
}

class Expander {
 public:
  Expander(DeclarationBlock& out, bool important) : out_(out), important_(important) {}

  void add(Property p, Tokens value) {
    out_.push_back(Declaration{p, std::vector<Token>(value.begin(), value.end()), important_});
  }
  void add_ident(Property p, std::string_view ident) {
    out_.push_back(Declaration{p, {Token{TokenType::kIdent, std::string(ident), 0}}, important_});
  }

  // margin/padding/border-width…: 1–4 components → top, right, bottom, left.
  void four_sides(Property top, Tokens value) {
    const auto parts = split_components(value);
    if (parts.empty() || parts.size() > 4) return;
    static constexpr std::array<std::array<int, 4>, 4> kPick = {
        {{0, 0, 0, 0}, {0, 1, 0, 1}, {0, 1, 2, 1}, {0, 1, 2, 3}}};
    const auto& pick = kPick[parts.size() - 1];
    for (int k = 0; k < 4; ++k)
      add(side(top, k), parts[static_cast<size_t>(pick[static_cast<size_t>(k)])]);
  }

  // border / border-<side>: width, style and colour in any order; missing ones reset.
  void border(Tokens value, int first_side, int side_count) {
    Tokens width, style, color;
    for (Tokens part : split_components(value)) {
      const Token& t = part.front();
      if (is_border_style(t)) {
        style = part;
      } else if (t.is(TokenType::kDimension) || t.is(TokenType::kNumber) || t.is_ident("thin") ||
                 t.is_ident("medium") || t.is_ident("thick")) {
        width = part;
      } else if (looks_like_color(part)) {
        color = part;
      } else {
        return;  // invalid: the whole declaration is dropped
      }
    }
    static const Token kMedium{TokenType::kIdent, "medium", 0};
    static const Token kNone{TokenType::kIdent, "none", 0};
    static const Token kCurrent{TokenType::kIdent, "currentcolor", 0};
    for (int k = first_side; k < first_side + side_count; ++k) {
      add(side(Property::kBorderTopWidth, k), width.empty() ? Tokens(&kMedium, 1) : width);
      add(side(Property::kBorderTopStyle, k), style.empty() ? Tokens(&kNone, 1) : style);
      add(side(Property::kBorderTopColor, k), color.empty() ? Tokens(&kCurrent, 1) : color);
    }
  }

  // font: [style || weight]* size[/line-height] family
  void font(Tokens value) {
    size_t i = 0;
    Tokens style, weight;
    for (; i < value.size(); ++i) {
      const Token& t = value[i];
      if (t.is_ident("italic") || t.is_ident("oblique")) {
        style = value.subspan(i, 1);
      } else if (t.is_ident("bold") || t.is_ident("bolder") || t.is_ident("lighter") ||
                 (t.is(TokenType::kNumber) && t.number >= 1 && t.number <= 1000)) {
        weight = value.subspan(i, 1);
      } else if (!t.is_ident("normal") && !t.is_ident("small-caps")) {
        break;
      }
    }
    if (i + 1 >= value.size()) return;  // size and family are required
    static const Token kNormal{TokenType::kIdent, "normal", 0};
    add(Property::kFontStyle, style.empty() ? Tokens(&kNormal, 1) : style);
    add(Property::kFontWeight, weight.empty() ? Tokens(&kNormal, 1) : weight);
    add(Property::kFontSize, value.subspan(i, 1));
    ++i;
    if (i + 1 < value.size() && value[i].is_delim('/')) {
      add(Property::kLineHeight, value.subspan(i + 1, 1));
      i += 2;
    } else {
      add(Property::kLineHeight, Tokens(&kNormal, 1));
    }
    add(Property::kFontFamily, value.subspan(i));
  }

  void background(Tokens value) {
    for (Tokens part : split_components(value)) {
      if (looks_like_color(part)) return add(Property::kBackgroundColor, part);
    }
    add_ident(Property::kBackgroundColor, "transparent");
  }

  void list_style(Tokens value) {
    for (const Token& t : value) {
      if (t.is(TokenType::kIdent) && !t.is_ident("inside") && !t.is_ident("outside")) {
        return add(Property::kListStyleType, Tokens(&t, 1));
      }
    }
  }

  static bool is_border_style(const Token& t) {
    for (std::string_view s : {"none", "hidden", "solid", "dashed", "dotted", "double", "groove",
                               "ridge", "inset", "outset"}) {
      if (t.is_ident(s)) return true;
    }
    return false;
  }

 private:
  DeclarationBlock& out_;
  bool important_;
};

bool expand_shorthand(std::string_view name, Tokens value, Expander& ex) {
  static constexpr std::array<std::string_view, 4> kSides = {"top", "right", "bottom", "left"};
  if (name == "margin") return ex.four_sides(Property::kMarginTop, value), true;
  if (name == "padding") return ex.four_sides(Property::kPaddingTop, value), true;
  if (name == "border-width") return ex.four_sides(Property::kBorderTopWidth, value), true;
  if (name == "border-style") return ex.four_sides(Property::kBorderTopStyle, value), true;
  if (name == "border-color") return ex.four_sides(Property::kBorderTopColor, value), true;
  if (name == "border") return ex.border(value, 0, 4), true;
  for (int k = 0; k < 4; ++k) {
    if (name.size() == 7 + kSides[static_cast<size_t>(k)].size() && name.starts_with("border-") &&
        name.substr(7) == kSides[static_cast<size_t>(k)]) {
      return ex.border(value, k, 1), true;
    }
  }
  if (name == "font") return ex.font(value), true;
  if (name == "background") return ex.background(value), true;
  if (name == "list-style") return ex.list_style(value), true;
  return false;
}

// Splits off a trailing "!important".
bool strip_important(std::vector<Token>& value) {
  if (value.size() >= 2 && value.back().is_ident("important") &&
      value[value.size() - 2].is_delim('!')) {
    value.resize(value.size() - 2);
    return true;
  }
  return false;
}

}  // namespace

void parse_declaration(Tokens tokens, DeclarationBlock& out) {
  size_t i = 0;
  while (i < tokens.size() && tokens[i].is(TokenType::kWhitespace)) ++i;
  if (i >= tokens.size() || !tokens[i].is(TokenType::kIdent)) return;
  const std::string name = to_lower(tokens[i].text);
  ++i;
  while (i < tokens.size() && tokens[i].is(TokenType::kWhitespace)) ++i;
  if (i >= tokens.size() || !tokens[i].is(TokenType::kColon)) return;
  std::vector<Token> value;
  for (++i; i < tokens.size(); ++i) {
    if (!tokens[i].is(TokenType::kWhitespace)) value.push_back(tokens[i]);
  }
  const bool important = strip_important(value);
  if (value.empty()) return;
  Expander ex(out, important);
  if (expand_shorthand(name, value, ex)) return;
  if (auto p = longhand(name)) ex.add(*p, value);
}

DeclarationBlock parse_declaration_list(std::string_view text) {
  const std::vector<Token> tokens = tokenize(text);
  return parse_declarations(tokens);
}

DeclarationBlock parse_declarations(Tokens tokens) {
  DeclarationBlock out;
  size_t start = 0;
  int depth = 0;
  for (size_t i = 0; i <= tokens.size(); ++i) {
    if (i < tokens.size()) {
      const TokenType t = tokens[i].type;
      if (t == TokenType::kFunction || t == TokenType::kOpenParen || t == TokenType::kOpenBracket ||
          t == TokenType::kOpenBrace) {
        ++depth;
      } else if (t == TokenType::kCloseParen || t == TokenType::kCloseBracket ||
                 t == TokenType::kCloseBrace) {
        depth = depth > 0 ? depth - 1 : 0;
      }
      if (!(t == TokenType::kSemicolon && depth == 0)) continue;
    }
    parse_declaration(tokens.subspan(start, i - start), out);
    start = i + 1;
  }
  return out;
}

}  // namespace dossier::doc::css
