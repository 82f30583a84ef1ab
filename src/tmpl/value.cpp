#include "tmpl/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace dossier::tmpl {
namespace {

// An owned list that remembers which of its items were safe strings.
struct SafeList {
  Json json;
  std::vector<bool> safe;
};

const Json& null_json() {
  static const Json kNull;
  return kNull;
}

void append_int(std::string& out, std::int64_t v) {
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, p);
}

void append_py_string_repr(std::string& out, const std::string& s) {
  const bool has_single = s.find('\'') != std::string::npos;
  const bool has_double = s.find('"') != std::string::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  out.push_back(quote);
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back(quote);
}

}  // namespace

Value Value::undefined(const std::string* name) {
  Value v;
  v.object_ = name;
  return v;
}

Value Value::borrow(const Json& j) {
  Value v;
  v.kind_ = Kind::kJson;
  v.ptr_ = &j;
  return v;
}

Value Value::child(const Value& parent, const Json& j) {
  Value v = borrow(j);
  if (parent.ptr_ == nullptr) {
    v.inline_ = j;  // inline scalars have no children, but stay safe regardless
    v.ptr_ = nullptr;
  } else {
    v.keep_ = parent.keep_;
  }
  if (parent.safe_items_) {
    const auto* list = static_cast<const SafeList*>(parent.keep_.get());
    if (parent.ptr_ == &list->json && !list->json.empty()) {
      const Json* first = &list->json.front();
      if (&j >= first && &j < first + list->json.size()) {
        v.safe_ = list->safe[static_cast<size_t>(&j - first)];
      }
    }
  }
  return v;
}

Value Value::list(const std::vector<Value>& items) {
  auto list = std::make_shared<SafeList>();
  list->json = Json::array();
  bool any_safe = false;
  for (const Value& item : items) {
    list->json.push_back(item.kind_ == Kind::kJson ? item.json() : Json(nullptr));
    list->safe.push_back(item.safe_);
    any_safe = any_safe || item.safe_;
  }
  if (!any_safe) return of(std::move(list->json));
  Value v;
  v.kind_ = Kind::kJson;
  v.ptr_ = &list->json;
  v.keep_ = std::move(list);
  v.safe_items_ = true;
  return v;
}

Value Value::of(Json j) {
  Value v;
  v.kind_ = Kind::kJson;
  if (j.is_structured() || j.is_string() || j.is_binary()) {
    auto owned = std::make_shared<Json>(std::move(j));
    v.ptr_ = owned.get();
    v.keep_ = std::move(owned);
  } else {
    v.inline_ = std::move(j);
  }
  return v;
}

Value Value::safe(std::string s) {
  Value v = of(Json(std::move(s)));
  v.safe_ = true;
  return v;
}

Value Value::opaque(Kind kind, const void* object, std::shared_ptr<void> keep) {
  Value v;
  v.kind_ = kind;
  v.object_ = object;
  v.keep_ = std::move(keep);
  return v;
}

const Json& Value::json() const {
  if (kind_ != Kind::kJson) return null_json();
  return ptr_ ? *ptr_ : inline_;
}

std::string_view Value::undefined_name() const {
  if (kind_ != Kind::kUndefined || object_ == nullptr) return {};
  return *static_cast<const std::string*>(object_);
}

bool is_number(const Json& j) {
  return j.is_number();
}
bool is_integer(const Json& j) {
  return j.is_number_integer();
}

bool fits_int(const Json& j) {
  if (j.is_boolean() || (j.is_number_integer() && !j.is_number_unsigned())) return true;
  return j.is_number_unsigned() &&
         j.get<std::uint64_t>() <=
             static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
}

double to_double(const Json& j) {
  if (j.is_boolean()) return j.get<bool>() ? 1.0 : 0.0;
  if (j.is_number_unsigned()) return static_cast<double>(j.get<std::uint64_t>());
  if (j.is_number_integer()) return static_cast<double>(j.get<std::int64_t>());
  if (j.is_number_float()) return j.get<double>();
  return 0.0;
}

std::int64_t to_int(const Json& j) {
  if (j.is_boolean()) return j.get<bool>() ? 1 : 0;
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    const auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    return u > max ? std::numeric_limits<std::int64_t>::max() : static_cast<std::int64_t>(u);
  }
  if (j.is_number_integer()) return j.get<std::int64_t>();
  return 0;
}

bool truthy(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kUndefined:
      return false;
    case Value::Kind::kJson:
      break;
    default:
      return true;
  }
  const Json& j = v.json();
  switch (j.type()) {
    case Json::value_t::null:
      return false;
    case Json::value_t::boolean:
      return j.get<bool>();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return to_int(j) != 0;
    case Json::value_t::number_float:
      return j.get<double>() != 0.0;
    case Json::value_t::string:
      return !j.get_ref<const std::string&>().empty();
    case Json::value_t::array:
    case Json::value_t::object:
      return !j.empty();
    default:
      return false;
  }
}

