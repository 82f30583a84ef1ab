// Internal: the steps before drawing — clean the chart's data (parse dates, sort by date, drop
// unusable points, settle the value range) and place everything (margins, ticks, legend rows,
// labels beside the plot). Drawing (line_chart.cpp) then only maps and writes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "charts/axes.h"
#include "charts/line_chart.h"

namespace dossier::charts {

struct DayValue {
  long day = 0;  //!< days since 1970-01-01
  double value = 0;
};

struct CleanSeries {
  std::string label;
  std::string color;             //!< safe to write
  std::vector<DayValue> points;  //!< sorted by day, stable
};

struct ChartData {
  std::vector<CleanSeries> series;
  size_t point_count = 0;
  double y_min = 0, y_max = 1;  //!< y_min < y_max, covering every point and reference
  bool has_time = false;        //!< false: no points and no valid date span
  DaySpan span;                 //!< whole months; valid when has_time
};

//! REQUIRES: nothing; any LineChart yields usable data.
ChartData clean_data(const LineChart& chart);

struct Box {
  double left = 0, top = 0, right = 0, bottom = 0;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

struct LegendEntry {
  double x = 0, y = 0;  //!< swatch start, text baseline
  std::string label;    //!< fitted
  std::string color;
};

struct SideLabel {
  double y = 0;       //!< baseline
  std::string text;   //!< fitted to the right margin
  std::string color;  //!< safe to write
};

struct ChartLayout {
  double width = 0, height = 0;
  Box plot;           //!< the framed plot area
  double inset = 0;   //!< horizontal gap between the frame and the first/last date
  std::string title;  //!< fitted
  std::string note;   //!< "Lower is better" or empty
  double title_baseline = 0;
  std::string y_label;        //!< fitted to the plot height; empty when the plot is too short
  std::string empty_message;  //!< fitted to the plot width
  double empty_font = 12;
  std::vector<LegendEntry> legend;
  std::vector<ValueTick> y_ticks;
  std::vector<MonthTick> x_ticks;
  double side_labels_x = 0;
  std::vector<SideLabel> side_labels;  //!< bands' and reference lines', top to bottom

  double x_of(const ChartData& d, long day) const;
  double y_of(const ChartData& d, double value) const;
};

ChartLayout lay_out(const LineChart& chart, const ChartData& data);

// Fonts and colours shared by layout and drawing.
inline constexpr double kPad = 12;
inline constexpr double kTitlePx = 14;
inline constexpr double kLabelPx = 11;
inline constexpr double kTickPx = 10;
inline constexpr std::string_view kFontFamily = "Liberation Sans, DejaVu Sans, sans-serif";
inline constexpr std::string_view kInkStrong = "#1f2937";
inline constexpr std::string_view kInk = "#374151";
inline constexpr std::string_view kInkSoft = "#6b7280";
inline constexpr std::string_view kGrid = "#d5dae1";
inline constexpr std::string_view kFrame = "#9ca3af";

//! The default colour of the n-th series.
std::string_view palette_color(size_t n);

}  // namespace dossier::charts
