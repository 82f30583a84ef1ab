// A table's cell placement (colspan/rowspan, as the HTML table model) and column widths.
#pragma once

#include <vector>

#include "doc/tree.h"

namespace dossier::docx {

struct GridCell {
  const doc::Node* cell = nullptr;  //!< the td/th (for a continuation: the spanning cell)
  int column = 0;                   //!< first grid column
  int colspan = 1;
  int rowspan = 1;            //!< rows covered, clamped to the rows that exist
  bool continuation = false;  //!< covered by a rowspan from above (w:vMerge continue)
};

struct TableGrid {
  std::vector<std::vector<GridCell>> rows;  //!< one per kTableRow child, by column
  std::vector<double> columns;              //!< grid column widths, points
  bool percent_width = false;               //!< the table's width is a percentage
  double percent = 0;                       //!< that percentage
  double width() const;                     //!< sum of the columns
};

//! Places the cells of `table` (a kTable) and sizes its columns. The table is as wide as
//! its CSS width (points, or a percentage of `available`); an auto-width table takes its
//! content's preferred width up to `available`. Columns honour cell widths (points or
//! percentages); the rest share the remaining width by estimated content width (the CSS
//! automatic table layout, with text widths estimated from character counts).
TableGrid make_table_grid(const doc::Node& table, double available);

//! Estimated minimum (longest word) and preferred (no wrapping) widths of a cell's content,
//! in points, including the cell's padding and borders.
struct ContentWidth {
  double min = 0;
  double max = 0;
};
ContentWidth estimate_content_width(const doc::Node& node);

}  // namespace dossier::docx
