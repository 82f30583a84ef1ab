#include "doc/style_compute.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "doc/text_util.h"

namespace dossier::doc {
namespace {

using css::Property;
using css::Token;
using css::Tokens;
using css::TokenType;

struct Keyword {
  std::string_view name;
  int value;
};

template <size_t N>
std::optional<int> keyword(const Tokens v, const Keyword (&table)[N]) {
  if (v.size() != 1 || !v[0].is(TokenType::kIdent)) return std::nullopt;
  for (const Keyword& k : table) {
    if (iequals(k.name, v[0].text)) return k.value;
  }
  return std::nullopt;
}

constexpr Keyword kDisplay[] = {
    {"none", int(Display::kNone)},
    {"inline", int(Display::kInline)},
    {"inline-block", int(Display::kInline)},
    {"block", int(Display::kBlock)},
    {"flow-root", int(Display::kBlock)},
    {"flex", int(Display::kBlock)},
    {"grid", int(Display::kBlock)},
    {"list-item", int(Display::kListItem)},
    {"table", int(Display::kTable)},
    {"inline-table", int(Display::kTable)},
    {"table-row-group", int(Display::kTableRowGroup)},
    {"table-header-group", int(Display::kTableHeaderGroup)},
    {"table-footer-group", int(Display::kTableFooterGroup)},
    {"table-row", int(Display::kTableRow)},
    {"table-cell", int(Display::kTableCell)},
    {"table-caption", int(Display::kTableCaption)},
};

constexpr Keyword kFontSizes[] = {
    // in px (CSS absolute-size keywords)
    {"xx-small", 9}, {"x-small", 10}, {"small", 13},    {"medium", 16},
    {"large", 18},   {"x-large", 24}, {"xx-large", 32}, {"xxx-large", 48},
};

constexpr Keyword kTextAlign[] = {
    {"left", int(TextAlign::kLeft)},
    {"right", int(TextAlign::kRight)},
    {"center", int(TextAlign::kCenter)},
    {"justify", int(TextAlign::kJustify)},
    {"start", int(TextAlign::kStart)},
    {"end", int(TextAlign::kRight)},
    {"-webkit-center", int(TextAlign::kCenter)},
};

constexpr Keyword kBorderStyles[] = {
    {"none", int(BorderStyle::kNone)},     {"hidden", int(BorderStyle::kNone)},
    {"solid", int(BorderStyle::kSolid)},   {"groove", int(BorderStyle::kSolid)},
    {"ridge", int(BorderStyle::kSolid)},   {"inset", int(BorderStyle::kSolid)},
    {"outset", int(BorderStyle::kSolid)},  {"dashed", int(BorderStyle::kDashed)},
    {"dotted", int(BorderStyle::kDotted)}, {"double", int(BorderStyle::kDouble)},
};

constexpr Keyword kVerticalAlign[] = {
    {"baseline", int(VerticalAlign::kBaseline)}, {"top", int(VerticalAlign::kTop)},
    {"text-top", int(VerticalAlign::kTop)},      {"middle", int(VerticalAlign::kMiddle)},
    {"bottom", int(VerticalAlign::kBottom)},     {"text-bottom", int(VerticalAlign::kBottom)},
    {"sub", int(VerticalAlign::kSub)},           {"super", int(VerticalAlign::kSuper)},
};

constexpr Keyword kBreaks[] = {
    {"auto", int(BreakValue::kAuto)},        {"avoid", int(BreakValue::kAvoid)},
    {"avoid-page", int(BreakValue::kAvoid)}, {"always", int(BreakValue::kPage)},
    {"page", int(BreakValue::kPage)},        {"left", int(BreakValue::kPage)},
    {"right", int(BreakValue::kPage)},       {"recto", int(BreakValue::kPage)},
    {"verso", int(BreakValue::kPage)},
};

constexpr Keyword kListStyles[] = {
    {"none", int(ListStyleType::kNone)},
    {"disc", int(ListStyleType::kDisc)},
    {"circle", int(ListStyleType::kCircle)},
    {"square", int(ListStyleType::kSquare)},
    {"decimal", int(ListStyleType::kDecimal)},
    {"decimal-leading-zero", int(ListStyleType::kDecimal)},
    {"lower-alpha", int(ListStyleType::kLowerAlpha)},
    {"lower-latin", int(ListStyleType::kLowerAlpha)},
    {"upper-alpha", int(ListStyleType::kUpperAlpha)},
    {"upper-latin", int(ListStyleType::kUpperAlpha)},
    {"lower-roman", int(ListStyleType::kLowerRoman)},
    {"upper-roman", int(ListStyleType::kUpperRoman)},
};

constexpr Keyword kWhiteSpace[] = {
    {"normal", int(WhiteSpace::kNormal)},    {"pre", int(WhiteSpace::kPre)},
    {"nowrap", int(WhiteSpace::kNowrap)},    {"pre-wrap", int(WhiteSpace::kPreWrap)},
    {"pre-line", int(WhiteSpace::kPreLine)}, {"break-spaces", int(WhiteSpace::kPreWrap)},
};

// Family names resolved to the fonts we ship (metric-compatible Liberation fonts).
std::string resolve_family(std::string name) {
  const std::string lower = to_lower(name);
  if (lower == "arial" || lower == "helvetica" || lower == "helvetica neue" ||
      lower == "arial narrow" || lower == "verdana" || lower == "tahoma" || lower == "segoe ui" ||
      lower == "calibri" || lower == "system-ui" || lower == "-apple-system") {
    return "Liberation Sans";
  }
  if (lower == "times" || lower == "times new roman" || lower == "georgia" || lower == "cambria" ||
      lower == "garamond") {
    return "Liberation Serif";
  }
  if (lower == "courier" || lower == "courier new" || lower == "consolas" || lower == "menlo" ||
      lower == "monaco" || lower == "ui-monospace") {
    return "Liberation Mono";
  }
  if (lower == "sans-serif" || lower == "serif" || lower == "monospace") return lower;
  if (lower == "cursive" || lower == "fantasy" || lower == "ui-sans-serif") return "sans-serif";
  if (lower == "ui-serif") return "serif";
  return name;
}

std::optional<std::string> font_family(const Tokens v) {
  std::string out, current;
  auto flush = [&] {
    if (current.empty()) return;
    // Commas and semicolons would break Pango's family list syntax.
    std::erase_if(current, [](char c) { return c == ',' || c == ';'; });
    if (!out.empty()) out += ", ";
    out += resolve_family(current);
    current.clear();
  };
  for (const Token& t : v) {
    if (t.is(TokenType::kComma)) {
      flush();
    } else if (t.is(TokenType::kString)) {
      current = t.text;
    } else if (t.is(TokenType::kIdent)) {
      if (!current.empty()) current += ' ';
      current += t.text;
    } else {
      return std::nullopt;
    }
  }
  flush();
  if (out.empty()) return std::nullopt;
  return out;
}

class Applier {
 public:
  Applier(ElementStyle& out, const ComputeContext& ctx) : out_(out), s_(out.style), ctx_(ctx) {}

