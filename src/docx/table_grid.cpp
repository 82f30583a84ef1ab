#include "docx/table_grid.h"

#include <algorithm>
#include <numeric>

namespace dossier::docx {
namespace {

using doc::Node;
using doc::NodeKind;

// Advance widths in em, roughly those of Arial/Liberation Sans (Times is a little narrower):
// enough to size columns like the PDF layout without measuring text.
double char_em(char32_t c) {
  if (c == ' ') return 0.28;
  if (c >= '0' && c <= '9') return 0.56;
  if (c == 'M' || c == 'W' || c == 'm' || c == 'w') return 0.85;
  if (c >= 'A' && c <= 'Z') return 0.68;
  if (std::string_view("iljtfrI.,:;|!'()[]/-").find(static_cast<char>(c)) !=
      std::string_view::npos) {
    return 0.32;
  }
  if (c < 0x80) return 0.54;
  return 0.6;
}

// Width of `text` in points for style `s`, ignoring kerning.
double text_points(std::string_view text, const doc::ComputedStyle& s) {
  const bool mono = s.font_family.find("Mono") != std::string::npos ||
                    s.font_family.find("monospace") != std::string::npos;
  double em = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    em += mono ? 0.6 : char_em(b < 0x80 ? b : 0x80);
  }
  return em * s.font_size * (s.font_weight >= 600 ? 1.07 : 1.0);
}

ContentWidth text_width(const Node& n) {
  const bool nowrap = n.style.white_space == doc::WhiteSpace::kNowrap ||
                      n.style.white_space == doc::WhiteSpace::kPre;
  ContentWidth w;
  size_t start = 0;
  for (size_t i = 0; i <= n.text.size(); ++i) {
    const bool end = i == n.text.size() || n.text[i] == '\n';
    if (!end && (nowrap || n.text[i] != ' ')) continue;
    w.min =
        std::max(w.min, text_points(std::string_view(n.text).substr(start, i - start), n.style));
    start = i + 1;
  }
  // Unwrappable text is as wide as its longest line (min above); else one long line.
  w.max = nowrap ? w.min : text_points(n.text, n.style);
  return w;
}

double horizontal_extras(const doc::ComputedStyle& s) {
  const auto border = [](const doc::BorderSide& b) { return b.visible() ? b.width : 0.0; };
  return s.margin.left + s.margin.right + s.padding.left + s.padding.right + border(s.border.left) +
         border(s.border.right);
}

// Inline content: widths add up along a line (up to a <br> or a preserved newline), the
// widest word or unbreakable piece is the minimum.
struct LineWidths {
  double min = 0;      // widest unbreakable piece
  double longest = 0;  // widest finished line
  double current = 0;  // the line being filled
  void piece(double w) { min = std::max(min, w); }
  void advance(double w) { current += w; }
  void line_break() {
    longest = std::max(longest, current);
    current = 0;
  }
};

void add_inline(const Node& n, LineWidths& lines) {
  switch (n.kind) {
    case NodeKind::kText: {
      const ContentWidth w = text_width(n);
      lines.piece(w.min);
      const size_t newline = n.text.rfind('\n');
      if (newline == std::string::npos) return lines.advance(w.max);
      // Preformatted text: every line but the last ends here.
      lines.advance(w.max);
      lines.line_break();
      lines.advance(text_points(std::string_view(n.text).substr(newline + 1), n.style));
      return;
    }
    case NodeKind::kLineBreak:
      return lines.line_break();
    case NodeKind::kPageReference: {
      const double w = text_points("000", n.style);  // room for the number Word computes
      lines.piece(w);
      return lines.advance(w);
    }
    case NodeKind::kImage: {
      const double w = n.image ? n.image->width_px * doc::kPxToPt : 0;
      lines.piece(w);
      return lines.advance(w);
    }
    default:
      for (const Node& c : n.children) add_inline(c, lines);
  }
}

ContentWidth inline_width(const Node& paragraph) {
  LineWidths lines;
  for (const Node& c : paragraph.children) add_inline(c, lines);
  lines.line_break();
  return {lines.min, std::max(lines.longest, lines.min)};
}

// Word's limit; a larger colspan is cut to it.
constexpr int kMaxColumns = 63;

// Columns covered by a rowspan from a row above.
struct Occupant {
  const Node* cell = nullptr;
  int first_column = 0;
  int colspan = 1;
  int rows_left = 0;
};

// Places one row's cells after the columns rowspans from above still cover.
std::vector<GridCell> place_row(const Node& row, int rows_after, std::vector<Occupant>& occupied) {
  std::vector<GridCell> out;
  int col = 0;
  auto skip_covered = [&] {
    while (col < static_cast<int>(occupied.size()) && occupied[col].rows_left > 0) {
      const Occupant& o = occupied[static_cast<size_t>(col)];
      if (o.first_column == col) out.push_back({o.cell, col, o.colspan, 1, true});
      col = std::max(col + 1, o.first_column + o.colspan);
    }
  };
  for (const Node& cell : row.children) {
    skip_covered();
    // A colspan may not run into a column covered from above (an HTML table model error).
    int span = std::clamp(cell.colspan, 1, std::max(1, kMaxColumns - col));
    for (int k = col; k < col + span && k < static_cast<int>(occupied.size()); ++k) {
      if (occupied[static_cast<size_t>(k)].rows_left > 0) span = k - col;
    }
    const int rowspan = std::clamp(cell.rowspan, 1, rows_after + 1);
    if (occupied.size() < static_cast<size_t>(col + span)) occupied.resize(col + span);
    if (rowspan > 1) {
      for (int k = col; k < col + span; ++k) occupied[k] = {&cell, col, span, rowspan};
    }
    out.push_back({&cell, col, span, rowspan, false});
    col += span;
  }
  skip_covered();
  for (Occupant& o : occupied) o.rows_left = std::max(0, o.rows_left - 1);
  return out;
}

struct ColumnNeeds {
  std::vector<double> min, max;
  std::vector<double> fixed;    // points, < 0 = none
  std::vector<double> percent;  // of the table width, < 0 = none
};

ColumnNeeds column_needs(const TableGrid& grid, size_t n) {
  ColumnNeeds c{std::vector<double>(n, 0), std::vector<double>(n, 0), std::vector<double>(n, -1),
                std::vector<double>(n, -1)};
  std::vector<std::pair<const GridCell*, ContentWidth>> spanning;
  for (const auto& row : grid.rows) {
    for (const GridCell& g : row) {
      if (g.continuation) continue;
      const ContentWidth w = estimate_content_width(*g.cell);
      if (g.colspan > 1) {
        spanning.emplace_back(&g, w);
        continue;
      }
      const auto k = static_cast<size_t>(g.column);
      c.min[k] = std::max(c.min[k], w.min);
      c.max[k] = std::max(c.max[k], w.max);
      const doc::Length& cw = g.cell->style.width;
      if (cw.unit == doc::Length::Unit::kPt) {
        c.fixed[k] = std::max(c.fixed[k], cw.value + horizontal_extras(g.cell->style));
      } else if (cw.unit == doc::Length::Unit::kPercent) {
        c.percent[k] = std::max(c.percent[k], cw.value);
      }
    }
  }
  // What spanning cells need beyond their columns is shared out evenly.
  for (const auto& [g, w] : spanning) {
    const auto first = static_cast<size_t>(g->column), last = first + g->colspan;
    double have_min = 0, have_max = 0;
    for (size_t k = first; k < last; ++k) have_min += c.min[k], have_max += c.max[k];
    for (size_t k = first; k < last; ++k) {
      c.min[k] += std::max(0.0, w.min - have_min) / g->colspan;
      c.max[k] += std::max(0.0, w.max - have_max) / g->colspan;
    }
  }
  for (size_t k = 0; k < n; ++k) c.max[k] = std::max(c.max[k], c.min[k]);
  return c;
}

// Column widths summing to `width`.
std::vector<double> distribute(const ColumnNeeds& c, double width) {
  const size_t n = c.min.size();
  std::vector<double> target(n);
  double sum = 0, auto_min = 0, auto_max = 0, set = 0;
  for (size_t k = 0; k < n; ++k) {
    const bool is_auto = c.fixed[k] < 0 && c.percent[k] < 0;
    // A set width is a minimum: content that cannot wrap still widens the column (CSS).
    if (c.fixed[k] >= 0) {
      target[k] = std::max(c.fixed[k], c.min[k]);
    } else if (c.percent[k] >= 0) {
      target[k] = std::max(c.percent[k] * width / 100, c.min[k]);
    } else {
      target[k] = c.max[k];
    }
    sum += target[k];
    if (is_auto) auto_min += c.min[k], auto_max += c.max[k];
    if (!is_auto) set += target[k];
  }
  if (sum <= width) {
    // Spread what is left over the auto columns (by preferred width), else over all.
    const double weight_total = auto_max > 0 ? auto_max : (sum > 0 ? sum : static_cast<double>(n));
    for (size_t k = 0; k < n; ++k) {
      const bool is_auto = c.fixed[k] < 0 && c.percent[k] < 0;
      const double weight = auto_max > 0 ? (is_auto ? c.max[k] : 0) : (sum > 0 ? target[k] : 1);
      target[k] += (width - sum) * weight / weight_total;
    }
    return target;
  }
  const double room = width - set;
  if (room >= auto_min && auto_max > auto_min) {
    const double f = (room - auto_min) / (auto_max - auto_min);
    for (size_t k = 0; k < n; ++k) {
      if (c.fixed[k] < 0 && c.percent[k] < 0) target[k] = c.min[k] + (c.max[k] - c.min[k]) * f;
    }
    return target;
  }
  // Not even the minimum fits: scale everything (content will wrap or overflow in Word).
  double total = 0;
  for (size_t k = 0; k < n; ++k) {
    if (c.fixed[k] < 0 && c.percent[k] < 0) target[k] = c.min[k];
    total += target[k];
  }
  for (double& t : target) t = total > 0 ? t * width / total : width / static_cast<double>(n);
  return target;
}

double table_width(const Node& table, const ColumnNeeds& c, double available) {
  const doc::Length& w = table.style.width;
  if (!w.is_auto()) return std::max(1.0, w.resolve(available, available));
  double preferred = 0;
  for (size_t k = 0; k < c.min.size(); ++k) {
    preferred += c.fixed[k] >= 0 ? c.fixed[k] : c.max[k];
  }
  return std::clamp(preferred, 1.0, std::max(1.0, available));
}

}  // namespace

