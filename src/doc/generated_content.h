// ::before / ::after boxes for the tree builder (internal to src/doc): the inline span that
// holds a pseudo-element's generated text and page references.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "doc/cascade.h"
#include "doc/dom.h"
#include "doc/tree.h"

namespace dossier::doc {

//! The kSpan (tag "::before" / "::after") for `element`'s pseudo-element `which` styled and
//! filled by `pseudo`: strings and attr() values become kText children, target-counter()
//! kPageReference children. nullopt when nothing is left (e.g. only absent attributes).
//! Targets other than "#id" fragments are left out and noted.
std::optional<Node> generated_content(const DomNode& element, css::PseudoElement which,
                                      PseudoElementStyle pseudo, std::vector<std::string>& notes);

//! Removes the page references under `root` whose target is the anchor of no node under
//! `root` (an unknown id, or an element that is not displayed), with a note for each.
void drop_unresolved_page_references(Node& root, std::vector<std::string>& notes);

}  // namespace dossier::doc