  void font_size(const Tokens v) {
    if (v.size() != 1) return;
    const double parent = ctx_.parent.font_size;
    if (auto px = keyword(v, kFontSizes)) {
      s_.font_size = *px * kPxToPt;
    } else if (v[0].is_ident("smaller")) {
      s_.font_size = parent / 1.2;
    } else if (v[0].is_ident("larger")) {
      s_.font_size = parent * 1.2;
    } else if (v[0].is(TokenType::kPercentage)) {
      s_.font_size = parent * v[0].number / 100;
    } else if (auto pt = css::parse_length(v[0], {parent, ctx_.root_font_size})) {
      s_.font_size = *pt;
    }
    s_.font_size = std::clamp(s_.font_size, 0.5, 2000.0);
  }

  void font_weight(const Tokens v) {
    if (v.size() != 1) return;
    const int parent = ctx_.parent.font_weight;
    if (v[0].is_ident("normal")) s_.font_weight = 400;
    if (v[0].is_ident("bold")) s_.font_weight = 700;
    if (v[0].is_ident("bolder")) s_.font_weight = parent < 600 ? 700 : 900;
    if (v[0].is_ident("lighter")) s_.font_weight = parent > 500 ? 400 : 100;
    if (v[0].is(TokenType::kNumber) && v[0].number >= 1 && v[0].number <= 1000) {
      s_.font_weight = static_cast<int>(std::lround(v[0].number));
    }
  }

  void text_decoration(const Tokens v) {
    for (const Token& t : v) {
      if (t.is_ident("underline")) s_.underline = true;
      if (t.is_ident("line-through")) s_.line_through = true;
    }
  }

  void line_height(const Tokens v) {
    if (v.size() != 1) return;
    const Token& t = v[0];
    if (t.is_ident("normal")) {
      s_.line_height = LineHeight{};
    } else if (t.is(TokenType::kNumber) && t.number >= 0) {
      s_.line_height = LineHeight{LineHeight::Kind::kFactor, t.number};
    } else if (t.is(TokenType::kPercentage) && t.number >= 0) {
      s_.line_height = LineHeight{LineHeight::Kind::kAbsolute, s_.font_size * t.number / 100};
    } else if (auto pt = length(t, false); pt && *pt >= 0) {
      s_.line_height = LineHeight{LineHeight::Kind::kAbsolute, *pt};
    }
  }

