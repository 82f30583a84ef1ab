#include "tmpl/operators.h"

#include <cmath>
#include <limits>

#include "tmpl/text.h"

namespace dossier::tmpl {
namespace {

Error op_error(std::string message) {
  return Error::make(ErrorCode::kUnprocessable, std::move(message));
}

Error undefined_error(const Value& v) {
  const std::string_view name = v.undefined_name();
  if (name.empty()) return op_error("an undefined value was used in an operation");
  return op_error("'" + std::string(name) + "' is undefined");
}

const char* op_symbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kFloorDiv:
      return "//";
    case BinaryOp::kMod:
      return "%";
    case BinaryOp::kPow:
      return "**";
    case BinaryOp::kConcat:
      return "~";
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kAnd:
      return "and";
  }
  return "?";
}

Error type_error(BinaryOp op, const Value& a, const Value& b) {
  return op_error(std::string("unsupported operand types for ") + op_symbol(op) + ": " +
                  type_name(a) + " and " + type_name(b));
}

Status check_size(size_t size, const Limits& limits) {
  if (size > limits.max_output_bytes) {
    return op_error("a string would exceed the limit of " +
                    std::to_string(limits.max_output_bytes) + " bytes");
  }
  return {};
}

// Concatenates like markupsafe: if either side is safe, the other is escaped first.
Result<Value> concat_strings(const Value& a, const Value& b, const Limits& limits) {
  const bool safe = a.is_safe() || b.is_safe();
  std::string out;
  const std::string sa = to_str(a), sb = to_str(b);
  DOSSIER_TRY(check_size(sa.size() + sb.size(), limits));
  if (safe && !a.is_safe())
    append_escaped(out, sa);
  else
    out += sa;
  if (safe && !b.is_safe())
    append_escaped(out, sb);
  else
    out += sb;
  DOSSIER_TRY(check_size(out.size(), limits));
  return safe ? Value::safe(std::move(out)) : Value::of(Json(std::move(out)));
}

Result<Value> repeat(const Value& seq, std::int64_t n, const Limits& limits) {
  const Json& j = seq.json();
  if (n < 0) n = 0;
  const auto count = static_cast<size_t>(n);
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (!s.empty() && count > limits.max_output_bytes / s.size()) {
      return op_error("a string would exceed the limit of " +
                      std::to_string(limits.max_output_bytes) + " bytes");
    }
    std::string out;
    out.reserve(s.size() * count);
    for (size_t i = 0; i < count; ++i) out += s;
    return seq.is_safe() ? Value::safe(std::move(out)) : Value::of(Json(std::move(out)));
  }
  if (!j.empty() && count > limits.max_loop_iterations / j.size()) {
    return op_error("a list would exceed the limit of " +
                    std::to_string(limits.max_loop_iterations) + " items");
  }
  Json out = Json::array();
  for (size_t i = 0; i < count; ++i) {
    for (const Json& item : j) out.push_back(item);
  }
  return Value::of(std::move(out));
}

Result<Value> int_pow(std::int64_t base, std::int64_t exp) {
  if (exp < 0)
    return Value::of(Json(std::pow(static_cast<double>(base), static_cast<double>(exp))));
  std::int64_t result = 1, b = base;
  std::int64_t e = exp;
  while (e > 0) {
    if ((e & 1) && __builtin_mul_overflow(result, b, &result)) {
      return Value::of(Json(std::pow(static_cast<double>(base), static_cast<double>(exp))));
    }
    e >>= 1;
    if (e > 0 && __builtin_mul_overflow(b, b, &b)) {
      return Value::of(Json(std::pow(static_cast<double>(base), static_cast<double>(exp))));
    }
  }
  return Value::of(Json(result));
}

