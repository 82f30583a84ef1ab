// `format(*args, **kwargs)`: Python's printf-style `%` formatting, as Jinja's filter:
// "%.1f%%"|format(62.5) → "62.5%", "%(n)d"|format(n=3). Supports the flags "-+ 0#", widths
// and precisions (digits or "*"), and the conversions s r d i u f F e E g G x X o c %.
//
// `money(symbol='$', cents=true)`: an amount of money, by default in integer cents as the
// record stores every amount: 123456|money → "$1,234.56", -500|money → "-$5.00". Input that
// is not a number (none, undefined, text) is returned unchanged, so `|money|default('—', true)`
// handles a missing amount.
//
// `css_string`: the input as a quoted CSS string literal, marked safe, for data inside a
// <style> element (e.g. a patient's name in an @page margin box): quotes, backslashes,
// control characters and "<", ">", "&" become CSS escapes, so the value can neither end the
// string nor the <style> element. Undefined and none give "".
#include <cmath>
#include <cstdio>
#include <limits>

#include "tmpl/filter_impl.h"
#include "tmpl/operators.h"

namespace dossier::tmpl {
namespace {

// Widths and precisions beyond this are refused (they would only build huge strings).
constexpr std::int64_t kMaxWidth = 1000;

struct Spec {
  std::string flags;
  std::int64_t width = -1;
  std::int64_t precision = -1;
  char conv = 0;
};

class Formatter {
 public:
  Formatter(const CallArgs& args, const Limits& limits) : args_(args), limits_(limits) {}

  Result<std::string> run(const std::string& fmt) {
    std::string out;
    size_t i = 0;
    while (i < fmt.size()) {
      const size_t pct = fmt.find('%', i);
      out.append(fmt, i, pct == std::string::npos ? std::string::npos : pct - i);
      if (pct == std::string::npos) break;
      i = pct + 1;
      DOSSIER_TRY(one(fmt, i, out));
      if (out.size() > limits_.max_output_bytes) return fail("the result is too large");
    }
    if (!used_key_ && next_ < args_.positional.size()) {
      return fail("not all arguments converted during string formatting");
    }
    return out;
  }

 private:
  static Error fail(std::string_view message) { return arg_error(filter_what("format"), message); }

  Result<Value> take() {
    if (next_ >= args_.positional.size()) return fail("not enough arguments for format string");
    return args_.positional[next_++];
  }

  Result<std::int64_t> number(const std::string& fmt, size_t& i) {
    if (i < fmt.size() && fmt[i] == '*') {
      ++i;
      DOSSIER_ASSIGN_OR_RETURN(Value v, take());
      if (!v.is_json() || !is_integer(v.json())) return fail("* wants an integer");
      return to_int(v.json());
    }
    std::int64_t n = 0;
    while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
      n = n * 10 + (fmt[i++] - '0');
      if (n > kMaxWidth) return fail("width or precision too large");
    }
    return n;
  }

  Status one(const std::string& fmt, size_t& i, std::string& out) {
    Value arg;
    bool have_arg = false;
    if (i < fmt.size() && fmt[i] == '(') {
      const size_t close = fmt.find(')', i);
      if (close == std::string::npos) return fail("incomplete format key");
      const std::string key = fmt.substr(i + 1, close - i - 1);
      i = close + 1;
      used_key_ = true;
      arg = Value::undefined();
      for (const auto& [k, v] : args_.keyword) {
        if (k == key) arg = v;
      }
      if (arg.is_undefined() && args_.positional.size() == 1 && args_.positional[0].is_json() &&
          args_.positional[0].json().is_object()) {
        auto it = args_.positional[0].json().find(key);
        if (it != args_.positional[0].json().end()) arg = Value::child(args_.positional[0], *it);
      }
      if (arg.is_undefined()) return fail("no value for a format key");
      have_arg = true;
    }
    Spec spec;
    while (i < fmt.size() && std::string_view("-+ 0#").find(fmt[i]) != std::string_view::npos) {
      spec.flags.push_back(fmt[i++]);
    }
    DOSSIER_ASSIGN_OR_RETURN(spec.width, number(fmt, i));
    if (spec.width < 0) {
      spec.flags.push_back('-');
      spec.width = -spec.width;
    }
    if (spec.width > kMaxWidth) return fail("width or precision too large");
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      DOSSIER_ASSIGN_OR_RETURN(spec.precision, number(fmt, i));
      if (spec.precision < 0 || spec.precision > kMaxWidth) {
        return fail("width or precision too large");
      }
    }
    while (i < fmt.size() && (fmt[i] == 'l' || fmt[i] == 'h' || fmt[i] == 'L')) ++i;
    if (i >= fmt.size()) return fail("incomplete format");
    spec.conv = fmt[i++];
    if (spec.conv == '%') {
      out.push_back('%');
      return {};
    }
    if (!have_arg) {
      DOSSIER_ASSIGN_OR_RETURN(arg, take());
    }
    return convert(spec, arg, out);
  }

