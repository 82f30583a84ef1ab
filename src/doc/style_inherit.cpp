// Inheritance and the CSS-wide keywords (inherit, initial, unset), per property.
#include "doc/style_compute.h"

namespace dossier::doc {
namespace {
using css::Property;
}  // namespace

void copy_property(Property p, ComputedStyle& s, const ComputedStyle& from, Display& display,
                   Display from_display) {
  auto& b = s.border;
  const auto& fb = from.border;
  switch (p) {
    case Property::kDisplay:
      display = from_display;
      return;
    case Property::kFontSize:
      s.font_size = from.font_size;
      return;
    case Property::kFontFamily:
      s.font_family = from.font_family;
      return;
    case Property::kFontWeight:
      s.font_weight = from.font_weight;
      return;
    case Property::kFontStyle:
      s.italic = from.italic;
      return;
    case Property::kColor:
      s.color = from.color;
      return;
    case Property::kBackgroundColor:
      s.background = from.background;
      return;
    case Property::kTextAlign:
      s.text_align = from.text_align;
      return;
    case Property::kTextDecoration:
      return;  // decorations only accumulate
    case Property::kLineHeight:
      s.line_height = from.line_height;
      return;
    case Property::kMarginTop:
      s.margin.top = from.margin.top;
      return;
    case Property::kMarginRight:
      s.margin.right = from.margin.right;
      return;
    case Property::kMarginBottom:
      s.margin.bottom = from.margin.bottom;
      return;
    case Property::kMarginLeft:
      s.margin.left = from.margin.left;
      return;
    case Property::kPaddingTop:
      s.padding.top = from.padding.top;
      return;
    case Property::kPaddingRight:
      s.padding.right = from.padding.right;
      return;
    case Property::kPaddingBottom:
      s.padding.bottom = from.padding.bottom;
      return;
    case Property::kPaddingLeft:
      s.padding.left = from.padding.left;
      return;
    case Property::kBorderTopWidth:
      b.top.width = fb.top.width;
      return;
    case Property::kBorderRightWidth:
      b.right.width = fb.right.width;
      return;
    case Property::kBorderBottomWidth:
      b.bottom.width = fb.bottom.width;
      return;
    case Property::kBorderLeftWidth:
      b.left.width = fb.left.width;
      return;
    case Property::kBorderTopStyle:
      b.top.style = fb.top.style;
      return;
    case Property::kBorderRightStyle:
      b.right.style = fb.right.style;
      return;
    case Property::kBorderBottomStyle:
      b.bottom.style = fb.bottom.style;
      return;
    case Property::kBorderLeftStyle:
      b.left.style = fb.left.style;
      return;
    case Property::kBorderTopColor:
      b.top.color = fb.top.color;
      return;
    case Property::kBorderRightColor:
      b.right.color = fb.right.color;
      return;
    case Property::kBorderBottomColor:
      b.bottom.color = fb.bottom.color;
      return;
    case Property::kBorderLeftColor:
      b.left.color = fb.left.color;
      return;
    case Property::kBorderCollapse:
      s.border_collapse = from.border_collapse;
      return;
    case Property::kBorderSpacing:
      s.border_spacing = from.border_spacing;
      return;
    case Property::kWidth:
      s.width = from.width;
      return;
    case Property::kHeight:
      s.height = from.height;
      return;
    case Property::kVerticalAlign:
      s.vertical_align = from.vertical_align;
      return;
    case Property::kBreakBefore:
      s.break_before = from.break_before;
      return;
    case Property::kBreakAfter:
      s.break_after = from.break_after;
      return;
    case Property::kBreakInside:
      s.break_inside = from.break_inside;
      return;
    case Property::kListStyleType:
      s.list_style_type = from.list_style_type;
      return;
    case Property::kWhiteSpace:
      s.white_space = from.white_space;
      return;
    case Property::kTextIndent:
      s.text_indent = from.text_indent;
      return;
    case Property::kOrphans:
      s.orphans = from.orphans;
      return;
    case Property::kWidows:
      s.widows = from.widows;
      return;
    case Property::kSize:
    case Property::kContent:
    case Property::kCount:
      return;
  }
}

bool is_inherited(css::Property p) {
  switch (p) {
    case Property::kFontSize:
    case Property::kFontFamily:
    case Property::kFontWeight:
    case Property::kFontStyle:
    case Property::kColor:
    case Property::kTextAlign:
    case Property::kLineHeight:
    case Property::kWhiteSpace:
    case Property::kListStyleType:
    case Property::kBorderCollapse:
    case Property::kBorderSpacing:
    case Property::kTextIndent:
    case Property::kOrphans:
    case Property::kWidows:
      return true;
    default:
      return false;
  }
}

ComputedStyle inherited_style(const ComputedStyle& parent) {
  ComputedStyle s;
  s.font_family = parent.font_family;
  s.font_size = parent.font_size;
  s.font_weight = parent.font_weight;
  s.italic = parent.italic;
  s.color = parent.color;
  s.text_align = parent.text_align;
  s.line_height = parent.line_height;
  s.white_space = parent.white_space;
  s.list_style_type = parent.list_style_type;
  s.border_collapse = parent.border_collapse;
  s.border_spacing = parent.border_spacing;
  s.text_indent = parent.text_indent;
  s.orphans = parent.orphans;
  s.widows = parent.widows;
  s.underline = parent.underline;  // propagated decorations, see tree.h
  s.line_through = parent.line_through;
  return s;
}

}  // namespace dossier::doc