  std::optional<double> length(const Token& t, bool allow_unitless = true) const {
    return css::parse_length(t, {s_.font_size, ctx_.root_font_size}, allow_unitless);
  }

  // A length or percentage of the page content width.
  std::optional<double> length_percent(const Tokens v) const {
    if (v.size() != 1) return std::nullopt;
    if (v[0].is(TokenType::kPercentage)) return ctx_.percent_base * v[0].number / 100;
    return length(v[0]);
  }

  void margin(const Tokens v, double& side, bool* is_auto) {
    if (v.size() == 1 && v[0].is_ident("auto")) {
      side = 0;
      if (is_auto != nullptr) *is_auto = true;
    } else if (auto pt = length_percent(v)) {
      side = *pt;
      if (is_auto != nullptr) *is_auto = false;
    }
  }

  void nonnegative(const Tokens v, double& field) {
    if (auto pt = length_percent(v); pt && *pt >= 0) field = *pt;
  }

  void border_width(const Tokens v, BorderSide& side) {
    if (v.size() != 1) return;
    if (v[0].is_ident("thin"))
      side.width = 0.75;
    else if (v[0].is_ident("medium"))
      side.width = 2.25;
    else if (v[0].is_ident("thick"))
      side.width = 3.75;
    else if (auto pt = length(v[0]); pt && *pt >= 0)
      side.width = *pt;
  }

  void size_length(const Tokens v, Length& field) {
    if (v.size() != 1) return;
    if (v[0].is_ident("auto"))
      field = Length::automatic();
    else if (v[0].is(TokenType::kPercentage) && v[0].number >= 0)
      field = Length::percent(v[0].number);
    else if (auto pt = length(v[0]); pt && *pt >= 0)
      field = Length::pt(*pt);
  }

  template <typename E, size_t N>
  void enumerated(const Tokens v, const Keyword (&table)[N], E& field) {
    if (auto k = keyword(v, table)) field = static_cast<E>(*k);
  }

  void integer(const Tokens v, int& field) {
    if (v.size() == 1 && v[0].is(TokenType::kNumber) && v[0].number >= 1 && v[0].number <= 100) {
      field = static_cast<int>(v[0].number);
    }
  }

  void apply(Property p, const Tokens v);

