// Tables: column widths from content, rows placed with page breaks (rows bound by rowspans
// move together), repeated headers, cell borders/backgrounds (separate or collapsed) over the
// rows a cell spans, vertical-align. Cell placement on the grid: table_placement.h.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "doc/layout_engine.h"
#include "doc/table_placement.h"

namespace dossier::doc::layout {
namespace {

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
  TableLayout(Engine& e, const Node& t) : e_(e), t_(t), s_(t.style), grid_(place_cells(t)) {
    columns_ = grid_.columns;
    state_.resize(grid_.rows.size());
    while (header_rows_ < grid_.rows.size() &&
           grid_.rows[header_rows_].row->row_group == RowGroup::kHead) {
      ++header_rows_;
    }
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
      for (const GridRow& r : grid_.rows) {
        for (const GridCell& gc : r.cells) {
          if ((gc.colspan == 1) != (pass == 0)) continue;
          const ContentWidths w = e_.content_widths(*gc.cell);
          spread(c.min, gc.col, gc.colspan, w.min);
          spread(c.max, gc.col, gc.colspan, w.max);
          const Length& lw = gc.cell->style.width;
          if (gc.colspan == 1 && lw.unit == Length::Unit::kPt) {
            const auto i = static_cast<size_t>(gc.col);
            c.fixed[i] = std::max(c.fixed[i], lw.value + horizontal_cell_edges(*gc.cell));
          } else if (gc.colspan == 1 && lw.unit == Length::Unit::kPercent) {
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
    // Header rows plus the first body row and the rows rowspans bind to it, measured on an
    // unbounded page.
    const size_t rows =
        header_rows_ < grid_.rows.size() ? grid_.rows[header_rows_].unit_end : header_rows_;
    Node partial = t_;
    partial.children.resize(rows);
    m.table(partial, 0, width);
    m.finish();
    const double height = m.cursor().y;
    forget(partial);
    return height;
  }

 private:
  struct CellResult {
    Cursor end;
    size_t first_item = 0, last_item = 0, first_link = 0, last_link = 0;
  };

  struct RowState {
    Cursor start;
    Cursor end;                     //!< below the cells that end in this row (spanning ones too)
    size_t index = 0;               //!< items on the start page before the row
    std::vector<CellResult> cells;  //!< one per GridRow::cells
  };

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
    double w = spacing_ * (gc.colspan - 1);
    for (int k = gc.col; k < gc.col + gc.colspan && k < columns_; ++k)
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
    table_mark_ = mark();
    lay_headers();
    for (size_t r = header_rows_; r < grid_.rows.size(); r = grid_.rows[r].unit_end) {
      place_unit(r, grid_.rows[r].unit_end);
    }
    if (table_moved_) e_.record_anchor(t_, Cursor{start.page + 1, e_.top_});
    const double bottom_edge = collapse_ ? 0 : s_.border.bottom.width + s_.padding.bottom;
    e_.cursor_.y += bottom_edge;
    e_.decorate(s_, table_x_, table_width_, table_moved_ ? Cursor{start.page + 1, e_.top_} : start,
                table_moved_ ? 0 : start_index, e_.cursor_, !collapse_, &borders_);
    emit_borders();
    e_.add_margin(s_.margin.bottom);
  }

  // Rows bound together by rowspans move to the next page together. When they are taller
  // than a page, they break between rows as unbound rows do, except that header rows are not
  // repeated inside them: the cells spanning from above continue at the top of the page.
  void place_unit(size_t first, size_t last) {
    const Mark m = mark();
    if (!place_together(first, last, true) && last - first > 1) {
      rollback(m);
      for (size_t r = first; r < last; ++r) place_together(r, r + 1, r == first);
    }
    finish_rows(first, last);
  }

  // Lays out rows [first, last) and, if they cross a page break, moves them whole to the next
  // page (under repeated header rows if `headers`). Returns false, leaving them split where
  // they fell, if they do not fit on a page.
  bool place_together(size_t first, size_t last, bool headers) {
    const Mark m = mark();
    if (lay_rows(first, last) || e_.measuring_) return true;
    const double header_h = headers ? header_height() : 0;
    if (height_since(m.cursor) > e_.page_height() - header_h) return false;
    if (first == header_rows_ && !table_moved_ && table_mark_.cursor.y > e_.top_ + 0.01) {
      rollback(table_mark_);  // keep the header with the first body row
      table_moved_ = true;
    } else if (m.cursor.y > e_.top_ + header_h + spacing_ + 0.01) {
      rollback(m);
    } else {
      return true;  // already at the top of a page: split
    }
    e_.new_page();
    e_.cursor_.y += spacing_;
    if (headers) lay_headers();
    lay_rows(first, last);
    return true;
  }

  void lay_headers() {
    lay_rows(0, header_rows_);
    finish_rows(0, header_rows_);
  }

  // Lays out rows [first, last) at the cursor; true if they end on the page they start on.
  bool lay_rows(size_t first, size_t last) {
    const int page = e_.cursor_.page;
    for (size_t r = first; r < last; ++r) lay_row(r);
    return e_.cursor_.page == page;
  }

  // Height from `from` to the cursor, which is on a later page.
  double height_since(Cursor from) const {
    return (e_.bottom_ - from.y) + (e_.cursor_.y - e_.top_) +
           (e_.cursor_.page - from.page - 1) * e_.page_height();
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
    Engine m(e_.shared_, 0, 1e12, true);
    TableLayout sub(m, t_);
    sub.widths_ = widths_;
    sub.lay_rows(0, header_rows_);
    header_height_ = m.cursor().y;
    return header_height_;
  }

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
    e_.flow(gc.cell->children, cx, cw);
    e_.pending_margin_ = 0;  // margins inside a cell do not leak out of it
    e_.cursor_.y += cs.padding.bottom + cs.border.bottom.width * k;
    res.end = e_.cursor_;
    if (res.end.page == row_start.page) {
      res.last_item = e_.current_page().items.size();
      res.last_link = e_.current_page().links.size();
    }
    return res;
  }

  static bool later(Cursor a, Cursor b) {
    return a.page > b.page || (a.page == b.page && a.y > b.y);
  }

  // Lays out the content of the cells that start in row `r` at the cursor, and moves the
  // cursor below every cell that ends in the row. A spanning cell taller than the rows it
  // spans so makes its last row taller; the rows above keep their own heights.
  void lay_row(size_t r) {
    const GridRow& row = grid_.rows[r];
    RowState& rs = state_[r];
    rs.start = e_.cursor_;
    rs.index = e_.current_page().items.size();
    rs.cells.clear();
    for (const GridCell& gc : row.cells) rs.cells.push_back(cell_content(gc, rs.start));
    rs.end = rs.start;
    for (size_t k = row.unit_begin; k <= r; ++k) {
      const std::vector<GridCell>& cells = grid_.rows[k].cells;
      for (size_t i = 0; i < cells.size(); ++i) {
        const Cursor end = state_[k].cells[i].end;
        if (k + static_cast<size_t>(cells[i].rowspan) == r + 1 && later(end, rs.end)) rs.end = end;
      }
    }
    e_.cursor_ = rs.end;
    e_.cursor_.y += spacing_;
  }

  // Aligns and decorates the cells that start in rows [first, last) over all the rows they
  // span, then paints the rows' backgrounds beneath them. Decorations are inserted into the
  // item lists, so cells are done from the last item backwards: the item ranges recorded for
  // the cells still to do stay valid.
  void finish_rows(size_t first, size_t last) {
    if (first >= last) return;
    struct Area {
      const GridCell* gc;
      const CellResult* res;
      const Node* row;  // the row the cell starts in
      Cursor start, row_end, end;
    };
    std::vector<Area> areas;
    for (size_t r = first; r < last; ++r) {
      const std::vector<GridCell>& cells = grid_.rows[r].cells;
      for (size_t i = 0; i < cells.size(); ++i) {
        const size_t last_row = r + static_cast<size_t>(cells[i].rowspan) - 1;
        areas.push_back(Area{&cells[i], &state_[r].cells[i], grid_.rows[r].row, state_[r].start,
                             state_[r].end, state_[last_row].end});
      }
    }
    std::sort(areas.begin(), areas.end(), [](const Area& a, const Area& b) {
      return std::tie(a.start.page, a.res->first_item) > std::tie(b.start.page, b.res->first_item);
    });
    for (const Area& a : areas) {
      const GridCell& gc = *a.gc;
      if (a.end.page == a.start.page) align(gc, *a.res, a.start, a.end.y - a.start.y);
      const double x = column_x(gc.col), w = span_width(gc);
      e_.decorate(gc.cell->style, x, w, a.start, a.res->first_item, a.end, !collapse_, &borders_);
      // As browsers do, a spanning cell shows the background of the row it starts in down
      // to its bottom; the later rows leave its columns alone (paint_row_backgrounds).
      if (gc.rowspan > 1 && later(a.end, a.row_end)) {
        const size_t at = a.row_end.page == a.start.page ? a.res->first_item : 0;
        paint_background(*a.row, x, w, a.row_end, at, a.end);
      }
    }
    paint_row_backgrounds(first, last);
  }

  // Row backgrounds go beneath all the cells of the rows: each across the row's columns
  // except those a cell from a row above still covers.
  void paint_row_backgrounds(size_t first, size_t last) {
    const RowState& unit = state_[first];
    for (size_t r = first; r < last; ++r) {
      const Node& row = *grid_.rows[r].row;
      if (row.style.background.transparent()) continue;
      const RowState& rs = state_[r];
      const size_t at = rs.start.page == unit.start.page ? unit.index : 0;
      for (const auto& [begin, end] : uncovered_columns(grid_, r)) {
        const double x = column_x(begin);
        paint_background(row, x, column_x(end) - x - spacing_, rs.start, at, rs.end);
      }
    }
  }

  void paint_background(const Node& row, double x, double width, Cursor start, size_t index,
                        Cursor end) {
    if (row.style.background.transparent()) return;
    ComputedStyle bg;
    bg.background = row.style.background;
    e_.decorate(bg, x, width, start, index, end, true);
  }

  // vertical-align within the cell's area, `height` tall on the page it starts on.
  void align(const GridCell& gc, const CellResult& res, Cursor start, double height) {
    const ComputedStyle& cs = gc.cell->style;
    const double used = res.end.y - start.y;
    double shift = 0;
    if (cs.vertical_align == VerticalAlign::kMiddle) shift = (height - used) / 2;
    if (cs.vertical_align == VerticalAlign::kBottom) shift = height - used;
    if (shift <= 0.01) return;
    PageContent& page = e_.page(start.page);
    for (size_t k = res.first_item; k < res.last_item && k < page.items.size(); ++k) {
      std::visit([&](auto& item) { shift_item(item, shift); }, page.items[k]);
    }
    for (size_t k = res.first_link; k < res.last_link && k < page.links.size(); ++k) {
      page.links[k].y += shift;
    }
  }

  static void shift_item(TextLineItem& t, double dy) { t.baseline += dy; }
  static void shift_item(RectItem& t, double dy) { t.y += dy; }
  static void shift_item(LineItem& t, double dy) { t.y1 += dy, t.y2 += dy; }
  static void shift_item(ImageItem& t, double dy) { t.y += dy; }

  Engine& e_;
  const Node& t_;
  const ComputedStyle& s_;
  CellGrid grid_;
  std::vector<RowState> state_;  //!< per grid row, from its latest layout
  size_t header_rows_ = 0;
  int columns_ = 0;
  bool collapse_ = false;
  double spacing_ = 0;
  std::vector<double> widths_;
  double table_x_ = 0, table_width_ = 0;
  double header_height_ = -1;
  Mark table_mark_;  //!< before the header rows on the table's first page
  bool table_moved_ = false;
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
