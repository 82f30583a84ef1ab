#include "doc/cascade.h"

#include <algorithm>

#include "doc/style_compute.h"
#include "doc/text_util.h"

namespace dossier::doc {
namespace {

using css::AttributeCondition;
using css::Combinator;
using css::Compound;
using css::PseudoClass;

bool has_class(const DomNode& e, const std::string& cls) {
  return std::find(e.classes.begin(), e.classes.end(), cls) != e.classes.end();
}

bool word_in_list(std::string_view list, std::string_view word) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && is_css_space(list[i])) ++i;
    size_t j = i;
    while (j < list.size() && !is_css_space(list[j])) ++j;
    if (j > i && list.substr(i, j - i) == word) return true;
    i = j;
  }
  return false;
}

bool attribute_matches(const AttributeCondition& c, const DomNode& e) {
  const std::string* v = e.attribute(c.name);
  if (v == nullptr) return false;
  const std::string_view s = *v;
  switch (c.op) {
    case AttributeCondition::Op::kExists:
      return true;
    case AttributeCondition::Op::kEquals:
      return s == c.value;
    case AttributeCondition::Op::kIncludes:
      return word_in_list(s, c.value);
    case AttributeCondition::Op::kDashMatch:
      return s == c.value ||
             (s.starts_with(c.value) && s.size() > c.value.size() && s[c.value.size()] == '-');
    case AttributeCondition::Op::kPrefix:
      return !c.value.empty() && s.starts_with(c.value);
    case AttributeCondition::Op::kSuffix:
      return !c.value.empty() && s.ends_with(c.value);
    case AttributeCondition::Op::kSubstring:
      return !c.value.empty() && s.find(c.value) != std::string_view::npos;
  }
  return false;
}

bool nth_matches(int a, int b, int index) {  // index is 1-based
  if (a == 0) return index == b;
  const int diff = index - b;
  return diff % a == 0 && diff / a >= 0;
}

bool pseudo_matches(const Compound& c, PseudoClass p, const DomNode& e) {
  const int count = e.parent != nullptr ? e.parent->element_count : 1;
  switch (p) {
    case PseudoClass::kFirstChild:
      return e.element_index == 0;
    case PseudoClass::kLastChild:
      return e.element_index == count - 1;
    case PseudoClass::kOnlyChild:
      return count == 1;
    case PseudoClass::kRoot:
      return e.parent == nullptr;
    case PseudoClass::kLink:
      return e.name == "a" && e.attribute("href") != nullptr;
    case PseudoClass::kNthChild:
      return nth_matches(c.nth_a, c.nth_b, e.element_index + 1);
  }
  return false;
}

bool compound_matches(const Compound& c, const DomNode& e) {
  if (!c.tag.empty() && c.tag != e.name) return false;
  if (!c.id.empty() && c.id != e.id) return false;
  for (const std::string& cls : c.classes) {
    if (!has_class(e, cls)) return false;
  }
  for (const AttributeCondition& a : c.attributes) {
    if (!attribute_matches(a, e)) return false;
  }
  for (PseudoClass p : c.pseudos) {
    if (!pseudo_matches(c, p, e)) return false;
  }
  return true;
}

bool matches_from(const css::Selector& sel, size_t idx, const DomNode& e) {
  if (!compound_matches(sel.compounds[idx], e)) return false;
  if (idx == 0) return true;
  switch (sel.combinators[idx - 1]) {
    case Combinator::kChild:
      return e.parent != nullptr && matches_from(sel, idx - 1, *e.parent);
    case Combinator::kDescendant:
      for (const DomNode* p = e.parent; p != nullptr; p = p->parent) {
        if (matches_from(sel, idx - 1, *p)) return true;
      }
      return false;
    case Combinator::kAdjacent: {
      const DomNode* prev = e.previous_element();
      return prev != nullptr && matches_from(sel, idx - 1, *prev);
    }
    case Combinator::kSibling:
      for (const DomNode* p = e.previous_element(); p != nullptr; p = p->previous_element()) {
        if (matches_from(sel, idx - 1, *p)) return true;
      }
      return false;
  }
  return false;
}

// Cascade priority: !important, then origin, then specificity, then source order.
enum Origin : uint64_t { kUserAgent = 0, kPresentational = 1, kAuthor = 2, kInline = 3 };

uint64_t priority(bool important, Origin origin, uint32_t specificity, uint32_t order) {
  return (important ? 1ull << 63 : 0) | (static_cast<uint64_t>(origin) << 56) |
         (static_cast<uint64_t>(specificity & 0xFFFFFF) << 32) | order;
}

struct Candidates {
  Winners winners{};
  std::array<uint64_t, css::kPropertyCount> keys{};

  void offer(const css::DeclarationBlock& block, Origin origin, uint32_t specificity,
             uint32_t order) {
    for (const css::Declaration& d : block) {
      const auto i = static_cast<size_t>(d.property);
      const uint64_t key = priority(d.important, origin, specificity, order);
      if (winners[i] == nullptr || key >= keys[i]) {
        winners[i] = &d;
        keys[i] = key;
      }
    }
  }
};

}  // namespace

bool selector_matches(const css::Selector& selector, const DomNode& element) {
  return !selector.compounds.empty() &&
         matches_from(selector, selector.compounds.size() - 1, element);
}

