// DOM + style sheets → the styled, normalized document tree (tree.h).
#pragma once

#include "core/result.h"
#include "doc/dom.h"
#include "doc/render.h"
#include "doc/tree.h"

namespace dossier::doc {

//! Runs the cascade over `dom` and builds the Document: metadata from <head>, page setup from
//! @page, the body's box tree, and notes about everything ignored.
Document build_tree(const Dom& dom, const RenderOptions& options);

//! The list marker for item number `n` (1-based) of the given style: "•", "3.", "c.", "iv."
std::string list_marker(ListStyleType type, int n);

}  // namespace dossier::doc
