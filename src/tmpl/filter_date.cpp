// `date(format)`: formats "YYYY-MM-DD" or an ISO 8601 timestamp with strftime-like
// directives, in English. A timestamp that names an instant ("Z" or an offset) is shown in
// the render's time zone (RenderOptions::time_zone), with %Z its abbreviation and %z its
// offset; plain dates and timestamps without an offset are printed as written, and %Z/%z
// print nothing for them. Input that is not such a string is returned unchanged, so a
// template never fails on a malformed date.
#include "core/dates.h"
#include "core/time_zone.h"
#include "tmpl/filter_impl.h"

namespace dossier::tmpl {
namespace {

struct DateTime {
  Date date;
  int hour = 0, minute = 0, second = 0;
  bool instant = false;  //!< written with "Z" or an offset
  int offset_minutes = 0;
  std::string zone_abbreviation;  //!< of the zone it is shown in; empty unless `instant`
};

bool two_digits(std::string_view s, size_t pos, int& out) {
  if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9') {
    return false;
  }
  out = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  return true;
}

// "", "Z", "±HH:MM", "±HHMM" or "±HH" into `dt`; false for anything else.
bool parse_offset(std::string_view rest, DateTime& dt) {
  if (rest.empty()) return true;
  dt.instant = true;
  if (rest == "Z" || rest == "z") return true;
  int hh = 0, mm = 0;
  if ((rest[0] != '+' && rest[0] != '-') || !two_digits(rest, 1, hh) || hh > 23) return false;
  const bool ok = rest.size() == 3 ||
                  (rest.size() == 6 && rest[3] == ':' && two_digits(rest, 4, mm) && mm <= 59) ||
                  (rest.size() == 5 && two_digits(rest, 3, mm) && mm <= 59);
  dt.offset_minutes = (rest[0] == '-' ? -1 : 1) * (hh * 60 + mm);
  return ok;
}

// "YYYY-MM-DD" or "YYYY-MM-DD[T ]HH:MM[:SS[.fff…]][Z|±HH:MM|±HHMM|±HH]".
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
  if (!parse_offset(s.substr(pos), dt)) return std::nullopt;
  return dt;
}

// An instant as wall-clock time in `zone`; anything else unchanged.
Result<DateTime> in_zone(const DateTime& written, const std::string& zone) {
  if (!written.instant) return written;
  const long secs = days_from_civil(written.date) * 86400L + written.hour * 3600L +
                    written.minute * 60L + written.second - written.offset_minutes * 60L;
  auto local = to_local_time(TimePoint{std::chrono::seconds{secs}}, zone);
  if (!local.ok())
    return Error::make(ErrorCode::kUnprocessable, "filter 'date': unknown time zone");
  DateTime dt{local->date, local->hour, local->minute, local->second, true};
  dt.offset_minutes = local->utc_offset_minutes;
  dt.zone_abbreviation = std::move(local->abbreviation);
  return dt;
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

// %Z and %z: the zone an instant is shown in ("EST", "-0500"); nothing for other values.
bool zone_directive(std::string& out, char c, const DateTime& t) {
  if (c == 'Z') {
    out += t.zone_abbreviation;
    return true;
  }
  if (c != 'z') return false;
  if (!t.instant) return true;
  const int abs_minutes = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  out.push_back(t.offset_minutes < 0 ? '-' : '+');
  pad(out, abs_minutes / 60, 2, false);
  pad(out, abs_minutes % 60, 2, false);
  return true;
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
      return zone_directive(out, c, t);
  }
}

}  // namespace

Result<Value> filter_date(const Value& input, const CallArgs& args, const RenderOptions& options) {
  DOSSIER_ASSIGN_OR_RETURN(auto a, bind_args(args, {"format"}, filter_what("date")));
  if (!input.is_json() || !input.json().is_string()) return input;
  const auto written = parse(input.json().get_ref<const std::string&>());
  if (!written) return input;
  DOSSIER_ASSIGN_OR_RETURN(const DateTime t, in_zone(*written, options.time_zone));
  const std::string format = arg_str(a[0], "%Y-%m-%d");
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      out.push_back(format[i]);
      continue;
    }
    const bool no_pad = format[i + 1] == '-' && i + 2 < format.size();
    const char c = format[i + (no_pad ? 2 : 1)];
    if (directive(out, c, no_pad, t)) {
      i += no_pad ? 2 : 1;
    } else {
      out.push_back('%');
    }
  }
  return bounded_string(std::move(out), false, options.limits);
}

}  // namespace dossier::tmpl
