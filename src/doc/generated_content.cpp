#include "doc/generated_content.h"

#include <algorithm>
#include <unordered_set>

#include "doc/text_util.h"

namespace dossier::doc {
namespace {

void append_text(Node& span, const std::string& text) {
  if (text.empty()) return;
  if (!span.children.empty() && span.children.back().kind == NodeKind::kText) {
    span.children.back().text += text;
    return;
  }
  Node t;
  t.kind = NodeKind::kText;
  t.style = inherited_style(span.style);
  t.text = text;
  span.children.push_back(std::move(t));
}

// The anchor a target-counter() names: its URL must be a fragment of this document.
std::optional<std::string> target_anchor(const DomNode& element, const css::ContentItem& item) {
  const std::string* url = &item.text;
  if (item.target_from_attribute) url = element.attribute(item.text);
  if (url == nullptr) return std::nullopt;
  const std::string_view u = trim(*url);
  if (u.size() < 2 || u.front() != '#') return std::nullopt;
  return std::string(u.substr(1));
}

void collect_anchors(const Node& n, std::unordered_set<std::string>& out) {
  if (!n.anchor.empty()) out.insert(n.anchor);
  for (const Node& c : n.children) collect_anchors(c, out);
}

void drop_unresolved(Node& n, const std::unordered_set<std::string>& anchors,
                     std::vector<std::string>& notes) {
  std::erase_if(n.children, [&](const Node& c) {
    if (c.kind != NodeKind::kPageReference || anchors.count(c.target) != 0) return false;
    notes.emplace_back("ignored page reference to an element not in the document");
    return true;
  });
  for (Node& c : n.children) drop_unresolved(c, anchors, notes);
}

}  // namespace

std::optional<Node> generated_content(const DomNode& element, css::PseudoElement which,
                                      PseudoElementStyle pseudo, std::vector<std::string>& notes) {
  Node span;
  span.kind = NodeKind::kSpan;
  span.tag = which == css::PseudoElement::kBefore ? "::before" : "::after";
  span.style = std::move(pseudo.style);
  for (const css::ContentItem& item : pseudo.content) {
    switch (item.kind) {
      case css::ContentItem::Kind::kString:
        append_text(span, item.text);
        break;
      case css::ContentItem::Kind::kAttr:
        if (const std::string* value = element.attribute(item.text)) append_text(span, *value);
        break;
      case css::ContentItem::Kind::kTargetPage:
        if (std::optional<std::string> anchor = target_anchor(element, item)) {
          Node ref;
          ref.kind = NodeKind::kPageReference;
          ref.style = inherited_style(span.style);
          ref.target = std::move(*anchor);
          span.children.push_back(std::move(ref));
        } else {
          notes.emplace_back("ignored page reference to a target outside the document");
        }
        break;
      case css::ContentItem::Kind::kPageNumber:
      case css::ContentItem::Kind::kPageCount:
        break;  // the running page counters exist in @page margin boxes only
    }
  }
  if (span.children.empty()) return std::nullopt;
  return span;
}

void drop_unresolved_page_references(Node& root, std::vector<std::string>& notes) {
  std::unordered_set<std::string> anchors;
  collect_anchors(root, anchors);
  drop_unresolved(root, anchors, notes);
}

}  // namespace dossier::doc
