// `tojson`: Python's json.dumps(value, sort_keys=True) made safe for HTML and <script>, as
// Jinja's htmlsafe_json_dumps does (<, >, &, ' become \u escapes).
#include <algorithm>
#include <cstdio>

#include "tmpl/filter_impl.h"
#include "tmpl/text.h"

namespace dossier::tmpl {
namespace {

void append_u(std::string& out, unsigned v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\u%04x", v);
  out += buf;
}

void dump_string(std::string& out, const std::string& s) {
  out.push_back('"');
  for (char32_t c : utf8_decode(s)) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '<':
      case '>':
      case '&':
      case '\'':
        append_u(out, c);
        break;
      default:
        if (c < 0x20 || c >= 0x7F) {
          if (c >= 0x10000) {
            const char32_t v = c - 0x10000;
            append_u(out, 0xD800 + (v >> 10));
            append_u(out, 0xDC00 + (v & 0x3FF));
          } else {
            append_u(out, c);
          }
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void dump(std::string& out, const Json& j, int indent, int level);

void newline(std::string& out, int indent, int level) {
  if (indent < 0) return;
  out.push_back('\n');
  out.append(static_cast<size_t>(indent * level), ' ');
}

void dump_container(std::string& out, const Json& j, int indent, int level) {
  const bool obj = j.is_object();
  if (j.empty()) {
    out += obj ? "{}" : "[]";
    return;
  }
  out.push_back(obj ? '{' : '[');
  std::vector<std::pair<const std::string*, const Json*>> members;
  if (obj) {
    for (auto it = j.begin(); it != j.end(); ++it) members.emplace_back(&it.key(), &it.value());
    std::stable_sort(members.begin(), members.end(),
                     [](const auto& a, const auto& b) { return *a.first < *b.first; });
  } else {
    for (const Json& item : j) members.emplace_back(nullptr, &item);
  }
  bool first = true;
  for (const auto& [key, value] : members) {
    if (!first) out += indent < 0 ? ", " : ",";
    first = false;
    newline(out, indent, level + 1);
    if (key) {
      dump_string(out, *key);
      out += ": ";
    }
    dump(out, *value, indent, level + 1);
  }
  newline(out, indent, level);
  out.push_back(obj ? '}' : ']');
}

void dump(std::string& out, const Json& j, int indent, int level) {
  switch (j.type()) {
    case Json::value_t::null:
      out += "null";
      return;
    case Json::value_t::boolean:
      out += j.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::string:
      dump_string(out, j.get_ref<const std::string&>());
      return;
    case Json::value_t::number_float: {
      const double d = j.get<double>();
      out += d != d            ? "NaN"
             : d == 1.0 / 0.0  ? "Infinity"
             : d == -1.0 / 0.0 ? "-Infinity"
                               : format_float(d);
      return;
    }
    case Json::value_t::array:
    case Json::value_t::object:
      dump_container(out, j, indent, level);
      return;
    default:
      append_json_str(out, j);
      return;
  }
}

}  // namespace

Result<Value> filter_tojson(const Value& input, const CallArgs& args, const Limits& limits) {
  const std::string what = filter_what("tojson");
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"indent"}, what));
  DOSSIER_ASSIGN_OR_RETURN(std::int64_t indent, arg_int(a[0], -1, what));
  DOSSIER_ASSIGN_OR_RETURN(Json j, to_json(input));
  std::string out;
  dump(out, j, static_cast<int>(std::clamp<std::int64_t>(indent, -1, 16)), 0);
  return bounded_string(std::move(out), true, limits);
}

}  // namespace dossier::tmpl
