#include "charts/line_chart.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "charts/chart_model.h"
#include "charts/svg_writer.h"
#include "charts/text.h"

namespace dossier::charts {
namespace {

void draw_title_row(SvgWriter& w, const ChartLayout& l) {
  if (!l.title.empty()) {
    w.open("text").attr("x", kPad).attr("y", l.title_baseline).attr("font-size", kTitlePx);
    w.attr("font-weight", "bold").attr("fill", kInkStrong).text(l.title).close();
  }
  if (!l.note.empty()) {
    w.open("text").attr("x", l.width - kPad).attr("y", l.title_baseline);
    w.attr("font-size", kTickPx).attr("fill", kInkSoft).attr("text-anchor", "end");
    w.text(l.note).close();
  }
}

void draw_legend(SvgWriter& w, const ChartLayout& l) {
  if (l.legend.empty()) return;
  w.open("g").attr("font-size", kLabelPx).attr("fill", kInk);
  for (const auto& e : l.legend) {
    const double mid = e.y - kLabelPx * 0.35;
    w.open("line").attr("x1", e.x).attr("y1", mid).attr("x2", e.x + 18).attr("y2", mid);
    w.attr("stroke", e.color).attr("stroke-width", 2.5).attr("stroke-linecap", "round").close();
    w.open("text").attr("x", e.x + 23).attr("y", e.y).text(e.label).close();
  }
  w.close();
}

void draw_bands(SvgWriter& w, const LineChart& chart, const ChartData& d, const ChartLayout& l) {
  if (chart.bands.empty()) return;
  w.open("g").attr("stroke", "none");
  for (const auto& b : chart.bands) {
    const double lo = std::max(std::min(b.from, b.to), d.y_min);
    const double hi = std::min(std::max(b.from, b.to), d.y_max);
    if (!(lo < hi)) continue;
    const double top = l.y_of(d, hi), bottom = l.y_of(d, lo);
    w.open("rect").attr("x", l.plot.left).attr("y", top).attr("width", l.plot.width());
    w.attr("height", bottom - top).attr("fill", safe_color(b.color, "#f3f4f6")).close();
  }
  w.close();
}

void draw_value_axis(SvgWriter& w, const ChartData& d, const ChartLayout& l) {
  w.open("g").attr("stroke", kGrid).attr("stroke-width", 1).attr("shape-rendering", "crispEdges");
  for (const auto& t : l.y_ticks) {
    const double y = l.y_of(d, t.value);
    w.open("line").attr("x1", l.plot.left).attr("y1", y).attr("x2", l.plot.right);
    w.attr("y2", y).close();
  }
  w.close();
  w.open("g").attr("font-size", kTickPx).attr("fill", kInkSoft).attr("text-anchor", "end");
  for (const auto& t : l.y_ticks) {
    w.open("text").attr("x", l.plot.left - 6).attr("y", l.y_of(d, t.value) + kTickPx * 0.35);
    w.text(t.label).close();
  }
  w.close();
  if (!l.y_label.empty()) {
    const double x = kPad + kLabelPx - 2, y = (l.plot.top + l.plot.bottom) / 2;
    std::string rotate = "rotate(-90 ";
    append_number(rotate, x);
    rotate += ' ';
    append_number(rotate, y);
    rotate += ')';
    w.open("text").attr("x", x).attr("y", y).attr("transform", rotate);
    w.attr("font-size", kLabelPx).attr("fill", kInk).attr("text-anchor", "middle");
    w.text(l.y_label).close();
  }
}

void draw_frame(SvgWriter& w, const ChartLayout& l) {
  w.open("rect").attr("x", l.plot.left).attr("y", l.plot.top).attr("width", l.plot.width());
  w.attr("height", l.plot.height()).attr("fill", "none").attr("stroke", kFrame);
  w.attr("stroke-width", 1).attr("shape-rendering", "crispEdges").close();
}

void draw_time_axis(SvgWriter& w, const ChartData& d, const ChartLayout& l) {
  if (l.x_ticks.empty()) return;
  w.open("g").attr("stroke", kFrame).attr("stroke-width", 1).attr("shape-rendering", "crispEdges");
  for (const auto& t : l.x_ticks) {
    const double x = l.x_of(d, t.day);
    w.open("line").attr("x1", x).attr("y1", l.plot.bottom).attr("x2", x);
    w.attr("y2", l.plot.bottom + 4).close();
  }
  w.close();
  w.open("g").attr("font-size", kTickPx).attr("fill", kInkSoft).attr("text-anchor", "middle");
  for (const auto& t : l.x_ticks) {
    const double x = l.x_of(d, t.day);
    w.open("text").attr("x", x).attr("y", l.plot.bottom + 15).text(t.month).close();
    if (!t.year.empty()) {
      w.open("text").attr("x", x).attr("y", l.plot.bottom + 27).text(t.year).close();
    }
  }
  w.close();
}

void draw_references(SvgWriter& w, const LineChart& chart, const ChartData& d,
                     const ChartLayout& l) {
  for (const auto& r : chart.references) {
    if (!std::isfinite(r.value)) continue;
    const double y = l.y_of(d, r.value);
    w.open("line").attr("x1", l.plot.left).attr("y1", y).attr("x2", l.plot.right).attr("y2", y);
    w.attr("stroke", safe_color(r.color, kInkSoft)).attr("stroke-width", 1.5);
    if (r.dashed) w.attr("stroke-dasharray", "6 4");
    w.close();
  }
}

void draw_series(SvgWriter& w, const ChartData& d, const ChartLayout& l) {
  std::string coords;
  for (const auto& s : d.series) {
    if (s.points.size() < 2) continue;
    coords.clear();
    coords.reserve(s.points.size() * 14);
    for (const auto& p : s.points) {
      if (!coords.empty()) coords += ' ';
      append_number(coords, l.x_of(d, p.day));
      coords += ',';
      append_number(coords, l.y_of(d, p.value));
    }
    w.open("polyline").attr("points", coords).attr("fill", "none").attr("stroke", s.color);
    w.attr("stroke-width", 2).attr("stroke-linejoin", "round").attr("stroke-linecap", "round");
    w.close();
  }
  for (const auto& s : d.series) {
    if (s.points.empty()) continue;
    const double r = s.points.size() > 60 ? 2.5 : 3.5;
    w.open("g").attr("fill", s.color).attr("stroke", "#ffffff").attr("stroke-width", 1.5);
    for (const auto& p : s.points) {
      w.open("circle").attr("cx", l.x_of(d, p.day)).attr("cy", l.y_of(d, p.value));
      w.attr("r", r).close();
    }
    w.close();
  }
}

void draw_side_labels(SvgWriter& w, const ChartLayout& l) {
  if (l.side_labels.empty()) return;
  w.open("g").attr("font-size", kTickPx);
  for (const auto& s : l.side_labels) {
    w.open("text").attr("x", l.side_labels_x).attr("y", s.y).attr("fill", s.color);
    w.text(s.text).close();
  }
  w.close();
}

void draw_empty_state(SvgWriter& w, const ChartLayout& l) {
  w.open("text").attr("x", (l.plot.left + l.plot.right) / 2);
  w.attr("y", (l.plot.top + l.plot.bottom) / 2 + l.empty_font * 0.35);
  w.attr("font-size", l.empty_font).attr("fill", kInkSoft).attr("text-anchor", "middle");
  w.text(l.empty_message).close();
}

}  // namespace

std::string render_svg(const LineChart& chart) {
  const ChartData data = clean_data(chart);
  const ChartLayout l = lay_out(chart, data);

  SvgWriter w(4096 + data.point_count * 96);
  w.open("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("version", "1.1");
  w.attr("width", l.width).attr("height", l.height);
  std::string view_box = "0 0 ";
  append_number(view_box, l.width);
  view_box += ' ';
  append_number(view_box, l.height);
  w.attr("viewBox", view_box).attr("font-family", kFontFamily);
  w.open("rect").attr("width", l.width).attr("height", l.height).attr("fill", "#ffffff").close();

  draw_title_row(w, l);
  draw_legend(w, l);
  draw_bands(w, chart, data, l);
  draw_value_axis(w, data, l);
  draw_frame(w, l);
  draw_time_axis(w, data, l);
  draw_references(w, chart, data, l);
  draw_side_labels(w, l);
  if (data.point_count == 0) {
    draw_empty_state(w, l);
  } else {
    draw_series(w, data, l);
  }
  w.close();
  return w.take();
}

}  // namespace dossier::charts
