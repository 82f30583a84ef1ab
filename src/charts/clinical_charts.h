// The charts progress reports draw: PHQ-9 / GAD-7 totals over time on their severity bands,
// and a treatment goal's measurements against its baseline and target.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "charts/line_chart.h"
#include "core/json.h"
#include "core/result.h"

namespace dossier::charts {

enum class Instrument { kPhq9, kGad7 };

//! The severity bands of DOMAIN.md, labelled with their score ranges ("Mild 5–9"). Bands meet
//! half-way between whole scores (4.5, 9.5, …) so that every possible total sits inside its
//! band rather than on an edge; the lowest starts at 0 and the highest ends at the maximum.
std::vector<Band> severity_bands(Instrument instrument);

//! "PHQ-9" or "GAD-7".
std::string_view instrument_name(Instrument instrument);
//! 27 or 21.
int max_total_score(Instrument instrument);

//! Totals over time on a 0–max axis with severity bands; lower is better.
LineChart assessment_chart(Instrument instrument, std::vector<Point> points, std::string title);

struct GoalChartInput {
  std::string title;    //!< usually the goal's description
  std::string measure;  //!< the y axis label, e.g. "panic episodes per week"
  double baseline = 0;
  double target = 0;
  std::vector<Point> measurements;
};

//! Measurements over time with dashed, labelled baseline and target lines; the value axis
//! starts at 0 (or below, for negative values) and leaves headroom above the highest value.
LineChart goal_chart(GoalChartInput input);

//! Charts the report templates call by name with JSON arguments:
//!   "assessment_chart": {"instrument": "PHQ-9"|"GAD-7",
//!       "points": [{"date", "value"} | {"administered_on", "total_score"} …],
//!       "title"?, "width"?, "height"?, "from"?, "to"?}
//!     Points may be assessment rows as gathered; rows whose "instrument" member names another
//!     instrument are skipped, so all of a patient's assessments can be passed.
//!   "goal_chart": {"title" | "description", "baseline", "target",
//!       "measurements": [{"date" | "measured_on", "value"} …], "measure"?, "width"?,
//!       "height"?, "from"?, "to"?}
//!     A gathered goal (gather::goal_progress) can be passed as it is.
//! Other members are ignored (gathered rows carry many). "from"/"to" ("YYYY-MM-DD") stretch the
//! time axis over a report period. Width 200–2000 and height 120–1200 px.
//! Returns the SVG, or kValidation whose fields name each bad member ("points[2].date"),
//! without echoing values.
Result<std::string> chart_from_json(std::string_view kind, const Json& args);

//! The chart kinds chart_from_json knows, e.g. to register them as template functions.
inline constexpr std::string_view kChartKinds[] = {"assessment_chart", "goal_chart"};

//! chart_from_json in the shape of a template host function (tmpl::FunctionRegistry::Fn):
//! at most one positional argument, a JSON object, whose members the keyword arguments extend
//! or replace — `assessment_chart(instrument="PHQ-9", points=rows)`, `goal_chart(goal,
//! width=400)`. Returns the SVG as a JSON string: register with returns_safe_html = true.
Result<Json> chart_function(std::string_view kind, const std::vector<Json>& args,
                            const Json& kwargs);

//! The most points a JSON chart accepts in one call.
inline constexpr size_t kMaxChartPoints = 5000;

}  // namespace dossier::charts
