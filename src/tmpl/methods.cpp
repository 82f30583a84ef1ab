#include "tmpl/methods.h"

#include "tmpl/filter_impl.h"
#include "tmpl/text.h"

namespace dossier::tmpl {
namespace {

Result<Value> dict_method(const Value& obj, std::string_view name, const CallArgs& args,
                          const Limits& limits) {
  const Json& j = obj.json();
  const std::string what = "method '" + std::string(name) + "'";
  if (name == "items") return filter_items(obj, {}, limits);
  if (name == "keys" || name == "values") {
    DOSSIER_TRY(bind_args(args, {}, what));
    Json out = Json::array();
    for (auto it = j.begin(); it != j.end(); ++it) {
      out.push_back(name == "keys" ? Json(it.key()) : it.value());
    }
    return Value::of(std::move(out));
  }
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"key", "default"}, what));
  auto it = j.find(to_str(a[0]));
  if (it != j.end()) return Value::child(obj, *it);
  return a[1].is_undefined() ? Value::of(Json(nullptr)) : a[1];
}

std::vector<std::string> split(const std::string& s, const Value& sep, std::int64_t max) {
  std::vector<std::string> parts;
  if (sep.is_undefined() || sep.json().is_null()) {  // runs of whitespace, no empty parts
    size_t i = 0;
    while (true) {
      i = s.find_first_not_of(" \t\n\r\f\v", i);
      if (i == std::string::npos) break;
      size_t e = s.find_first_of(" \t\n\r\f\v", i);
      if (max >= 0 && static_cast<std::int64_t>(parts.size()) == max) e = std::string::npos;
      parts.push_back(s.substr(i, e == std::string::npos ? std::string::npos : e - i));
      if (e == std::string::npos) break;
      i = e;
    }
    return parts;
  }
  const std::string d = to_str(sep);
  size_t start = 0;
  for (size_t hit = s.find(d); hit != std::string::npos; hit = s.find(d, start)) {
    if (max >= 0 && static_cast<std::int64_t>(parts.size()) == max) break;
    parts.push_back(s.substr(start, hit - start));
    start = hit + d.size();
  }
  parts.push_back(s.substr(start));
  return parts;
}

Result<Value> string_method(const Value& obj, std::string_view name, const CallArgs& args,
                            const Limits& limits) {
  const std::string what = "method '" + std::string(name) + "'";
  const std::string& s = obj.json().get_ref<const std::string&>();
  if (name == "upper") return filter_upper(obj, args, limits);
  if (name == "lower") return filter_lower(obj, args, limits);
  if (name == "title") return filter_title(obj, args, limits);
  if (name == "capitalize") return filter_capitalize(obj, args, limits);
  if (name == "replace") return filter_replace(obj, args, limits);
  if (name == "strip") return filter_trim(obj, args, limits);
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"arg", "max"}, what));
  if (name == "lstrip" || name == "rstrip") {
    const std::string set = arg_str(a[0], " \t\n\r\f\v");
    const size_t b = name == "lstrip" ? s.find_first_not_of(set) : 0;
    const size_t e = name == "rstrip" ? s.find_last_not_of(set) : s.size() - 1;
    if (b == std::string::npos || e == std::string::npos || s.empty()) return Value::of(Json(""));
    return Value::of(Json(s.substr(b, e - b + 1)));
  }
  if (name == "startswith" || name == "endswith") {
    const std::string x = to_str(a[0]);
    const bool r = s.size() >= x.size() &&
                   (name == "startswith" ? s.compare(0, x.size(), x) == 0
                                         : s.compare(s.size() - x.size(), x.size(), x) == 0);
    return Value::of(Json(r));
  }
  DOSSIER_ASSIGN_OR_RETURN(std::int64_t max, arg_int(a[1], -1, what));
  if (a[0].is_json() && a[0].json().is_string() && a[0].json().get<std::string>().empty()) {
    return arg_error(what, "empty separator");
  }
  Json out = Json::array();
  for (std::string& part : split(s, a[0], max)) out.push_back(std::move(part));
  return Value::of(std::move(out));
}

bool is_string_method(std::string_view n) {
  for (std::string_view m : {"upper", "lower", "title", "capitalize", "replace", "strip", "lstrip",
                             "rstrip", "startswith", "endswith", "split"}) {
    if (m == n) return true;
  }
  return false;
}

struct Builtin {
  std::string_view name;
};
constexpr Builtin kRange{"range"}, kNamespace{"namespace"}, kDict{"dict"};

Result<Value> call_range(const CallArgs& args, const Limits& limits) {
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"a", "b", "step"}, "range"));
  DOSSIER_ASSIGN_OR_RETURN(std::int64_t x, arg_int(a[0], 0, "range"));
  DOSSIER_ASSIGN_OR_RETURN(std::int64_t y, arg_int(a[1], 0, "range"));
  DOSSIER_ASSIGN_OR_RETURN(std::int64_t step, arg_int(a[2], 1, "range"));
  if (a[1].is_undefined()) std::swap(x, y);  // range(stop)
  if (step == 0) return arg_error("range", "step must not be zero");
  const double count = std::max(0.0, std::ceil((static_cast<double>(y) - static_cast<double>(x)) /
                                               static_cast<double>(step)));
  if (count > static_cast<double>(limits.max_loop_iterations)) {
    return arg_error("range", "more than " + std::to_string(limits.max_loop_iterations) + " items");
  }
  Json out = Json::array();
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(count); ++i) out.push_back(x + i * step);
  return Value::of(std::move(out));
}

}  // namespace

std::optional<Result<Value>> call_method(const Value& obj, std::string_view name,
                                         const CallArgs& args, const Limits& limits) {
  if (!obj.is_json()) return std::nullopt;
  const Json& j = obj.json();
  if (j.is_object() && (name == "items" || name == "keys" || name == "values" || name == "get")) {
    return dict_method(obj, name, args, limits);
  }
  if (j.is_string() && is_string_method(name)) return string_method(obj, name, args, limits);
  return std::nullopt;
}

Value find_builtin(std::string_view name) {
  for (const Builtin* b : {&kRange, &kNamespace, &kDict}) {
    if (b->name == name) return Value::opaque(Value::Kind::kBuiltin, b);
  }
  return Value::undefined();
}

Result<Value> call_builtin(const Value& fn, const CallArgs& args, const Limits& limits) {
  if (fn.object() == &kRange) return call_range(args, limits);
  auto ns = std::make_shared<Namespace>();
  for (const Value& p : args.positional) {  // namespace({...}) / dict({...})
    if (!p.is_json() || !p.json().is_object()) return arg_error("namespace", "expected a dict");
    for (auto it = p.json().begin(); it != p.json().end(); ++it) {
      ns->attrs.emplace_back(it.key(), Value::child(p, it.value()));
    }
  }
  for (const auto& [k, v] : args.keyword) ns->attrs.emplace_back(std::string(k), v);
  if (fn.object() == &kNamespace) {
    for (const auto& [k, v] : ns->attrs) {
      if (!v.is_json() && !v.is_undefined()) {
        return arg_error("namespace", a_type_name(v) + " cannot be stored in a namespace");
      }
    }
    Namespace* raw = ns.get();
    return Value::opaque(Value::Kind::kNamespace, raw, std::move(ns));
  }
  Json dict = Json::object();
  for (const auto& [k, v] : ns->attrs) {
    DOSSIER_ASSIGN_OR_RETURN(Json j, to_json(v));
    dict[k] = std::move(j);
  }
  return Value::of(std::move(dict));
}

}  // namespace dossier::tmpl
