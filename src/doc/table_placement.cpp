#include "doc/table_placement.h"

#include <algorithm>

namespace dossier::doc::layout {
namespace {

constexpr int kMaxColspan = 1000;

// One past the last row of the row group that row `r` belongs to.
size_t group_end(const std::vector<Node>& rows, size_t r) {
  size_t end = r + 1;
  while (end < rows.size() && rows[end].row_group == rows[r].row_group) ++end;
  return end;
}

// Places the cells of row `r`. `busy_until[c]`: the first row that column c is free in again.
GridRow place_row(const std::vector<Node>& rows, size_t r, size_t rows_in_group,
                  std::vector<size_t>& busy_until) {
  auto busy = [&](int c) {
    return static_cast<size_t>(c) < busy_until.size() && busy_until[static_cast<size_t>(c)] > r;
  };
  GridRow out;
  out.row = &rows[r];
  int col = 0;
  for (const Node& cell : rows[r].children) {
    while (busy(col)) ++col;
    int colspan = std::clamp(cell.colspan, 1, kMaxColspan);
    // A colspan running into a rowspan from above is an HTML table model error: it is cut
    // short there (as the DOCX writer does) rather than painted over the other cell.
    for (int k = col + 1; k < col + colspan; ++k) {
      if (busy(k)) colspan = k - col;
    }
    const size_t rowspan = std::min(static_cast<size_t>(std::max(cell.rowspan, 1)), rows_in_group);
    const auto end = static_cast<size_t>(col + colspan);
    if (busy_until.size() < end) busy_until.resize(end, 0);
    for (auto k = static_cast<size_t>(col); k < end; ++k) busy_until[k] = r + rowspan;
    out.cells.push_back(GridCell{&cell, col, colspan, static_cast<int>(rowspan)});
    col += colspan;
  }
  return out;
}

// Groups rows into runs that no rowspan crosses.
void mark_units(std::vector<GridRow>& rows) {
  size_t begin = 0, reach = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    reach = std::max(reach, r + 1);
    for (const GridCell& gc : rows[r].cells) {
      reach = std::max(reach, r + static_cast<size_t>(gc.rowspan));
    }
    if (reach > r + 1) continue;
    for (size_t k = begin; k <= r; ++k) rows[k].unit_begin = begin, rows[k].unit_end = r + 1;
    begin = r + 1;
  }
}

}  // namespace

CellGrid place_cells(const Node& table) {
  CellGrid grid;
  const std::vector<Node>& rows = table.children;
  std::vector<size_t> busy_until;
  size_t group_last = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r >= group_last) group_last = group_end(rows, r);
    grid.rows.push_back(place_row(rows, r, group_last - r, busy_until));
  }
  grid.columns = static_cast<int>(busy_until.size());
  mark_units(grid.rows);
  return grid;
}

std::vector<std::pair<int, int>> uncovered_columns(const CellGrid& grid, size_t row) {
  std::vector<bool> covered(static_cast<size_t>(grid.columns), false);
  for (size_t r = grid.rows[row].unit_begin; r < row; ++r) {
    for (const GridCell& gc : grid.rows[r].cells) {
      if (r + static_cast<size_t>(gc.rowspan) <= row) continue;
      for (int c = gc.col; c < gc.col + gc.colspan; ++c) covered[static_cast<size_t>(c)] = true;
    }
  }
  std::vector<std::pair<int, int>> runs;
  for (int c = 0; c < grid.columns;) {
    if (covered[static_cast<size_t>(c)]) {
      ++c;
      continue;
    }
    const int begin = c;
    while (c < grid.columns && !covered[static_cast<size_t>(c)]) ++c;
    runs.emplace_back(begin, c);
  }
  return runs;
}

}  // namespace dossier::doc::layout
