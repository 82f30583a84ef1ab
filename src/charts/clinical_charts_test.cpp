#include "charts/clinical_charts.h"

#include <gtest/gtest.h>

#include "charts/chart_test_support.h"

namespace dossier::charts {
namespace {

using testing::attr;
using testing::num;
using testing::Svg;

Json phq9_args() {
  return Json{{"instrument", "PHQ-9"},
              {"points", Json::array({{{"date", "2025-10-06"}, {"value", 19}},
                                      {{"date", "2025-11-03"}, {"value", 16}},
                                      {{"date", "2025-12-01"}, {"value", 12}},
                                      {{"date", "2026-01-05"}, {"value", 9}},
                                      {{"date", "2026-02-02"}, {"value", 6}}})}};
}

Json goal_args() {
  return Json{{"description", "Reduce panic episodes"},
              {"measure", "panic episodes per week"},
              {"baseline", 6},
              {"target", 1},
              {"measurements", Json::array({{{"date", "2025-10-10"}, {"value", 6}},
                                            {{"date", "2025-11-07"}, {"value", 4}},
                                            {{"date", "2025-12-05"}, {"value", 3}},
                                            {{"date", "2026-01-09"}, {"value", 2}}})}};
}

Svg chart(std::string_view kind, const Json& args) {
  auto svg = chart_from_json(kind, args);
  EXPECT_TRUE(svg.ok()) << (svg.ok()                     ? ""
                            : svg.error().fields.empty() ? svg.error().detail
                                                         : svg.error().fields[0].path);
  return Svg(svg.ok() ? *svg : std::string());
}

struct Plot {
  double top, height;
};
Plot plot_of(const Svg& svg) {
  xmlNode* frame = svg.all("//s:rect[@fill='none']").at(0);
  return {num(frame, "y"), num(frame, "height")};
}

// Path of the first problem of a failed call.
std::string first_problem(std::string_view kind, const Json& args) {
  auto r = chart_from_json(kind, args);
  if (r.ok()) return "(ok)";
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  return r.error().fields.empty() ? "(no fields)" : r.error().fields[0].path;
}

TEST(AssessmentChartTest, Phq9HasFiveSeverityBandsInPlace) {
  Svg svg = chart("assessment_chart", phq9_args());
  ASSERT_TRUE(svg.ok()) << svg.error();
  const Plot plot = plot_of(svg);
  auto bands = svg.all("//s:g[@stroke='none']/s:rect");
  ASSERT_EQ(bands.size(), 5u);
  // Bands meet half-way between whole scores; the axis runs 0–27.
  const double edges[] = {0, 4.5, 9.5, 14.5, 19.5, 27};
  for (size_t i = 0; i < 5; ++i) {
    const double top = plot.top + plot.height * (27 - edges[i + 1]) / 27;
    const double bottom = plot.top + plot.height * (27 - edges[i]) / 27;
    EXPECT_NEAR(num(bands[i], "y"), top, 0.01) << i;
    EXPECT_NEAR(num(bands[i], "y") + num(bands[i], "height"), bottom, 0.02) << i;
  }
  for (const char* label :
       {"Minimal 0–4", "Mild 5–9", "Moderate 10–14", "Moderately severe 15–19", "Severe 20–27"}) {
    EXPECT_EQ(svg.count(std::string("//s:text[.='") + label + "']"), 1u) << label;
  }
  EXPECT_EQ(svg.count("//s:circle"), 5u);
  EXPECT_EQ(svg.count("//s:text[.='PHQ-9 depression severity']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Lower is better']"), 1u);
}

TEST(AssessmentChartTest, ScoresSitInsideTheirBands) {
  Svg svg = chart("assessment_chart", phq9_args());
  auto bands = svg.all("//s:g[@stroke='none']/s:rect");
  auto dots = svg.all("//s:circle");
  // 19 → moderately severe (index 3), 9 → mild (index 1), 6 → mild.
  auto inside = [&](xmlNode* dot, size_t band) {
    const double cy = num(dot, "cy");
    return cy > num(bands[band], "y") && cy < num(bands[band], "y") + num(bands[band], "height");
  };
  EXPECT_TRUE(inside(dots[0], 3));
  EXPECT_TRUE(inside(dots[3], 1));
  EXPECT_TRUE(inside(dots[4], 1));
}

TEST(AssessmentChartTest, Gad7HasFourBands) {
  Json args = phq9_args();
  args["instrument"] = "GAD-7";
  args["title"] = "Anxiety";
  Svg svg = chart("assessment_chart", args);
  EXPECT_EQ(svg.count("//s:g[@stroke='none']/s:rect"), 4u);
  EXPECT_EQ(svg.count("//s:text[.='Severe 15–21']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Anxiety']"), 1u);
}

TEST(AssessmentChartTest, AcceptsGatheredAssessmentRows) {
  Json args = {
      {"instrument", "GAD-7"},
      {"points",
       Json::array(
           {{{"instrument", "GAD-7"},
             {"administered_on", "2026-01-05"},
             {"total_score", 12},
             {"severity", "moderate"}},
            {{"instrument", "PHQ-9"}, {"administered_on", "2026-01-05"}, {"total_score", 25}},
            {{"instrument", "GAD-7"}, {"administered_on", "2026-02-02"}, {"total_score", 8}}})}};
  Svg svg = chart("assessment_chart", args);
  EXPECT_EQ(svg.count("//s:circle"), 2u);  // the PHQ-9 row is skipped
}

TEST(AssessmentChartTest, EmptyPoints) {
  Json args = phq9_args();
  args["points"] = Json::array();
  Svg svg = chart("assessment_chart", args);
  EXPECT_EQ(svg.count("//s:text[.='No measurements in this period']"), 1u);
  EXPECT_EQ(svg.count("//s:g[@stroke='none']/s:rect"), 5u);
}

TEST(AssessmentChartTest, SizeAndPeriod) {
  Json args = phq9_args();
  args["width"] = 800;
  args["height"] = 300.4;
  args["from"] = "2025-07-01";
  args["to"] = "2026-06-30";
  Svg svg = chart("assessment_chart", args);
  EXPECT_EQ(attr(svg.root(), "width"), "800");
  EXPECT_EQ(attr(svg.root(), "height"), "300");
  EXPECT_GE(svg.count("//s:text[.='Jul']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='2025']"), 1u);
}

TEST(AssessmentChartTest, ValidationNamesTheMember) {
  Json args = phq9_args();
  args["points"][2]["date"] = "2025-13-01";
  EXPECT_EQ(first_problem("assessment_chart", args), "points[2].date");

  args = phq9_args();
  args["points"][1].erase("date");
  EXPECT_EQ(first_problem("assessment_chart", args), "points[1].date");

  args = phq9_args();
  args["points"][0]["value"] = 28;
  EXPECT_EQ(first_problem("assessment_chart", args), "points[0].value");

  args = phq9_args();
  args["points"][4] = Json{{"administered_on", "2026-01-01"}, {"total_score", "12"}};
  EXPECT_EQ(first_problem("assessment_chart", args), "points[4].total_score");

  args = phq9_args();
  args["points"][3] = 7;
  EXPECT_EQ(first_problem("assessment_chart", args), "points[3]");

  args = phq9_args();
  args["instrument"] = "BDI-II";
  EXPECT_EQ(first_problem("assessment_chart", args), "instrument");

  args = phq9_args();
  args.erase("points");
  EXPECT_EQ(first_problem("assessment_chart", args), "points");

  args = phq9_args();
  args["width"] = 5000;
  EXPECT_EQ(first_problem("assessment_chart", args), "width");

  args = phq9_args();
  args["from"] = "yesterday";
  EXPECT_EQ(first_problem("assessment_chart", args), "from");

  EXPECT_EQ(first_problem("assessment_chart", Json::array()), "arguments");
  EXPECT_EQ(first_problem("pie_chart", phq9_args()), "kind");
}

TEST(AssessmentChartTest, ReportsEveryProblemWithoutValues) {
  Json args = phq9_args();
  args["points"][0]["date"] = "<secret>";
  args["points"][3]["value"] = -1;
  args["title"] = 12;
  auto r = chart_from_json("assessment_chart", args);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> paths;
  for (const auto& f : r.error().fields) {
    paths.push_back(f.path);
    EXPECT_EQ(f.problem.find("secret"), std::string::npos);
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"title", "points[0].date", "points[3].value"}));
}

