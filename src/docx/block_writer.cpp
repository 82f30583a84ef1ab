#include "docx/block_writer.h"

#include <algorithm>

#include "docx/inline_writer.h"
#include "docx/table_writer.h"

namespace dossier::docx {
namespace {

using doc::BreakValue;
using doc::ComputedStyle;
using doc::Node;
using doc::NodeKind;

// Room for a list marker left of the item's text (the marker hangs into the list's padding).
constexpr double kMarkerHanging = 18;

double visible_width(const doc::BorderSide& side) {
  return side.visible() ? side.width : 0;
}

// What a box takes from the available width on each side: margin, border and padding, and
// what a set `width` leaves over (placed by `margin: auto`, else on the right).
std::pair<double, double> box_inset(const ComputedStyle& s, double available) {
  double left = s.margin.left + visible_width(s.border.left) + s.padding.left;
  double right = s.margin.right + visible_width(s.border.right) + s.padding.right;
  if (!s.width.is_auto()) {
    const double inner = available - left - right;
    const double extra = inner - s.width.resolve(available, inner);
    if (extra > 0 && s.margin_left_auto && s.margin_right_auto) {
      left += extra / 2, right += extra / 2;
    } else if (extra > 0 && s.margin_left_auto) {
      left += extra;
    } else if (extra > 0) {
      right += extra;
    }
  }
  return {left, right};
}

// Whether the paragraphs inside a box carry all its borders: yes when it has a side border
// (Word and LibreOffice merge identical borders of consecutive paragraphs into one box);
// otherwise its top border goes to its first paragraph and its bottom border to its last.
bool borders_on_every_paragraph(const ComputedStyle& s) {
  return s.border.left.visible() || s.border.right.visible();
}

// The environment inside a box with style `s`; `all_borders`: see above.
BlockEnv nested_env(const BlockEnv& env, const ComputedStyle& s, bool all_borders) {
  BlockEnv inner = env;
  const auto [left, right] = box_inset(s, env.width);
  inner.indent_left += left;
  inner.indent_right += right;
  inner.width = std::max(1.0, env.width - left - right);
  if (all_borders) {
    auto take = [](const doc::BorderSide& side, double padding, doc::BorderSide& border,
                   double& space) {
      if (side.visible()) border = side, space = padding;
    };
    take(s.border.top, s.padding.top, inner.border.top, inner.border_space.top);
    take(s.border.right, s.padding.right, inner.border.right, inner.border_space.right);
    take(s.border.bottom, s.padding.bottom, inner.border.bottom, inner.border_space.bottom);
    take(s.border.left, s.padding.left, inner.border.left, inner.border_space.left);
  }
  if (!s.background.transparent()) inner.shading = s.background;
  return inner;
}

// Word shades a paragraph only between its borders: hairline borders in the background
// colour make the shading cover the padding too (a callout box), as CSS paints it.
ComputedStyle with_padding_borders(const ComputedStyle& s) {
  ComputedStyle out = s;
  if (s.background.transparent()) return out;
  const doc::BorderSide hairline{0.25, doc::BorderStyle::kSolid, s.background};
  auto extend = [&](const doc::BorderSide& side, double padding, doc::BorderSide& target) {
    if (!side.visible() && padding > 0) target = hairline;
  };
  extend(s.border.top, s.padding.top, out.border.top);
  extend(s.border.right, s.padding.right, out.border.right);
  extend(s.border.bottom, s.padding.bottom, out.border.bottom);
  extend(s.border.left, s.padding.left, out.border.left);
  return out;
}

// Word's limit for the distance between a paragraph border and the text.
double border_space(double points) {
  return std::clamp(points, 0.0, 31.0);
}

bool has_list_items(const Node& n) {
  return std::any_of(n.children.begin(), n.children.end(),
                     [](const Node& c) { return c.kind == NodeKind::kListItem; });
}

bool is_bullet(doc::ListStyleType t) {
  return t == doc::ListStyleType::kDisc || t == doc::ListStyleType::kCircle ||
         t == doc::ListStyleType::kSquare;
}

// A Word list for `list`'s items, or 0 when its markers are not a plain sequence Word can
// number (reversed, value= jumps, negative, mixed types, none): those keep literal markers.
int plan_list(Numbering& numbering, const Node& list, int level) {
  std::vector<const Node*> items;
  for (const Node& c : list.children) {
    if (c.kind == NodeKind::kListItem) items.push_back(&c);
  }
  const doc::ListStyleType type = items.front()->style.list_style_type;
  if (type == doc::ListStyleType::kNone) return 0;
  for (const Node* item : items) {
    if (item->style.list_style_type != type) return 0;
  }
  if (is_bullet(type)) return numbering.add_list(type, level, 1);
  const std::optional<int> first = marker_number(items.front()->marker, type);
  if (!first || *first < 0) return 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (marker_number(items[i]->marker, type) != *first + static_cast<int>(i)) return 0;
  }
  return numbering.add_list(type, level, *first);
}

// A paragraph about 1pt high: carries a page break, bookmarks or ends a cell.
ParagraphProps tiny_props() {
  ParagraphProps p;
  p.line = LineSpacing{20, "exact"};
  p.mark_run_properties = "<w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/>";
  return p;
}

}  // namespace

