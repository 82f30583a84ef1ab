#include "tmpl/filters.h"

#include <gtest/gtest.h>

namespace dossier::tmpl {
namespace {

std::string run(std::string_view name, Json input, std::vector<Json> positional = {},
                std::vector<std::pair<std::string_view, Json>> keyword = {}) {
  CallArgs args;
  for (Json& j : positional) args.positional.push_back(Value::of(std::move(j)));
  for (auto& [k, j] : keyword) args.keyword.emplace_back(k, Value::of(std::move(j)));
  auto r = apply_filter(name, Value::of(std::move(input)), args, RenderOptions{});
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
  // An instant is shown in the render's zone: UTC by default.
  EXPECT_EQ(run("date", "2024-02-29T07:08:09-05:00", {"%I:%M:%S %p %F"}), "12:08:09 PM 2024-02-29");
  EXPECT_EQ(run("date", "2024-13-01", {"%Y"}), "2024-13-01");
  EXPECT_EQ(run("date", "2024-03-10T14:02:00Zjunk", {"%Y"}), "2024-03-10T14:02:00Zjunk");
  EXPECT_EQ(run("date", "2024-03-10", {"%Q%"}), "%Q%");
}

TEST(Filters, FormatIsPythonPercentFormatting) {
  EXPECT_EQ(run("format", "%s of %s", {"a", 3}), "a of 3");
  EXPECT_EQ(run("format", "%.1f%%", {62.54}), "62.5%");
  EXPECT_EQ(run("format", "%g|%g|%g", {4.0, 2.5, 1e20}), "4|2.5|1e+20");
  EXPECT_EQ(run("format", "[%5d|%-5d|%05d|%+d]", {42, 42, 42, 42}), "[   42|42   |00042|+42]");
  EXPECT_EQ(run("format", "%d", {3.9}), "3");
  EXPECT_EQ(run("format", "%x %X %#x %#o", {255, 255, 255, 8}), "ff FF 0xff 0o10");
  EXPECT_EQ(run("format", "[%6.2s|%-4s]", {"abc", "x"}), "[    ab|x   ]");
  EXPECT_EQ(run("format", "%r %r", {"a", 1}), "'a' 1");
  EXPECT_EQ(run("format", "%*d", {4, 7}), "   7");
  EXPECT_EQ(run("format", "%(n)d items", {}, {{"n", 3}}), "3 items");
  EXPECT_EQ(run("format", "%(n)s", {Json{{"n", "x"}}}), "x");
  EXPECT_EQ(run("format", "%s %s", {1}),
            "error: filter 'format': not enough arguments for format string");
  EXPECT_EQ(run("format", "%s", {1, 2}),
            "error: filter 'format': not all arguments converted during string formatting");
  EXPECT_EQ(run("format", "%d", {"x"}), "error: filter 'format': %d requires a number, not string");
  EXPECT_EQ(run("format", "%q", {1}), "error: filter 'format': unsupported format character 'q'");
  EXPECT_EQ(run("format", "%99999d", {1}), "error: filter 'format': width or precision too large");
  EXPECT_EQ(run("format", 5), "error: filter 'format': expected a format string, not integer");
}

TEST(Filters, MoneyFormatsCents) {
  EXPECT_EQ(run("money", 15000), "$150.00");
  EXPECT_EQ(run("money", 123456789), "$1,234,567.89");
  EXPECT_EQ(run("money", 5), "$0.05");
  EXPECT_EQ(run("money", -500), "-$5.00");
  EXPECT_EQ(run("money", 1999.6), "$20.00");
  EXPECT_EQ(run("money", 12.5, {}, {{"cents", false}}), "$12.50");
  EXPECT_EQ(run("money", 100000, {"€"}), "€1,000.00");
  EXPECT_EQ(run("money", nullptr), "None");  // unchanged: |default('—', true) handles it
  EXPECT_EQ(run("money", "n/a"), "n/a");
}

TEST(Filters, CssStringQuotesAndEscapes) {
  EXPECT_EQ(run("css_string", "Jordan O'Neil"), "\"Jordan O'Neil\"");
  EXPECT_EQ(run("css_string", "a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(run("css_string", "</style><b>&\n"), "\"\\3c /style\\3e \\3c b\\3e \\26 \\a \"");
  EXPECT_EQ(run("css_string", "Zofia Dąbrowska"), "\"Zofia Dąbrowska\"");
  EXPECT_EQ(run("css_string", nullptr), "\"\"");
  EXPECT_EQ(run("css_string", 12), "\"12\"");
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
  RenderOptions small;
  small.limits.max_output_bytes = 50;
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