TEST(AssessmentChartTest, CapsTheProblemList) {
  Json args = phq9_args();
  args["points"] = Json::array();
  for (int i = 0; i < 100; ++i) args["points"].push_back({{"date", "bad"}, {"value", 1}});
  auto r = chart_from_json("assessment_chart", args);
  ASSERT_FALSE(r.ok());
  EXPECT_LE(r.error().fields.size(), 20u);
}

TEST(GoalChartTest, BaselineAndTargetAsDashedLabelledLines) {
  Svg svg = chart("goal_chart", goal_args());
  ASSERT_TRUE(svg.ok()) << svg.error();
  const Plot plot = plot_of(svg);
  auto dashed = svg.all("//s:line[@stroke-dasharray]");
  ASSERT_EQ(dashed.size(), 2u);
  EXPECT_LT(num(dashed[0], "y1"), num(dashed[1], "y1"));  // baseline 6 above target 1
  EXPECT_GT(num(dashed[1], "y1"), plot.top);
  EXPECT_LT(num(dashed[1], "y1"), plot.top + plot.height);
  EXPECT_EQ(svg.count("//s:text[.='Baseline: 6']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Target: 1']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Reduce panic episodes']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='panic episodes per week']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Lower is better']"), 1u);
  EXPECT_EQ(svg.count("//s:circle"), 4u);
  EXPECT_EQ(svg.count("//s:g[@stroke='none']/s:rect"), 0u);
}

