// `date(format)`: formats "YYYY-MM-DD" or an ISO 8601 timestamp with strftime-like
// directives, in English, using the wall-clock time as written (an offset is not applied).
// Input that is not such a string is returned unchanged, so a template never fails on a
// malformed date.
#include "core/dates.h"
#include "tmpl/filter_impl.h"

namespace dossier::tmpl {
namespace {

struct DateTime {
  Date date;
  int hour = 0, minute = 0, second = 0;
};

bool two_digits(std::string_view s, size_t pos, int& out) {
  if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9') {
    return false;
  }
  out = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  return true;
}

// "YYYY-MM-DD" or "YYYY-MM-DD[T ]HH:MM[:SS[.fff…]][Z|±HH:MM|±HHMM]".
std::optional<DateTime> parse(std::string_view s) {
  auto d = parse_date(s.substr(0, 10));
  if (!d) return std::nullopt;
  DateTime dt{*d};
  if (s.size() == 10) return dt;
  if ((s[10] != 'T' && s[10] != ' ') || !two_digits(s, 11, dt.hour) || s.size() < 16 ||
      s[13] != ':' || !two_digits(s, 14, dt.minute) || dt.hour > 23 || dt.minute > 59) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!two_digits(s, pos + 1, dt.second) || dt.second > 60) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      const size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  std::string_view rest = s.substr(pos);
  if (rest.empty() || rest == "Z" || rest == "z") return dt;
  int hh = 0, mm = 0;
  if ((rest[0] == '+' || rest[0] == '-') && two_digits(rest, 1, hh) && hh <= 23) {
    if (rest.size() == 6 && rest[3] == ':' && two_digits(rest, 4, mm) && mm <= 59) return dt;
    if (rest.size() == 5 && two_digits(rest, 3, mm) && mm <= 59) return dt;
    if (rest.size() == 3) return dt;
  }
  return std::nullopt;
}

constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
constexpr const char* kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};

void pad(std::string& out, int v, int width, bool no_pad, char fill = '0') {
  std::string digits = std::to_string(v);
  if (!no_pad) {
    while (static_cast<int>(digits.size()) < width) digits.insert(digits.begin(), fill);
  }
  out += digits;
}

// Appends one directive; returns false if `c` is not one.
bool directive(std::string& out, char c, bool no_pad, const DateTime& t) {
  const int weekday = static_cast<int>(((days_from_civil(t.date) % 7) + 11) % 7);  // 0=Sunday
  const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  switch (c) {
    case 'Y':
      pad(out, t.date.year, 4, no_pad);
      return true;
    case 'y':
      pad(out, t.date.year % 100, 2, no_pad);
      return true;
    case 'm':
      pad(out, t.date.month, 2, no_pad);
      return true;
    case 'd':
      pad(out, t.date.day, 2, no_pad);
      return true;
    case 'e':
      pad(out, t.date.day, 2, no_pad, ' ');
      return true;
    case 'B':
      out += kMonths[t.date.month - 1];
      return true;
    case 'b':
    case 'h':
      out += std::string(kMonths[t.date.month - 1]).substr(0, 3);
      return true;
    case 'A':
      out += kDays[weekday];
      return true;
    case 'a':
      out += std::string(kDays[weekday]).substr(0, 3);
      return true;
    case 'H':
      pad(out, t.hour, 2, no_pad);
      return true;
    case 'I':
      pad(out, hour12, 2, no_pad);
      return true;
    case 'M':
      pad(out, t.minute, 2, no_pad);
      return true;
    case 'S':
      pad(out, t.second, 2, no_pad);
      return true;
    case 'p':
      out += t.hour < 12 ? "AM" : "PM";
      return true;
    case 'j': {
      const long doy = days_from_civil(t.date) - days_from_civil(Date{t.date.year, 1, 1}) + 1;
      pad(out, static_cast<int>(doy), 3, no_pad);
      return true;
    }
    case 'F':
      out += t.date.str();
      return true;
    case '%':
      out.push_back('%');
      return true;
    default:
      return false;
  }
}

}  // namespace

Result<Value> filter_date(const Value& input, const CallArgs& args, const Limits& limits) {
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"format"}, filter_what("date")));
  if (!input.is_json() || !input.json().is_string()) return input;
  const auto t = parse(input.json().get_ref<const std::string&>());
  if (!t) return input;
  const std::string format = arg_str(a[0], "%Y-%m-%d");
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      out.push_back(format[i]);
      continue;
    }
    const bool no_pad = format[i + 1] == '-' && i + 2 < format.size();
    const char c = format[i + (no_pad ? 2 : 1)];
    if (directive(out, c, no_pad, *t)) {
      i += no_pad ? 2 : 1;
    } else {
      out.push_back('%');
    }
  }
  return bounded_string(std::move(out), false, limits);
}

}  // namespace dossier::tmpl
