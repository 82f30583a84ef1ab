// The filter registry: names (with Jinja's aliases) → functions.
#include "tmpl/filters.h"

#include "tmpl/filter_impl.h"

namespace dossier::tmpl {
namespace {

struct NamedFilter {
  std::string_view name;
  FilterFn fn;
};

constexpr NamedFilter kFilters[] = {
    {"abs", filter_abs},
    {"batch", filter_batch},
    {"capitalize", filter_capitalize},
    {"count", filter_length},
    {"css_string", filter_css_string},
    {"d", filter_default},
    {"date", filter_date},
    {"default", filter_default},
    {"dictsort", filter_dictsort},
    {"e", filter_escape},
    {"escape", filter_escape},
    {"first", filter_first},
    {"float", filter_float},
    {"format", filter_format},
    {"indent", filter_indent},
    {"int", filter_int},
    {"items", filter_items},
    {"join", filter_join},
    {"last", filter_last},
    {"length", filter_length},
    {"list", filter_list},
    {"lower", filter_lower},
    {"map", filter_map},
    {"max", filter_max},
    {"min", filter_min},
    {"money", filter_money},
    {"reject", filter_reject},
    {"rejectattr", filter_rejectattr},
    {"replace", filter_replace},
    {"reverse", filter_reverse},
    {"round", filter_round},
    {"safe", filter_safe},
    {"select", filter_select},
    {"selectattr", filter_selectattr},
    {"sort", filter_sort},
    {"string", filter_string},
    {"striptags", filter_striptags},
    {"sum", filter_sum},
    {"title", filter_title},
    {"tojson", filter_tojson},
    {"trim", filter_trim},
    {"truncate", filter_truncate},
    {"unique", filter_unique},
    {"upper", filter_upper},
    {"wordcount", filter_wordcount},
};

}  // namespace

FilterFn find_filter(std::string_view name) {
  for (const NamedFilter& f : kFilters) {
    if (f.name == name) return f.fn;
  }
  return nullptr;
}

Result<Value> apply_filter(std::string_view name, const Value& input, const CallArgs& args,
                           const Limits& limits) {
  const FilterFn fn = find_filter(name);
  if (!fn) {
    return Error::make(ErrorCode::kUnprocessable, "unknown filter '" + std::string(name) + "'");
  }
  return fn(input, args, limits);
}

}  // namespace dossier::tmpl
