// The built-in tests (`x is defined`, `x is divisibleby 3`, …), with Jinja's names and
// aliases (`eq`/`equalto`/`==`, `lt`/`lessthan`/`<`, …).
#include <algorithm>
#include <cmath>

#include "tmpl/filter_impl.h"
#include "tmpl/operators.h"
#include "tmpl/text.h"

namespace dossier::tmpl {
namespace {

using Test = Result<bool> (*)(const Value&, const CallArgs&);

const Json& j_of(const Value& v) {
  return v.json();
}

Result<Value> one_arg(const CallArgs& args, std::string_view test) {
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"other"}, "test '" + std::string(test) + "'"));
  return a[0];
}

Result<bool> t_defined(const Value& v, const CallArgs&) {
  return !v.is_undefined();
}
Result<bool> t_undefined(const Value& v, const CallArgs&) {
  return v.is_undefined();
}
Result<bool> t_none(const Value& v, const CallArgs&) {
  return v.is_json() && j_of(v).is_null();
}
Result<bool> t_boolean(const Value& v, const CallArgs&) {
  return v.is_json() && j_of(v).is_boolean();
}
Result<bool> t_true(const Value& v, const CallArgs&) {
  return v.is_json() && j_of(v).is_boolean() && j_of(v).get<bool>();
}
Result<bool> t_false(const Value& v, const CallArgs&) {
  return v.is_json() && j_of(v).is_boolean() && !j_of(v).get<bool>();
}
Result<bool> t_number(const Value& v, const CallArgs&) {
  return v.is_json() && j_of(v).is_number();
}
Result<bool> t_integer(const Value& v, const CallArgs&) {
  return v.is_json() && j_of(v).is_number_integer();
}
Result<bool> t_float(const Value& v, const CallArgs&) {
  return v.is_json() && j_of(v).is_number_float();
}
Result<bool> t_string(const Value& v, const CallArgs&) {
  return v.is_json() && j_of(v).is_string();
}
Result<bool> t_mapping(const Value& v, const CallArgs&) {
  return (v.is_json() && j_of(v).is_object()) || v.kind() == Value::Kind::kNamespace;
}
Result<bool> t_sequence(const Value& v, const CallArgs&) {
  return v.is_json() && (j_of(v).is_array() || j_of(v).is_string() || j_of(v).is_object());
}
Result<bool> t_callable(const Value& v, const CallArgs&) {
  return v.kind() == Value::Kind::kMacro || v.kind() == Value::Kind::kBuiltin ||
         v.kind() == Value::Kind::kHostFunction;
}
Result<bool> t_escaped(const Value& v, const CallArgs&) {
  return v.is_safe();
}
Result<bool> t_lower(const Value& v, const CallArgs&) {
  const std::string s = to_str(v);
  const auto cps = utf8_decode(s);
  return std::none_of(cps.begin(), cps.end(), is_upper_letter) &&
         std::any_of(cps.begin(), cps.end(), is_lower_letter);
}
Result<bool> t_upper(const Value& v, const CallArgs&) {
  const auto cps = utf8_decode(to_str(v));
  return std::none_of(cps.begin(), cps.end(), is_lower_letter) &&
         std::any_of(cps.begin(), cps.end(), is_upper_letter);
}

Result<double> number_of(const Value& v, std::string_view test) {
  if (!v.is_json() || !is_numeric(j_of(v))) {
    return arg_error("test '" + std::string(test) + "'", "expected a number, not " + type_name(v));
  }
  return to_double(j_of(v));
}

Result<bool> t_odd(const Value& v, const CallArgs&) {
  DOSSIER_ASSIGN_OR_RETURN(double d, number_of(v, "odd"));
  return std::fabs(std::fmod(d, 2.0)) == 1.0;
}
Result<bool> t_even(const Value& v, const CallArgs&) {
  DOSSIER_ASSIGN_OR_RETURN(double d, number_of(v, "even"));
  return std::fmod(d, 2.0) == 0.0;
}
Result<bool> t_divisibleby(const Value& v, const CallArgs& args) {
  DOSSIER_ASSIGN_OR_RETURN(Value n, one_arg(args, "divisibleby"));
  DOSSIER_ASSIGN_OR_RETURN(double d, number_of(v, "divisibleby"));
  DOSSIER_ASSIGN_OR_RETURN(double m, number_of(n, "divisibleby"));
  if (m == 0) return arg_error("test 'divisibleby'", "division by zero");
  return std::fmod(d, m) == 0.0;
}

template <CompareOp kOp>
Result<bool> t_compare(const Value& v, const CallArgs& args) {
  DOSSIER_ASSIGN_OR_RETURN(Value other, one_arg(args, "comparison"));
  return compare(kOp, v, other);
}

Result<bool> t_in(const Value& v, const CallArgs& args) {
  DOSSIER_ASSIGN_OR_RETURN(Value seq, one_arg(args, "in"));
  return contains(seq, v);
}

Result<bool> t_sameas(const Value& v, const CallArgs& args) {
  DOSSIER_ASSIGN_OR_RETURN(Value other, one_arg(args, "sameas"));
  if (v.is_json() && other.is_json() && !j_of(v).is_structured()) {
    return j_of(v).type() == j_of(other).type() && json_equals(j_of(v), j_of(other));
  }
  return v.is_json() && other.is_json() && &j_of(v) == &j_of(other);
}

struct NamedTest {
  std::string_view name;
  Test fn;
};

constexpr NamedTest kTests[] = {
    {"!=", t_compare<CompareOp::kNe>},
    {"<", t_compare<CompareOp::kLt>},
    {"<=", t_compare<CompareOp::kLe>},
    {"==", t_compare<CompareOp::kEq>},
    {">", t_compare<CompareOp::kGt>},
    {">=", t_compare<CompareOp::kGe>},
    {"boolean", t_boolean},
    {"callable", t_callable},
    {"defined", t_defined},
    {"divisibleby", t_divisibleby},
    {"eq", t_compare<CompareOp::kEq>},
    {"equalto", t_compare<CompareOp::kEq>},
    {"escaped", t_escaped},
    {"even", t_even},
    {"false", t_false},
    {"float", t_float},
    {"ge", t_compare<CompareOp::kGe>},
    {"greaterthan", t_compare<CompareOp::kGt>},
    {"gt", t_compare<CompareOp::kGt>},
    {"in", t_in},
    {"integer", t_integer},
    {"iterable", t_sequence},
    {"le", t_compare<CompareOp::kLe>},
    {"lessthan", t_compare<CompareOp::kLt>},
    {"lower", t_lower},
    {"lt", t_compare<CompareOp::kLt>},
    {"mapping", t_mapping},
    {"ne", t_compare<CompareOp::kNe>},
    {"none", t_none},
    {"number", t_number},
    {"odd", t_odd},
    {"sameas", t_sameas},
    {"sequence", t_sequence},
    {"string", t_string},
    {"true", t_true},
    {"undefined", t_undefined},
    {"upper", t_upper},
};

}  // namespace

TestFn find_test(std::string_view name) {
  for (const NamedTest& t : kTests) {
    if (t.name == name) return t.fn;
  }
  return nullptr;
}

Result<bool> apply_test(std::string_view name, const Value& input, const CallArgs& args) {
  const TestFn fn = find_test(name);
  if (!fn)
    return Error::make(ErrorCode::kUnprocessable, "unknown test '" + std::string(name) + "'");
  return fn(input, args);
}

}  // namespace dossier::tmpl
