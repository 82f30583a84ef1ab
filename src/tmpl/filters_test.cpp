#include "tmpl/filters.h"

#include <gtest/gtest.h>

namespace dossier::tmpl {
namespace {

std::string run(std::string_view name, Json input, std::vector<Json> positional = {},
                std::vector<std::pair<std::string_view, Json>> keyword = {}) {
  CallArgs args;
  for (Json& j : positional) args.positional.push_back(Value::of(std::move(j)));
  for (auto& [k, j] : keyword) args.keyword.emplace_back(k, Value::of(std::move(j)));
  auto r = apply_filter(name, Value::of(std::move(input)), args, Limits{});
  return r.ok() ? to_str(*r) : "error: " + r.error().detail;
}

TEST(Filters, ArgumentBinding) {
  EXPECT_EQ(run("round", 2.345, {1}, {{"method", "floor"}}), "2.3");
  EXPECT_EQ(run("round", 1.0, {1, "common", 3}),
            "error: filter 'round': takes at most 2 argument(s)");
  EXPECT_EQ(run("round", 1.0, {}, {{"digits", 1}}),
            "error: filter 'round': unexpected keyword argument 'digits'");
  EXPECT_EQ(run("round", 1.0, {1}, {{"precision", 1}}),
            "error: filter 'round': got multiple values for 'precision'");
  EXPECT_EQ(run("nope", 1), "error: unknown filter 'nope'");
}

TEST(Filters, RoundIsPythonRound) {
  EXPECT_EQ(run("round", 0.5), "0.0");
  EXPECT_EQ(run("round", 1.5), "2.0");
  EXPECT_EQ(run("round", -2.5), "-2.0");
  EXPECT_EQ(run("round", 0.125, {2}), "0.12");
  EXPECT_EQ(run("round", 62.5, {0}), "62.0");
  EXPECT_EQ(run("round", "x"), "error: filter 'round': expected a number, not string");
}

TEST(Filters, DateFormatting) {
  EXPECT_EQ(run("date", "2024-03-10", {"%A, %B %-d, %Y"}), "Sunday, March 10, 2024");
  EXPECT_EQ(run("date", "1969-12-31", {"%a %j"}), "Wed 365");
  EXPECT_EQ(run("date", "2024-02-29T07:08:09-05:00", {"%I:%M:%S %p %F"}), "07:08:09 AM 2024-02-29");
  EXPECT_EQ(run("date", "2024-13-01", {"%Y"}), "2024-13-01");
  EXPECT_EQ(run("date", "2024-03-10T14:02:00Zjunk", {"%Y"}), "2024-03-10T14:02:00Zjunk");
  EXPECT_EQ(run("date", "2024-03-10", {"%Q%"}), "%Q%");
}

TEST(Filters, SortRefusesMixedKindsLikePython) {
  EXPECT_EQ(run("sort", Json::parse(R"([2, "a"])")),
            "error: filter 'sort': cannot order integer and string");
  EXPECT_EQ(run("sort", Json::parse(R"([[2, "b"], [1, "z"], [2, "a"]])")),
            "[[1, 'z'], [2, 'a'], [2, 'b']]");
  EXPECT_EQ(run("sort", Json::parse(R"([{"n": 2}, {"n": 1}])"), {}, {{"attribute", "n"}}),
            "[{'n': 1}, {'n': 2}]");
}

TEST(Filters, ToJsonSortsKeysAndEscapesHtml) {
  EXPECT_EQ(run("tojson", Json::parse(R"({"b": "<\u2028>", "a": [1.0, "😀"]})")),
            R"({"a": [1.0, "\ud83d\ude00"], "b": "\u003c\u2028\u003e"})");
  EXPECT_EQ(run("tojson", Json::parse(R"({"a": [1]})"), {2}), "{\n  \"a\": [\n    1\n  ]\n}");
}

TEST(Filters, OutputLimitsApplyToBuiltStrings) {
  CallArgs args;
  args.positional = {Value::of(Json("")), Value::of(Json("xxxxxxxxxx"))};
  Limits small;
  small.max_output_bytes = 50;
  auto r = apply_filter("replace", Value::of(Json(std::string(20, 'a'))), args, small);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().detail.find("limit of 50 bytes"), std::string::npos);
}

TEST(Tests, NamesAndAliases) {
  CallArgs three;
  three.positional = {Value::of(Json(3))};
  EXPECT_TRUE(*apply_test("divisibleby", Value::of(Json(9)), three));
  EXPECT_TRUE(*apply_test("==", Value::of(Json(3.0)), three));
  EXPECT_TRUE(*apply_test("lt", Value::of(Json(2)), three));
  EXPECT_FALSE(*apply_test("defined", Value(), {}));
  EXPECT_FALSE(apply_test("frob", Value(), {}).ok());
}

}  // namespace
}  // namespace dossier::tmpl
