// String filters. With autoescaping on (always, in this engine) they keep a safe input
// safe, like markupsafe's Markup methods do.
#include <algorithm>
#include <cstdio>

#include "tmpl/filter_impl.h"
#include "tmpl/text.h"

namespace dossier::tmpl {
namespace {

// The result of a string transformation, safe if the input was.
Value like(const Value& input, std::string s) {
  return input.is_safe() ? Value::safe(std::move(s)) : Value::of(Json(std::move(s)));
}

bool is_title_separator(char32_t c) {
  return c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || is_space(c);
}

bool is_word_char(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (c >= 0x80 && !is_space(c));
}

// Replaces common HTML entities, as markupsafe's unescape does for striptags.
std::string unescape_entities(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&amp;", "&"},   {"&lt;", "<"},   {"&gt;", ">"},
      {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", "\u00a0"}};
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    bool done = false;
    for (const auto& [name, rep] : kNamed) {
      if (s.substr(i, name.size()) == name) {
        out += rep;
        i += name.size() - 1;
        done = true;
        break;
      }
    }
    const size_t semi = s.find(';', i);
    if (!done && i + 2 < s.size() && s[i + 1] == '#' && semi != std::string_view::npos &&
        semi - i <= 10) {
      const bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
      const std::string digits(s.substr(i + (hex ? 3 : 2), semi - i - (hex ? 3 : 2)));
      char* end = nullptr;
      const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end && *end == '\0' && cp > 0 && cp <= 0x10FFFF) {
        utf8_append(out, static_cast<char32_t>(cp));
        i = semi;
        done = true;
      }
    }
    if (!done) out.push_back('&');
  }
  return out;
}

}  // namespace

Result<Value> bounded_string(std::string s, bool safe, const Limits& limits) {
  if (s.size() > limits.max_output_bytes) {
    return Error::make(
        ErrorCode::kUnprocessable,
        "a string would exceed the limit of " + std::to_string(limits.max_output_bytes) + " bytes");
  }
  return safe ? Value::safe(std::move(s)) : Value::of(Json(std::move(s)));
}

Result<Value> filter_upper(const Value& input, const CallArgs&, const Limits&) {
  return like(input, upper(to_str(input)));
}

Result<Value> filter_lower(const Value& input, const CallArgs&, const Limits&) {
  return like(input, lower(to_str(input)));
}

Result<Value> filter_capitalize(const Value& input, const CallArgs&, const Limits&) {
  std::string out;
  bool first = true;
  for (char32_t c : utf8_decode(to_str(input))) {
    utf8_append(out, first ? to_upper(c) : to_lower(c));
    first = false;
  }
  return like(input, std::move(out));
}

Result<Value> filter_title(const Value& input, const CallArgs&, const Limits&) {
  std::string out;
  bool start = true;
  for (char32_t c : utf8_decode(to_str(input))) {
    utf8_append(out, start ? to_upper(c) : to_lower(c));
    start = is_title_separator(c);
  }
  return like(input, std::move(out));
}

Result<Value> filter_trim(const Value& input, const CallArgs& args, const Limits&) {
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"chars"}, filter_what("trim")));
  const std::string s = to_str(input);
  if (a[0].is_undefined() || a[0].json().is_null()) return like(input, std::string(trim(s)));
  const std::vector<char32_t> cps = utf8_decode(s);
  const std::vector<char32_t> set = utf8_decode(to_str(a[0]));
  auto in_set = [&](char32_t c) { return std::find(set.begin(), set.end(), c) != set.end(); };
  size_t b = 0, e = cps.size();
  while (b < e && in_set(cps[b])) ++b;
  while (e > b && in_set(cps[e - 1])) --e;
  return like(input, utf8_encode(cps, b, e));
}

Result<Value> filter_truncate(const Value& input, const CallArgs& args, const Limits&) {
  const std::string what = filter_what("truncate");
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"length", "killwords", "end", "leeway"}, what));
  DOSSIER_ASSIGN_OR_RETURN(const std::int64_t length, arg_int(a[0], 255, what));
  const bool killwords = arg_bool(a[1], false);
  const std::string end = arg_str(a[2], "...");
  DOSSIER_ASSIGN_OR_RETURN(const std::int64_t leeway, arg_int(a[3], 5, what));
  const auto end_len = static_cast<std::int64_t>(utf8_length(end));
  if (length < end_len) return arg_error(what, "length must be at least the length of end");
  if (leeway < 0) return arg_error(what, "leeway must not be negative");
  const std::string s = to_str(input);
  const std::vector<char32_t> cps = utf8_decode(s);
  if (static_cast<std::int64_t>(cps.size()) <= length + leeway) return input;
  std::string head = utf8_encode(cps, 0, static_cast<size_t>(length - end_len));
  if (!killwords) {
    const size_t space = head.rfind(' ');
    if (space != std::string::npos) head.resize(space);
  }
  return like(input, head + end);
}

