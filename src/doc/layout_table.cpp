// Tables: grid, column widths from content, row placement with page breaks, repeated headers,
// cell borders/backgrounds (separate or collapsed), vertical-align.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "doc/layout_engine.h"

namespace dossier::doc::layout {
namespace {

struct GridCell {
  const Node* cell = nullptr;
  int col = 0;
  int span = 1;
};

struct GridRow {
  const Node* row = nullptr;
  std::vector<GridCell> cells;
};

std::vector<GridRow> build_grid(const Node& table, int& columns) {
  std::vector<GridRow> rows;
  columns = 0;
  for (const Node& r : table.children) {
    GridRow gr{&r, {}};
    int col = 0;
    for (const Node& c : r.children) {
      const int span = std::clamp(c.colspan, 1, 1000);
      gr.cells.push_back(GridCell{&c, col, span});
      col += span;
    }
    columns = std::max(columns, col);
    rows.push_back(std::move(gr));
  }
  return rows;
}

struct Columns {
  std::vector<double> min, max, fixed, percent;
  explicit Columns(int n)
      : min(static_cast<size_t>(n)),
        max(static_cast<size_t>(n)),
        fixed(static_cast<size_t>(n), -1),
        percent(static_cast<size_t>(n), -1) {}
};

// Spreads `extra` over columns [c, c + span) (evenly).
void spread(std::vector<double>& v, int c, int span, double total) {
  double have = 0;
  for (int k = c; k < c + span; ++k) have += v[static_cast<size_t>(k)];
  if (total <= have) return;
  const double add = (total - have) / span;
  for (int k = c; k < c + span; ++k) v[static_cast<size_t>(k)] += add;
}

// Final widths for `target` points of column space (CSS 2.1 §17.5.2.2, simplified).
std::vector<double> distribute(const Columns& c, double target, bool stretch) {
  const size_t n = c.min.size();
  std::vector<double> w(n, 0);
  double used = 0, auto_min = 0, auto_max = 0;
  for (size_t i = 0; i < n; ++i) {
    if (c.percent[i] >= 0) {
      w[i] = std::max(c.min[i], c.percent[i] * target / 100);
    } else if (c.fixed[i] >= 0) {
      w[i] = std::max(c.min[i], c.fixed[i]);
    } else {
      auto_min += c.min[i], auto_max += c.max[i];
      continue;
    }
    used += w[i];
  }
  const double rest = target - used;
  size_t auto_count = 0;
  for (size_t i = 0; i < n; ++i) {
    if (c.percent[i] >= 0 || c.fixed[i] >= 0) continue;
    ++auto_count;
    if (rest >= auto_max) {
      const double extra = stretch ? rest - auto_max : 0;
      w[i] = c.max[i] + (auto_max > 0 ? extra * c.max[i] / auto_max : 0);
    } else if (rest > auto_min && auto_max > auto_min) {
      w[i] = c.min[i] + (rest - auto_min) * (c.max[i] - c.min[i]) / (auto_max - auto_min);
    } else {
      w[i] = c.min[i];
    }
  }
  if (auto_max <= 0 && auto_count > 0 && stretch && rest > 0) {
    for (size_t i = 0; i < n; ++i) {
      if (c.percent[i] < 0 && c.fixed[i] < 0) w[i] = rest / static_cast<double>(auto_count);
    }
  }
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  if (stretch && auto_count == 0 && total > 0 && total < target) {
    for (double& x : w) x *= target / total;
  }
  return w;
}

}  // namespace

class TableLayout {
 public:
  //! `max_rows`: place only that many rows (to measure a table's first rows).
  TableLayout(Engine& e, const Node& t, size_t max_rows = SIZE_MAX) : e_(e), t_(t), s_(t.style) {
    rows_ = build_grid(t, columns_);
    place_limit_ = std::min(max_rows, rows_.size());
    collapse_ = s_.border_collapse;
    spacing_ = collapse_ ? 0 : s_.border_spacing;
  }

  // Column space overhead: table borders and spacing.
  double overhead() const {
    const double borders = s_.border.left.width + s_.border.right.width;
    return (collapse_ ? borders / 2 : borders + s_.padding.left + s_.padding.right) +
           spacing_ * (columns_ + 1);
  }