void FlowWriter::block(const Node& node, const BlockEnv& env) {
  switch (node.kind) {
    case NodeKind::kParagraph:
      return paragraph(node, env);
    case NodeKind::kTable:
      return table(node, env);
    case NodeKind::kRule:
      return rule(node, env);
    case NodeKind::kBlock:
    case NodeKind::kListItem:
    case NodeKind::kTableCell:
      return container(node, env);
    default:
      return;  // inline nodes never sit among blocks in a normalized tree
  }
}

void FlowWriter::container(const Node& node, const BlockEnv& env) {
  const bool every = borders_on_every_paragraph(node.style);
  open_box(node.style, every);
  const int first_paragraph = emitted_;
  add_anchor(node.anchor);
  BlockEnv inner = nested_env(env, node.style, every);
  if (node.heading_level > 0) inner.heading_level = node.heading_level;
  // break-inside: avoid → every paragraph inside keeps with the next, but the last.
  const bool keeps = !env.keep_together && node.style.break_inside == BreakValue::kAvoid;
  inner.keep_together = env.keep_together || keeps;
  if (has_list_items(node)) {
    list(node, inner);
  } else {
    for (const Node& child : node.children) block(child, inner);
  }
  if (!every && node.style.border.bottom.visible() && held_ && emitted_ > first_paragraph &&
      !held_->props.border.bottom.visible()) {
    // The bottom border goes under the box's last paragraph, the margins inside the box
    // between them.
    held_->props.border.bottom = node.style.border.bottom;
    held_->props.border_space.bottom = border_space(space_.take() + node.style.padding.bottom);
  } else if (!every && node.style.border.bottom.visible()) {
    space_.fixed(node.style.padding.bottom);
  }
  top_border_.reset();  // an empty box
  if (keeps && held_ && emitted_ > first_paragraph) held_->props.keep_next = held_->own_keep_next;
  close_box(node.style, !every);
}

void FlowWriter::list(const Node& list, const BlockEnv& env) {
  BlockEnv inner = env;
  inner.list_depth = env.list_depth + 1;
  const int level = std::min(inner.list_depth, 8);
  const int num_id = plan_list(state_.numbering, list, level);
  for (const Node& child : list.children) {
    if (child.kind != NodeKind::kListItem) {
      block(child, inner);
      continue;
    }
    settle_marker();
    const BlockEnv item = nested_env(inner, child.style, false);
    marker_ =
        Marker{num_id, level, num_id > 0 ? "" : child.marker, item.indent_left, item.indent_right};
    container(child, inner);
  }
}

