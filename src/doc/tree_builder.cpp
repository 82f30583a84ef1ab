#include "doc/tree_builder.h"

#include <algorithm>
#include <charconv>

#include "doc/cascade.h"
#include "doc/css_stylesheet.h"
#include "doc/generated_content.h"
#include "doc/page_setup.h"
#include "doc/text_util.h"
#include "doc/user_agent_css.h"
#include "doc/whitespace.h"

namespace dossier::doc {
namespace {

std::string text_content(const DomNode& n) {
  std::string out;
  for (const auto& c : n.children) out += c->is_element() ? text_content(*c) : c->text;
  return out;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = true;
  for (char c : s) {
    if (is_css_space(c)) {
      if (!space) out += ' ';
      space = true;
    } else {
      out += c, space = false;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool media_applies(const DomNode& e) {
  const std::string* media = e.attribute("media");
  if (media == nullptr) return true;
  const std::string m = to_lower(*media);
  return m.empty() || m.find("print") != std::string::npos || m.find("all") != std::string::npos;
}

// <head> (and stray) elements: style sheets, metadata, and what we refuse to load.
struct HeadScan {
  css::Stylesheet sheet;
  uint32_t order = 0;
  Metadata metadata;
  bool have_title = false;
  std::vector<std::string>& notes;

  void scan(const DomNode& e) {
    for (const auto& child : e.children) {
      if (child->is_element()) element(*child);
    }
  }

  void element(const DomNode& e) {
    if (e.name == "style") {
      if (media_applies(e)) css::parse_stylesheet(text_content(e), sheet, order);
      return;
    }
    if (e.name == "title" && !have_title) {
      metadata.title = collapse_spaces(text_content(e));
      have_title = true;
      return;
    }
    if (e.name == "meta") return meta(e);
    if (e.name == "link") return notes.push_back("ignored <link> element");
    if (e.name == "script") return notes.push_back("ignored <script> element");
    if (e.name == "iframe" || e.name == "object" || e.name == "embed" || e.name == "frame") {
      return notes.push_back("ignored <" + e.name + "> element");
    }
    if (e.name != "svg") scan(e);
  }

  void meta(const DomNode& e) {
    const std::string* name = e.attribute("name");
    const std::string* content = e.attribute("content");
    if (name == nullptr || content == nullptr) return;
    const std::string n = to_lower(*name);
    if (n == "author") metadata.author = *content;
    if (n == "subject") metadata.subject = *content;
    if (n == "description" && metadata.subject.empty()) metadata.subject = *content;
    if (n == "keywords") metadata.keywords = *content;
  }
};

int int_attribute(const DomNode& e, std::string_view name, int fallback, int lo, int hi) {
  const std::string* v = e.attribute(name);
  if (v == nullptr) return fallback;
  const std::string_view s = trim(*v);
  int out = fallback;
  std::from_chars(s.data(), s.data() + s.size(), out);
  return std::clamp(out, lo, hi);
}

// HTML ignores a newline right after <pre>.
void drop_leading_newline(Node& n) {
  for (Node* p = &n; p != nullptr;) {
    if (p->kind == NodeKind::kText) {
      if (p->text.starts_with('\n')) p->text.erase(0, 1);
      return;
    }
    p = p->children.empty() ? nullptr : &p->children.front();
  }
}

// Collects a block container's children: inline content goes into anonymous paragraphs,
// which are closed (and open inline elements split) whenever a block-level child appears.
class Flow {
 public:
  Flow(std::vector<Node>& out, const ComputedStyle& container) : out_(out), container_(container) {}

  void add_inline(Node n) {
    if (open_.empty()) {
      roots_.push_back(std::move(n));
    } else {
      open_.back().children.push_back(std::move(n));
    }
  }
  void open_span(Node span) { open_.push_back(std::move(span)); }
  void close_span() {
    Node n = std::move(open_.back());
    open_.pop_back();
    add_inline(std::move(n));
  }

  void add_block(Node block) {
    std::vector<Node> shells;
    while (!open_.empty()) {
      Node shell = open_.back();
      shell.children.clear();
      shell.anchor.clear();
      shells.push_back(std::move(shell));
      close_span();
    }
    flush_paragraph();
    out_.push_back(std::move(block));
    for (auto it = shells.rbegin(); it != shells.rend(); ++it) open_.push_back(std::move(*it));
  }

  void finish() {
    while (!open_.empty()) close_span();
    flush_paragraph();
  }

 private:
  void flush_paragraph() {
    if (roots_.empty()) return;
    Node p;
    p.kind = NodeKind::kParagraph;
    p.style = inherited_style(container_);
    p.children = std::move(roots_);
    roots_.clear();
    if (collapse_paragraph_whitespace(p)) out_.push_back(std::move(p));
  }

  std::vector<Node>& out_;
  const ComputedStyle& container_;
  std::vector<Node> open_;   // inline elements not closed yet, outermost first
  std::vector<Node> roots_;  // inline content of the current anonymous paragraph
};

struct ListCounter {
  int next = 1;
  int step = 1;
};

class TreeBuilder {
 public:
  TreeBuilder(const StyleResolver& resolver, const RenderOptions& options,
              std::vector<std::string>& notes, double root_font_size)
      : resolver_(resolver), options_(options), notes_(notes), root_font_size_(root_font_size) {}

  Node body(const DomNode& el, const ComputedStyle& style) {
    Node n = element_node(NodeKind::kBlock, el, style);
    flow(el, style, n.children);
    return n;
  }

  //! Whether some ::before / ::after content holds a page reference.
  bool has_page_references() const { return has_page_references_; }

 private:
  Node element_node(NodeKind kind, const DomNode& el, const ComputedStyle& style) const {
    Node n;
    n.kind = kind;
    n.tag = el.name;
    n.style = style;
    n.anchor = el.id;
    if (el.name.size() == 2 && el.name[0] == 'h' && el.name[1] >= '1' && el.name[1] <= '6') {
      n.heading_level = el.name[1] - '0';
    }
    return n;
  }

  void flow(const DomNode& el, const ComputedStyle& style, std::vector<Node>& out) {
    Flow f(out, style);
    add_generated(el, style, css::PseudoElement::kBefore, f);
    for (const auto& child : el.children) visit(*child, style, f, 0);
    add_generated(el, style, css::PseudoElement::kAfter, f);
    f.finish();
  }

  // The element's ::before or ::after box, if it has one: inline, as its first or last child.
  void add_generated(const DomNode& el, const ComputedStyle& style, css::PseudoElement which,
                     Flow& f) {
    std::optional<PseudoElementStyle> pseudo =
        resolver_.compute_pseudo(el, which, style, root_font_size_);
    if (!pseudo) return;
    std::optional<Node> span = generated_content(el, which, std::move(*pseudo), notes_);
    if (!span) return;
    has_page_references_ =
        has_page_references_ ||
        std::any_of(span->children.begin(), span->children.end(),
                    [](const Node& c) { return c.kind == NodeKind::kPageReference; });
    f.add_inline(std::move(*span));
  }

  void visit(const DomNode& n, const ComputedStyle& parent, Flow& f, int depth) {
    if (!n.is_element()) {
      Node t;
      t.kind = NodeKind::kText;
      t.style = inherited_style(parent);
      t.text = n.text;
      return f.add_inline(std::move(t));
    }
    ElementStyle es = resolver_.compute(n, parent, root_font_size_);
    if (es.display == Display::kNone) return;
    if (es.display == Display::kInline) return inline_element(n, es.style, f, depth);
    std::vector<Node> blocks;
    block_element(n, std::move(es), blocks);
    for (Node& b : blocks) f.add_block(std::move(b));
  }

  void inline_element(const DomNode& n, const ComputedStyle& style, Flow& f, int depth) {
    if (n.name == "br") return f.add_inline(element_node(NodeKind::kLineBreak, n, style));
    if (n.name == "img" || n.name == "svg") return f.add_inline(image(n, style));
    Node span = element_node(NodeKind::kSpan, n, style);
    if (n.name == "a") {
      span.href = link_target(n);
      if (const std::string* name = n.attribute("name"); name != nullptr && span.anchor.empty()) {
        span.anchor = *name;
      }
    }
    f.open_span(std::move(span));
    add_generated(n, style, css::PseudoElement::kBefore, f);
    for (const auto& child : n.children) {
      if (depth < 100) visit(*child, style, f, depth + 1);
    }
    add_generated(n, style, css::PseudoElement::kAfter, f);
    f.close_span();
  }

  std::string link_target(const DomNode& a) {
    const std::string* href = a.attribute("href");
    if (href == nullptr) return {};
    const std::string_view h = trim(*href);
    if (h.starts_with("#")) return std::string(h);
    const std::string scheme = uri_scheme(h);
    if (scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel") {
      if (options_.external_links) return std::string(h);
      notes_.emplace_back("ignored external link");
      return {};
    }
    notes_.push_back(scheme.empty() ? "ignored relative link"
                                    : "ignored link with scheme " + scheme);
    return {};
  }

  Node image(const DomNode& n, const ComputedStyle& style) {
    Node img = element_node(NodeKind::kImage, n, style);
    if (const std::string* alt = n.attribute("alt")) img.alt = *alt;
    if (n.name == "svg") {
      img.image = make_image(n.svg_markup, notes_);
    } else if (const std::string* src = n.attribute("src")) {
      img.image = resolve_image_source(*src, options_.assets, notes_);
    }
    return img;
  }

  void block_element(const DomNode& n, ElementStyle es, std::vector<Node>& out) {
    if (n.name == "hr") return out.push_back(element_node(NodeKind::kRule, n, es.style));
    switch (es.display) {
      case Display::kTable:
        return table(n, es.style, out);
      case Display::kListItem:
        return out.push_back(list_item(n, es.style));
      default:
        break;
    }
    const bool is_list = n.name == "ul" || n.name == "ol" || n.name == "menu" || n.name == "dir";
    if (is_list) lists_.push_back(list_counter(n));
    Node block = element_node(NodeKind::kBlock, n, es.style);
    flow(n, es.style, block.children);
    if (is_list) lists_.pop_back();
    if (n.name == "pre") drop_leading_newline(block);
    if (block.children.size() == 1 && block.children[0].kind == NodeKind::kParagraph &&
        block.children[0].tag.empty()) {
      Node only = std::move(block.children[0]);
      block.kind = NodeKind::kParagraph;
      block.children = std::move(only.children);
    }
    out.push_back(std::move(block));
  }

  ListCounter list_counter(const DomNode& list) const {
    ListCounter c;
    if (list.attribute("reversed") != nullptr) {
      c.step = -1;
      c.next = 0;
      for (const auto& child : list.children) c.next += child->is_element() && child->name == "li";
    }
    c.next = int_attribute(list, "start", c.next, -1000000, 1000000);
    return c;
  }

  Node list_item(const DomNode& n, const ComputedStyle& style) {
    Node item = element_node(NodeKind::kListItem, n, style);
    if (lists_.empty()) lists_.push_back(ListCounter{});
    ListCounter& counter = lists_.back();
    const int number = int_attribute(n, "value", counter.next, -1000000, 1000000);
    counter.next = number + counter.step;
    item.marker = list_marker(style.list_style_type, number);
    lists_.push_back(ListCounter{});  // nested lists without ul/ol get their own numbering
    flow(n, style, item.children);
    lists_.pop_back();
    return item;
  }

  void table(const DomNode& n, const ComputedStyle& style, std::vector<Node>& out) {
    Node t = element_node(NodeKind::kTable, n, style);
    std::vector<Node> head, body, foot;
    for (const auto& child : n.children) {
      if (!child->is_element()) continue;
      ElementStyle es = resolver_.compute(*child, style, root_font_size_);
      switch (es.display) {
        case Display::kTableHeaderGroup:
          rows(*child, es.style, RowGroup::kHead, head);
          break;
        case Display::kTableFooterGroup:
          rows(*child, es.style, RowGroup::kFoot, foot);
          break;
        case Display::kTableRowGroup:
          rows(*child, es.style, RowGroup::kBody, body);
          break;
        case Display::kTableRow:
          body.push_back(row(*child, es.style, RowGroup::kBody));
          break;
        case Display::kTableCaption:
          block_element(*child, std::move(es), out);
          break;
        default:
          break;
      }
    }
    // A table without <thead> whose first row is all <th> gets that row as its header.
    if (head.empty() && !body.empty() && !body[0].children.empty() &&
        std::all_of(body[0].children.begin(), body[0].children.end(),
                    [](const Node& c) { return c.tag == "th"; })) {
      body[0].row_group = RowGroup::kHead;
      head.push_back(std::move(body[0]));
      body.erase(body.begin());
    }
    for (auto* group : {&head, &body, &foot}) {
      for (Node& r : *group) t.children.push_back(std::move(r));
    }
    out.push_back(std::move(t));
  }

  void rows(const DomNode& group, const ComputedStyle& style, RowGroup kind,
            std::vector<Node>& out) {
    for (const auto& child : group.children) {
      if (!child->is_element()) continue;
      ElementStyle es = resolver_.compute(*child, style, root_font_size_);
      if (es.display == Display::kTableRow) out.push_back(row(*child, es.style, kind));
    }
  }

  Node row(const DomNode& tr, const ComputedStyle& style, RowGroup kind) {
    Node r = element_node(NodeKind::kTableRow, tr, style);
    r.row_group = kind;
    for (const auto& child : tr.children) {
      if (!child->is_element()) continue;
      ElementStyle es = resolver_.compute(*child, style, root_font_size_);
      if (es.display != Display::kTableCell) continue;
      Node cell = element_node(NodeKind::kTableCell, *child, es.style);
      cell.colspan = int_attribute(*child, "colspan", 1, 1, 1000);
      cell.rowspan = int_attribute(*child, "rowspan", 1, 1, 65534);
      flow(*child, es.style, cell.children);
      r.children.push_back(std::move(cell));
    }
    return r;
  }

  const StyleResolver& resolver_;
  const RenderOptions& options_;
  std::vector<std::string>& notes_;
  double root_font_size_;
  std::vector<ListCounter> lists_;
  bool has_page_references_ = false;
};

const DomNode* find_body(const DomNode& html) {
  for (const auto& child : html.children) {
    if (child->is_element() && child->name == "body") return child.get();
  }
  return nullptr;
}

void override_metadata(Metadata& m, const Metadata& o) {
  if (!o.title.empty()) m.title = o.title;
  if (!o.author.empty()) m.author = o.author;
  if (!o.subject.empty()) m.subject = o.subject;
  if (!o.keywords.empty()) m.keywords = o.keywords;
  if (!o.language.empty()) m.language = o.language;
}

}  // namespace

Document build_tree(const Dom& dom, const RenderOptions& options) {
  Document doc;
  const DomNode& html = *dom.root;
  HeadScan head{.notes = doc.notes};
  head.scan(html);
  doc.metadata = head.metadata;
  if (const std::string* lang = html.attribute("lang")) doc.metadata.language = *lang;
  override_metadata(doc.metadata, options.metadata);
  for (std::string& note : head.sheet.notes) doc.notes.push_back(std::move(note));

  doc.page = page_geometry(head.sheet, options.default_page);
  const StyleResolver resolver(user_agent_stylesheet(), head.sheet, doc.page.content_width());
  const ComputedStyle html_style = resolver.compute(html, initial_style(), 12).style;
  add_margin_boxes(head.sheet, resolver, html_style, doc.page);

  TreeBuilder builder(resolver, options, doc.notes, html_style.font_size);
  if (const DomNode* body = find_body(html)) {
    const ComputedStyle body_style =
        resolver.compute(*body, html_style, html_style.font_size).style;
    doc.body = builder.body(*body, body_style);
  } else {
    doc.body = builder.body(html, html_style);
    doc.body.tag = "body";
  }
  if (builder.has_page_references()) drop_unresolved_page_references(doc.body, doc.notes);
  return doc;
}

}  // namespace dossier::doc