Result<Value> int_arith(BinaryOp op, std::int64_t x, std::int64_t y) {
  std::int64_t r = 0;
  const double dx = static_cast<double>(x), dy = static_cast<double>(y);
  switch (op) {
    case BinaryOp::kAdd:
      if (__builtin_add_overflow(x, y, &r)) return Value::of(Json(dx + dy));
      return Value::of(Json(r));
    case BinaryOp::kSub:
      if (__builtin_sub_overflow(x, y, &r)) return Value::of(Json(dx - dy));
      return Value::of(Json(r));
    case BinaryOp::kMul:
      if (__builtin_mul_overflow(x, y, &r)) return Value::of(Json(dx * dy));
      return Value::of(Json(r));
    case BinaryOp::kDiv:
      if (y == 0) return op_error("division by zero");
      return Value::of(Json(dx / dy));
    case BinaryOp::kFloorDiv:
    case BinaryOp::kMod: {
      if (y == 0) return op_error("division by zero");
      if (x == std::numeric_limits<std::int64_t>::min() && y == -1) {
        return op == BinaryOp::kMod ? Value::of(Json(0)) : Value::of(Json(-dx));
      }
      std::int64_t q = x / y, m = x % y;
      if (m != 0 && ((m < 0) != (y < 0))) {
        --q;
        m += y;
      }
      return Value::of(Json(op == BinaryOp::kMod ? m : q));
    }
    case BinaryOp::kPow:
      return int_pow(x, y);
    default:
      return op_error("unsupported operator");
  }
}

Result<Value> float_arith(BinaryOp op, double x, double y) {
  switch (op) {
    case BinaryOp::kAdd:
      return Value::of(Json(x + y));
    case BinaryOp::kSub:
      return Value::of(Json(x - y));
    case BinaryOp::kMul:
      return Value::of(Json(x * y));
    case BinaryOp::kDiv:
      if (y == 0) return op_error("division by zero");
      return Value::of(Json(x / y));
    case BinaryOp::kFloorDiv:
      if (y == 0) return op_error("division by zero");
      return Value::of(Json(std::floor(x / y)));
    case BinaryOp::kMod: {
      if (y == 0) return op_error("division by zero");
      double m = std::fmod(x, y);
      if (m != 0 && ((m < 0) != (y < 0))) m += y;
      return Value::of(Json(m));
    }
    case BinaryOp::kPow:
      if (x == 0 && y < 0) return op_error("division by zero");
      return Value::of(Json(std::pow(x, y)));
    default:
      return op_error("unsupported operator");
  }
}

}  // namespace

bool is_numeric(const Json& j) {
  return j.is_number() || j.is_boolean();
}

Result<Value> arithmetic(BinaryOp op, const Value& a, const Value& b, const Limits& limits) {
  if (op == BinaryOp::kConcat) return concat_strings(a, b, limits);
  if (a.is_undefined()) return undefined_error(a);
  if (b.is_undefined()) return undefined_error(b);
  if (!a.is_json() || !b.is_json()) return type_error(op, a, b);
  const Json& x = a.json();
  const Json& y = b.json();
  if (is_numeric(x) && is_numeric(y)) {
    if (fits_int(x) && fits_int(y)) return int_arith(op, to_int(x), to_int(y));
    return float_arith(op, to_double(x), to_double(y));
  }
  if (op == BinaryOp::kAdd && x.is_string() && y.is_string()) {
    return concat_strings(a, b, limits);
  }
  if (op == BinaryOp::kAdd && x.is_array() && y.is_array()) {
    if (x.size() + y.size() > limits.max_loop_iterations) {
      return op_error("a list would exceed the limit of " +
                      std::to_string(limits.max_loop_iterations) + " items");
    }
    Json out = x;
    for (const Json& item : y) out.push_back(item);
    return Value::of(std::move(out));
  }
  if (op == BinaryOp::kMul) {
    if ((x.is_string() || x.is_array()) && (y.is_number_integer() || y.is_boolean())) {
      return repeat(a, to_int(y), limits);
    }
    if ((y.is_string() || y.is_array()) && (x.is_number_integer() || x.is_boolean())) {
      return repeat(b, to_int(x), limits);
    }
  }
  return type_error(op, a, b);
}

