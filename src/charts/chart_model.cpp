#include "charts/chart_model.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>

#include "charts/svg_writer.h"
#include "charts/text.h"
#include "core/dates.h"

namespace dossier::charts {
namespace {

constexpr double kLegendRow = 16;
constexpr double kSideGap = 6;
constexpr double kSideSpacing = 12;

std::optional<long> day_of(const std::string& date) {
  auto d = parse_date(date);
  if (!d) return std::nullopt;
  return days_from_civil(*d);
}

CleanSeries clean_series(const Series& s, size_t index) {
  CleanSeries out;
  out.label = s.label;
  out.color = safe_color(s.color, palette_color(index));
  out.points.reserve(s.points.size());
  for (const Point& p : s.points) {
    auto day = day_of(p.date);
    if (day && std::isfinite(p.value)) out.points.push_back({*day, p.value});
  }
  std::stable_sort(out.points.begin(), out.points.end(),
                   [](const DayValue& a, const DayValue& b) { return a.day < b.day; });
  return out;
}

// The requested range, widened to every point and reference line (rounded out to nice steps
// on the widened side only), or derived from the data when the request is not a range.
void settle_range(const LineChart& chart, ChartData& d) {
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (const auto& s : d.series) {
    for (const auto& p : s.points) lo = std::min(lo, p.value), hi = std::max(hi, p.value);
  }
  for (const auto& r : chart.references) {
    if (std::isfinite(r.value)) lo = std::min(lo, r.value), hi = std::max(hi, r.value);
  }
  const bool requested = std::isfinite(chart.y_min) && std::isfinite(chart.y_max) &&
                         chart.y_min < chart.y_max && chart.y_max - chart.y_min < 1e12;
  if (!requested) {
    if (lo > hi) lo = 0, hi = 1;
    lo = std::min(lo, 0.0);
    if (hi <= lo) hi = lo + 1;
    hi += (hi - lo) * 0.05;
    round_out(lo, hi, 6);
    d.y_min = lo, d.y_max = hi;
    return;
  }
  d.y_min = chart.y_min, d.y_max = chart.y_max;
  if (lo < d.y_min || hi > d.y_max) {
    double wide_lo = std::min(lo, d.y_min), wide_hi = std::max(hi, d.y_max);
    round_out(wide_lo, wide_hi, 6);
    if (lo < d.y_min) d.y_min = wide_lo;
    if (hi > d.y_max) d.y_max = wide_hi;
  }
}

void settle_time(const LineChart& chart, ChartData& d) {
  long lo = LONG_MAX, hi = LONG_MIN;
  for (const auto& s : d.series) {
    if (s.points.empty()) continue;
    lo = std::min(lo, s.points.front().day);
    hi = std::max(hi, s.points.back().day);
  }
  const auto from = day_of(chart.date_from);
  const auto to = day_of(chart.date_to);
  if (from) lo = std::min(lo, *from), hi = std::max(hi, *from);
  if (to) lo = std::min(lo, *to), hi = std::max(hi, *to);
  d.has_time = lo <= hi;
  if (d.has_time) d.span = month_span(lo, hi);
}

// Moves labels apart so that baselines are at least kSideSpacing apart, keeping them within
// [top, bottom] when there is room.
void spread(std::vector<SideLabel>& labels, double top, double bottom) {
  std::stable_sort(labels.begin(), labels.end(),
                   [](const SideLabel& a, const SideLabel& b) { return a.y < b.y; });
  for (size_t i = 1; i < labels.size(); ++i) {
    labels[i].y = std::max(labels[i].y, labels[i - 1].y + kSideSpacing);
  }
  if (!labels.empty() && labels.back().y > bottom) labels.back().y = bottom;
  for (size_t i = labels.size(); i-- > 1;) {
    labels[i - 1].y = std::min(labels[i - 1].y, labels[i].y - kSideSpacing);
  }
  if (!labels.empty() && labels.front().y < top) {
    const double shift = top - labels.front().y;
    for (auto& l : labels) l.y += shift;
  }
}

void place_legend(const ChartData& data, double top, ChartLayout& l) {
  if (data.series.size() < 2) return;
  double x = kPad, y = top + 11;
  for (const auto& s : data.series) {
    std::string label = fit_text(s.label, kLabelPx, l.width * 0.4);
    const double w = 18 + 5 + text_width(label, kLabelPx) + 16;
    if (x > kPad && x + w > l.width - kPad) x = kPad, y += kLegendRow;
    l.legend.push_back({x, y, std::move(label), s.color});
    x += w;
  }
}

// The right margin that band and reference labels need beside the plot.
double right_margin(const LineChart& chart, double width) {
  double widest = 0;
  for (const auto& b : chart.bands) widest = std::max(widest, text_width(b.label, kTickPx));
  for (const auto& r : chart.references) widest = std::max(widest, text_width(r.label, kTickPx));
  if (widest == 0) return 16;
  return std::clamp(widest + kSideGap + 6, 16.0, std::round(width * 0.3));
}

void place_side_labels(const LineChart& chart, const ChartData& data, ChartLayout& l) {
  const double room = l.width - l.plot.right - kSideGap - 4;
  const double lift = kTickPx * 0.35;  // baseline offset that centres the text on a y
  for (const auto& b : chart.bands) {
    const double lo = std::max(std::min(b.from, b.to), data.y_min);
    const double hi = std::min(std::max(b.from, b.to), data.y_max);
    if (b.label.empty() || !(lo < hi)) continue;
    const double mid = (l.y_of(data, lo) + l.y_of(data, hi)) / 2;
    l.side_labels.push_back({mid + lift, fit_text(b.label, kTickPx, room), std::string(kInk)});
  }
  for (const auto& r : chart.references) {
    if (r.label.empty() || !std::isfinite(r.value)) continue;
    l.side_labels.push_back({l.y_of(data, r.value) + lift, fit_text(r.label, kTickPx, room),
                             std::string(safe_color(r.color, kInkSoft))});
  }
  spread(l.side_labels, l.plot.top + lift, l.plot.bottom + lift);
}

}  // namespace

std::string_view palette_color(size_t n) {
  static constexpr std::string_view kPalette[] = {"#1f4e79", "#c2410c", "#047857",
                                                  "#7c3aed", "#be123c", "#0e7490"};
  return kPalette[n % std::size(kPalette)];
}

ChartData clean_data(const LineChart& chart) {
  ChartData d;
  d.series.reserve(chart.series.size());
  for (size_t i = 0; i < chart.series.size(); ++i) {
    d.series.push_back(clean_series(chart.series[i], i));
    d.point_count += d.series.back().points.size();
  }
  settle_range(chart, d);
  settle_time(chart, d);
  return d;
}

double ChartLayout::x_of(const ChartData& d, long day) const {
  const double span = static_cast<double>(d.span.last - d.span.first);
  const double inner = plot.width() - 2 * inset;
  return plot.left + inset + inner * static_cast<double>(day - d.span.first) / span;
}

double ChartLayout::y_of(const ChartData& d, double value) const {
  return plot.bottom - plot.height() * (value - d.y_min) / (d.y_max - d.y_min);
}

ChartLayout lay_out(const LineChart& chart, const ChartData& data) {
  ChartLayout l;
  l.width =
      std::round(std::clamp(std::isfinite(chart.width_px) ? chart.width_px : 640, 200.0, 2000.0));
  l.height =
      std::round(std::clamp(std::isfinite(chart.height_px) ? chart.height_px : 280, 120.0, 1200.0));
  if (chart.lower_is_better) l.note = "Lower is better";
  const double note_w = l.note.empty() ? 0 : text_width(l.note, kTickPx) + 12;
  l.title = fit_text(chart.title, kTitlePx, l.width - 2 * kPad - note_w);
  const bool title_row = !l.title.empty() || !l.note.empty();
  l.title_baseline = kPad + kTitlePx;
  double top = title_row ? kPad + kTitlePx + 10 : kPad;
  place_legend(data, top, l);
  if (!l.legend.empty()) top = l.legend.back().y + 8;

  l.plot.top = std::round(top + 6);
  l.plot.bottom = std::round(l.height - 36);
  const int max_ticks = std::max(2, static_cast<int>(l.plot.height() / 30));
  l.y_ticks = value_ticks(data.y_min, data.y_max, max_ticks);
  double tick_w = 0;
  for (const auto& t : l.y_ticks) tick_w = std::max(tick_w, text_width(t.label, kTickPx));
  const double label_w = chart.y_label.empty() || l.plot.height() < 70 ? 0 : kLabelPx + 6;
  l.plot.left = std::round(kPad + label_w + tick_w + 6);
  l.plot.right = std::round(l.width - right_margin(chart, l.width));
  if (l.plot.height() >= 70) l.y_label = fit_text(chart.y_label, kLabelPx, l.plot.height());
  if (text_width(kEmptyChartMessage, l.empty_font) > l.plot.width() - 8) l.empty_font = kTickPx;
  l.empty_message = fit_text(kEmptyChartMessage, l.empty_font, l.plot.width() - 8);
  l.inset = 10;
  l.side_labels_x = l.plot.right + kSideGap;
  place_side_labels(chart, data, l);

  if (data.has_time) {
    const double px_per_day =
        (l.plot.width() - 2 * l.inset) / static_cast<double>(data.span.last - data.span.first);
    const double min_gap = text_width("2026", kTickPx) + 12;
    l.x_ticks = month_ticks(data.span, px_per_day, min_gap);
  }
  return l;
}

}  // namespace dossier::charts