Result<Value> filter_replace(const Value& input, const CallArgs& args, const Limits& limits) {
  const std::string what = filter_what("replace");
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"old", "new", "count"}, what));
  if (a[0].is_undefined() || a[1].is_undefined()) return arg_error(what, "needs old and new");
  DOSSIER_ASSIGN_OR_RETURN(std::int64_t count, arg_int(a[2], -1, what));
  bool safe = input.is_safe();
  std::string s = to_str(input);
  if (a[0].is_safe() || (a[1].is_safe() && !safe)) {
    if (!safe) s = html_escape(s);
    safe = true;
  }
  const std::string old_s = safe && !a[0].is_safe() ? html_escape(to_str(a[0])) : to_str(a[0]);
  const std::string new_s = safe && !a[1].is_safe() ? html_escape(to_str(a[1])) : to_str(a[1]);
  std::string out;
  size_t pos = 0;
  if (old_s.empty()) {  // Python inserts `new` around every character
    const std::vector<char32_t> cps = utf8_decode(s);
    for (size_t i = 0; i <= cps.size(); ++i) {
      if (count != 0) {
        out += new_s;
        --count;
      }
      if (i < cps.size()) utf8_append(out, cps[i]);
      if (out.size() > limits.max_output_bytes) break;
    }
    return bounded_string(std::move(out), safe, limits);
  }
  for (size_t hit = s.find(old_s); hit != std::string::npos && count != 0;
       hit = s.find(old_s, pos), --count) {
    out.append(s, pos, hit - pos);
    out += new_s;
    pos = hit + old_s.size();
    if (out.size() > limits.max_output_bytes) break;
  }
  out.append(s, pos, std::string::npos);
  return bounded_string(std::move(out), safe, limits);
}

Result<Value> filter_escape(const Value& input, const CallArgs&, const Limits&) {
  if (input.is_safe()) return input;
  return Value::safe(html_escape(to_str(input)));
}

Result<Value> filter_safe(const Value& input, const CallArgs&, const Limits&) {
  if (input.is_safe()) return input;
  return Value::safe(to_str(input));
}

Result<Value> filter_string(const Value& input, const CallArgs&, const Limits&) {
  if (input.is_safe()) return input;
  return Value::of(Json(to_str(input)));
}

Result<Value> filter_striptags(const Value& input, const CallArgs&, const Limits&) {
  const std::string s = to_str(input);
  std::string text;
  size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 4, "<!--") == 0) {
      const size_t end = s.find("-->", i + 4);
      if (end == std::string::npos) break;
      i = end + 3;
    } else if (s[i] == '<' && s.find('>', i) != std::string::npos) {
      i = s.find('>', i) + 1;
    } else {
      text.push_back(s[i++]);
    }
  }
  std::string collapsed;
  for (size_t k = 0; k < text.size();) {
    const size_t b = text.find_first_not_of(" \t\n\r\f\v", k);
    if (b == std::string::npos) break;
    const size_t e = std::min(text.find_first_of(" \t\n\r\f\v", b), text.size());
    if (!collapsed.empty()) collapsed.push_back(' ');
    collapsed.append(text, b, e - b);
    k = e;
  }
  return Value::of(Json(unescape_entities(collapsed)));
}

Result<Value> filter_wordcount(const Value& input, const CallArgs&, const Limits&) {
  std::int64_t n = 0;
  bool in_word = false;
  for (char32_t c : utf8_decode(to_str(input))) {
    const bool w = is_word_char(c);
    if (w && !in_word) ++n;
    in_word = w;
  }
  return Value::of(Json(n));
}

Result<Value> filter_indent(const Value& input, const CallArgs& args, const Limits& limits) {
  const std::string what = filter_what("indent");
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"width", "first", "blank"}, what));
  std::string pad;
  if (a[0].is_json() && a[0].json().is_string()) {
    pad = a[0].json().get<std::string>();
  } else {
    DOSSIER_ASSIGN_OR_RETURN(std::int64_t width, arg_int(a[0], 4, what));
    pad.assign(static_cast<size_t>(std::clamp<std::int64_t>(width, 0, 1000)), ' ');
  }
  const bool first = arg_bool(a[1], false), blank = arg_bool(a[2], false);
  const std::string s = to_str(input);
  std::string out = first ? pad : "";
  size_t start = 0;
  for (bool first_line = true; start <= s.size(); first_line = false) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    const std::string_view line(s.data() + start, nl - start);
    if (!first_line) {
      out.push_back('\n');
      if (blank || !line.empty()) out += pad;
    }
    out += line;
    if (out.size() > limits.max_output_bytes) break;
    start = nl + 1;
    if (nl == s.size()) break;
  }
  return bounded_string(std::move(out), input.is_safe(), limits);
}

Result<Value> filter_default(const Value& input, const CallArgs& args, const Limits&) {
  DOSSIER_ASSIGN_OR_RETURN(auto a,
                           bind_args(args, {"default_value", "boolean"}, filter_what("default")));
  const bool boolean = arg_bool(a[1], false);
  if (input.is_undefined() || (boolean && !truthy(input))) {
    if (a[0].is_undefined()) return Value::of(Json(""));
    return a[0];
  }
  return input;
}

}  // namespace dossier::tmpl