std::string format_float(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(end - buf));  // "-1.25e+02"
  std::string out;
  if (!sci.empty() && sci[0] == '-') {
    out.push_back('-');
    sci.remove_prefix(1);
  }
  const size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exp = 0;
  std::string_view es = sci.substr(e + 1);
  if (!es.empty() && es[0] == '+') es.remove_prefix(1);
  std::from_chars(es.data(), es.data() + es.size(), exp);
  const int decpt = exp + 1;
  const int n = static_cast<int>(digits.size());
  if (decpt > 16 || decpt <= -4) {
    out += digits.substr(0, 1);
    if (n > 1) out += "." + digits.substr(1);
    out += exp < 0 ? "e-" : "e+";
    const int a = exp < 0 ? -exp : exp;
    if (a < 10) out.push_back('0');
    out += std::to_string(a);
  } else if (decpt <= 0) {
    out += "0." + std::string(static_cast<size_t>(-decpt), '0') + digits;
  } else if (decpt >= n) {
    out += digits + std::string(static_cast<size_t>(decpt - n), '0') + ".0";
  } else {
    out += digits.substr(0, static_cast<size_t>(decpt)) + "." +
           digits.substr(static_cast<size_t>(decpt));
  }
  return out;
}

void append_repr(std::string& out, const Json& j) {
  if (j.is_string()) {
    append_py_string_repr(out, j.get_ref<const std::string&>());
  } else if (j.is_array()) {
    out.push_back('[');
    bool first = true;
    for (const Json& item : j) {
      if (!first) out += ", ";
      first = false;
      append_repr(out, item);
    }
    out.push_back(']');
  } else if (j.is_object()) {
    out.push_back('{');
    bool first = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!first) out += ", ";
      first = false;
      append_py_string_repr(out, it.key());
      out += ": ";
      append_repr(out, it.value());
    }
    out.push_back('}');
  } else {
    append_json_str(out, j);
  }
}

void append_json_str(std::string& out, const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      out += "None";
      return;
    case Json::value_t::boolean:
      out += j.get<bool>() ? "True" : "False";
      return;
    case Json::value_t::number_integer:
      append_int(out, j.get<std::int64_t>());
      return;
    case Json::value_t::number_unsigned:
      out += std::to_string(j.get<std::uint64_t>());
      return;
    case Json::value_t::number_float:
      out += format_float(j.get<double>());
      return;
    case Json::value_t::string:
      out += j.get_ref<const std::string&>();
      return;
    case Json::value_t::array:
    case Json::value_t::object:
      append_repr(out, j);
      return;
    default:
      return;
  }
}

void append_str(std::string& out, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kUndefined:
      return;
    case Value::Kind::kJson:
      append_json_str(out, v.json());
      return;
    case Value::Kind::kMacro:
      out += "<macro>";
      return;
    case Value::Kind::kLoop:
      out += "<loop>";
      return;
    case Value::Kind::kNamespace:
      out += "<namespace>";
      return;
    case Value::Kind::kBuiltin:
    case Value::Kind::kHostFunction:
      out += "<function>";
      return;
  }
}

std::string to_str(const Value& v) {
  if (v.is_json() && v.json().is_string()) return v.json().get<std::string>();
  std::string out;
  append_str(out, v);
  return out;
}

std::string type_name(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kUndefined:
      return "undefined";
    case Value::Kind::kMacro:
      return "macro";
    case Value::Kind::kLoop:
      return "loop";
    case Value::Kind::kNamespace:
      return "namespace";
    case Value::Kind::kBuiltin:
    case Value::Kind::kHostFunction:
      return "function";
    case Value::Kind::kJson:
      break;
  }
  switch (v.json().type()) {
    case Json::value_t::null:
      return "none";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "integer";
    case Json::value_t::number_float:
      return "float";
    case Json::value_t::string:
      return "string";
    case Json::value_t::array:
      return "list";
    case Json::value_t::object:
      return "dict";
    default:
      return "value";
  }
}

int nesting_depth(const Json& j, int stop) {
  if (!j.is_structured() || stop <= 0) return 0;
  int deepest = 0;
  for (const Json& child : j) {
    deepest = std::max(deepest, nesting_depth(child, stop - 1));
    if (deepest + 1 >= stop) break;
  }
  return deepest + 1;
}

std::string a_type_name(const Value& v) {
  const std::string t = type_name(v);
  return (std::string_view("aeiou").find(t[0]) != std::string_view::npos ? "an " : "a ") + t;
}

Status check_storable(const Value& v) {
  if (v.is_undefined()) return {};
  if (!v.is_json()) {
    return Error::make(ErrorCode::kUnprocessable,
                       a_type_name(v) + " cannot be stored in a list, dict or namespace");
  }
  if (nesting_depth(v.json(), kMaxValueDepth + 1) > kMaxValueDepth) {
    return Error::make(ErrorCode::kUnprocessable, "a value is nested too deeply");
  }
  return {};
}

Result<Json> to_json(const Value& v) {
  DOSSIER_TRY(check_storable(v));
  return v.is_undefined() ? Json(nullptr) : v.json();
}

}  // namespace dossier::tmpl
