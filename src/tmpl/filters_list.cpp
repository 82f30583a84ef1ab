// Filters over sequences and dicts. Sorting is stable and, like Python, refuses to order
// values of different kinds (numbers vs strings); strings compare case-insensitively
// unless case_sensitive=true.
#include <algorithm>
#include <unordered_set>

#include "tmpl/access.h"
#include "tmpl/filter_impl.h"
#include "tmpl/operators.h"
#include "tmpl/text.h"

namespace dossier::tmpl {
namespace {

// Kinds Python can order among themselves: 0 numbers, 1 strings, 2 lists, 3 the rest.
int order_class(const Json& j) {
  if (is_numeric(j)) return 0;
  if (j.is_string()) return 1;
  if (j.is_array()) return 2;
  return 3;
}

// A total order consistent with order() where order() succeeds, so sorting is always
// well-defined even for lists of mixed lists.
bool total_less(const Json& a, const Json& b) {
  const int ca = order_class(a), cb = order_class(b);
  if (ca != cb) return ca < cb;
  if (ca == 0) return to_double(a) < to_double(b);
  if (ca == 1) return a.get_ref<const std::string&>() < b.get_ref<const std::string&>();
  if (ca == 2) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
      if (total_less(a[i], b[i])) return true;
      if (total_less(b[i], a[i])) return false;
    }
    return a.size() < b.size();
  }
  return false;
}

Json sort_key(const Value& item, const Value& attribute, bool case_sensitive) {
  const Value v = attribute.is_undefined() ? item : get_path(item, to_str(attribute));
  const Json& j = v.json();
  if (!case_sensitive && j.is_string()) return Json(lower(j.get_ref<const std::string&>()));
  return j;
}

Status check_orderable(const std::vector<Json>& keys, std::string_view filter) {
  for (size_t i = 1; i < keys.size(); ++i) {
    const int c = order_class(keys[i]);
    if (c != order_class(keys[0]) || c == 3) {
      return arg_error(filter_what(filter), "cannot order " + type_name(Value::borrow(keys[0])) +
                                                " and " + type_name(Value::borrow(keys[i])));
    }
  }
  return {};
}

Result<Value> to_list(const std::vector<Value>& items) {
  for (const Value& v : items) DOSSIER_TRY(check_storable(v));  // storable and not too deep
  return Value::list(items);
}

// Positions of `items` in sorted order of their keys.
Result<std::vector<size_t>> sorted_positions(const std::vector<Value>& items,
                                             const Value& attribute, bool case_sensitive,
                                             std::string_view filter) {
  std::vector<Json> keys;
  keys.reserve(items.size());
  for (const Value& item : items) keys.push_back(sort_key(item, attribute, case_sensitive));
  DOSSIER_TRY(check_orderable(keys, filter));
  std::vector<size_t> pos(items.size());
  for (size_t i = 0; i < pos.size(); ++i) pos[i] = i;
  std::stable_sort(pos.begin(), pos.end(),
                   [&](size_t a, size_t b) { return total_less(keys[a], keys[b]); });
  return pos;
}

Result<Value> select_impl(const Value& input, const CallArgs& args, const Limits& limits,
                          bool by_attr, bool keep) {
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Value> items, iterate(input, limits));
  size_t next = 0;
  std::string attr;
  if (by_attr) {
    if (args.positional.empty()) return arg_error("selectattr", "needs an attribute name");
    attr = to_str(args.positional[next++]);
  }
  std::string test;
  if (next < args.positional.size()) test = to_str(args.positional[next++]);
  CallArgs test_args;
  test_args.positional.assign(args.positional.begin() + static_cast<long>(next),
                              args.positional.end());
  test_args.keyword = args.keyword;
  std::vector<Value> kept;
  for (const Value& item : items) {
    const Value v = by_attr ? get_path(item, attr) : item;
    bool pass = false;
    if (test.empty()) {
      pass = truthy(v);
    } else {
      DOSSIER_ASSIGN_OR_RETURN(pass, apply_test(test, v, test_args));
    }
    if (pass == keep) kept.push_back(item);
  }
  return to_list(kept);
}

Result<Value> first_or_last(const Value& input, bool first) {
  const Json& j = input.json();
  if (input.is_json() && j.is_array()) {
    if (j.empty()) return Value::undefined();
    return Value::child(input, first ? j.front() : j.back());
  }
  if (input.is_json() && j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s.empty()) return Value::undefined();
    // Only the first or last code point is decoded, not the whole string.
    size_t b = 0, e = s.size();
    if (first) {
      e = 1;
      while (e < s.size() && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80 && e < 4) ++e;
    } else {
      b = s.size() - 1;
      while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80 && s.size() - b < 4) --b;
    }
    const std::vector<char32_t> cps = utf8_decode(std::string_view(s).substr(b, e - b));
    std::string out;
    utf8_append(out, first ? cps.front() : cps.back());
    return Value::of(Json(std::move(out)));
  }
  if (input.is_undefined()) return Value::undefined();
  return arg_error(filter_what(first ? "first" : "last"), "expected a list or string");
}

