// Internal: the filter and test functions, grouped by the file that defines them, and
// helpers they share. Registered by name in filters.cpp. Filters take the limits; the few
// that read the render's other options (date, and map, which applies filters) take those.
#pragma once

#include <string>
#include <string_view>

#include "tmpl/filters.h"

namespace dossier::tmpl {

#define DOSSIER_TMPL_FILTER(name) \
  Result<Value> name(const Value& input, const CallArgs& args, const Limits& limits)
#define DOSSIER_TMPL_OPTIONS_FILTER(name) \
  Result<Value> name(const Value& input, const CallArgs& args, const RenderOptions& options)

// filters_string.cpp
DOSSIER_TMPL_FILTER(filter_upper);
DOSSIER_TMPL_FILTER(filter_lower);
DOSSIER_TMPL_FILTER(filter_capitalize);
DOSSIER_TMPL_FILTER(filter_title);
DOSSIER_TMPL_FILTER(filter_trim);
DOSSIER_TMPL_FILTER(filter_truncate);
DOSSIER_TMPL_FILTER(filter_replace);
DOSSIER_TMPL_FILTER(filter_escape);
DOSSIER_TMPL_FILTER(filter_safe);
DOSSIER_TMPL_FILTER(filter_string);
DOSSIER_TMPL_FILTER(filter_striptags);
DOSSIER_TMPL_FILTER(filter_wordcount);
DOSSIER_TMPL_FILTER(filter_indent);
DOSSIER_TMPL_FILTER(filter_default);
DOSSIER_TMPL_FILTER(filter_tojson);

// filters_number.cpp
DOSSIER_TMPL_FILTER(filter_abs);
DOSSIER_TMPL_FILTER(filter_round);
DOSSIER_TMPL_FILTER(filter_int);
DOSSIER_TMPL_FILTER(filter_float);
DOSSIER_TMPL_FILTER(filter_sum);

// filters_list.cpp
DOSSIER_TMPL_FILTER(filter_length);
DOSSIER_TMPL_FILTER(filter_first);
DOSSIER_TMPL_FILTER(filter_last);
DOSSIER_TMPL_FILTER(filter_join);
DOSSIER_TMPL_FILTER(filter_sort);
DOSSIER_TMPL_FILTER(filter_reverse);
DOSSIER_TMPL_FILTER(filter_unique);
DOSSIER_TMPL_FILTER(filter_min);
DOSSIER_TMPL_FILTER(filter_max);
DOSSIER_TMPL_FILTER(filter_list);
DOSSIER_TMPL_OPTIONS_FILTER(filter_map);
DOSSIER_TMPL_FILTER(filter_select);
DOSSIER_TMPL_FILTER(filter_reject);
DOSSIER_TMPL_FILTER(filter_selectattr);
DOSSIER_TMPL_FILTER(filter_rejectattr);
DOSSIER_TMPL_FILTER(filter_dictsort);
DOSSIER_TMPL_FILTER(filter_items);
DOSSIER_TMPL_FILTER(filter_batch);

// filter_date.cpp
DOSSIER_TMPL_OPTIONS_FILTER(filter_date);

// filters_format.cpp
DOSSIER_TMPL_FILTER(filter_format);
DOSSIER_TMPL_FILTER(filter_css_string);
DOSSIER_TMPL_FILTER(filter_money);

#undef DOSSIER_TMPL_FILTER
#undef DOSSIER_TMPL_OPTIONS_FILTER

//! A string built by a filter, checked against the output limit.
Result<Value> bounded_string(std::string s, bool safe, const Limits& limits);

//! "filter 'name'", for argument errors.
inline std::string filter_what(std::string_view name) {
  return "filter '" + std::string(name) + "'";
}

}  // namespace dossier::tmpl