  Columns column_constraints() {
    Columns c(columns_);
    for (int pass = 0; pass < 2; ++pass) {  // single-column cells first, then spanning ones
      for (const GridRow& r : rows_) {
        for (const GridCell& gc : r.cells) {
          if ((gc.span == 1) != (pass == 0)) continue;
          const ContentWidths w = e_.content_widths(*gc.cell);
          spread(c.min, gc.col, gc.span, w.min);
          spread(c.max, gc.col, gc.span, w.max);
          const Length& lw = gc.cell->style.width;
          if (gc.span == 1 && lw.unit == Length::Unit::kPt) {
            const auto i = static_cast<size_t>(gc.col);
            c.fixed[i] = std::max(c.fixed[i], lw.value + horizontal_cell_edges(*gc.cell));
          } else if (gc.span == 1 && lw.unit == Length::Unit::kPercent) {
            const auto i = static_cast<size_t>(gc.col);
            c.percent[i] = std::max(c.percent[i], lw.value);
          }
        }
      }
    }
    for (size_t i = 0; i < c.min.size(); ++i) c.max[i] = std::max(c.max[i], c.min[i]);
    return c;
  }

  ContentWidths widths() {
    const Columns c = column_constraints();
    ContentWidths w{std::accumulate(c.min.begin(), c.min.end(), 0.0),
                    std::accumulate(c.max.begin(), c.max.end(), 0.0)};
    for (size_t i = 0; i < c.fixed.size(); ++i) {
      if (c.fixed[i] >= 0) w.max += std::max(0.0, c.fixed[i] - c.max[i]);
    }
    const double edges = overhead() + s_.margin.left + s_.margin.right;
    w.min += edges;
    w.max += edges;
    if (s_.width.unit == Length::Unit::kPt) w.min = w.max = std::max(w.min, s_.width.value);
    return w;
  }

  void layout(double x, double avail) {
    const double avail_box = std::max(0.0, avail - s_.margin.left - s_.margin.right);
    const Columns c = column_constraints();
    const double sum_min = std::accumulate(c.min.begin(), c.min.end(), 0.0);
    const double sum_max = std::accumulate(c.max.begin(), c.max.end(), 0.0);
    double target;
    bool stretch = false;
    if (!s_.width.is_auto()) {
      target = s_.width.resolve(avail_box, avail_box) - overhead();
      stretch = true;
    } else {
      target = std::min(avail_box - overhead(), sum_max);
    }
    target = std::max(target, sum_min);
    widths_ = distribute(c, target, stretch);
    table_width_ = std::accumulate(widths_.begin(), widths_.end(), 0.0) + overhead();
    table_x_ = x + s_.margin.left;
    if (s_.margin_left_auto && s_.margin_right_auto) table_x_ = x + (avail - table_width_) / 2;
    place_rows();
  }

  double leading_height(double width) {
    Engine m(e_.shared_, 0, 1e12, true);
    // Header rows plus the first body row, measured on an unbounded page.
    Node partial = t_;
    partial.children.clear();
    for (const Node& r : t_.children) {
      partial.children.push_back(r);
      if (r.row_group != RowGroup::kHead) break;
    }
    m.table(partial, 0, width);
    m.finish();
    const double height = m.cursor().y;
    forget(partial);
    return height;
  }

 private:
  // The shared caches are keyed by node address: entries for a temporary copy would dangle
  // once it is gone, and a later node at the same address would read them.
  void forget(const Node& n) {
    e_.shared_.paragraphs.erase(&n);
    e_.shared_.widths.erase(&n);
    for (const Node& c : n.children) forget(c);
  }

  double horizontal_cell_edges(const Node& cell) const {
    const ComputedStyle& cs = cell.style;
    const double k = collapse_ ? 0.5 : 1;
    return cs.padding.left + cs.padding.right + (cs.border.left.width + cs.border.right.width) * k;
  }

  double column_x(int col) const {
    double xx = table_x_ + (collapse_ ? 0 : s_.border.left.width + s_.padding.left) + spacing_;
    for (int k = 0; k < col; ++k) xx += widths_[static_cast<size_t>(k)] + spacing_;
    return xx;
  }

  double span_width(const GridCell& gc) const {
    double w = spacing_ * (gc.span - 1);
    for (int k = gc.col; k < gc.col + gc.span && k < columns_; ++k)
      w += widths_[static_cast<size_t>(k)];
    return w;
  }

  struct Mark {
    Cursor cursor;
    size_t page_count = 0;
    std::vector<std::pair<size_t, size_t>> counts;  // per page from cursor.page: items, links
    size_t pending_links = 0, bookmarks = 0, borders = 0;
  };

