#include "tmpl/args.h"

#include <cmath>

namespace dossier::tmpl {

Error arg_error(std::string_view what, std::string_view message) {
  return Error::make(ErrorCode::kUnprocessable, std::string(what) + ": " + std::string(message));
}

Result<std::vector<Value>> bind_args(const CallArgs& args,
                                     std::initializer_list<std::string_view> params,
                                     std::string_view what) {
  std::vector<Value> bound(params.size());
  std::vector<bool> set(params.size(), false);
  if (args.positional.size() > params.size()) {
    return arg_error(what, "takes at most " + std::to_string(params.size()) + " argument(s)");
  }
  for (size_t i = 0; i < args.positional.size(); ++i) {
    bound[i] = args.positional[i];
    set[i] = true;
  }
  for (const auto& [name, value] : args.keyword) {
    size_t i = 0;
    for (std::string_view p : params) {
      if (p == name) break;
      ++i;
    }
    if (i == params.size()) {
      return arg_error(what, "unexpected keyword argument '" + std::string(name) + "'");
    }
    if (set[i]) return arg_error(what, "got multiple values for '" + std::string(name) + "'");
    bound[i] = value;
    set[i] = true;
  }
  return bound;
}

bool arg_bool(const Value& v, bool fallback) {
  if (v.is_undefined() || v.json().is_null()) return fallback;
  return truthy(v);
}

Result<std::int64_t> arg_int(const Value& v, std::int64_t fallback, std::string_view what) {
  if (v.is_undefined() || (v.is_json() && v.json().is_null())) return fallback;
  const Json& j = v.json();
  if (v.is_json() && (j.is_number_integer() || j.is_boolean())) return to_int(j);
  if (v.is_json() && j.is_number_float() && std::isfinite(j.get<double>())) {
    const double d = j.get<double>();
    if (d >= -9e18 && d <= 9e18) return static_cast<std::int64_t>(d);
  }
  return arg_error(what, "expected an integer, not " + type_name(v));
}

std::string arg_str(const Value& v, std::string_view fallback) {
  if (v.is_undefined() || (v.is_json() && v.json().is_null())) return std::string(fallback);
  return to_str(v);
}

}  // namespace dossier::tmpl
