// Numeric filters, with Python's conversions (int("42.5") is 42 via float, bad input gives
// the default) and Python's round() (half to even on the exact binary value).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "tmpl/access.h"
#include "tmpl/filter_impl.h"
#include "tmpl/operators.h"
#include "tmpl/text.h"

namespace dossier::tmpl {
namespace {

Error needs_number(std::string_view filter, const Value& v) {
  return arg_error(filter_what(filter), "expected a number, not " + type_name(v));
}

// Python float(str): optional whitespace, a decimal or "inf"/"nan"; nullopt otherwise.
std::optional<double> parse_float(std::string_view s) {
  s = trim(s);
  std::string clean;
  for (char c : s) {
    if (c != '_') clean.push_back(c);
  }
  if (clean.empty()) return std::nullopt;
  const char* b = clean.data();
  if (*b == '+') ++b;
  double d = 0;
  auto [p, ec] = std::from_chars(b, clean.data() + clean.size(), d);
  if (ec != std::errc() || p != clean.data() + clean.size()) return std::nullopt;
  return d;
}

std::optional<std::int64_t> parse_int(std::string_view s, int base) {
  s = trim(s);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (base == 16 && s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s.remove_prefix(2);
  if (base == 8 && s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) s.remove_prefix(2);
  if (base == 2 && s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) s.remove_prefix(2);
  std::string clean;
  for (char c : s) {
    if (c != '_') clean.push_back(c);
  }
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), v, base);
  if (clean.empty() || ec != std::errc() || p != clean.data() + clean.size()) return std::nullopt;
  if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
  const auto i = static_cast<std::int64_t>(v);
  return neg ? -i : i;
}

// Python's round(x, ndigits) for floats: correctly rounded, ties to even.
double py_round(double x, std::int64_t ndigits) {
  if (!std::isfinite(x) || ndigits > 22) return x;
  if (ndigits >= 0) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(ndigits), x);
    double r = 0;
    std::from_chars(buf, buf + std::strlen(buf), r);
    return r;
  }
  if (ndigits < -308) return 0.0 * x;
  const double p = std::pow(10.0, static_cast<double>(-ndigits));
  return std::nearbyint(x / p) * p;
}

}  // namespace

Result<Value> filter_abs(const Value& input, const CallArgs&, const Limits&) {
  const Json& j = input.json();
  if (!input.is_json() || !is_numeric(j)) return needs_number("abs", input);
  if (!fits_int(j)) return Value::of(Json(std::fabs(to_double(j))));
  const std::int64_t i = to_int(j);
  if (i == std::numeric_limits<std::int64_t>::min()) return Value::of(Json(-to_double(j)));
  return Value::of(Json(i < 0 ? -i : i));
}

Result<Value> filter_round(const Value& input, const CallArgs& args, const Limits&) {
  const std::string what = filter_what("round");
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"precision", "method"}, what));
  DOSSIER_ASSIGN_OR_RETURN(std::int64_t precision, arg_int(a[0], 0, what));
  const std::string method = arg_str(a[1], "common");
  const Json& j = input.json();
  if (!input.is_json() || !is_numeric(j)) return needs_number("round", input);
  const double p =
      std::pow(10.0, static_cast<double>(std::clamp<std::int64_t>(precision, -308, 308)));
  if (method == "ceil") return Value::of(Json(std::ceil(to_double(j) * p) / p));
  if (method == "floor") return Value::of(Json(std::floor(to_double(j) * p) / p));
  if (method != "common") return arg_error(what, "method must be 'common', 'ceil' or 'floor'");
  if (!j.is_number_float()) {  // Python: round(int, n) stays an int
    if (precision >= 0) return Value::of(j.is_boolean() ? Json(to_int(j)) : j);
    const double r = py_round(to_double(j), precision);
    if (std::fabs(r) < 9e18) return Value::of(Json(static_cast<std::int64_t>(r)));
    return Value::of(Json(r));
  }
  return Value::of(Json(py_round(j.get<double>(), precision)));
}

Result<Value> filter_int(const Value& input, const CallArgs& args, const Limits&) {
  const std::string what = filter_what("int");
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"default", "base"}, what));
  DOSSIER_ASSIGN_OR_RETURN(std::int64_t base, arg_int(a[1], 10, what));
  const Value fallback = a[0].is_undefined() ? Value::of(Json(0)) : a[0];
  const Json& j = input.json();
  if (input.is_json() && (j.is_number_integer() || j.is_boolean()))
    return Value::of(Json(to_int(j)));
  std::optional<double> d;
  if (input.is_json() && j.is_number_float()) d = j.get<double>();
  if (input.is_json() && j.is_string()) {
    if (base == 2 || base == 8 || base == 10 || base == 16) {
      if (auto i = parse_int(j.get_ref<const std::string&>(), static_cast<int>(base))) {
        return Value::of(Json(*i));
      }
    }
    d = parse_float(j.get_ref<const std::string&>());
  }
  if (!d || !std::isfinite(*d)) return fallback;
  const double t = std::trunc(*d);
  if (std::fabs(t) < 9.2e18) return Value::of(Json(static_cast<std::int64_t>(t)));
  return Value::of(Json(t));
}

Result<Value> filter_float(const Value& input, const CallArgs& args, const Limits&) {
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"default"}, filter_what("float")));
  const Value fallback = a[0].is_undefined() ? Value::of(Json(0.0)) : a[0];
  const Json& j = input.json();
  if (input.is_json() && is_numeric(j)) return Value::of(Json(to_double(j)));
  if (input.is_json() && j.is_string()) {
    if (auto d = parse_float(j.get_ref<const std::string&>())) return Value::of(Json(*d));
  }
  return fallback;
}

Result<Value> filter_sum(const Value& input, const CallArgs& args, const Limits& limits) {
  const std::string what = filter_what("sum");
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"attribute", "start"}, what));
  Value total = a[1].is_undefined() ? Value::of(Json(0)) : a[1];
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Value> items, iterate(input, limits));
  for (const Value& item : items) {
    const Value v = a[0].is_undefined() ? item : get_path(item, to_str(a[0]));
    auto sum = arithmetic(BinaryOp::kAdd, total, v, limits);
    if (!sum.ok()) return arg_error(what, sum.error().detail);
    total = std::move(sum).value();
  }
  return total;
}

}  // namespace dossier::tmpl