void FlowWriter::paragraph(const Node& node, const BlockEnv& env) {
  const ComputedStyle style = with_padding_borders(node.style);
  open_box(style, true);
  add_anchor(node.anchor);
  const BlockEnv own = nested_env(env, style, true);
  const int level = node.heading_level > 0 ? node.heading_level : env.heading_level;
  ParagraphProps props = paragraph_props(node.style, own, level);
  const bool own_keep_next = props.keep_next;
  props.keep_next = props.keep_next || env.keep_together;
  InlineWriter runs(state_, state_.styles.base(level), own.width);
  std::string content = runs.write(node.children, node.style);
  if (marker_ && !marker_->literal.empty()) {
    content = runs.text_run(marker_->literal + "\t", node.style) + content;
  }
  emit(std::move(props), std::move(content));
  held_->own_keep_next = own_keep_next;
  close_box(style, false);
}

void FlowWriter::rule(const Node& node, const BlockEnv& env) {
  const ComputedStyle& s = node.style;
  if (s.break_before == BreakValue::kPage) page_break_ = true;
  add_anchor(node.anchor);
  space_.margin(s.margin.top);
  const doc::BorderSide* line = nullptr;
  for (const doc::BorderSide* side : {&s.border.top, &s.border.bottom, &s.border.left}) {
    if (line == nullptr && side->visible()) line = side;
  }
  if (line != nullptr) {
    const auto [left, right] = box_inset(s, env.width);
    ParagraphProps props = tiny_props();
    props.indent_left = env.indent_left + left;
    props.indent_right = env.indent_right + right;
    props.border.bottom = *line;
    emit(std::move(props), {});
  }
  space_.margin(s.margin.bottom);
  if (s.break_after == BreakValue::kPage) page_break_ = true;
}

void FlowWriter::table(const Node& node, const BlockEnv& env) {
  const ComputedStyle& s = node.style;
  if (s.break_before == BreakValue::kPage) page_break_ = true;
  space_.margin(s.margin.top);
  add_anchor(node.anchor);
  if (top_border_) space_.fixed(top_border_->outside);  // a box starting with a table
  top_border_.reset();
  settle_marker();
  if (page_break_ && held_) {
    held_->content += "<w:r><w:br w:type=\"page\"/></w:r>";
    page_break_ = false;
  }
  if (page_break_) emit(tiny_props(), {});
  const double gap = space_.take();
  if (held_) {
    flush_held(gap);
  } else if (last_ == Last::kTable) {
    // Adjacent tables would merge into one (Word, LibreOffice): keep a paragraph between.
    ParagraphProps separator = tiny_props();
    separator.before = gap;
    out_ += "<w:p>" + paragraph_properties_xml(separator) + "</w:p>";
  }
  out_ += take_bookmarks();
  write_table(state_, node, env, out_);
  last_ = Last::kTable;
  space_.margin(s.margin.bottom);
  if (s.break_after == BreakValue::kPage) page_break_ = true;
}

void FlowWriter::finish() {
  settle_marker();
  if (!anchors_.empty()) {
    if (held_) {
      held_->content += take_bookmarks();
    } else {
      emit(tiny_props(), {});
    }
  }
  flush_held(space_.take());
  if (last_ != Last::kParagraph) {
    out_ += "<w:p>" + paragraph_properties_xml(tiny_props()) + "</w:p>";
    last_ = Last::kParagraph;
  }
}

void FlowWriter::open_box(const ComputedStyle& s, bool border_on_paragraphs) {
  if (s.break_before == BreakValue::kPage) page_break_ = true;
  space_.margin(s.margin.top);
  if (!s.border.top.visible()) {
    if (s.padding.top > 0) space_.fixed(s.padding.top);
  } else if (border_on_paragraphs) {
    space_.fixed(0);  // the padding is the border's distance from the text
  } else {
    // The first paragraph inside gets the border: the space up to here goes above it, the
    // margins inside the box between the border and the text.
    top_border_ = TopBorder{s.border.top, space_.take(), s.padding.top};
  }
}

