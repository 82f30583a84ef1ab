#include "doc/html_parser.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <climits>
#include <mutex>

#include "core/utf8.h"
#include "doc/c_handle.h"
#include "doc/svg_serializer.h"
#include "doc/text_util.h"

namespace dossier::doc {

const std::string* DomNode::attribute(std::string_view attr_name) const {
  for (const auto& [k, v] : attributes) {
    if (k == attr_name) return &v;
  }
  return nullptr;
}

const DomNode* DomNode::previous_element() const {
  if (parent == nullptr || element_index == 0) return nullptr;
  const DomNode* prev = nullptr;
  for (const auto& child : parent->children) {
    if (child.get() == this) return prev;
    if (child->is_element()) prev = child.get();
  }
  return nullptr;
}

namespace {

using XmlDoc = Handle<xmlDoc, xmlFreeDoc>;

const char* as_chars(const xmlChar* s) {
  return reinterpret_cast<const char*>(s);
}

void split_classes(std::string_view value, std::vector<std::string>& out) {
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && is_css_space(value[i])) ++i;
    size_t j = i;
    while (j < value.size() && !is_css_space(value[j])) ++j;
    if (j > i) out.emplace_back(value.substr(i, j - i));
    i = j;
  }
}

void copy_attributes(xmlNode* xn, DomNode& node) {
  for (xmlAttr* a = xn->properties; a != nullptr; a = a->next) {
    std::string name = to_lower(as_chars(a->name));
    std::string value;
    if (xmlChar* v = xmlNodeListGetString(xn->doc, a->children, 1)) {
      value = make_valid_utf8(as_chars(v));
      xmlFree(v);
    }
    if (name == "id") node.id = value;
    if (name == "class") split_classes(value, node.classes);
    node.attributes.emplace_back(std::move(name), std::move(value));
  }
}

// Pango's line breaking re-shapes the rest of a word for every line it breaks it into, so its
// time grows with the square of a word's length (100,000 characters without a space: seconds
// per word). A zero-width space every kRunBreak characters of a run longer than kLongRun
// keeps words short; below that length text is left exactly as written.
constexpr size_t kLongRun = 200;
constexpr size_t kRunBreak = 100;

std::string with_breakable_runs(std::string text) {
  size_t run = 0, run_start = 0;
  bool long_run = false;
  for (size_t i = 0; i < text.size() && !long_run; ++i) {
    const bool space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r';
    run = space ? 0 : run + 1;
    if (space) run_start = i + 1;
    long_run = run > kLongRun;
  }
  if (!long_run) return text;
  std::string out;
  out.reserve(text.size() + text.size() / kRunBreak * 3);
  out.append(text, 0, run_start);
  size_t chars = 0;
  for (size_t i = run_start; i < text.size(); ++i) {
    const char c = text[i];
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    const bool lead = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (space) {
      chars = 0;
    } else if (lead && ++chars > kRunBreak) {
      out += "\u200b";
      chars = 1;
    }
    out += c;
  }
  return out;
}

// Every text node of the tree, once it is complete.
void break_long_runs(DomNode& node) {
  if (!node.is_element()) node.text = with_breakable_runs(std::move(node.text));
  for (auto& child : node.children) break_long_runs(*child);
}

void append_text(DomNode& parent, std::string_view text) {
  if (text.empty()) return;
  if (!parent.children.empty() && !parent.children.back()->is_element()) {
    parent.children.back()->text += make_valid_utf8(text);
    return;
  }
  auto node = std::make_unique<DomNode>();
  node->type = DomNode::Type::kText;
  node->text = make_valid_utf8(text);
  node->parent = &parent;
  parent.children.push_back(std::move(node));
}

void convert_children(xmlNode* first, DomNode& parent, int depth);

void convert_element(xmlNode* xn, DomNode& parent, int depth) {
  auto node = std::make_unique<DomNode>();
  node->name = to_lower(as_chars(xn->name));
  node->parent = &parent;
  node->element_index = parent.element_count++;
  copy_attributes(xn, *node);
  if (node->name == "svg") {
    node->svg_markup = serialize_svg(xn);  // rendered as an image; children not needed
  } else {
    convert_children(xn->children, *node, depth + 1);
  }
  parent.children.push_back(std::move(node));
}

// Depth is bounded so a hostile template cannot exhaust the stack in later recursive passes.
constexpr int kMaxDepth = 200;

void convert_children(xmlNode* first, DomNode& parent, int depth) {
  for (xmlNode* xn = first; xn != nullptr; xn = xn->next) {
    if (xn->type == XML_ELEMENT_NODE) {
      if (depth < kMaxDepth) convert_element(xn, parent, depth);
    } else if (xn->type == XML_TEXT_NODE || xn->type == XML_CDATA_SECTION_NODE) {
      if (xn->content != nullptr) append_text(parent, as_chars(xn->content));
    }
  }
}

void reindex(DomNode& parent) {
  parent.element_count = 0;
  for (auto& child : parent.children) {
    child->parent = &parent;
    if (child->is_element()) child->element_index = parent.element_count++;
  }
}

// Content after </body> or </html> belongs to the body, as in HTML5; libxml2 leaves it after
// the body, partly inside a second <html> element.
void adopt_trailing_content(DomNode& html) {
  DomNode* body = nullptr;
  for (auto& child : html.children) {
    if (child->is_element() && child->name == "body") body = child.get();
  }
  if (body == nullptr) return;
  std::vector<std::unique_ptr<DomNode>> keep, moved;
  bool after_body = false;
  for (auto& child : html.children) {
    if (child.get() == body) {
      after_body = true;
      keep.push_back(std::move(child));
    } else if (after_body && child->is_element() && child->name == "html") {
      for (auto& grandchild : child->children) moved.push_back(std::move(grandchild));
    } else if (after_body && !(child->is_element() && child->name == "head")) {
      moved.push_back(std::move(child));
    } else {
      keep.push_back(std::move(child));
    }
  }
  html.children = std::move(keep);
  for (auto& m : moved) body->children.push_back(std::move(m));
  reindex(html);
  reindex(*body);
}

}  // namespace

Result<Dom> parse_html(std::string_view html) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });  // libxml2 requires it before threads parse
  Dom dom;
  dom.root = std::make_unique<DomNode>();
  dom.root->name = "html";
  if (html.size() > static_cast<size_t>(INT_MAX)) {
    return Error::make(ErrorCode::kTooLarge, "the HTML document is too large");
  }
  if (trim(html).empty()) return dom;
  constexpr int kOptions =
      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NODEFDTD;
  XmlDoc doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kOptions));
  if (!doc) return dom;
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return dom;
  if (to_lower(as_chars(root->name)) == "html") {
    copy_attributes(root, *dom.root);
    convert_children(root->children, *dom.root, 1);
    adopt_trailing_content(*dom.root);
  } else {
    convert_children(root, *dom.root, 1);
  }
  break_long_runs(*dom.root);
  return dom;
}

}  // namespace dossier::doc
