// Internal to layout: where each td/th of a table sits on the grid of rows and columns
// (colspan and rowspan, as the HTML table model places them).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "doc/tree.h"

namespace dossier::doc::layout {

//! One td/th on the grid.
struct GridCell {
  const Node* cell = nullptr;
  int col = 0;      //!< first column
  int colspan = 1;  //!< columns covered; cut short where it would run into a rowspan from above
  int rowspan = 1;  //!< rows covered, this one included; clamped to the rows left in its group
};

struct GridRow {
  const Node* row = nullptr;
  std::vector<GridCell> cells;  //!< the cells that start in this row, left to right
  //! Rows [unit_begin, unit_end) contain this one and are bound together by rowspans: the
  //! smallest run of rows around it that no rowspan crosses into or out of.
  size_t unit_begin = 0, unit_end = 0;
};

struct CellGrid {
  std::vector<GridRow> rows;  //!< one per kTableRow child of the table, in order
  int columns = 0;
};

//! Places the cells of `table` (a kTable). A cell skips the columns that rowspans from rows
//! above still cover. A rowspan stops at the end of its row group (thead, tbody or tfoot
//! rows; consecutive tbody elements count as one group, since the tree merges them).
CellGrid place_cells(const Node& table);

//! The columns of row `row` that no rowspan from an earlier row covers, as [begin, end) runs
//! from left to right (where the row's own background shows).
std::vector<std::pair<int, int>> uncovered_columns(const CellGrid& grid, size_t row);

}  // namespace dossier::doc::layout
