#include "doc/layout_engine.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace dossier::doc::layout {
namespace {

constexpr double kUnbounded = 1e12;

double horizontal_edges(const ComputedStyle& s) {
  return s.margin.left + s.margin.right + s.padding.left + s.padding.right + s.border.left.width +
         s.border.right.width;
}

bool has_decoration(const ComputedStyle& s) {
  return !s.background.transparent() || s.border.top.visible() || s.border.bottom.visible() ||
         s.border.left.visible() || s.border.right.visible();
}

std::string text_content(const Node& n) {
  if (n.kind == NodeKind::kText) return n.text;
  std::string out;
  for (const Node& c : n.children) {
    out += text_content(c);
    if (c.kind == NodeKind::kLineBreak) out += ' ';
  }
  return out;
}

}  // namespace

void Shared::start_pass(const AnchorPages& targets) {
  target_pages = &targets;
  anchors.clear();
  pending_links.clear();
  bookmarks.clear();
  std::erase_if(paragraphs, [](const auto& entry) { return entry.second.has_page_references; });
  widths.clear();  // cheap to recompute from the kept shapes
}

double align_offset(const ComputedStyle& s, const LineInfo& line, double width, bool first_line) {
  const double indent = first_line ? s.text_indent : 0;
  const double free = width - indent - line.width;
  switch (s.text_align) {
    case TextAlign::kLeft:
      return line.rtl ? free + indent : indent;
    case TextAlign::kRight:
      return line.rtl ? free : free + indent;
    case TextAlign::kCenter:
      return indent + free / 2;
    case TextAlign::kStart:
    case TextAlign::kJustify:
      return line.rtl ? free : indent;
  }
  return indent;
}

Engine::Engine(Shared& shared, double top, double bottom, bool measuring)
    : shared_(shared), top_(top), bottom_(bottom), measuring_(measuring), cursor_{0, top} {}

PageContent& Engine::page(int index) {
  if (static_cast<size_t>(index) >= pages_.size()) pages_.resize(static_cast<size_t>(index) + 1);
  return pages_[static_cast<size_t>(index)];
}

void Engine::new_page() {
  ++cursor_.page;
  cursor_.y = top_;
  pending_margin_ = 0;
}

void Engine::add_margin(double m) {
  const double p = pending_margin_;
  if (p >= 0 && m >= 0) {
    pending_margin_ = std::max(p, m);
  } else if (p < 0 && m < 0) {
    pending_margin_ = std::min(p, m);
  } else {
    pending_margin_ = p + m;
  }
}

// Margins are truncated at an unforced page break (CSS Fragmentation §5.2), except on page 1.
void Engine::flush_margin() {
  if (!(at_page_top() && cursor_.page > 0)) cursor_.y += pending_margin_;
  pending_margin_ = 0;
}

void Engine::record_anchor(const Node& n, Cursor at) {
  if (measuring_) return;
  if (!n.anchor.empty())
    shared_.anchors[n.anchor] = at;  // last wins: a re-laid-out table row moves it
  if (n.heading_level > 0) {
    std::string title = text_content(n);
    std::replace(title.begin(), title.end(), '\n', ' ');
    shared_.bookmarks.push_back(Bookmark{n.heading_level, std::move(title), at.page, at.y});
  }
}

void Engine::flow(const std::vector<Node>& blocks, double x, double width) {
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Node* next = i + 1 < blocks.size() ? &blocks[i + 1] : nullptr;
    block(blocks[i], x, width, next);
  }
}

bool Engine::keep_with_next(const Node& n, const Node* next, double width) {
  if (next == nullptr || n.style.break_after != BreakValue::kAvoid) return false;
  if (next->style.break_before == BreakValue::kPage) return false;
  const double need = measure(n, width) + leading_height(*next, width);
  return need > room() - pending_margin_ && need <= page_height();
}

// Unforced breaks before a block: to keep a heading with what follows, to keep a
// break-inside: avoid block whole, and to keep a drawn box top with its first lines. A link
// target (an id, a heading's bookmark) also starts where its first lines go, so that links
// and page references find it on that page rather than at the bottom of the one before.
bool Engine::move_to_next_page(const Node& n, const Node* next, double width) {
  const double space = room() - pending_margin_;
  if (keep_with_next(n, next, width)) return true;
  if (n.style.break_inside == BreakValue::kAvoid || n.kind == NodeKind::kRule) {
    const double h = measure(n, width);
    if (h > space && h <= page_height()) return true;
  }
  const bool target = !n.anchor.empty() || n.heading_level > 0;
  return (has_decoration(n.style) || target) && n.kind != NodeKind::kTable &&
         leading_height(n, width) > space;
}

