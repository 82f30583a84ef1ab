// Turns winning declarations into computed values (internal to the cascade).
#pragma once

#include <array>

#include "doc/cascade.h"
#include "doc/css_stylesheet.h"
#include "doc/css_values.h"

namespace dossier::doc {

//! The winning declaration per property (nullptr = not set), after the cascade.
using Winners = std::array<const css::Declaration*, css::kPropertyCount>;

struct ComputeContext {
  const ComputedStyle& parent;
  double root_font_size = 12;
  double percent_base = 468;  //!< page content width
};

//! `inherit` / `initial` / `unset` for one property: copies the field from `from`.
void copy_property(css::Property p, ComputedStyle& s, const ComputedStyle& from, Display& display,
                   Display from_display);
//! True for the inherited properties (font-*, color, text-align, line-height…).
bool is_inherited(css::Property p);

//! Computes the style of an element whose cascaded declarations are `winners`.
ElementStyle compute_style(const Winners& winners, const ComputeContext& ctx);

}  // namespace dossier::doc
