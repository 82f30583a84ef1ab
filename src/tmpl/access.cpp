#include "tmpl/access.h"

#include <charconv>

#include "tmpl/text.h"

namespace dossier::tmpl {
namespace {

Value loop_attr(const LoopState& s, std::string_view name) {
  const auto i = static_cast<std::int64_t>(s.index0);
  const auto n = static_cast<std::int64_t>(s.length);
  if (name == "index") return Value::of(Json(i + 1));
  if (name == "index0") return Value::of(Json(i));
  if (name == "revindex") return Value::of(Json(n - i));
  if (name == "revindex0") return Value::of(Json(n - i - 1));
  if (name == "first") return Value::of(Json(i == 0));
  if (name == "last") return Value::of(Json(i + 1 == n));
  if (name == "length") return Value::of(Json(n));
  if (name == "depth") return Value::of(Json(1));
  if (name == "depth0") return Value::of(Json(0));
  if (name == "previtem" && s.items && i > 0) return (*s.items)[s.index0 - 1];
  if (name == "nextitem" && s.items && i + 1 < n) return (*s.items)[s.index0 + 1];
  return Value::undefined();
}

Value index_array(const Value& obj, std::int64_t i) {
  const Json& j = obj.json();
  const auto n = static_cast<std::int64_t>(j.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) return Value::undefined();
  return Value::child(obj, j[static_cast<size_t>(i)]);
}

Value index_string(const std::string& s, std::int64_t i) {
  const std::vector<char32_t> cps = utf8_decode(s);
  const auto n = static_cast<std::int64_t>(cps.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) return Value::undefined();
  std::string out;
  utf8_append(out, cps[static_cast<size_t>(i)]);
  return Value::of(Json(std::move(out)));
}

// Python's slice.indices(): clamps start/stop for the given length and step.
void slice_bounds(std::int64_t n, std::int64_t step, const Value& start, const Value& stop,
                  std::int64_t& b, std::int64_t& e) {
  auto norm = [&](const Value& v, std::int64_t dflt) {
    if (v.is_undefined() || !v.is_json() || v.json().is_null()) return dflt;
    std::int64_t x = to_int(v.json());
    if (x < 0) {
      x += n;
      if (x < 0) x = step < 0 ? -1 : 0;
    } else if (x >= n) {
      x = step < 0 ? n - 1 : n;
    }
    return x;
  };
  b = norm(start, step < 0 ? n - 1 : 0);
  e = norm(stop, step < 0 ? -1 : n);
}

}  // namespace

Value get_attr(const Value& obj, std::string_view name) {
  switch (obj.kind()) {
    case Value::Kind::kUndefined:
      return obj;
    case Value::Kind::kLoop:
      return loop_attr(*static_cast<const LoopState*>(obj.object()), name);
    case Value::Kind::kNamespace:
      for (const auto& [k, v] : obj.ns()->attrs) {
        if (k == name) return v;
      }
      return Value::undefined();
    case Value::Kind::kJson:
      break;
    default:
      return Value::undefined();
  }
  const Json& j = obj.json();
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == name) return Value::child(obj, it.value());
    }
    return Value::undefined();
  }
  if (j.is_array() && !name.empty() && name[0] >= '0' && name[0] <= '9') {
    std::int64_t i = 0;
    auto [p, ec] = std::from_chars(name.data(), name.data() + name.size(), i);
    if (ec == std::errc() && p == name.data() + name.size()) return index_array(obj, i);
  }
  return Value::undefined();
}

Value get_item(const Value& obj, const Value& key) {
  if (!key.is_json()) return Value::undefined();
  const Json& k = key.json();
  if (k.is_string()) return get_attr(obj, k.get_ref<const std::string&>());
  if (!obj.is_json() || !(k.is_number_integer() || k.is_boolean())) return Value::undefined();
  const Json& j = obj.json();
  if (j.is_array()) return index_array(obj, to_int(k));
  if (j.is_string()) return index_string(j.get_ref<const std::string&>(), to_int(k));
  return Value::undefined();
}

Value get_path(const Value& obj, std::string_view dotted) {
  Value cur = obj;
  size_t start = 0;
  while (true) {
    const size_t dot = dotted.find('.', start);
    const std::string_view part =
        dotted.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    cur = get_attr(cur, part);
    if (dot == std::string_view::npos || cur.is_undefined()) return cur;
    start = dot + 1;
  }
}

Result<Value> get_slice(const Value& obj, const Value& start, const Value& stop,
                        const Value& step) {
  std::int64_t st = 1;
  if (step.is_json() && !step.json().is_null()) st = to_int(step.json());
  if (st == 0) return Error::make(ErrorCode::kUnprocessable, "slice step cannot be zero");
  if (!obj.is_json() || !(obj.json().is_array() || obj.json().is_string())) {
    return Value::undefined();
  }
  const Json& j = obj.json();
  std::vector<char32_t> cps;
  if (j.is_string()) cps = utf8_decode(j.get_ref<const std::string&>());
  const auto n = static_cast<std::int64_t>(j.is_string() ? cps.size() : j.size());
  std::int64_t b = 0, e = 0;
  slice_bounds(n, st, start, stop, b, e);
  std::string s;
  Json list = Json::array();
  for (std::int64_t i = b; st > 0 ? i < e : i > e;) {
    if (j.is_string()) {
      utf8_append(s, cps[static_cast<size_t>(i)]);
    } else {
      list.push_back(j[static_cast<size_t>(i)]);
    }
    if (__builtin_add_overflow(i, st, &i)) break;
  }
  if (j.is_string()) return Value::of(Json(std::move(s)));
  return Value::of(std::move(list));
}

Result<std::vector<Value>> iterate(const Value& v, const Limits& limits) {
  std::vector<Value> items;
  if (v.is_undefined()) return items;
  const Json& j = v.json();
  if (!v.is_json() || !(j.is_array() || j.is_object() || j.is_string())) {
    return Error::make(ErrorCode::kUnprocessable, a_type_name(v) + " is not iterable");
  }
  if (j.size() > limits.max_loop_iterations) {
    return Error::make(ErrorCode::kUnprocessable, "a sequence exceeds the loop limit of " +
                                                      std::to_string(limits.max_loop_iterations) +
                                                      " items");
  }
  if (j.is_array()) {
    items.reserve(j.size());
    for (const Json& e : j) items.push_back(Value::child(v, e));
  } else if (j.is_object()) {
    items.reserve(j.size());
    for (auto it = j.begin(); it != j.end(); ++it) items.push_back(Value::of(Json(it.key())));
  } else {
    for (char32_t c : utf8_decode(j.get_ref<const std::string&>())) {
      std::string ch;
      utf8_append(ch, c);
      items.push_back(Value::of(Json(std::move(ch))));
    }
  }
  return items;
}

}  // namespace dossier::tmpl
