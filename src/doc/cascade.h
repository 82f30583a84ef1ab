// The cascade: which declarations apply to an element (selector matching, origin, !important,
// specificity, source order) and what computed style results (inheritance, em, keywords).
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "doc/css_stylesheet.h"
#include "doc/dom.h"
#include "doc/tree.h"

namespace dossier::doc {

enum class Display : uint8_t {
  kNone,
  kInline,
  kBlock,
  kListItem,
  kTable,
  kTableRowGroup,
  kTableHeaderGroup,
  kTableFooterGroup,
  kTableRow,
  kTableCell,
  kTableCaption
};

struct ElementStyle {
  ComputedStyle style;
  Display display = Display::kInline;
};

//! True when `selector` matches `element` (pure; thread-safe). A selector with a
//! pseudo-element matches the element that pseudo-element belongs to.
bool selector_matches(const css::Selector& selector, const DomNode& element);

//! Computes element styles against the user-agent sheet and a document's author sheet.
//! Holds references to both sheets: they must outlive the resolver.
class StyleResolver {
 public:
  //! `percent_base`: what percentage margins/paddings/indents resolve against (the page
  //! content width; see tree.h).
  StyleResolver(const css::Stylesheet& user_agent, const css::Stylesheet& author,
                double percent_base);
  StyleResolver(const StyleResolver&) = delete;
  StyleResolver& operator=(const StyleResolver&) = delete;
  ~StyleResolver();

  //! The style of `element`, a child of an element whose style is `parent`.
  //! `root_font_size` is the <html> element's font size (for rem).
  ElementStyle compute(const DomNode& element, const ComputedStyle& parent,
                       double root_font_size) const;

  //! A style from a bare declaration list (for @page margin boxes).
  ComputedStyle compute_declarations(const css::DeclarationBlock& declarations,
                                     const ComputedStyle& parent, double root_font_size) const;

 private:
  struct Index;
  std::unique_ptr<Index> ua_, author_;
  double percent_base_;
};

//! A style with the inherited properties of `parent` and initial values for the rest
//! (anonymous boxes, text).
ComputedStyle inherited_style(const ComputedStyle& parent);

//! The initial values for the root element (before the user-agent sheet applies).
ComputedStyle initial_style();

}  // namespace dossier::doc
