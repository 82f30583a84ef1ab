// Line charts as self-contained SVG 1.1, for reports: scores and goal measurements over time.
//
// The SVG is embedded inline in report HTML and must survive three renderers — librsvg (PDF,
// DOCX raster) and browsers (HTML preview) — so it uses presentation attributes only (no CSS,
// no classes, no ids, no scripts, no external references) and no XML declaration.
#pragma once

#include <string>
#include <vector>

namespace dossier::charts {

struct Point {
  std::string date;  //!< "YYYY-MM-DD"; points with any other date are left out
  double value = 0;  //!< non-finite values are left out
};

struct Series {
  std::string label;  //!< shown in the legend when the chart has more than one series
  std::vector<Point> points;
  std::string color;  //!< "#rrggbb", "#rgb", a keyword or rgb(…); empty or anything else: palette
};

//! A shaded horizontal range [from, to] (either order), e.g. a severity band.
struct Band {
  double from = 0;
  double to = 0;
  std::string label;  //!< drawn beside the plot, centred on the band
  std::string color;  //!< a soft fill; invalid colours fall back to light grey
};

//! A horizontal line across the plot (a baseline, a target), labelled beside the plot.
struct ReferenceLine {
  double value = 0;
  std::string label;
  std::string color;
  bool dashed = true;
};

struct LineChart {
  std::string title;    //!< empty: no title row
  std::string y_label;  //!< drawn vertically left of the value axis; empty: none
  //! The value axis. Widened to include every point and reference line; when not a finite
  //! range with y_min < y_max, derived from the data.
  double y_min = 0;
  double y_max = 0;
  std::vector<Series> series;
  std::vector<Band> bands;
  std::vector<ReferenceLine> references;
  double width_px = 640;   //!< clamped to 200–2000
  double height_px = 280;  //!< clamped to 120–1200
  //! Adds a "Lower is better" note to the title row (PHQ-9, GAD-7, symptom counts).
  bool lower_is_better = false;
  //! Optional time axis span ("YYYY-MM-DD"), e.g. the report period; widened to whole months
  //! and to include every point. Without points and without a span there is no time axis.
  std::string date_from;
  std::string date_to;
};

//! The chart as a standalone SVG document string ("<svg xmlns=… width=… height=… viewBox=…>").
//! Time runs by calendar date with month ticks; points carry circle markers joined by a
//! polyline in date order; without any point the plot says "No measurements in this period".
//! Deterministic: equal charts give equal bytes. Thread-safe (no shared state).
std::string render_svg(const LineChart& chart);

//! The message drawn when a chart has no points.
inline constexpr const char* kEmptyChartMessage = "No measurements in this period";

}  // namespace dossier::charts
