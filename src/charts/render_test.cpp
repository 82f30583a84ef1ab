// librsvg renders the charts (as the PDF and DOCX paths do) without error and with ink.
#include <gtest/gtest.h>

#include "charts/chart_test_support.h"
#include "charts/clinical_charts.h"

namespace dossier::charts {
namespace {

using testing::render_png;

Json phq9() {
  Json points = Json::array();
  const char* dates[] = {"2025-09-08", "2025-09-29", "2025-10-20", "2025-11-10",
                         "2025-12-08", "2026-01-12", "2026-02-09"};
  const int scores[] = {21, 18, 16, 13, 11, 8, 6};
  for (int i = 0; i < 7; ++i) points.push_back({{"date", dates[i]}, {"value", scores[i]}});
  return {{"instrument", "PHQ-9"}, {"points", points}};
}

Json goal() {
  return {{"description", "Reduce panic episodes & avoidance <weekly>"},
          {"measure", "panic episodes per week"},
          {"baseline", 6},
          {"target", 1},
          {"measurements", Json::array({{{"date", "2025-09-12"}, {"value", 6}},
                                        {{"date", "2025-10-10"}, {"value", 5}},
                                        {{"date", "2025-11-07"}, {"value", 3}},
                                        {{"date", "2025-12-05"}, {"value", 3}},
                                        {{"date", "2026-01-09"}, {"value", 2}}})}};
}

TEST(ChartRenderTest, Phq9RendersWithInk) {
  auto svg = chart_from_json("assessment_chart", phq9());
  ASSERT_TRUE(svg.ok());
  const auto r = render_png(*svg, "/tmp/dossier_chart_phq9.png");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.width, 640);
  EXPECT_EQ(r.height, 280);
  EXPECT_GT(r.ink_pixels, 5000u);  // bands, lines, text
}

TEST(ChartRenderTest, GoalRendersWithInk) {
  auto svg = chart_from_json("goal_chart", goal());
  ASSERT_TRUE(svg.ok());
  const auto r = render_png(*svg, "/tmp/dossier_chart_goal.png");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_GT(r.ink_pixels, 1000u);
}

TEST(ChartRenderTest, MultiSeriesAndNonLatinRender) {
  LineChart c;
  c.title = "Ωμέγα · 漢字 · قلق";
  c.y_label = "Score";
  c.y_min = 0;
  c.y_max = 10;
  c.series = {{"Self-report", {{"2025-06-01", 4}, {"2025-09-15", 6}, {"2026-02-01", 8}}, ""},
              {"Clinician", {{"2025-07-01", 3}, {"2025-12-01", 7}}, ""}};
  c.references = {{5, "Cut-off", "#be123c", true}};
  const auto r = render_png(render_svg(c), "/tmp/dossier_chart_multi.png");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_GT(r.ink_pixels, 1000u);
}

TEST(ChartRenderTest, EmptyAndTinyChartsRender) {
  Json args = phq9();
  args["points"] = Json::array();
  args["width"] = 200;
  args["height"] = 120;
  auto svg = chart_from_json("assessment_chart", args);
  ASSERT_TRUE(svg.ok());
  const auto r = render_png(*svg, "/tmp/dossier_chart_empty.png");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_GT(r.ink_pixels, 100u);
}

}  // namespace
}  // namespace dossier::charts
