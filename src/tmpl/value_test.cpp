#include "tmpl/value.h"

#include <gtest/gtest.h>

#include <limits>

#include "tmpl/access.h"
#include "tmpl/operators.h"
#include "tmpl/text.h"

namespace dossier::tmpl {
namespace {

TEST(Value, FloatsPrintLikePythonRepr) {
  EXPECT_EQ(format_float(2.5), "2.5");
  EXPECT_EQ(format_float(3.0), "3.0");
  EXPECT_EQ(format_float(-0.0), "-0.0");
  EXPECT_EQ(format_float(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_float(1e15), "1000000000000000.0");
  EXPECT_EQ(format_float(1e16), "1e+16");
  EXPECT_EQ(format_float(1.5e-5), "1.5e-05");
  EXPECT_EQ(format_float(0.0001), "0.0001");
  EXPECT_EQ(format_float(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(format_float(std::nan("")), "nan");
}

TEST(Value, StrIsPythonStr) {
  EXPECT_EQ(to_str(Value::of(Json::parse(R"([1, "it's", null, true, {"k": [2.0]}])"))),
            R"([1, "it's", None, True, {'k': [2.0]}])");
  EXPECT_EQ(to_str(Value()), "");
  EXPECT_EQ(to_str(Value::of(Json(nullptr))), "None");
}

TEST(Value, Truthiness) {
  for (const char* falsy : {"0", "0.0", "\"\"", "[]", "{}", "null", "false"}) {
    EXPECT_FALSE(truthy(Value::of(Json::parse(falsy)))) << falsy;
  }
  EXPECT_FALSE(truthy(Value()));
  EXPECT_TRUE(truthy(Value::of(Json::parse("[0]"))));
}

TEST(Value, BorrowedValuesDoNotCopy) {
  const Json context = Json::parse(R"({"a": {"b": [1, 2]}})");
  const Value root = Value::borrow(context);
  const Value b = get_attr(get_attr(root, "a"), "b");
  EXPECT_EQ(&b.json(), &context["a"]["b"]);
  EXPECT_EQ(&get_item(b, Value::of(Json(-1))).json(), &context["a"]["b"][1]);
  EXPECT_TRUE(get_attr(get_attr(root, "zz"), "deeper").is_undefined());
}

TEST(Value, ChildrenKeepOwnedStorageAlive) {
  Value child;
  {
    const Value owner = Value::of(Json::parse(R"({"list": ["x"]})"));
    child = get_item(get_attr(owner, "list"), Value::of(Json(0)));
  }
  EXPECT_EQ(to_str(child), "x");
}

TEST(Operators, PythonIntegerSemantics) {
  const Limits limits;
  auto calc = [&](BinaryOp op, Json a, Json b) {
    auto r = arithmetic(op, Value::of(std::move(a)), Value::of(std::move(b)), limits);
    return r.ok() ? to_str(*r) : r.error().detail;
  };
  EXPECT_EQ(calc(BinaryOp::kFloorDiv, -7, 2), "-4");
  EXPECT_EQ(calc(BinaryOp::kMod, -7, 3), "2");
  EXPECT_EQ(calc(BinaryOp::kMod, 7, -3), "-2");
  EXPECT_EQ(calc(BinaryOp::kDiv, 6, 3), "2.0");
  EXPECT_EQ(calc(BinaryOp::kPow, 2, 10), "1024");
  EXPECT_EQ(calc(BinaryOp::kPow, 2, -1), "0.5");
  const auto min = std::numeric_limits<std::int64_t>::min();
  EXPECT_EQ(calc(BinaryOp::kFloorDiv, min, -1), "9.223372036854776e+18");
  EXPECT_EQ(calc(BinaryOp::kMod, min, -1), "0");
  EXPECT_EQ(calc(BinaryOp::kAdd, std::numeric_limits<std::int64_t>::max(), 1),
            "9.223372036854776e+18");
  EXPECT_EQ(calc(BinaryOp::kPow, 10, 1000), "inf");
  EXPECT_EQ(calc(BinaryOp::kMod, 1, 0), "division by zero");
  EXPECT_EQ(calc(BinaryOp::kAdd, "a", 1), "unsupported operand types for +: string and integer");
}

TEST(Operators, EqualityAndOrdering) {
  EXPECT_TRUE(
      json_equals(Json::parse(R"({"a": 1, "b": 2})"), Json::parse(R"({"b": 2.0, "a": true})")));
  EXPECT_TRUE(equals(Value(), Value()));
  EXPECT_FALSE(equals(Value(), Value::of(Json(nullptr))));
  EXPECT_EQ(*order(Json::parse("[1, 2]"), Json::parse("[1, 3]")), -1);
  EXPECT_FALSE(order(Json("a"), Json(1)).ok());
}

TEST(Text, Utf8NeverFails) {
  const std::string bad = "a\xC3\x28\xFF\xE2\x82";
  const auto cps = utf8_decode(bad);
  ASSERT_EQ(cps.size(), 6u);
  EXPECT_EQ(cps[0], U'a');
  EXPECT_EQ(cps[1], 0xFFFDu);
  EXPECT_EQ(upper("straße élan"), "STRAßE ÉLAN");
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

}  // namespace
}  // namespace dossier::tmpl