TEST(GoalChartTest, AxisHasHeadroomAndStartsAtZero) {
  Json args = goal_args();
  args["baseline"] = 0;
  args["target"] = 5;
  args["measurements"] = Json::array({{{"date", "2026-01-01"}, {"value", 5}}});
  Svg svg = chart("goal_chart", args);
  EXPECT_EQ(svg.count("//s:text[.='0']"), 1u);
  EXPECT_EQ(svg.count("//s:text[.='Lower is better']"), 0u);
  const Plot plot = plot_of(svg);
  EXPECT_GT(num(svg.all("//s:circle")[0], "cy"), plot.top + 5);
}

TEST(GoalChartTest, AcceptsAGatheredGoal) {
  Json goal = {{"id", "0190a3b4-0000-7000-8000-000000000001"},
               {"description", "Establish a regular exercise routine"},
               {"measure", "days of exercise per week"},
               {"baseline", 1.0},
               {"target", 4.0},
               {"current", 3.0},
               {"progress_percentage", 67},
               {"status", "active"},
               {"due_date", nullptr},
               {"measurements", Json::array({{{"date", "2025-11-01"}, {"value", 2}},
                                             {{"date", "2025-12-01"}, {"value", 3}}})}};
  Svg svg = chart("goal_chart", goal);
  EXPECT_EQ(svg.count("//s:circle"), 2u);
  EXPECT_EQ(svg.count("//s:text[.='Target: 4']"), 1u);
}

TEST(GoalChartTest, ValidationNamesTheMember) {
  Json args = goal_args();
  args["measurements"][1]["date"] = "2025-02-30";
  EXPECT_EQ(first_problem("goal_chart", args), "measurements[1].date");

  args = goal_args();
  args["measurements"][2]["value"] = nullptr;
  EXPECT_EQ(first_problem("goal_chart", args), "measurements[2].value");

  args = goal_args();
  args.erase("target");
  EXPECT_EQ(first_problem("goal_chart", args), "target");

  args = goal_args();
  args["baseline"] = "six";
  EXPECT_EQ(first_problem("goal_chart", args), "baseline");

  args = goal_args();
  args["measurements"] = Json::object();
  EXPECT_EQ(first_problem("goal_chart", args), "measurements");
}

TEST(GoalChartTest, TooManyPoints) {
  Json args = goal_args();
  args["measurements"] = Json::array();
  for (size_t i = 0; i <= kMaxChartPoints; ++i) {
    args["measurements"].push_back({{"date", "2026-01-01"}, {"value", 1}});
  }
  EXPECT_EQ(first_problem("goal_chart", args), "measurements");
}

TEST(ChartFunctionTest, MergesObjectAndKeywordArguments) {
  Json kwargs = {{"width", 400}};
  auto r = chart_function("goal_chart", {goal_args()}, kwargs);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->is_string());
  Svg svg(r->get<std::string>());
  EXPECT_EQ(attr(svg.root(), "width"), "400");
  EXPECT_EQ(svg.count("//s:circle"), 4u);

  auto kw_only = chart_function("assessment_chart", {}, phq9_args());
  ASSERT_TRUE(kw_only.ok());
  EXPECT_EQ(Svg(kw_only->get<std::string>()).count("//s:circle"), 5u);
}

TEST(ChartFunctionTest, RejectsStrayArguments) {
  auto r = chart_function("goal_chart", {goal_args(), Json(3)}, Json::object());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at(0).path, "arguments");
  auto bad = chart_function("goal_chart", {Json("x")}, Json::object());
  ASSERT_FALSE(bad.ok());
  auto missing = chart_function("assessment_chart", {}, Json{{"instrument", "PHQ-9"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().fields.at(0).path, "points");
}

}  // namespace
}  // namespace dossier::charts