  Mark mark() {
    Mark m;
    m.cursor = e_.cursor_;
    m.page_count = e_.pages_.size();
    m.pending_links = e_.shared_.pending_links.size();
    m.bookmarks = e_.shared_.bookmarks.size();
    m.borders = borders_.size();
    for (int p = e_.cursor_.page; p < static_cast<int>(e_.pages_.size()); ++p) {
      const PageContent& pc = e_.pages_[static_cast<size_t>(p)];
      m.counts.emplace_back(pc.items.size(), pc.links.size());
    }
    return m;
  }

  void rollback(const Mark& m) {
    e_.pages_.resize(std::max(m.page_count, static_cast<size_t>(m.cursor.page) + 1));
    for (size_t k = 0; k < m.counts.size(); ++k) {
      PageContent& pc = e_.pages_[static_cast<size_t>(m.cursor.page) + k];
      pc.items.resize(std::min(pc.items.size(), m.counts[k].first));
      pc.links.resize(std::min(pc.links.size(), m.counts[k].second));
    }
    for (size_t p = static_cast<size_t>(m.cursor.page) + m.counts.size(); p < e_.pages_.size();
         ++p) {
      e_.pages_[p] = PageContent{};
    }
    e_.shared_.pending_links.resize(m.pending_links);
    e_.shared_.bookmarks.resize(m.bookmarks);
    borders_.resize(m.borders);
    e_.cursor_ = m.cursor;
  }

  void place_rows() {
    e_.add_margin(s_.margin.top);
    e_.flush_margin();
    const Cursor start = e_.cursor_;
    const size_t start_index = e_.current_page().items.size();
    e_.record_anchor(t_, start);
    const double top_edge = collapse_ ? 0 : s_.border.top.width + s_.padding.top;
    e_.cursor_.y += top_edge + spacing_;
    size_t header_rows = 0;
    while (header_rows < place_limit_ && rows_[header_rows].row->row_group == RowGroup::kHead) {
      ++header_rows;
    }
    const Mark table_mark = mark();
    bool table_moved = false;
    for (size_t r = 0; r < header_rows; ++r) row(rows_[r]);
    for (size_t r = header_rows; r < place_limit_; ++r) {
      const Mark m = mark();
      row(rows_[r]);
      if (e_.cursor_.page == m.cursor.page || e_.measuring_) continue;
      const double height = (e_.bottom_ - m.cursor.y) + (e_.cursor_.y - e_.top_) +
                            (e_.cursor_.page - m.cursor.page - 1) * e_.page_height();
      const double header_h = header_height();
      if (height > e_.page_height() - header_h) continue;  // too tall for any page: split it
      if (r == header_rows && !table_moved && table_mark.cursor.y > e_.top_ + 0.01) {
        rollback(table_mark);  // keep the header with the first body row
        e_.new_page();
        e_.cursor_.y += spacing_;
        table_moved = true;
        for (size_t h = 0; h < header_rows; ++h) row(rows_[h]);
        row(rows_[r]);
        continue;
      }
      if (m.cursor.y <= e_.top_ + header_h + spacing_ + 0.01) continue;  // page top: split
      rollback(m);
      e_.new_page();
      e_.cursor_.y += spacing_;
      for (size_t h = 0; h < header_rows; ++h) row(rows_[h]);
      row(rows_[r]);
    }
    const double bottom_edge = collapse_ ? 0 : s_.border.bottom.width + s_.padding.bottom;
    e_.cursor_.y += bottom_edge;
    e_.decorate(s_, table_x_, table_width_, table_moved ? Cursor{start.page + 1, e_.top_} : start,
                table_moved ? 0 : start_index, e_.cursor_, !collapse_, &borders_);
    emit_borders();
    e_.add_margin(s_.margin.bottom);
  }

  // Cell and table borders go on top of everything in the table, merged per page.
  void emit_borders() {
    std::stable_sort(borders_.begin(), borders_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < borders_.size();) {
      const int page = borders_[i].first;
      std::vector<LineItem> lines;
      for (; i < borders_.size() && borders_[i].first == page; ++i)
        lines.push_back(borders_[i].second);
      auto& items = e_.page(page).items;
      for (const LineItem& l : coalesce_segments(std::move(lines))) emit(items, l);
    }
    borders_.clear();
  }

  double header_height() {
    if (header_height_ >= 0) return header_height_;
    header_height_ = 0;
    for (const GridRow& r : rows_) {
      if (r.row->row_group != RowGroup::kHead) break;
      Engine m(e_.shared_, 0, 1e12, true);
      TableLayout sub(m, t_);
      sub.widths_ = widths_;
      sub.table_x_ = 0;
      sub.row(r);
      header_height_ += m.cursor().y + spacing_;
    }
    return header_height_;
  }

