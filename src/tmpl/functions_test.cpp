#include "tmpl/functions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tmpl/template.h"

namespace dossier::tmpl {
namespace {

std::string render(std::string_view src, const FunctionRegistry* functions,
                   const Json& ctx = Json::object(), const Limits& limits = {}) {
  auto t = Template::parse(src);
  if (!t.ok()) return "parse error: " + t.error().detail;
  auto r = t->render(ctx, RenderOptions{limits}, nullptr, functions);
  return r.ok() ? *r : "render error: " + r.error().detail;
}

FunctionRegistry::Fn constant(Json value) {
  return [value](const std::vector<Json>&, const Json&) -> Result<Json> { return value; };
}

TEST(FunctionRegistry, AddFindReplace) {
  FunctionRegistry f;
  EXPECT_EQ(f.find("chart"), nullptr);
  f.add("chart", constant("a"));
  f.add("other", constant("b"), true);
  ASSERT_NE(f.find("chart"), nullptr);
  EXPECT_EQ(f.find("chart")->name, "chart");
  EXPECT_FALSE(f.find("chart")->returns_safe_html);
  EXPECT_TRUE(f.find("other")->returns_safe_html);
  f.add("chart", constant("c"), true);
  EXPECT_EQ(f.size(), 2u);
  EXPECT_EQ(render("{{ chart() }}", &f), "c");
}

TEST(FunctionRegistry, WithoutARegistryFunctionsAreUndefined) {
  EXPECT_EQ(render("{{ chart() }}", nullptr),
            "render error: line 1, column 9: 'chart' is undefined and cannot be called");
  FunctionRegistry empty;
  EXPECT_EQ(render("{{ chart is defined }}", &empty), "False");
}

TEST(FunctionRegistry, ArgumentsAndKeywordsAsJson) {
  FunctionRegistry f;
  std::vector<Json> seen_args;
  Json seen_kwargs;
  f.add("probe", [&](const std::vector<Json>& args, const Json& kwargs) -> Result<Json> {
    seen_args = args;
    seen_kwargs = kwargs;
    return Json(nullptr);
  });
  const Json ctx = {{"goal", {{"baseline", 4}, {"target", 1}}}};
  EXPECT_EQ(render("{{ probe(goal, 'PHQ-9', [1, 2], width=300, missing=nope) }}", &f, ctx), "None");
  ASSERT_EQ(seen_args.size(), 3u);
  EXPECT_EQ(seen_args[0], ctx["goal"]);
  EXPECT_EQ(seen_args[1], "PHQ-9");
  EXPECT_EQ(seen_args[2], Json::array({1, 2}));
  EXPECT_EQ(seen_kwargs, Json({{"width", 300}, {"missing", nullptr}}));
}

TEST(FunctionRegistry, SafeHtmlOnlyForStringsOfSafeFunctions) {
  FunctionRegistry f;
  f.add("svg", constant("<svg/>"), true);
  f.add("text", constant("<svg/>"));
  f.add("number", constant(3), true);
  f.add("list", constant(Json::array({"<a>"})), true);
  EXPECT_EQ(render("{{ svg() }}|{{ text() }}|{{ number() }}|{{ list() }}", &f),
            "<svg/>|&lt;svg/&gt;|3|[&#39;&lt;a&gt;&#39;]");
  // |e on a safe string does not double-escape, as in Jinja (Markup).
  EXPECT_EQ(render("{{ svg() | e }}|{{ svg() | length }}", &f), "<svg/>|6");
}

TEST(FunctionRegistry, ErrorsCarryTheLocationAndTheFunction) {
  FunctionRegistry f;
  f.add("boom", [](const std::vector<Json>&, const Json&) -> Result<Json> {
    return Error::make(ErrorCode::kInternal, "exploded");
  });
  auto t = Template::parse("a\n\n   {{ boom() }}");
  ASSERT_TRUE(t.ok());
  auto r = t->render(Json::object(), {}, nullptr, &f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(r.error().detail, "line 3, column 11: function 'boom': exploded");
}

TEST(FunctionRegistry, ResultLargerThanTheOutputLimitFails) {
  FunctionRegistry f;
  f.add("big", constant(std::string(100, 'x')), true);
  Limits limits;
  limits.max_output_bytes = 50;
  EXPECT_EQ(render("{% set x = big() %}", &f, Json::object(), limits),
            "render error: line 1, column 15: function 'big': result exceeds the limit of 50 "
            "bytes");
}

TEST(FunctionRegistry, CallsAreCountedOverTheWholeRender) {
  FunctionRegistry f;
  std::atomic<int> calls = 0;
  f.add("tick", [&](const std::vector<Json>&, const Json&) -> Result<Json> {
    ++calls;
    return Json("");
  });
  Limits limits;
  limits.max_function_calls = 3;
  EXPECT_EQ(render("{{ tick() }}{{ tick() }}{{ tick() }}", &f, Json::object(), limits), "");
  EXPECT_NE(render("{% for i in range(2) %}{{ tick() }}{{ tick() }}{% endfor %}", &f,
                   Json::object(), limits)
                .find("more than 3 function calls"),
            std::string::npos);
  EXPECT_EQ(calls.load(), 6);
}

TEST(FunctionRegistry, ConcurrentRendersShareOneRegistry) {
  FunctionRegistry f;
  f.add(
      "wrap",
      [](const std::vector<Json>& args, const Json& kwargs) -> Result<Json> {
        return Json("<b>" + std::to_string(args.at(0).get<int>() * kwargs.value("times", 1)) +
                    "</b>");
      },
      true);
  auto t = Template::parse("{% for i in range(200) %}{{ wrap(i, times=n) }}{% endfor %}");
  ASSERT_TRUE(t.ok());
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int n = 1; n <= 4; ++n) {
    threads.emplace_back([&, n] {
      std::string expected;
      for (int i = 0; i < 200; ++i) expected += "<b>" + std::to_string(i * n) + "</b>";
      for (int k = 0; k < 20; ++k) {
        auto r = t->render(Json{{"n", n}}, {}, nullptr, &f);
        if (!r.ok() || *r != expected) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace dossier::tmpl
