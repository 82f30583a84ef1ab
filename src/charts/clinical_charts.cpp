#include "charts/clinical_charts.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "charts/axes.h"
#include "charts/svg_writer.h"
#include "core/dates.h"
#include "core/field_checker.h"

namespace dossier::charts {
namespace {

constexpr std::string_view kScoreColor = "#1f4e79";
constexpr std::string_view kBaselineColor = "#6b7280";
constexpr std::string_view kTargetColor = "#047857";
constexpr double kMaxMagnitude = 1e9;
// A long list of bad points is reported by its first few.
constexpr size_t kMaxPointProblems = 20;

}  // namespace

std::string_view instrument_name(Instrument instrument) {
  return instrument == Instrument::kPhq9 ? "PHQ-9" : "GAD-7";
}

int max_total_score(Instrument instrument) {
  return instrument == Instrument::kPhq9 ? 27 : 21;
}

std::vector<Band> severity_bands(Instrument instrument) {
  if (instrument == Instrument::kPhq9) {
    return {{0, 4.5, "Minimal 0–4", "#e2f1e5"},
            {4.5, 9.5, "Mild 5–9", "#eef5da"},
            {9.5, 14.5, "Moderate 10–14", "#fcf2d4"},
            {14.5, 19.5, "Moderately severe 15–19", "#fce4d2"},
            {19.5, 27, "Severe 20–27", "#f8d7d7"}};
  }
  return {{0, 4.5, "Minimal 0–4", "#e2f1e5"},
          {4.5, 9.5, "Mild 5–9", "#eef5da"},
          {9.5, 14.5, "Moderate 10–14", "#fcf2d4"},
          {14.5, 21, "Severe 15–21", "#f8d7d7"}};
}

LineChart assessment_chart(Instrument instrument, std::vector<Point> points, std::string title) {
  LineChart c;
  const std::string name(instrument_name(instrument));
  c.title = title.empty() ? name + (instrument == Instrument::kPhq9 ? " depression severity"
                                                                    : " anxiety severity")
                          : std::move(title);
  c.y_label = name + " total score";
  c.y_min = 0;
  c.y_max = max_total_score(instrument);
  c.series.push_back({name + " total", std::move(points), std::string(kScoreColor)});
  c.bands = severity_bands(instrument);
  c.lower_is_better = true;
  return c;
}

LineChart goal_chart(GoalChartInput input) {
  LineChart c;
  c.title = std::move(input.title);
  c.y_label = input.measure;
  double lo = std::min({0.0, input.baseline, input.target});
  double hi = std::max(input.baseline, input.target);
  for (const auto& p : input.measurements) {
    if (std::isfinite(p.value)) lo = std::min(lo, p.value), hi = std::max(hi, p.value);
  }
  if (hi <= lo) hi = lo + 1;
  hi += (hi - lo) * 0.08;  // headroom: the top value should not sit on the frame
  round_out(lo, hi, 6);
  c.y_min = lo;
  c.y_max = hi;
  c.references.push_back(
      {input.baseline, "Baseline: " + format_number(input.baseline), std::string(kBaselineColor)});
  c.references.push_back(
      {input.target, "Target: " + format_number(input.target), std::string(kTargetColor)});
  c.lower_is_better = input.target < input.baseline;
  c.series.push_back({input.measure.empty() ? "Measurement" : std::move(input.measure),
                      std::move(input.measurements), std::string(kScoreColor)});
  return c;
}

namespace {

const Json* member(const Json& object, std::string_view key) {
  auto it = object.find(std::string(key));
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string range_text(double lo, double hi) {
  return "must be a number between " + format_number(lo) + " and " + format_number(hi);
}

std::optional<double> read_number(FieldChecker& c, const Json& object, std::string_view key,
                                  bool required, double lo, double hi) {
  const Json* v = member(object, key);
  if (v == nullptr) {
    if (required) c.problem(key, "is required");
    return std::nullopt;
  }
  if (!v->is_number() || !(v->get<double>() >= lo && v->get<double>() <= hi)) {
    c.problem(key, range_text(lo, hi));
    return std::nullopt;
  }
  return v->get<double>();
}

using Keys = std::array<std::string_view, 2>;  // a member name and an alias (or empty)

// The first of `keys` present in `object`, or the first key when none is.
std::string_view pick(const Json& object, const Keys& keys) {
  for (std::string_view k : keys) {
    if (!k.empty() && member(object, k) != nullptr) return k;
  }
  return keys[0];
}

struct PointRules {
  std::string_view list;  //!< "points" or "measurements"
  Keys date_keys;
  Keys value_keys;
  double lo = -kMaxMagnitude, hi = kMaxMagnitude;
  std::string_view instrument;  //!< when set, rows of another instrument are skipped
};

std::optional<Point> read_point(FieldChecker& c, const Json& item, const std::string& path,
                                const PointRules& rules) {
  if (!item.is_object()) {
    c.problem(path, "must be an object");
    return std::nullopt;
  }
  FieldChecker inner(item, path + ".");
  const std::string_view date_key = pick(item, rules.date_keys);
  const auto date = inner.date(date_key, true);
  const auto value =
      read_number(inner, item, pick(item, rules.value_keys), true, rules.lo, rules.hi);
  const bool ok = inner.ok();
  c.absorb(std::move(inner));
  if (!ok) return std::nullopt;
  return Point{date->str(), *value};
}

std::vector<Point> read_points(FieldChecker& c, const Json& args, const PointRules& rules) {
  std::vector<Point> points;
  const Json* list = member(args, rules.list);
  if (list == nullptr || !list->is_array()) {
    c.problem(rules.list, list == nullptr ? "is required" : "must be an array");
    return points;
  }
  if (list->size() > kMaxChartPoints) {
    c.problem(rules.list, "must have at most " + std::to_string(kMaxChartPoints) + " entries");
    return points;
  }
  points.reserve(list->size());
  size_t bad = 0;
  for (size_t i = 0; i < list->size() && bad < kMaxPointProblems; ++i) {
    const Json& item = (*list)[i];
    if (!rules.instrument.empty() && item.is_object()) {
      const Json* inst = member(item, "instrument");
      if (inst != nullptr && inst->is_string() &&
          inst->get_ref<const std::string&>() != rules.instrument) {
        continue;
      }
    }
    auto p = read_point(c, item, std::string(rules.list) + "[" + std::to_string(i) + "]", rules);
    if (p) {
      points.push_back(std::move(*p));
    } else {
      ++bad;
    }
  }
  return points;
}

// width, height, from, to: shared by every chart.
void read_frame(FieldChecker& c, const Json& args, LineChart& chart) {
  if (auto w = read_number(c, args, "width", false, 200, 2000)) chart.width_px = std::round(*w);
  if (auto h = read_number(c, args, "height", false, 120, 1200)) chart.height_px = std::round(*h);
  if (auto from = c.date("from", false)) chart.date_from = from->str();
  if (auto to = c.date("to", false)) chart.date_to = to->str();
}

Result<std::string> assessment_from_json(const Json& args) {
  FieldChecker c(args);
  const auto name = c.one_of("instrument", {"PHQ-9", "GAD-7"}, true);
  const auto title = c.string("title", false, 300);
  const Instrument instrument = name == "GAD-7" ? Instrument::kGad7 : Instrument::kPhq9;
  PointRules rules{"points",
                   {"date", "administered_on"},
                   {"value", "total_score"},
                   0,
                   static_cast<double>(max_total_score(instrument)),
                   name ? std::string_view(*name) : std::string_view()};
  std::vector<Point> points = read_points(c, args, rules);
  LineChart chart = assessment_chart(instrument, std::move(points), title.value_or(""));
  read_frame(c, args, chart);
  DOSSIER_TRY(c.finish());
  return render_svg(chart);
}

Result<std::string> goal_from_json(const Json& args) {
  FieldChecker c(args);
  GoalChartInput in;
  const auto title = c.string(member(args, "title") ? "title" : "description", false, 300);
  in.title = title.value_or("Goal progress");
  in.measure = c.string("measure", false, 200).value_or("");
  const auto baseline = read_number(c, args, "baseline", true, -kMaxMagnitude, kMaxMagnitude);
  const auto target = read_number(c, args, "target", true, -kMaxMagnitude, kMaxMagnitude);
  in.baseline = baseline.value_or(0);
  in.target = target.value_or(0);
  in.measurements = read_points(c, args, {"measurements", {"date", "measured_on"}, {"value", ""}});
  LineChart chart = goal_chart(std::move(in));
  read_frame(c, args, chart);
  DOSSIER_TRY(c.finish());
  return render_svg(chart);
}

}  // namespace

Result<std::string> chart_from_json(std::string_view kind, const Json& args) {
  if (kind != "assessment_chart" && kind != "goal_chart") {
    return Error::validation("kind", "must be assessment_chart or goal_chart");
  }
  if (!args.is_object()) return Error::validation("arguments", "must be a JSON object");
  return kind == "assessment_chart" ? assessment_from_json(args) : goal_from_json(args);
}

Result<Json> chart_function(std::string_view kind, const std::vector<Json>& args,
                            const Json& kwargs) {
  if (args.size() > 1 || (args.size() == 1 && !args[0].is_object() && !args[0].is_null())) {
    return Error::validation("arguments", "must be one object and/or keyword arguments");
  }
  Json merged = args.empty() || args[0].is_null() ? Json::object() : args[0];
  if (kwargs.is_object()) {
    for (const auto& [key, value] : kwargs.items()) merged[key] = value;
  }
  DOSSIER_ASSIGN_OR_RETURN(std::string svg, chart_from_json(kind, merged));
  return Json(std::move(svg));
}

}  // namespace dossier::charts