Result<Value> min_max(const Value& input, const CallArgs& args, const Limits& limits, bool max) {
  const char* name = max ? "max" : "min";
  DOSSIER_ASSIGN_OR_RETURN(auto a,
                           bind_args(args, {"case_sensitive", "attribute"}, filter_what(name)));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Value> items, iterate(input, limits));
  if (items.empty()) return Value::undefined();
  DOSSIER_ASSIGN_OR_RETURN(auto pos, sorted_positions(items, a[1], arg_bool(a[0], false), name));
  return items[max ? pos.back() : pos.front()];
}

}  // namespace

Result<Value> filter_length(const Value& input, const CallArgs&, const Limits&) {
  const Json& j = input.json();
  if (input.is_undefined()) return Value::of(Json(0));
  if (input.is_json() && j.is_string()) {
    return Value::of(Json(static_cast<std::int64_t>(utf8_length(j.get_ref<const std::string&>()))));
  }
  if (input.is_json() && (j.is_array() || j.is_object())) {
    return Value::of(Json(static_cast<std::int64_t>(j.size())));
  }
  if (input.kind() == Value::Kind::kNamespace) {
    return Value::of(Json(static_cast<std::int64_t>(input.ns()->attrs.size())));
  }
  return arg_error(filter_what("length"), a_type_name(input) + " has no length");
}

Result<Value> filter_first(const Value& input, const CallArgs&, const Limits&) {
  return first_or_last(input, true);
}

Result<Value> filter_last(const Value& input, const CallArgs&, const Limits&) {
  return first_or_last(input, false);
}

Result<Value> filter_join(const Value& input, const CallArgs& args, const Limits& limits) {
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"d", "attribute"}, filter_what("join")));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Value> items, iterate(input, limits));
  if (!a[1].is_undefined()) {
    for (Value& item : items) item = get_path(item, to_str(a[1]));
  }
  // markupsafe: once anything is safe, everything unsafe is escaped and the result is safe.
  bool safe = a[0].is_safe();
  for (const Value& item : items) safe = safe || item.is_safe();
  const std::string sep = to_str(a[0]);
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      if (safe && !a[0].is_safe())
        append_escaped(out, sep);
      else
        out += sep;
    }
    if (safe && !items[i].is_safe())
      append_escaped(out, to_str(items[i]));
    else
      append_str(out, items[i]);
    if (out.size() > limits.max_output_bytes) break;
  }
  return bounded_string(std::move(out), safe, limits);
}

Result<Value> filter_sort(const Value& input, const CallArgs& args, const Limits& limits) {
  DOSSIER_ASSIGN_OR_RETURN(
      auto a, bind_args(args, {"reverse", "case_sensitive", "attribute"}, filter_what("sort")));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Value> items, iterate(input, limits));
  DOSSIER_ASSIGN_OR_RETURN(auto pos, sorted_positions(items, a[2], arg_bool(a[1], false), "sort"));
  if (arg_bool(a[0], false)) {
    // Python's reverse=True keeps equal items in their original order.
    std::vector<Json> keys;
    for (const Value& item : items) keys.push_back(sort_key(item, a[2], arg_bool(a[1], false)));
    std::stable_sort(pos.begin(), pos.end(),
                     [&](size_t x, size_t y) { return total_less(keys[y], keys[x]); });
  }
  std::vector<Value> sorted;
  for (size_t p : pos) sorted.push_back(items[p]);
  return to_list(sorted);
}

Result<Value> filter_reverse(const Value& input, const CallArgs&, const Limits& limits) {
  if (input.is_json() && input.json().is_string()) {
    std::vector<char32_t> cps = utf8_decode(input.json().get_ref<const std::string&>());
    std::reverse(cps.begin(), cps.end());
    return Value::of(Json(utf8_encode(cps)));
  }
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Value> items, iterate(input, limits));
  std::reverse(items.begin(), items.end());
  return to_list(items);
}

Result<Value> filter_unique(const Value& input, const CallArgs& args, const Limits& limits) {
  DOSSIER_ASSIGN_OR_RETURN(auto a,
                           bind_args(args, {"case_sensitive", "attribute"}, filter_what("unique")));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Value> items, iterate(input, limits));
  std::unordered_set<std::string> seen;
  std::vector<Value> kept;
  for (const Value& item : items) {
    if (seen.insert(sort_key(item, a[1], arg_bool(a[0], false)).dump()).second) {
      kept.push_back(item);
    }
  }
  return to_list(kept);
}