Result<Value> unary_arithmetic(UnaryOp op, const Value& v) {
  if (v.is_undefined()) return undefined_error(v);
  const Json& j = v.json();
  if (!v.is_json() || !is_numeric(j)) {
    return op_error("bad operand type for unary " + std::string(op == UnaryOp::kNeg ? "-" : "+") +
                    ": " + type_name(v));
  }
  if (op == UnaryOp::kPos) return Value::of(j.is_boolean() ? Json(to_int(j)) : j);
  if (!fits_int(j)) return Value::of(Json(-to_double(j)));
  const std::int64_t i = to_int(j);
  if (i == std::numeric_limits<std::int64_t>::min()) return Value::of(Json(-to_double(j)));
  return Value::of(Json(-i));
}

bool json_equals(const Json& a, const Json& b) {
  if (is_numeric(a) && is_numeric(b)) {
    if (fits_int(a) && fits_int(b)) return to_int(a) == to_int(b);
    return to_double(a) == to_double(b);
  }
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!json_equals(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !json_equals(it.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

bool equals(const Value& a, const Value& b) {
  if (a.is_undefined() || b.is_undefined()) return a.is_undefined() && b.is_undefined();
  if (!a.is_json() || !b.is_json()) return a.kind() == b.kind() && a.object() == b.object();
  return json_equals(a.json(), b.json());
}

Result<int> order(const Json& a, const Json& b) {
  if (is_numeric(a) && is_numeric(b)) {
    if (fits_int(a) && fits_int(b)) {
      const auto x = to_int(a), y = to_int(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const double x = to_double(a), y = to_double(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.is_string() && b.is_string()) {
    const int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (a.is_array() && b.is_array()) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
      DOSSIER_ASSIGN_OR_RETURN(int c, order(a[i], b[i]));
      if (c != 0) return c;
    }
    return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
  }
  return op_error("cannot order " + type_name(Value::borrow(a)) + " and " +
                  type_name(Value::borrow(b)));
}

Result<bool> compare(CompareOp op, const Value& a, const Value& b) {
  switch (op) {
    case CompareOp::kEq:
      return equals(a, b);
    case CompareOp::kNe:
      return !equals(a, b);
    case CompareOp::kIn:
      return contains(b, a);
    case CompareOp::kNotIn: {
      DOSSIER_ASSIGN_OR_RETURN(bool in, contains(b, a));
      return !in;
    }
    default:
      break;
  }
  if (a.is_undefined()) return undefined_error(a);
  if (b.is_undefined()) return undefined_error(b);
  if (!a.is_json() || !b.is_json()) {
    return op_error("cannot order " + type_name(a) + " and " + type_name(b));
  }
  DOSSIER_ASSIGN_OR_RETURN(int c, order(a.json(), b.json()));
  switch (op) {
    case CompareOp::kLt:
      return c < 0;
    case CompareOp::kLe:
      return c <= 0;
    case CompareOp::kGt:
      return c > 0;
    default:
      return c >= 0;
  }
}

Result<bool> contains(const Value& container, const Value& item) {
  if (container.is_undefined()) return false;
  const Json& c = container.json();
  if (container.is_json() && c.is_string()) {
    if (!item.is_json() || !item.json().is_string()) {
      return op_error("'in <string>' requires a string on the left, not " + type_name(item));
    }
    return c.get_ref<const std::string&>().find(item.json().get_ref<const std::string&>()) !=
           std::string::npos;
  }
  if (container.is_json() && c.is_array()) {
    if (!item.is_json()) return false;
    for (const Json& e : c) {
      if (json_equals(e, item.json())) return true;
    }
    return false;
  }
  if (container.is_json() && c.is_object()) {
    if (!item.is_json() || !item.json().is_string()) return false;
    return c.contains(item.json().get_ref<const std::string&>());
  }
  return op_error("'in' needs a string, list or dict on the right, not " + type_name(container));
}

}  // namespace dossier::tmpl