  struct CellResult {
    Cursor end;
    size_t first_item = 0, last_item = 0, first_link = 0, last_link = 0;
    double content_height = 0;
  };

  CellResult cell_content(const GridCell& gc, Cursor row_start) {
    const ComputedStyle& cs = gc.cell->style;
    const double k = collapse_ ? 0.5 : 1;
    e_.cursor_ = row_start;
    e_.pending_margin_ = 0;
    CellResult res;
    res.first_item = e_.current_page().items.size();
    res.first_link = e_.current_page().links.size();
    e_.cursor_.y += cs.border.top.width * k + cs.padding.top;
    const double cx = column_x(gc.col) + cs.border.left.width * k + cs.padding.left;
    const double cw = std::max(0.0, span_width(gc) - horizontal_cell_edges(*gc.cell));
    const Cursor content_start = e_.cursor_;
    e_.flow(gc.cell->children, cx, cw);
    e_.pending_margin_ = 0;  // margins inside a cell do not leak out of it
    res.content_height = e_.cursor_.y - content_start.y;
    e_.cursor_.y += cs.padding.bottom + cs.border.bottom.width * k;
    res.end = e_.cursor_;
    if (res.end.page == row_start.page) {
      res.last_item = e_.current_page().items.size();
      res.last_link = e_.current_page().links.size();
    }
    return res;
  }

  void row(const GridRow& r) {
    const Cursor row_start = e_.cursor_;
    const size_t row_index = e_.current_page().items.size();
    std::vector<CellResult> results;
    Cursor end = row_start;
    for (const GridCell& gc : r.cells) {
      results.push_back(cell_content(gc, row_start));
      const Cursor c = results.back().end;
      if (c.page > end.page || (c.page == end.page && c.y > end.y)) end = c;
    }
    e_.cursor_ = end;
    if (end.page == row_start.page) align_cells(r, results, end.y - row_start.y, row_start);
    for (size_t i = 0; i < r.cells.size(); ++i) {
      const GridCell& gc = r.cells[i];
      e_.decorate(gc.cell->style, column_x(gc.col), span_width(gc), row_start,
                  results[i].first_item, end, !collapse_, &borders_);
    }
    if (!r.row->style.background.transparent()) {
      ComputedStyle bg;
      bg.background = r.row->style.background;
      e_.decorate(bg, column_x(0), column_x(columns_) - column_x(0) - spacing_, row_start,
                  row_index, end, true);
    }
    e_.cursor_.y += spacing_;
  }

  void align_cells(const GridRow& r, const std::vector<CellResult>& results, double row_h,
                   Cursor row_start) {
    PageContent& page = e_.page(row_start.page);
    for (size_t i = 0; i < r.cells.size(); ++i) {
      const ComputedStyle& cs = r.cells[i].cell->style;
      const CellResult& res = results[i];
      const double used = res.end.y - row_start.y;
      double shift = 0;
      if (cs.vertical_align == VerticalAlign::kMiddle) shift = (row_h - used) / 2;
      if (cs.vertical_align == VerticalAlign::kBottom) shift = row_h - used;
      if (shift <= 0.01) continue;
      for (size_t k = res.first_item; k < res.last_item && k < page.items.size(); ++k) {
        std::visit([&](auto& item) { shift_item(item, shift); }, page.items[k]);
      }
      for (size_t k = res.first_link; k < res.last_link && k < page.links.size(); ++k) {
        page.links[k].y += shift;
      }
    }
  }

  static void shift_item(TextLineItem& t, double dy) { t.baseline += dy; }
  static void shift_item(RectItem& t, double dy) { t.y += dy; }
  static void shift_item(LineItem& t, double dy) { t.y1 += dy, t.y2 += dy; }
  static void shift_item(ImageItem& t, double dy) { t.y += dy; }

  Engine& e_;
  const Node& t_;
  const ComputedStyle& s_;
  std::vector<GridRow> rows_;
  int columns_ = 0;
  bool collapse_ = false;
  double spacing_ = 0;
  std::vector<double> widths_;
  double table_x_ = 0, table_width_ = 0;
  double header_height_ = -1;
  size_t place_limit_ = 0;
  BorderSink borders_;
};

void Engine::table(const Node& t, double x, double width) {
  ++table_depth_;
  TableLayout(*this, t).layout(x, width);
  --table_depth_;
}

double Engine::table_leading_height(const Node& t, double width) {
  return TableLayout(*this, t).leading_height(width);
}

ContentWidths Engine::table_widths(const Node& t) {
  return TableLayout(*this, t).widths();
}

}  // namespace dossier::doc::layout
