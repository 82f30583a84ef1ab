// The cascade: which declarations apply to an element (selector matching, origin, !important,
// specificity, source order) and what computed style results (inheritance, em, keywords).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "doc/css_content.h"
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

//! A ::before or ::after box: its style and what it shows.
struct PseudoElementStyle {
  ComputedStyle style;
  std::vector<css::ContentItem> content;  //!< never empty
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

  //! The ::before or ::after box of `element`, whose own style is `element_style` (the
  //! pseudo-element inherits from it); nullopt when there is none: no `content` (or `none`,
  //! `normal`, nothing supported) or `display: none`. Matching rules cascade as for elements;
  //! style="" and presentational attributes do not apply to pseudo-elements.
  std::optional<PseudoElementStyle> compute_pseudo(const DomNode& element, css::PseudoElement which,
                                                   const ComputedStyle& element_style,
                                                   double root_font_size) const;

  //! A style from a bare declaration list (for @page margin boxes).
  ComputedStyle compute_declarations(const css::DeclarationBlock& declarations,
                                     const ComputedStyle& parent, double root_font_size) const;

 private:
  struct Index;
  //! Per sheet, one index for elements and one per pseudo-element (css::PseudoElement order).
  std::array<std::unique_ptr<Index>, css::kPseudoElementCount> ua_, author_;
  double percent_base_;
};

//! A style with the inherited properties of `parent` and initial values for the rest
//! (anonymous boxes, text).
ComputedStyle inherited_style(const ComputedStyle& parent);

//! The initial values for the root element (before the user-agent sheet applies).
ComputedStyle initial_style();

}  // namespace dossier::doc
