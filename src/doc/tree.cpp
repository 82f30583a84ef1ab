#include "doc/tree.h"

namespace dossier::doc {

const char* node_kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::kBlock:
      return "block";
    case NodeKind::kParagraph:
      return "paragraph";
    case NodeKind::kListItem:
      return "list-item";
    case NodeKind::kTable:
      return "table";
    case NodeKind::kTableRow:
      return "row";
    case NodeKind::kTableCell:
      return "cell";
    case NodeKind::kRule:
      return "rule";
    case NodeKind::kSpan:
      return "span";
    case NodeKind::kText:
      return "text";
    case NodeKind::kLineBreak:
      return "br";
    case NodeKind::kImage:
      return "image";
    case NodeKind::kPageReference:
      return "page-ref";
  }
  return "?";
}

namespace {

void dump(const Node& node, int depth, std::string& out) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  out += node_kind_name(node.kind);
  if (!node.tag.empty()) out += " <" + node.tag + ">";
  if (node.kind == NodeKind::kText) out += " \"" + node.text + "\"";
  if (!node.marker.empty()) out += " marker=" + node.marker;
  if (!node.href.empty()) out += " href=" + node.href;
  if (!node.target.empty()) out += " target=" + node.target;
  out += '\n';
  for (const Node& child : node.children) dump(child, depth + 1, out);
}

}  // namespace

std::string debug_string(const Node& node) {
  std::string out;
  dump(node, 0, out);
  return out;
}

}  // namespace dossier::doc