// The rules of one sheet for elements or for one pseudo-element, bucketed by the rightmost
// compound's most selective part, as browsers do.
struct StyleResolver::Index {
  const css::Stylesheet& sheet;
  std::unordered_map<std::string, std::vector<const css::StyleRule*>> by_id, by_class, by_tag;
  std::vector<const css::StyleRule*> universal;
  bool empty = true;

  Index(const css::Stylesheet& s, css::PseudoElement pseudo) : sheet(s) {
    for (const css::StyleRule& r : s.rules) {
      if (r.selector.pseudo_element != pseudo) continue;
      empty = false;
      const Compound& c = r.selector.compounds.back();
      if (!c.id.empty())
        by_id[c.id].push_back(&r);
      else if (!c.classes.empty())
        by_class[c.classes.front()].push_back(&r);
      else if (!c.tag.empty())
        by_tag[c.tag].push_back(&r);
      else
        universal.push_back(&r);
    }
  }

  void collect(const DomNode& e, Origin origin, Candidates& out) const {
    if (empty) return;
    auto try_rules = [&](const std::vector<const css::StyleRule*>& rules) {
      for (const css::StyleRule* r : rules) {
        if (selector_matches(r->selector, e)) {
          out.offer(sheet.blocks[r->block], origin, r->selector.specificity, r->order);
        }
      }
    };
    auto lookup = [&](const auto& map, const std::string& key) {
      if (auto it = map.find(key); it != map.end()) try_rules(it->second);
    };
    if (!e.id.empty()) lookup(by_id, e.id);
    for (const std::string& cls : e.classes) lookup(by_class, cls);
    lookup(by_tag, e.name);
    try_rules(universal);
  }
};

StyleResolver::StyleResolver(const css::Stylesheet& user_agent, const css::Stylesheet& author,
                             double percent_base)
    : percent_base_(percent_base) {
  for (size_t i = 0; i < css::kPseudoElementCount; ++i) {
    const auto pseudo = static_cast<css::PseudoElement>(i);
    ua_[i] = std::make_unique<Index>(user_agent, pseudo);
    author_[i] = std::make_unique<Index>(author, pseudo);
  }
}

StyleResolver::~StyleResolver() = default;

namespace {

// HTML attributes with a CSS meaning (align, valign, width, height, bgcolor, color, border).
css::DeclarationBlock presentational_hints(const DomNode& e) {
  std::string css;
  auto add = [&](std::string_view property, const std::string* value, std::string_view unit) {
    if (value == nullptr || value->empty() || value->find_first_of(";{}") != std::string::npos) {
      return;
    }
    css.append(property).append(":").append(*value);
    const bool numeric = std::all_of(value->begin(), value->end(),
                                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    if (numeric) css.append(unit);
    css.append(";");
  };
  add("text-align", e.attribute("align"), "");
  add("vertical-align", e.attribute("valign"), "");
  add("background-color", e.attribute("bgcolor"), "");
  if (e.name == "img" || e.name == "table" || e.name == "td" || e.name == "th" || e.name == "svg" ||
      e.name == "col") {
    add("width", e.attribute("width"), "px");
  }
  if (e.name == "img" || e.name == "svg") add("height", e.attribute("height"), "px");
  if (e.name == "font") add("color", e.attribute("color"), "");
  if (css.empty()) return {};
  return css::parse_declaration_list(css);
}

}  // namespace

ElementStyle StyleResolver::compute(const DomNode& element, const ComputedStyle& parent,
                                    double root_font_size) const {
  Candidates c;
  ua_[0]->collect(element, kUserAgent, c);
  const css::DeclarationBlock hints = presentational_hints(element);
  c.offer(hints, kPresentational, 0, 0);
  author_[0]->collect(element, kAuthor, c);
  css::DeclarationBlock inline_style;
  if (const std::string* style = element.attribute("style")) {
    inline_style = css::parse_declaration_list(*style);
    c.offer(inline_style, kInline, 0, 0);
  }
  return compute_style(c.winners, ComputeContext{parent, root_font_size, percent_base_});
}

std::optional<PseudoElementStyle> StyleResolver::compute_pseudo(const DomNode& element,
                                                                css::PseudoElement which,
                                                                const ComputedStyle& element_style,
                                                                double root_font_size) const {
  const auto i = static_cast<size_t>(which);
  if (which == css::PseudoElement::kNone || (ua_[i]->empty && author_[i]->empty)) {
    return std::nullopt;
  }
  Candidates c;
  ua_[i]->collect(element, kUserAgent, c);
  author_[i]->collect(element, kAuthor, c);
  const css::Declaration* content = c.winners[static_cast<size_t>(css::Property::kContent)];
  if (content == nullptr) return std::nullopt;
  std::vector<css::ContentItem> items = css::parse_content(content->value);
  if (items.empty()) return std::nullopt;
  ElementStyle es =
      compute_style(c.winners, ComputeContext{element_style, root_font_size, percent_base_});
  if (es.display == Display::kNone) return std::nullopt;
  return PseudoElementStyle{std::move(es.style), std::move(items)};
}

ComputedStyle StyleResolver::compute_declarations(const css::DeclarationBlock& declarations,
                                                  const ComputedStyle& parent,
                                                  double root_font_size) const {
  Candidates c;
  c.offer(declarations, kAuthor, 0, 0);
  return compute_style(c.winners, ComputeContext{parent, root_font_size, percent_base_}).style;
}

}  // namespace dossier::doc
