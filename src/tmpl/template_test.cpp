#include "tmpl/template.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace dossier::tmpl {
namespace {

std::string render(std::string_view src, const Json& ctx = Json::object(),
                   const PartialRegistry* partials = nullptr, const Limits& limits = {}) {
  auto t = Template::parse(src);
  if (!t.ok()) return "parse error: " + t.error().detail;
  auto r = t->render(ctx, RenderOptions{limits}, partials);
  return r.ok() ? *r : "render error: " + r.error().detail;
}

TEST(Template, ParseErrorIsUnprocessableWithLineAndColumn) {
  auto t =
      Template::parse("<ul>\n{% for g in goals %}\n  <li>{{ g }}</li>\n{% endfor %}\n{% endfor %}");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(t.error().detail, "line 5, column 4: unexpected 'endfor'");
}

TEST(Template, RendersProgressReportKeyLines) {
  const Json ctx = Json::parse(R"({
    "patient": {"name": "Jordan O'Neil"},
    "include_sections": {"goals": true},
    "goals": [{"description": "Reduce panic < 1/week", "baseline": "4/week",
               "current": "1/week", "progress_percentage": 75}]})");
  const std::string out = render(
      "<p>Patient: {{ patient.name }}</p>\n"
      "{% if include_sections.goals %}{% for goal in goals %}\n"
      "<tr><td>{{ goal.description }}</td><td>{{ goal.progress_percentage }}%</td></tr>\n"
      "{% endfor %}{% endif %}",
      ctx);
  EXPECT_NE(out.find("<p>Patient: Jordan O&#39;Neil</p>"), std::string::npos) << out;
  EXPECT_NE(out.find("<tr><td>Reduce panic &lt; 1/week</td><td>75%</td></tr>"), std::string::npos)
      << out;
}

TEST(Template, ContextThatIsNotAnObjectHasNoVariables) {
  EXPECT_EQ(render("[{{ x }}]", Json::array({1})), "[]");
}

TEST(Template, PartialsComeOnlyFromTheRegistry) {
  PartialRegistry partials;
  ASSERT_TRUE(partials.add("partials/sig.html.j2", "-- {{ therapist.name }}").ok());
  EXPECT_EQ(partials.size(), 1u);
  const Json ctx = {{"therapist", {{"name", "Dr. Smith"}}}};
  EXPECT_EQ(render("{% include 'partials/sig.html.j2' %}", ctx, &partials), "-- Dr. Smith");
  EXPECT_EQ(render("{% include '/etc/passwd' %}", ctx, &partials),
            "render error: line 1, column 1: unknown partial '/etc/passwd'");
  EXPECT_EQ(render("{% include 'partials/sig.html.j2' %}", ctx, nullptr),
            "render error: line 1, column 1: unknown partial 'partials/sig.html.j2'");
  auto bad = partials.add("broken", "{% if %}");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().detail,
            "partial 'broken': line 1, column 7: unexpected '%}', expected an expression");
}

TEST(Template, ComputedIncludeNamesAreNotEchoedInErrors) {
  const Json ctx = {{"name", "Jane Doe"}};
  EXPECT_EQ(render("{% include name %}", ctx),
            "render error: line 1, column 1: unknown partial (name computed at render time)");
}

TEST(Template, CopiesShareTheTreeAndRenderConcurrently) {
  auto t = Template::parse("{% for i in range(200) %}{{ i * 2 }},{% endfor %}", "concurrent");
  ASSERT_TRUE(t.ok());
  const Template copy = *t;
  EXPECT_EQ(copy.name(), "concurrent");
  const std::string expected = *t->render(Json::object());
  std::vector<std::thread> threads;
  std::vector<std::string> outs(4);
  for (size_t i = 0; i < outs.size(); ++i) {
    threads.emplace_back([&, i] { outs[i] = *copy.render(Json::object()); });
  }
  for (auto& th : threads) th.join();
  for (const auto& o : outs) EXPECT_EQ(o, expected);
}

TEST(Template, LookupsBorrowTheContextInsteadOfCopyingIt) {
  // 20,000 reads of a 1 MB string would copy 20 GB if lookups copied values.
  const Json ctx = {{"big", std::string(1 << 20, 'x')}};
  const auto start = std::chrono::steady_clock::now();
  const std::string out = render(
      "{% for i in range(20000) %}{{ 'y' if big is string and big else 'n' }}{% endfor %}", ctx);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(out, std::string(20000, 'y'));
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(Template, LargeOutputIsLinear) {
  Json rows = Json::array();
  for (int i = 0; i < 50000; ++i) rows.push_back({{"name", "row <" + std::to_string(i) + ">"}});
  const auto start = std::chrono::steady_clock::now();
  const std::string out =
      render("{% for r in rows %}<td>{{ r.name }}</td>{% endfor %}", {{"rows", rows}});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(out.find("<td>row &lt;49999&gt;</td>"), std::string::npos);
}

TEST(Template, LimitsStopRunawayTemplates) {
  Limits tight;
  tight.max_output_bytes = 1000;
  tight.max_loop_iterations = 100;
  EXPECT_NE(render("{% for i in range(1000) %}x{% endfor %}", {}, nullptr, tight)
                .find("range: more than 100 items"),
            std::string::npos);
  EXPECT_NE(render("{% for c in 'x' * 999 %}{% endfor %}", {}, nullptr, tight)
                .find("loop iterations exceed the limit of 100"),
            std::string::npos);
  EXPECT_NE(render("{{ 'ab' * 600 }}", {}, nullptr, tight).find("limit of 1000 bytes"),
            std::string::npos);
  EXPECT_NE(render("{% set ns = namespace(l=[]) %}{% for i in range(99) %}"
                   "{% set ns.l = [ns.l] %}{% endfor %}{{ ns.l }}")
                .find("nested too deeply"),
            std::string::npos);
  EXPECT_NE(render("{% set ns = namespace() %}{% set ns.me = ns %}").find("cannot be stored"),
            std::string::npos);
}

// A list rebuilt on every pass grows quadratically within the iteration limit: the clock
// stops it, in loops and in macro recursion alike.
TEST(Template, ADeadlineStopsWorkThatOutgrowsItsIterations) {
  Limits quick;
  quick.max_duration = std::chrono::milliseconds(200);
  EXPECT_NE(render("{% set ns = namespace(x=[]) %}{% for i in range(200000) %}"
                   "{% set ns.x = ns.x + [i] %}{% endfor %}",
                   {}, nullptr, quick)
                .find("rendering takes longer than the limit of 200 ms"),
            std::string::npos);
  EXPECT_EQ(render("{% for i in range(10) %}{{ i }}{% endfor %}", {}, nullptr, quick),
            "0123456789");
}

}  // namespace
}  // namespace dossier::tmpl
