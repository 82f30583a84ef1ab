#include "catalog/render_template.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "catalog/system_templates.h"

namespace dossier::catalog {
namespace {

const Json kGoal = Json::parse(R"({
  "description": "Reduce panic attacks to <1 per week", "measure": "attacks per week",
  "baseline": 4.0, "target": 1.0, "current": 2.0, "progress_percentage": 67, "status": "in_progress",
  "measurements": [{"date": "2024-01-10", "value": 4}, {"date": "2024-02-10", "value": 3},
                   {"date": "2024-03-01", "value": 2}]})");

const Json kAssessments = Json::parse(R"([
  {"instrument": "PHQ-9", "administered_on": "2024-01-05", "total_score": 18, "severity": "moderately_severe"},
  {"instrument": "GAD-7", "administered_on": "2024-01-05", "total_score": 12, "severity": "moderate"},
  {"instrument": "PHQ-9", "administered_on": "2024-02-05", "total_score": 11, "severity": "moderate"}])");

std::string render(std::string_view source, const Json& ctx = Json::object()) {
  auto r = render_template_html(source, ctx, "test");
  return r.ok() ? *r : "error: " + r.error().detail;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(RenderTemplate, AssessmentChartIsUnescapedSvg) {
  const std::string out =
      render("<div>{{ assessment_chart(assessments, instrument='GAD-7', width=500) }}</div>",
             {{"assessments", kAssessments}});
  ASSERT_EQ(out.rfind("<div><svg", 0), 0u) << out.substr(0, 200);
  EXPECT_NE(out.find("width=\"500\""), std::string::npos);
  EXPECT_EQ(out.find("&lt;"), std::string::npos);
  EXPECT_NE(out.find("GAD-7"), std::string::npos);
  EXPECT_EQ(count(out, "<svg"), 1u);
}

TEST(RenderTemplate, AssessmentChartDefaultsToPhq9AndTakesDateValuePoints) {
  const std::string out = render(
      "{{ assessment_chart([{'date': '2024-01-01', 'value': 9}, {'date': '2024-02-01', 'value': "
      "4}], title='Depression', from='2023-12-01', to='2024-03-31', height=200) }}");
  ASSERT_EQ(out.rfind("<svg", 0), 0u) << out;
  EXPECT_NE(out.find("PHQ-9"), std::string::npos);
  EXPECT_NE(out.find("Depression"), std::string::npos);
  EXPECT_NE(out.find("height=\"200\""), std::string::npos);
}

TEST(RenderTemplate, AssessmentChartWithoutPointsSaysSo) {
  const std::string out = render("{{ assessment_chart([], instrument='GAD-7') }}");
  EXPECT_NE(out.find("No measurements in this period"), std::string::npos) << out;
}

TEST(RenderTemplate, GoalChartTakesAGatheredGoal) {
  const std::string out =
      render("{% for g in goals %}{{ goal_chart(g, width=400, height=180) }}{% endfor %}",
             {{"goals", {kGoal, kGoal}}});
  EXPECT_EQ(count(out, "<svg"), 2u) << out.substr(0, 300);
  EXPECT_NE(out.find("Reduce panic attacks to &lt;1 per week"), std::string::npos);
  EXPECT_NE(out.find("width=\"400\""), std::string::npos);
}

TEST(RenderTemplate, ChartErrorsNameTheArgumentAndTheLocation) {
  EXPECT_EQ(
      render("\n  {{ assessment_chart(points, instrument='BDI') }}", {{"points", kAssessments}}),
      "error: line 2, column 22: function 'assessment_chart': invalid chart arguments "
      "(instrument: must be one of: PHQ-9, GAD-7)");
  const std::string bad_point = render("{{ assessment_chart([{'date': 'soon', 'value': 3}]) }}");
  EXPECT_NE(bad_point.find("function 'assessment_chart': invalid chart arguments (points[0].date"),
            std::string::npos)
      << bad_point;
  EXPECT_NE(render("{{ goal_chart({'description': 'x'}) }}").find("baseline"), std::string::npos);
  EXPECT_EQ(
      render("{{ goal_chart(goal, colour='red') }}", {{"goal", kGoal}}),
      "error: line 1, column 14: function 'goal_chart': unexpected keyword argument 'colour'");
  EXPECT_EQ(
      render("{{ goal_chart(goal, goal) }}", {{"goal", kGoal}}),
      "error: line 1, column 14: function 'goal_chart': takes one positional argument, got 2");
  EXPECT_NE(render("{{ goal_chart('x') }}").find("the first argument must be a goal"),
            std::string::npos);
  EXPECT_NE(render("{{ goal_chart(goal, width=5000) }}", {{"goal", kGoal}}).find("width"),
            std::string::npos);
}

TEST(RenderTemplate, TheZoneIsThePracticesWhereverTheContextCarriesIt) {
  EXPECT_EQ(practice_time_zone({{"practice", {{"time_zone", "America/Chicago"}}}}),
            "America/Chicago");
  EXPECT_EQ(practice_time_zone({{"tables", {{"practice", {{{"time_zone", "Asia/Kolkata"}}}}}}}),
            "Asia/Kolkata");
  // No practice, no zone, or one the tz database does not know: the document still renders.
  EXPECT_EQ(practice_time_zone(Json::object()), "UTC");
  EXPECT_EQ(practice_time_zone({{"practice", nullptr}}), "UTC");
  EXPECT_EQ(practice_time_zone({{"practice", {{"time_zone", "Mars/Olympus_Mons"}}}}), "UTC");
  EXPECT_EQ(practice_time_zone({{"tables", {{"practice", Json::array()}}}}), "UTC");
}

TEST(RenderTemplate, DatesPrintInThePracticeZone) {
  const Json ctx = {{"practice", {{"time_zone", "Asia/Kolkata"}}},
                    {"t", "2026-03-10T14:02:00.000Z"},
                    {"d", "2026-03-10"}};
  EXPECT_EQ(render("{{ t|date('%b %-d, %Y %-I:%M %p %Z') }}|{{ d|date('%b %-d') }}", ctx),
            "Mar 10, 2026 7:32 PM IST|Mar 10");
  EXPECT_EQ(render("{{ t|date('%H:%M %Z') }}", {{"t", "2026-03-10T14:02:00Z"}}), "14:02 UTC");
}

TEST(RenderTemplate, SystemPartialsAreAvailable) {
  const Json ctx = {{"notices",
                     {{{"regulation", "42 CFR part 2"},
                       {"text",
                        "42 CFR part 2 prohibits unauthorized use or disclosure of these "
                        "records."}}}}};
  const std::string out = render("{% include 'partials/notices.html.j2' %}", ctx);
  EXPECT_NE(out.find("42 CFR PART 2 NOTICE"), std::string::npos) << out;
  EXPECT_NE(out.find("prohibits unauthorized use or disclosure"), std::string::npos);
  EXPECT_NE(render("{% include '/etc/passwd' %}").find("unknown partial"), std::string::npos);
}

TEST(RenderTemplate, ParseAndRenderErrorsAreUnprocessable) {
  auto parse = render_template_html("{% if %}", Json::object(), "custom");
  ASSERT_FALSE(parse.ok());
  EXPECT_EQ(parse.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(parse.error().detail.find("line 1, column"), std::string::npos);
  auto limit = render_template_html("{% for i in range(3000) %}{{ goal_chart(g) }}{% endfor %}",
                                    {{"g", kGoal}}, "custom");
  ASSERT_FALSE(limit.ok());
  EXPECT_NE(limit.error().detail.find("more than 2000 function calls"), std::string::npos);
}

TEST(RenderTemplate, CacheIsKeyedByNameAndContent) {
  // The same source under two names reports errors under each name; a changed source is
  // parsed anew.
  const std::string partial_error = "{% include 'partials/notices.html.j2' %}{{ 1 // 0 }}";
  auto a = render_template_html(partial_error, Json::object(), "a");
  auto b = render_template_html(partial_error, Json::object(), "b");
  ASSERT_FALSE(a.ok());
  ASSERT_FALSE(b.ok());
  for (int i = 0; i < 200; ++i) {  // more templates than the cache keeps
    EXPECT_EQ(render("{{ " + std::to_string(i) + " }}"), std::to_string(i));
  }
  EXPECT_EQ(render("{{ 7 }}"), "7");
}

TEST(RenderTemplate, SystemTemplateSources) {
  for (const char* type : {"session_notes", "progress_report", "treatment_summary", "full_record",
                           "insurance_report"}) {
    SCOPED_TRACE(type);
    const std::string source = system_template_source(type);
    EXPECT_NE(source.find("<html"), std::string::npos);
    auto parsed = tmpl::Template::parse(source, type);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().detail);
  }
  EXPECT_EQ(system_template_source("nope"), "");
  EXPECT_EQ(system_template_source(""), "");
  EXPECT_EQ(system_template_source("partials/styles"), "");
  EXPECT_EQ(system_template_source("partials/styles.html.j2"), "");
  EXPECT_GE(system_partials().size(), 4u);
}

TEST(RenderTemplate, SystemTemplatesRenderAnEmptyContext) {
  for (const char* type : {"session_notes", "progress_report", "treatment_summary", "full_record",
                           "insurance_report"}) {
    SCOPED_TRACE(type);
    auto html = render_template_html(system_template_source(type), Json::object(), type);
    ASSERT_TRUE(html.ok()) << html.error().detail;
    EXPECT_EQ(html->find("None"), std::string::npos);
  }
}

TEST(RenderTemplate, ProgressReportDrawsOnlyTheSectionsInTheContext) {
  const std::string source = system_template_source("progress_report");
  const Json base = {{"patient", {{"name", "Ann Example"}}},
                     {"start_date", "2024-01-01"},
                     {"end_date", "2024-03-31"}};
  Json both = base;
  both["include_sections"] = {{"goals", true}, {"progress", true}};  // the spec's names only
  // Json::array: a braced list of one Json is an array to GCC but a copy to clang.
  both["goals"] = Json::array({kGoal});
  std::string html = render(source, both);
  EXPECT_NE(html.find("Treatment Goals &amp; Progress"), std::string::npos);
  EXPECT_NE(html.find(">Current</th>"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);

  Json goals_only = base;
  goals_only["include_sections"] = {
      {"treatment_goals", true}, {"goal_progress", false}, {"goals", true}, {"progress", false}};
  goals_only["goals"] = Json::array({kGoal});
  html = render(source, goals_only);
  EXPECT_NE(html.find("Treatment Goals"), std::string::npos);
  EXPECT_EQ(html.find("Treatment Goals &amp; Progress"), std::string::npos);
  EXPECT_EQ(html.find(">Current</th>"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);

  html = render(source, base);
  EXPECT_NE(html.find("Ann Example"), std::string::npos);
  for (const char* heading :
       {"Diagnosis", "Treatment Goals", "Standardized Assessments", "Session Summary",
        "Clinical Observations", "Recommendations", "Medical Necessity", "Client Information"}) {
    EXPECT_EQ(html.find(std::string(">") + heading), std::string::npos) << heading;
  }

  Json scores = base;
  scores["assessments"] = kAssessments;
  scores["assessment_summary"] = Json::parse(R"([
    {"instrument": "GAD-7", "count": 1, "first_date": "2024-01-05", "first_score": 12,
     "first_severity": "moderate", "last_date": "2024-01-05", "last_score": 12,
     "last_severity": "moderate", "change": 0, "trend": "stable"},
    {"instrument": "PHQ-9", "count": 2, "first_date": "2024-01-05", "first_score": 18,
     "first_severity": "moderately_severe", "last_date": "2024-02-05", "last_score": 11,
     "last_severity": "moderate", "change": -7, "trend": "improving"}])");
  html = render(source, scores);
  EXPECT_EQ(count(html, "<svg"), 2u);  // one chart per instrument
  EXPECT_NE(html.find("Moderately severe"), std::string::npos);
  EXPECT_NE(html.find(">-7<"), std::string::npos);
  EXPECT_NE(html.find("Improving"), std::string::npos);
  EXPECT_NE(html.find("Feb 5, 2024"), std::string::npos);
}

TEST(RenderTemplate, ConcurrentRenders) {
  const std::string source = "{% for g in goals %}{{ goal_chart(g) }}{% endfor %}{{ n }}";
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int n = 0; n < 4; ++n) {
    threads.emplace_back([&, n] {
      for (int k = 0; k < 10; ++k) {
        auto r = render_template_html(source, {{"goals", {kGoal}}, {"n", n}}, "concurrent");
        if (!r.ok() || r->find("<svg") != 0 || r->back() != static_cast<char>('0' + n)) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace dossier::catalog
