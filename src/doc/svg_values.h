// Attribute values of the SVG subset (svg_picture.h): numbers, number lists, lengths in px,
// paints and transform lists. Each returns nullopt for a value outside the subset.
#pragma once

#include <cairo.h>

#include <optional>
#include <string_view>
#include <vector>

#include "doc/tree.h"

namespace dossier::doc::svg {

//! A number ("12", "-3.5e2"), surrounding white space allowed.
std::optional<double> number(std::string_view s);

//! A length in user units: a number, optionally with "px".
std::optional<double> length(std::string_view s);

//! Numbers separated by white space and/or commas ("1,2 3 4").
std::optional<std::vector<double>> number_list(std::string_view s);

//! A paint: nullopt-in-optional for "none", else a CSS colour (named, #hex, rgb()…).
//! The outer nullopt means the value is not understood.
std::optional<std::optional<Color>> paint(std::string_view s);

//! A transform list ("translate(10 20) rotate(-90 21 103)"), as one matrix.
std::optional<cairo_matrix_t> transform(std::string_view s);

}  // namespace dossier::doc::svg
