// Typed CSS values from tokens: lengths, colours, component grouping.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "doc/css_tokenizer.h"
#include "doc/tree.h"

namespace dossier::doc::css {

using Tokens = std::span<const Token>;

//! Splits a flat token list into component values: a function token together with its
//! arguments and closing parenthesis is one component; commas are their own component.
std::vector<Tokens> split_components(Tokens tokens);

//! The font size and root font size that `em`/`rem` refer to.
struct FontBasis {
  double font_size = 12;
  double root_font_size = 12;
};

//! A length in points (px, pt, pc, in, cm, mm, q, em, rem, ex, ch). Unitless numbers are
//! accepted as px (quirks-mode leniency) when `allow_unitless`; 0 always.
std::optional<double> parse_length(const Token& t, FontBasis basis, bool allow_unitless = true);

//! A colour component (#rgb[a], #rrggbb[aa], rgb[a](), hsl[a](), named colour, transparent,
//! currentcolor → `current`).
std::optional<Color> parse_color(Tokens component, Color current);

//! True when `component` would parse as a colour (for shorthand classification).
bool looks_like_color(Tokens component);

}  // namespace dossier::doc::css