ContentWidth estimate_content_width(const Node& node) {
  ContentWidth w;
  if (node.kind == NodeKind::kParagraph) {
    w = inline_width(node);
  } else if (node.kind == NodeKind::kTable) {
    for (const Node& row : node.children) {
      ContentWidth r;
      for (const Node& cell : row.children) {
        const ContentWidth c = estimate_content_width(cell);
        r.min += c.min, r.max += c.max;
      }
      w.min = std::max(w.min, r.min), w.max = std::max(w.max, r.max);
    }
  } else {
    for (const Node& child : node.children) {
      const ContentWidth c = estimate_content_width(child);
      w.min = std::max(w.min, c.min), w.max = std::max(w.max, c.max);
    }
  }
  const double extras = horizontal_extras(node.style) + node.style.text_indent;
  return {w.min + extras, std::max(w.max, w.min) + extras};
}

double TableGrid::width() const {
  return std::accumulate(columns.begin(), columns.end(), 0.0);
}

TableGrid make_table_grid(const Node& table, double available) {
  TableGrid grid;
  std::vector<Occupant> occupied;
  const int row_count = static_cast<int>(table.children.size());
  size_t n = 0;
  for (int r = 0; r < row_count; ++r) {
    grid.rows.push_back(
        place_row(table.children[static_cast<size_t>(r)], row_count - r - 1, occupied));
    for (const GridCell& g : grid.rows.back())
      n = std::max(n, static_cast<size_t>(g.column + g.colspan));
  }
  if (n == 0) return grid;
  const ColumnNeeds needs = column_needs(grid, n);
  grid.percent_width = table.style.width.unit == doc::Length::Unit::kPercent;
  grid.percent = table.style.width.value;
  grid.columns = distribute(needs, table_width(table, needs, available));
  for (double& w : grid.columns) w = std::max(w, 1.0);
  return grid;
}

}  // namespace dossier::docx