 private:
  ElementStyle& out_;
  ComputedStyle& s_;
  const ComputeContext& ctx_;
};

void Applier::apply(Property p, const Tokens v) {
  auto& b = s_.border;
  switch (p) {
    case Property::kDisplay:
      return enumerated(v, kDisplay, out_.display);
    case Property::kFontSize:
      return font_size(v);
    case Property::kFontFamily:
      if (auto f = font_family(v)) s_.font_family = *f;
      return;
    case Property::kFontWeight:
      return font_weight(v);
    case Property::kFontStyle:
      if (v.size() == 1) s_.italic = v[0].is_ident("italic") || v[0].is_ident("oblique");
      return;
    case Property::kColor:
      if (auto c = css::parse_color(v, ctx_.parent.color)) s_.color = *c;
      return;
    case Property::kBackgroundColor:
      if (auto c = css::parse_color(v, s_.color)) s_.background = *c;
      return;
    case Property::kTextAlign:
      return enumerated(v, kTextAlign, s_.text_align);
    case Property::kTextDecoration:
      return text_decoration(v);
    case Property::kLineHeight:
      return line_height(v);
    case Property::kMarginTop:
      return margin(v, s_.margin.top, nullptr);
    case Property::kMarginRight:
      return margin(v, s_.margin.right, &s_.margin_right_auto);
    case Property::kMarginBottom:
      return margin(v, s_.margin.bottom, nullptr);
    case Property::kMarginLeft:
      return margin(v, s_.margin.left, &s_.margin_left_auto);
    case Property::kPaddingTop:
      return nonnegative(v, s_.padding.top);
    case Property::kPaddingRight:
      return nonnegative(v, s_.padding.right);
    case Property::kPaddingBottom:
      return nonnegative(v, s_.padding.bottom);
    case Property::kPaddingLeft:
      return nonnegative(v, s_.padding.left);
    case Property::kBorderTopWidth:
      return border_width(v, b.top);
    case Property::kBorderRightWidth:
      return border_width(v, b.right);
    case Property::kBorderBottomWidth:
      return border_width(v, b.bottom);
    case Property::kBorderLeftWidth:
      return border_width(v, b.left);
    case Property::kBorderTopStyle:
      return enumerated(v, kBorderStyles, b.top.style);
    case Property::kBorderRightStyle:
      return enumerated(v, kBorderStyles, b.right.style);
    case Property::kBorderBottomStyle:
      return enumerated(v, kBorderStyles, b.bottom.style);
    case Property::kBorderLeftStyle:
      return enumerated(v, kBorderStyles, b.left.style);
    case Property::kBorderTopColor:
      if (auto c = css::parse_color(v, s_.color)) b.top.color = *c;
      return;
    case Property::kBorderRightColor:
      if (auto c = css::parse_color(v, s_.color)) b.right.color = *c;
      return;
    case Property::kBorderBottomColor:
      if (auto c = css::parse_color(v, s_.color)) b.bottom.color = *c;
      return;
    case Property::kBorderLeftColor:
      if (auto c = css::parse_color(v, s_.color)) b.left.color = *c;
      return;
    case Property::kBorderCollapse:
      if (v.size() == 1) s_.border_collapse = v[0].is_ident("collapse");
      return;
    case Property::kBorderSpacing:
      if (!v.empty()) {
        if (auto pt = length(v[0]); pt && *pt >= 0) s_.border_spacing = *pt;
      }
      return;
    case Property::kWidth:
      return size_length(v, s_.width);
    case Property::kHeight:
      return size_length(v, s_.height);
    case Property::kVerticalAlign:
      return enumerated(v, kVerticalAlign, s_.vertical_align);
    case Property::kBreakBefore:
      return enumerated(v, kBreaks, s_.break_before);
    case Property::kBreakAfter:
      return enumerated(v, kBreaks, s_.break_after);
    case Property::kBreakInside:
      if (auto k = keyword(v, kBreaks)) {
        s_.break_inside = static_cast<BreakValue>(*k) == BreakValue::kAvoid ? BreakValue::kAvoid
                                                                            : BreakValue::kAuto;
      }
      return;
    case Property::kListStyleType:
      return enumerated(v, kListStyles, s_.list_style_type);
    case Property::kWhiteSpace:
      return enumerated(v, kWhiteSpace, s_.white_space);
    case Property::kTextIndent:
      if (auto pt = length_percent(v)) s_.text_indent = *pt;
      return;
    case Property::kOrphans:
      return integer(v, s_.orphans);
    case Property::kWidows:
      return integer(v, s_.widows);
    case Property::kSize:
    case Property::kContent:
    case Property::kCount:
      return;
  }
}

// Border colours default to currentcolor; widths compute to 0 when the style is none.
void finish_borders(ComputedStyle& s, const Winners& w) {
  BorderSide* sides[4] = {&s.border.top, &s.border.right, &s.border.bottom, &s.border.left};
  for (int k = 0; k < 4; ++k) {
    const auto color_prop = static_cast<size_t>(Property::kBorderTopColor) + static_cast<size_t>(k);
    const auto width_prop = static_cast<size_t>(Property::kBorderTopWidth) + static_cast<size_t>(k);
    if (w[color_prop] == nullptr) sides[k]->color = s.color;
    if (w[width_prop] == nullptr) sides[k]->width = 2.25;  // initial: medium
    if (sides[k]->style == BorderStyle::kNone) sides[k]->width = 0;
  }
}

}  // namespace

ElementStyle compute_style(const Winners& winners, const ComputeContext& ctx) {
  ElementStyle out;
  out.style = inherited_style(ctx.parent);
  static const ComputedStyle kInitial = initial_style();
  Applier applier(out, ctx);
  for (size_t i = 0; i < css::kPropertyCount; ++i) {
    const css::Declaration* d = winners[i];
    if (d == nullptr) continue;
    const auto p = static_cast<Property>(i);
    if (d->value.size() == 1 && d->value[0].is(TokenType::kIdent)) {
      const Token& t = d->value[0];
      const bool inherit = t.is_ident("inherit") || (t.is_ident("unset") && is_inherited(p));
      if (inherit || t.is_ident("initial") || t.is_ident("unset")) {
        copy_property(p, out.style, inherit ? ctx.parent : kInitial, out.display,
                      inherit ? Display::kInline : Display::kInline);
        continue;
      }
    }
    applier.apply(p, d->value);
  }
  finish_borders(out.style, winners);
  return out;
}

ComputedStyle initial_style() {
  ComputedStyle s;
  s.font_family = "Liberation Serif, serif";
  s.font_size = 12;
  return s;
}

}  // namespace dossier::doc
