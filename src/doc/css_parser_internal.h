// Entry points shared by the CSS parser's translation units (not part of the doc API).
#pragma once

#include <optional>

#include "doc/css_stylesheet.h"
#include "doc/css_values.h"

namespace dossier::doc::css {

//! Appends the longhand declarations of one "name: value [!important]" to `out`.
void parse_declaration(Tokens tokens, DeclarationBlock& out);
//! A ";"-separated declaration list (nested blocks are skipped).
DeclarationBlock parse_declarations(Tokens tokens);
//! One complex selector; nullopt when it uses something unsupported.
std::optional<Selector> parse_selector(Tokens tokens);
//! Splits at top-level commas and parses each selector.
std::vector<Selector> parse_selectors(Tokens tokens);

}  // namespace dossier::doc::css
