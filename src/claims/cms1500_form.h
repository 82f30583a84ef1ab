// The CMS-1500 (02/12) form as geometry: where each numbered item's box sits on a US Letter
// page, in points from the top left, with the label the form prints in it. Data only — the
// painter (cms1500_pdf) draws whatever this says, and the values (cms1500_values) fill the
// boxes by item. A clean replica: the boxes, numbers and captions of the NUCC form, not its
// printed red image.
#pragma once

#include <array>
#include <string_view>
#include <vector>

namespace dossier::claims::cms1500 {

constexpr double kPageWidth = 612;  //!< US Letter, points
constexpr double kPageHeight = 792;
constexpr size_t kLinesPerPage = 6;  //!< item 24 holds six service lines a page

struct Box {
  std::string_view item;   //!< "1a", "24", "33" …: the key values are filled by
  std::string_view label;  //!< the caption printed at the box's top left
  double x, y, width, height;
};

//! Every box of the form outside the service-line grid of item 24.
const std::vector<Box>& boxes();

//! Item 24: the header row and six line rows, each split into a shaded supplemental half
//! and the unshaded half that carries the line.
struct LineGrid {
  double top;  //!< top of the header row
  double header_height;
  double row_height;  //!< one service line, both halves
};
const LineGrid& line_grid();

//! The columns of item 24, left to right; `item` is "24A" … "24J".
const std::vector<Box>& line_columns();

//! Page furniture: the title and the form's edition line.
struct Caption {
  std::string_view text;
  double x, y, size;
  bool bold;
};
const std::vector<Caption>& captions();

}  // namespace dossier::claims::cms1500