Result<Value> filter_min(const Value& input, const CallArgs& args, const Limits& limits) {
  return min_max(input, args, limits, false);
}

Result<Value> filter_max(const Value& input, const CallArgs& args, const Limits& limits) {
  return min_max(input, args, limits, true);
}

Result<Value> filter_list(const Value& input, const CallArgs&, const Limits& limits) {
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Value> items, iterate(input, limits));
  return to_list(items);
}

Result<Value> filter_map(const Value& input, const CallArgs& args, const RenderOptions& options) {
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Value> items, iterate(input, options.limits));
  const Value* attribute = nullptr;
  const Value* fallback = nullptr;
  for (const auto& [k, v] : args.keyword) {
    if (k == "attribute") attribute = &v;
    if (k == "default") fallback = &v;
  }
  std::vector<Value> out;
  if (attribute) {
    for (const Value& item : items) {
      Value v = get_path(item, to_str(*attribute));
      out.push_back(v.is_undefined() && fallback ? *fallback : v);
    }
    return to_list(out);
  }
  if (args.positional.empty())
    return arg_error("filter 'map'", "needs a filter name or attribute=");
  if (args.positional.size() > 16) return arg_error("filter 'map'", "too many arguments");
  const std::string name = to_str(args.positional[0]);
  CallArgs rest;
  rest.positional.assign(args.positional.begin() + 1, args.positional.end());
  rest.keyword = args.keyword;
  for (const Value& item : items) {
    DOSSIER_ASSIGN_OR_RETURN(Value v, apply_filter(name, item, rest, options));
    out.push_back(std::move(v));
  }
  return to_list(out);
}

Result<Value> filter_select(const Value& input, const CallArgs& args, const Limits& limits) {
  return select_impl(input, args, limits, false, true);
}

Result<Value> filter_reject(const Value& input, const CallArgs& args, const Limits& limits) {
  return select_impl(input, args, limits, false, false);
}

Result<Value> filter_selectattr(const Value& input, const CallArgs& args, const Limits& limits) {
  return select_impl(input, args, limits, true, true);
}

Result<Value> filter_rejectattr(const Value& input, const CallArgs& args, const Limits& limits) {
  return select_impl(input, args, limits, true, false);
}

Result<Value> filter_items(const Value& input, const CallArgs&, const Limits&) {
  Json out = Json::array();
  if (input.is_undefined()) return Value::of(std::move(out));
  if (!input.is_json() || !input.json().is_object()) {
    return arg_error(filter_what("items"), "expected a dict, not " + type_name(input));
  }
  for (auto it = input.json().begin(); it != input.json().end(); ++it) {
    out.push_back(Json::array({it.key(), it.value()}));
  }
  return Value::of(std::move(out));
}

Result<Value> filter_dictsort(const Value& input, const CallArgs& args, const Limits& limits) {
  const std::string what = filter_what("dictsort");
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"case_sensitive", "by", "reverse"}, what));
  const std::string by = arg_str(a[1], "key");
  if (by != "key" && by != "value") return arg_error(what, "by must be 'key' or 'value'");
  DOSSIER_ASSIGN_OR_RETURN(Value pairs, filter_items(input, {}, limits));
  const Value index = Value::of(Json(by == "key" ? "0" : "1"));
  CallArgs sort_args;
  sort_args.keyword = {{"reverse", a[2]}, {"case_sensitive", a[0]}, {"attribute", index}};
  return filter_sort(pairs, sort_args, limits);
}

Result<Value> filter_batch(const Value& input, const CallArgs& args, const Limits& limits) {
  const std::string what = filter_what("batch");
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"linecount", "fill_with"}, what));
  DOSSIER_ASSIGN_OR_RETURN(std::int64_t n, arg_int(a[0], 1, what));
  if (n < 1) return arg_error(what, "linecount must be positive");
  if (static_cast<std::uint64_t>(n) > limits.max_loop_iterations) {
    return arg_error(what, "linecount exceeds the loop limit");
  }
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Value> items, iterate(input, limits));
  Json out = Json::array(), row = Json::array();
  for (const Value& item : items) {
    DOSSIER_ASSIGN_OR_RETURN(Json j, to_json(item));
    row.push_back(std::move(j));
    if (static_cast<std::int64_t>(row.size()) == n)
      out.push_back(std::exchange(row, Json::array()));
  }
  if (!row.empty()) {
    if (!a[1].is_undefined()) {
      DOSSIER_ASSIGN_OR_RETURN(Json fill, to_json(a[1]));
      while (static_cast<std::int64_t>(row.size()) < n) row.push_back(fill);
    }
    out.push_back(std::move(row));
  }
  return Value::of(std::move(out));
}

}  // namespace dossier::tmpl