  Status convert(const Spec& spec, const Value& arg, std::string& out) {
    const std::string flags = spec.flags;
    const bool left = flags.find('-') != std::string::npos;
    switch (spec.conv) {
      case 's':
      case 'r': {
        std::string s;
        if (spec.conv == 'r' && arg.is_json() && arg.json().is_string()) {
          append_repr(s, arg.json());
        } else {
          s = to_str(arg);
        }
        if (spec.precision >= 0 && static_cast<size_t>(spec.precision) < s.size()) {
          s.resize(static_cast<size_t>(spec.precision));
        }
        pad(s, spec.width, left, out);
        return {};
      }
      case 'c': {
        std::string s = to_str(arg);
        if (arg.is_json() && is_integer(arg.json())) {
          const std::int64_t cp = to_int(arg.json());
          if (cp < 0 || cp > 127) return fail("%c supports ASCII code points only");
          s = std::string(1, static_cast<char>(cp));
        }
        if (s.size() != 1) return fail("%c requires a single character");
        pad(s, spec.width, left, out);
        return {};
      }
      default:
        break;
    }
    if (!arg.is_json() || !is_numeric(arg.json())) {
      return fail(std::string("%") + spec.conv + " requires a number, not " + type_name(arg));
    }
    const Json& j = arg.json();
    std::string cfmt = "%" + flags;
    if (spec.width >= 0) cfmt += std::to_string(spec.width);
    char buf[2 * kMaxWidth + 400];
    switch (spec.conv) {
      case 'd':
      case 'i':
      case 'u': {
        const double d = to_double(j);
        if (!std::isfinite(d)) return fail("cannot convert an infinite or NaN float to integer");
        const long long v =
            fits_int(j) ? static_cast<long long>(to_int(j)) : static_cast<long long>(std::trunc(d));
        if (spec.precision >= 0) cfmt += "." + std::to_string(spec.precision);
        std::erase(cfmt, '#');  // no alternate form for decimals
        cfmt += "lld";
        std::snprintf(buf, sizeof buf, cfmt.c_str(), v);
        break;
      }
      case 'x':
      case 'X':
      case 'o': {
        if (!fits_int(j) || j.is_number_float()) return fail("%x and %o require an integer");
        const long long v = static_cast<long long>(to_int(j));
        const unsigned long long mag =
            v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
        const bool alternate = flags.find('#') != std::string::npos;
        const std::string digits_fmt = std::string("%ll") + spec.conv;
        char digits[64];
        std::snprintf(digits, sizeof digits, digits_fmt.c_str(), mag);
        const std::string prefix = !alternate         ? ""
                                   : spec.conv == 'o' ? "0o"
                                   : spec.conv == 'x' ? "0x"
                                                      : "0X";
        std::string s = (v < 0                                  ? "-"
                         : flags.find('+') != std::string::npos ? "+"
                                                                : "") +
                        prefix + std::string(digits);
        if (flags.find('0') != std::string::npos && !left) {
          while (static_cast<std::int64_t>(s.size()) < spec.width) {
            s.insert(s[0] == '-' || s[0] == '+' ? 1 : 0, "0");
          }
        }
        pad(s, spec.width, left, out);
        return {};
      }
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        cfmt += "." + std::to_string(spec.precision >= 0 ? spec.precision : 6);
        cfmt.push_back(spec.conv);
        std::snprintf(buf, sizeof buf, cfmt.c_str(), to_double(j));
        break;
      }
      default:
        return fail(std::string("unsupported format character '") + spec.conv + "'");
    }
    out += buf;
    return {};
  }

  static void pad(const std::string& s, std::int64_t width, bool left, std::string& out) {
    const size_t w = width > 0 ? static_cast<size_t>(width) : 0;
    if (!left && s.size() < w) out.append(w - s.size(), ' ');
    out += s;
    if (left && s.size() < w) out.append(w - s.size(), ' ');
  }

  const CallArgs& args_;
  const Limits& limits_;
  size_t next_ = 0;
  bool used_key_ = false;
};

std::string group_thousands(std::string digits) {
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<size_t>(i), ",");
  }
  return digits;
}

}  // namespace

Result<Value> filter_css_string(const Value& input, const CallArgs& args, const Limits& limits) {
  DOSSIER_TRY(bind_args(args, {}, filter_what("css_string")));
  const std::string s =
      input.is_undefined() || (input.is_json() && input.json().is_null()) ? "" : to_str(input);
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%x ", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
  return bounded_string(std::move(out), true, limits);
}

Result<Value> filter_format(const Value& input, const CallArgs& args, const Limits& limits) {
  if (!input.is_json() || !input.json().is_string()) {
    return arg_error(filter_what("format"), "expected a format string, not " + type_name(input));
  }
  Formatter f(args, limits);
  DOSSIER_ASSIGN_OR_RETURN(std::string out, f.run(input.json().get<std::string>()));
  return bounded_string(std::move(out), false, limits);
}

Result<Value> filter_money(const Value& input, const CallArgs& args, const Limits& limits) {
  const std::string what = filter_what("money");
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"symbol", "cents"}, what));
  const std::string symbol = arg_str(a[0], "$");
  const bool in_cents = arg_bool(a[1], true);
  if (!input.is_json() || !is_numeric(input.json()) || input.json().is_boolean()) return input;
  const double amount = to_double(input.json()) * (in_cents ? 1.0 : 100.0);
  if (!std::isfinite(amount) || std::fabs(amount) > 9e15) return input;
  const long long cents = std::llround(amount);
  const unsigned long long mag = cents < 0 ? 0ULL - static_cast<unsigned long long>(cents)
                                           : static_cast<unsigned long long>(cents);
  std::string frac = std::to_string(mag % 100);
  if (frac.size() < 2) frac.insert(frac.begin(), '0');
  std::string out =
      (cents < 0 ? "-" : "") + symbol + group_thousands(std::to_string(mag / 100)) + "." + frac;
  return bounded_string(std::move(out), false, limits);
}

}  // namespace dossier::tmpl
