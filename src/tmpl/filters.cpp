// The filter registry: names (with Jinja's aliases) → functions.
#include "tmpl/filters.h"

#include "tmpl/filter_impl.h"

namespace dossier::tmpl {
namespace {

// Most filters need only the limits; the registry hands them those.
template <Result<Value> (*Fn)(const Value&, const CallArgs&, const Limits&)>
Result<Value> limited(const Value& input, const CallArgs& args, const RenderOptions& options) {
  return Fn(input, args, options.limits);
}

struct NamedFilter {
  std::string_view name;
  FilterFn fn;
};

constexpr NamedFilter kFilters[] = {
    {"abs", limited<filter_abs>},
    {"batch", limited<filter_batch>},
    {"capitalize", limited<filter_capitalize>},
    {"count", limited<filter_length>},
    {"css_string", limited<filter_css_string>},
    {"d", limited<filter_default>},
    {"date", filter_date},
    {"default", limited<filter_default>},
    {"dictsort", limited<filter_dictsort>},
    {"e", limited<filter_escape>},
    {"escape", limited<filter_escape>},
    {"first", limited<filter_first>},
    {"float", limited<filter_float>},
    {"format", limited<filter_format>},
    {"indent", limited<filter_indent>},
    {"int", limited<filter_int>},
    {"items", limited<filter_items>},
    {"join", limited<filter_join>},
    {"last", limited<filter_last>},
    {"length", limited<filter_length>},
    {"list", limited<filter_list>},
    {"lower", limited<filter_lower>},
    {"map", filter_map},
    {"max", limited<filter_max>},
    {"min", limited<filter_min>},
    {"money", limited<filter_money>},
    {"reject", limited<filter_reject>},
    {"rejectattr", limited<filter_rejectattr>},
    {"replace", limited<filter_replace>},
    {"reverse", limited<filter_reverse>},
    {"round", limited<filter_round>},
    {"safe", limited<filter_safe>},
    {"select", limited<filter_select>},
    {"selectattr", limited<filter_selectattr>},
    {"sort", limited<filter_sort>},
    {"string", limited<filter_string>},
    {"striptags", limited<filter_striptags>},
    {"sum", limited<filter_sum>},
    {"title", limited<filter_title>},
    {"tojson", limited<filter_tojson>},
    {"trim", limited<filter_trim>},
    {"truncate", limited<filter_truncate>},
    {"unique", limited<filter_unique>},
    {"upper", limited<filter_upper>},
    {"wordcount", limited<filter_wordcount>},
};

}  // namespace

FilterFn find_filter(std::string_view name) {
  for (const NamedFilter& f : kFilters) {
    if (f.name == name) return f.fn;
  }
  return nullptr;
}

Result<Value> apply_filter(std::string_view name, const Value& input, const CallArgs& args,
                           const RenderOptions& options) {
  const FilterFn fn = find_filter(name);
  if (!fn) {
    return Error::make(ErrorCode::kUnprocessable, "unknown filter '" + std::string(name) + "'");
  }
  return fn(input, args, options);
}

}  // namespace dossier::tmpl