void Engine::block(const Node& n, double x, double width, const Node* next) {
  const ComputedStyle& s = n.style;
  if (s.break_before == BreakValue::kPage && !(at_page_top() && current_page().items.empty())) {
    new_page();
  }
  if (!at_page_top() && move_to_next_page(n, next, width)) new_page();
  switch (n.kind) {
    case NodeKind::kTable:
      table(n, x, width);
      break;
    case NodeKind::kRule:
      rule(n, x, width);
      break;
    case NodeKind::kParagraph:
      box(n, x, width, [&](double cx, double cw) { paragraph(n, cx, cw); });
      break;
    case NodeKind::kListItem:
      box(n, x, width, [&](double cx, double cw) {
        Cursor baseline{-1, 0};
        Cursor* saved = capture_baseline_;
        capture_baseline_ = &baseline;
        flow(n.children, cx, cw);
        capture_baseline_ = saved;
        list_marker(n, cx, baseline);
      });
      break;
    default:
      box(n, x, width, [&](double cx, double cw) { flow(n.children, cx, cw); });
      break;
  }
  if (s.break_after == BreakValue::kPage && next != nullptr) new_page();
}

void Engine::box(const Node& n, double x, double width,
                 const std::function<void(double, double)>& content) {
  const ComputedStyle& s = n.style;
  add_margin(s.margin.top);
  const bool decorated = has_decoration(s);
  const double top_edge = s.border.top.width + s.padding.top;
  // Margins collapse through the top of a box unless something is drawn from its top edge
  // down (a background, a top or side border) or it has top padding.
  const bool drawn_from_top = !s.background.transparent() || s.border.top.visible() ||
                              s.border.left.visible() || s.border.right.visible();
  if (drawn_from_top || top_edge > 0) flush_margin();
  const Cursor start = cursor_;
  const size_t start_index = current_page().items.size();
  record_anchor(n, start);
  cursor_.y += top_edge;
  double box_width = width - s.margin.left - s.margin.right;
  if (!s.width.is_auto()) {
    box_width =
        std::min(box_width, s.width.resolve(width, box_width) + s.padding.left + s.padding.right +
                                s.border.left.width + s.border.right.width);
  }
  double box_x = x + s.margin.left;
  if (s.margin_left_auto && s.margin_right_auto) box_x = x + (width - box_width) / 2;
  const double inner_x = box_x + s.border.left.width + s.padding.left;
  const double inner_w = std::max(0.0, box_width - s.border.left.width - s.padding.left -
                                           s.padding.right - s.border.right.width);
  content(inner_x, inner_w);
  const double bottom_edge = s.padding.bottom + s.border.bottom.width;
  if (decorated || bottom_edge > 0) {
    flush_margin();
    cursor_.y += bottom_edge;
  }
  if (decorated) decorate(s, box_x, box_width, start, start_index, cursor_, true);
  add_margin(s.margin.bottom);
}

void Engine::rule(const Node& n, double x, double width) {
  const ComputedStyle& s = n.style;
  add_margin(s.margin.top);
  flush_margin();
  const double w = std::max(s.border.top.width, 0.0);
  const double box_w =
      s.width.is_auto() ? width - s.margin.left - s.margin.right : s.width.resolve(width, width);
  if (w > 0 && s.border.top.visible()) {
    const double y = cursor_.y + w / 2;
    emit(current_page().items, LineItem{x + s.margin.left, y, x + s.margin.left + box_w, y, w,
                                        s.border.top.color, s.border.top.style});
  }
  cursor_.y += w + s.border.bottom.width;
  add_margin(s.margin.bottom);
}

void Engine::list_marker(const Node& item, double content_x, Cursor baseline) {
  if (item.marker.empty() || baseline.page < 0) return;
  ParagraphText text;
  text.text = item.marker;
  text.style = &item.style;
  text.runs.push_back(TextRun{0, static_cast<uint32_t>(item.marker.size()), &item.style});
  auto shaped = shared_.measurer.shape(text, -1);
  if (shaped->line_count() == 0) return;
  const double gap = item.style.font_size * 0.5;
  const double x = content_x - gap - shaped->line(0).width;
  emit(page(baseline.page).items, TextLineItem{std::move(shaped), 0, x, baseline.y});
}

void Engine::decorate(const ComputedStyle& s, double x, double width, Cursor start,
                      size_t start_index, Cursor end, bool inset, BorderSink* borders) {
  for (int p = start.page; p <= end.page; ++p) {
    const double y0 = p == start.page ? start.y : top_;
    const double y1 = p == end.page ? end.y : bottom_;
    if (y1 - y0 <= 0.001 && start.page != end.page) continue;
    std::vector<DisplayItem> deco;
    if (!s.background.transparent()) emit(deco, RectItem{x, y0, width, y1 - y0, s.background});
    auto edge = [&](const BorderSide& b, double x1, double ya, double x2, double yb) {
      if (!b.visible()) return;
      const LineItem line{x1, ya, x2, yb, b.width, b.color, b.style};
      if (borders != nullptr) {
        borders->emplace_back(p, line);
      } else {
        emit(deco, line);
      }
    };
    const auto& b = s.border;
    const double k = inset ? 0.5 : 0;
    if (p == start.page) edge(b.top, x, y0 + b.top.width * k, x + width, y0 + b.top.width * k);
    if (p == end.page) {
      edge(b.bottom, x, y1 - b.bottom.width * k, x + width, y1 - b.bottom.width * k);
    }
    edge(b.left, x + b.left.width * k, y0, x + b.left.width * k, y1);
    edge(b.right, x + width - b.right.width * k, y0, x + width - b.right.width * k, y1);
    if (deco.empty()) continue;
    auto& items = page(p).items;
    const size_t at = p == start.page ? std::min(start_index, items.size()) : 0;
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), deco.begin(), deco.end());
  }
}

