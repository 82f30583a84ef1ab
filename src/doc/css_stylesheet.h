// Parsed CSS: declarations (shorthands already expanded into longhands), selectors, rules and
// @page rules. Produced by css_parser, consumed by the cascade.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "doc/css_tokenizer.h"
#include "doc/tree.h"

namespace dossier::doc::css {

//! The longhand properties the engine understands. Shorthands (margin, padding, border*,
//! font, background, list-style, page-break-*, text-decoration-line) expand into these.
enum class Property : uint8_t {
  kDisplay,
  kFontSize,  // first: em units of every other property depend on it
  kFontFamily,
  kFontWeight,
  kFontStyle,
  kColor,
  kBackgroundColor,
  kTextAlign,
  kTextDecoration,
  kLineHeight,
  kMarginTop,
  kMarginRight,
  kMarginBottom,
  kMarginLeft,
  kPaddingTop,
  kPaddingRight,
  kPaddingBottom,
  kPaddingLeft,
  kBorderTopWidth,
  kBorderRightWidth,
  kBorderBottomWidth,
  kBorderLeftWidth,
  kBorderTopStyle,
  kBorderRightStyle,
  kBorderBottomStyle,
  kBorderLeftStyle,
  kBorderTopColor,
  kBorderRightColor,
  kBorderBottomColor,
  kBorderLeftColor,
  kBorderCollapse,
  kBorderSpacing,
  kWidth,
  kHeight,
  kVerticalAlign,
  kBreakBefore,
  kBreakAfter,
  kBreakInside,
  kListStyleType,
  kWhiteSpace,
  kTextIndent,
  kOrphans,
  kWidows,
  kSize,     //!< @page only
  kContent,  //!< @page margin boxes and ::before / ::after only
  kCount
};
inline constexpr size_t kPropertyCount = static_cast<size_t>(Property::kCount);

struct Declaration {
  Property property = Property::kDisplay;
  std::vector<Token> value;  //!< whitespace tokens removed, commas kept
  bool important = false;
};
using DeclarationBlock = std::vector<Declaration>;

struct AttributeCondition {
  enum class Op : uint8_t { kExists, kEquals, kIncludes, kDashMatch, kPrefix, kSuffix, kSubstring };
  std::string name;  //!< lower-case
  Op op = Op::kExists;
  std::string value;
};

enum class PseudoClass : uint8_t { kFirstChild, kLastChild, kOnlyChild, kRoot, kLink, kNthChild };

struct Compound {
  std::string tag;  //!< lower-case; empty = any (*)
  std::string id;
  std::vector<std::string> classes;
  std::vector<AttributeCondition> attributes;
  std::vector<PseudoClass> pseudos;
  int nth_a = 0, nth_b = 0;  //!< for kNthChild: matches index a*n+b (1-based), n ≥ 0
};

enum class Combinator : uint8_t { kDescendant, kChild, kAdjacent, kSibling };

//! `::before` / `::after` (or the legacy `:before` / `:after`), only as a selector's last part.
enum class PseudoElement : uint8_t { kNone, kBefore, kAfter };
inline constexpr size_t kPseudoElementCount = 3;

struct Selector {
  std::vector<Compound> compounds;      //!< left to right
  std::vector<Combinator> combinators;  //!< combinators[i] joins compounds[i] and [i+1]
  //! When set, the rule styles that pseudo-element of the elements the compounds match, never
  //! the elements themselves.
  PseudoElement pseudo_element = PseudoElement::kNone;
  uint32_t specificity = 0;  //!< ids << 16 | classes << 8 | types (+ pseudo-element), saturating
};

struct StyleRule {
  Selector selector;
  uint32_t block = 0;  //!< index into Stylesheet::blocks
  uint32_t order = 0;  //!< source order across all sheets of a document
};

struct PageMarginRule {
  MarginBoxSlot slot = MarginBoxSlot::kBottomCenter;
  DeclarationBlock declarations;
};

struct PageRule {
  DeclarationBlock declarations;  //!< size, margin-*
  std::vector<PageMarginRule> margin_boxes;
};

struct Stylesheet {
  std::vector<StyleRule> rules;
  std::vector<DeclarationBlock> blocks;
  std::vector<PageRule> pages;  //!< in source order; later ones override earlier ones
  //! What was ignored (e.g. "ignored @import"), never with user content.
  std::vector<std::string> notes;
};

//! Appends the rules of `css` to `sheet`; `order` numbers rules across several sheets.
//! Unsupported selectors, properties and at-rules are skipped; never fails.
void parse_stylesheet(std::string_view css, Stylesheet& sheet, uint32_t& order);

//! The declarations of a style="" attribute (or any declaration list).
DeclarationBlock parse_declaration_list(std::string_view text);

//! Parses one comma-separated selector list; unsupported selectors are left out.
std::vector<Selector> parse_selector_list(std::string_view text);

}  // namespace dossier::doc::css