void FlowWriter::close_box(const ComputedStyle& s, bool bottom_border_done) {
  if (!s.border.bottom.visible()) {
    if (s.padding.bottom > 0) space_.fixed(s.padding.bottom);
  } else if (!bottom_border_done) {
    space_.fixed(0);
  }
  space_.margin(s.margin.bottom);
  if (s.break_after == BreakValue::kPage) page_break_ = true;
}

ParagraphProps FlowWriter::paragraph_props(const ComputedStyle& s, const BlockEnv& own,
                                           int heading_level) const {
  ParagraphProps p;
  p.style_id = StyleSheet::heading_style_id(heading_level);
  p.keep_next = heading_level > 0 || s.break_after == BreakValue::kAvoid;
  p.keep_lines = s.break_inside == BreakValue::kAvoid;
  p.border = own.border;
  p.border_space = own.border_space;
  p.shading = own.shading;
  if (!(s.line_height == state_.document.body.style.line_height)) {
    p.line = line_spacing(s.line_height);
  }
  p.indent_left = own.indent_left;
  p.indent_right = own.indent_right;
  p.first_line = s.text_indent;
  p.align = s.text_align;
  const RunFormat mark{run_base(s, state_.options.office_font_names)};
  p.mark_run_properties = run_properties_inner(mark, state_.styles.base(heading_level));
  return p;
}

void FlowWriter::emit(ParagraphProps props, std::string content) {
  if (top_border_ && !props.border.top.visible()) {
    props.border.top = top_border_->side;
    props.border_space.top = border_space(space_.take() + top_border_->padding);
    props.before = top_border_->outside;
  } else {
    props.before = (top_border_ ? top_border_->outside : 0) + space_.take();
  }
  // Margins are truncated at a forced page break, as in CSS.
  if (page_break_) props.before = 0;
  top_border_.reset();
  ++emitted_;
  if (page_break_) props.page_break_before = true;
  page_break_ = false;
  if (marker_) {
    if (marker_->num_id > 0) props.num_id = marker_->num_id, props.ilvl = marker_->level;
    if (marker_->num_id > 0 || !marker_->literal.empty()) props.first_line = -kMarkerHanging;
    marker_.reset();
  }
  content = take_bookmarks() + content;
  flush_held(0);
  held_ = Held{std::move(props), std::move(content)};
}

void FlowWriter::flush_held(double space_after) {
  if (!held_) return;
  held_->props.after = space_after;
  out_ += "<w:p>" + paragraph_properties_xml(held_->props) + held_->content + "</w:p>";
  held_.reset();
  last_ = Last::kParagraph;
}

void FlowWriter::settle_marker() {
  if (!marker_) return;
  // The item starts with a table or a nested list: its marker gets a paragraph of its own.
  ParagraphProps props;
  props.indent_left = marker_->indent_left;
  props.indent_right = marker_->indent_right;
  std::string content;
  if (!marker_->literal.empty()) {
    InlineWriter runs(state_, state_.styles.normal, 0);
    content = runs.text_run(marker_->literal, state_.document.body.style);
  }
  emit(std::move(props), std::move(content));
}

void FlowWriter::add_anchor(const std::string& anchor) {
  if (!anchor.empty()) anchors_.push_back(anchor);
}

std::string FlowWriter::take_bookmarks() {
  std::string out;
  for (const std::string& anchor : anchors_) {
    if (std::optional<std::string> name = state_.bookmarks.claim(anchor)) {
      const int id = state_.bookmarks.next_id();
      out += bookmark_start_xml(id, *name) + bookmark_end_xml(id);
    }
  }
  anchors_.clear();
  return out;
}

}  // namespace dossier::docx