double Engine::measure_flow(const std::vector<Node>& blocks, double width) {
  Engine m(shared_, 0, kUnbounded, true);
  m.flow(blocks, 0, width);
  m.finish();
  return m.cursor().y;
}

double Engine::measure(const Node& block, double width) {
  Engine m(shared_, 0, kUnbounded, true);
  m.block(block, 0, width, nullptr);
  return m.cursor().y;  // without the trailing margin
}

double Engine::leading_height(const Node& n, double width) {
  const ComputedStyle& s = n.style;
  const double top = s.margin.top + s.border.top.width + s.padding.top;
  const double inner = width - horizontal_edges(s);
  switch (n.kind) {
    case NodeKind::kParagraph:
      return top + paragraph_leading_height(n, inner);
    case NodeKind::kTable:
      return table_leading_height(n, width);
    case NodeKind::kBlock:
    case NodeKind::kListItem:
      if (!n.children.empty()) return top + leading_height(n.children.front(), inner);
      return measure(n, width);
    default:
      return measure(n, width);
  }
}

ContentWidths Engine::content_widths(const Node& n) {
  if (auto it = shared_.widths.find(&n); it != shared_.widths.end()) return it->second;
  ContentWidths w;
  switch (n.kind) {
    case NodeKind::kParagraph:
      w = paragraph_widths(n);
      break;
    case NodeKind::kTable:
      w = table_widths(n);
      break;
    case NodeKind::kRule:
      break;
    default:
      for (const Node& c : n.children) {
        const ContentWidths cw = content_widths(c);
        w.min = std::max(w.min, cw.min);
        w.max = std::max(w.max, cw.max);
      }
      break;
  }
  if (n.kind != NodeKind::kTable) {
    const double edges = horizontal_edges(n.style);
    if (!n.style.width.is_auto() && n.style.width.unit == Length::Unit::kPt) {
      w.min = std::max(w.min, n.style.width.value);
      w.max = std::max(w.min, n.style.width.value);
    }
    w.min += edges;
    w.max += edges;
  }
  shared_.widths.emplace(&n, w);
  return w;
}

}  // namespace dossier::doc::layout

namespace dossier::doc::layout {

std::vector<LineItem> coalesce_segments(std::vector<LineItem> lines) {
  struct Seg {
    int orientation;  // 0 horizontal, 1 vertical, 2 other
    double fixed, start, end;
    LineItem line;
  };
  std::vector<Seg> segs;
  segs.reserve(lines.size());
  for (const LineItem& l : lines) {
    if (std::abs(l.y1 - l.y2) < 1e-6) {
      segs.push_back({0, l.y1, std::min(l.x1, l.x2), std::max(l.x1, l.x2), l});
    } else if (std::abs(l.x1 - l.x2) < 1e-6) {
      segs.push_back({1, l.x1, std::min(l.y1, l.y2), std::max(l.y1, l.y2), l});
    } else {
      segs.push_back({2, 0, 0, 0, l});
    }
  }
  auto color_key = [](Color c) {
    return static_cast<uint32_t>(c.r) << 24 | static_cast<uint32_t>(c.g) << 16 |
           static_cast<uint32_t>(c.b) << 8 | c.a;
  };
  auto key = [&](const Seg& s) {
    return std::make_tuple(s.line.width, color_key(s.line.color), static_cast<int>(s.line.style),
                           s.orientation, std::round(s.fixed * 100), s.start);
  };
  std::sort(segs.begin(), segs.end(), [&](const Seg& a, const Seg& b) { return key(a) < key(b); });
  std::vector<LineItem> out;
  for (size_t i = 0; i < segs.size();) {
    Seg cur = segs[i++];
    while (cur.orientation != 2 && i < segs.size() && std::get<0>(key(segs[i])) == cur.line.width &&
           std::get<1>(key(segs[i])) == color_key(cur.line.color) &&
           segs[i].line.style == cur.line.style && segs[i].orientation == cur.orientation &&
           std::round(segs[i].fixed * 100) == std::round(cur.fixed * 100) &&
           segs[i].start <= cur.end + 0.01) {
      cur.end = std::max(cur.end, segs[i].end);
      ++i;
    }
    LineItem l = cur.line;
    if (cur.orientation == 0) l.x1 = cur.start, l.x2 = cur.end, l.y1 = l.y2 = cur.fixed;
    if (cur.orientation == 1) l.y1 = cur.start, l.y2 = cur.end, l.x1 = l.x2 = cur.fixed;
    out.push_back(l);
  }
  return out;
}

}  // namespace dossier::doc::layout
