#include "docx/table_writer.h"

#include <numeric>

#include "docx/paragraph_properties.h"
#include "docx/table_grid.h"
#include "docx/units.h"
#include "docx/xml_text.h"

namespace dossier::docx {
namespace {

using doc::Node;

std::string width_xml(std::string_view name, double points) {
  return element(name, {{"w:w", twips(points)}, {"w:type", "dxa"}});
}

std::string sides_xml(std::string_view name, const doc::Sides<doc::BorderSide>& b) {
  std::string inner = border_xml("w:top", b.top) + border_xml("w:left", b.left) +
                      border_xml("w:bottom", b.bottom) + border_xml("w:right", b.right);
  if (inner.empty()) return inner;
  return "<" + std::string(name) + ">" + inner + "</" + std::string(name) + ">";
}

std::string table_properties(const Node& table, const TableGrid& grid, const BlockEnv& env) {
  const doc::ComputedStyle& s = table.style;
  std::string out = "<w:tblPr>";
  // A percentage is of the whole text column in Word: only right without indentation.
  if (grid.percent_width && env.indent_left == 0 && env.indent_right == 0 && s.margin.left == 0 &&
      s.margin.right == 0) {
    out += element("w:tblW", {{"w:w", fiftieths_percent(grid.percent)}, {"w:type", "pct"}});
  } else {
    out += width_xml("w:tblW", grid.width());
  }
  if (s.margin_left_auto && s.margin_right_auto) {
    out += "<w:jc w:val=\"center\"/>";
  } else if (s.margin_left_auto) {
    out += "<w:jc w:val=\"right\"/>";
  } else {
    out += width_xml("w:tblInd", env.indent_left + s.margin.left);
  }
  out += sides_xml("w:tblBorders", s.border);
  out += "<w:tblLayout w:type=\"fixed\"/>";
  out += "<w:tblCellMar>" + width_xml("w:top", 0) + width_xml("w:left", 0) +
         width_xml("w:bottom", 0) + width_xml("w:right", 0) + "</w:tblCellMar>";
  return out + "</w:tblPr>";
}

const char* vertical_alignment(doc::VerticalAlign v) {
  if (v == doc::VerticalAlign::kMiddle) return "center";
  if (v == doc::VerticalAlign::kBottom) return "bottom";
  return nullptr;
}

std::string cell_properties(const GridCell& g, double width, doc::Color fallback_shading) {
  const doc::ComputedStyle& s = g.cell->style;
  std::string out = "<w:tcPr>" + width_xml("w:tcW", width);
  if (g.colspan > 1) out += element("w:gridSpan", {{"w:val", g.colspan}});
  if (g.continuation) {
    out += "<w:vMerge/>";
  } else if (g.rowspan > 1) {
    out += "<w:vMerge w:val=\"restart\"/>";
  }
  out += sides_xml("w:tcBorders", s.border);
  out += shading_xml(s.background.transparent() ? fallback_shading : s.background);
  out += "<w:tcMar>" + width_xml("w:top", s.padding.top) + width_xml("w:left", s.padding.left) +
         width_xml("w:bottom", s.padding.bottom) + width_xml("w:right", s.padding.right) +
         "</w:tcMar>";
  if (const char* v = vertical_alignment(s.vertical_align)) {
    out += element("w:vAlign", {{"w:val", v}});
  }
  return out + "</w:tcPr>";
}

double horizontal_frame(const doc::ComputedStyle& s) {
  const auto border = [](const doc::BorderSide& b) { return b.visible() ? b.width : 0.0; };
  return s.padding.left + s.padding.right + border(s.border.left) + border(s.border.right);
}

// `row_anchor`: the id of the row, bookmarked in its first cell.
void write_cell(WriterState& state, const GridCell& g, const TableGrid& grid,
                doc::Color fallback_shading, const std::string& row_anchor, std::string& out) {
  const auto first = grid.columns.begin() + g.column;
  const double width = std::accumulate(first, first + g.colspan, 0.0);
  out += "<w:tc>" + cell_properties(g, width, fallback_shading);
  FlowWriter flow(state, out);
  flow.add_anchor(row_anchor);
  if (!g.continuation) {
    BlockEnv env;
    env.width = std::max(1.0, width - horizontal_frame(g.cell->style));
    for (const Node& child : g.cell->children) flow.block(child, env);
  }
  flow.finish();
  out += "</w:tc>";
}

void write_row(WriterState& state, const Node& row, const std::vector<GridCell>& cells,
               const TableGrid& grid, doc::Color table_shading, std::string& out) {
  out += "<w:tr><w:trPr>";
  const int used = cells.empty() ? 0 : cells.back().column + cells.back().colspan;
  const int missing = static_cast<int>(grid.columns.size()) - used;
  if (missing > 0 && !cells.empty()) out += element("w:gridAfter", {{"w:val", missing}});
  // Rows move whole to the next page, as in the PDF layout (Word still splits a row taller
  // than a page).
  out += "<w:cantSplit/>";
  if (row.row_group == doc::RowGroup::kHead) out += "<w:tblHeader/>";
  out += "</w:trPr>";
  const doc::Color shading =
      row.style.background.transparent() ? table_shading : row.style.background;
  for (size_t i = 0; i < cells.size(); ++i) {
    write_cell(state, cells[i], grid, shading, i == 0 ? row.anchor : std::string(), out);
  }
  if (cells.empty()) {
    // Word needs a cell in every row.
    const GridCell blank{&row, 0, static_cast<int>(grid.columns.size()), 1, false};
    write_cell(state, blank, grid, doc::Color::none(), row.anchor, out);
  }
  out += "</w:tr>";
}

}  // namespace

void write_table(WriterState& state, const Node& table, const BlockEnv& env, std::string& out) {
  const double available =
      std::max(1.0, env.width - table.style.margin.left - table.style.margin.right);
  const TableGrid grid = make_table_grid(table, available);
  if (grid.columns.empty()) return;
  out += "<w:tbl>" + table_properties(table, grid, env) + "<w:tblGrid>";
  for (double w : grid.columns) out += element("w:gridCol", {{"w:w", twips(w)}});
  out += "</w:tblGrid>";
  for (size_t r = 0; r < table.children.size(); ++r) {
    write_row(state, table.children[r], grid.rows[r], grid, table.style.background, out);
  }
  out += "</w:tbl>";
}

}  // namespace dossier::docx
