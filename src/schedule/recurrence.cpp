#include "schedule/recurrence.h"

#include <array>

#include "core/dates.h"
#include "core/time_zone.h"

namespace dossier::schedule {
namespace {

constexpr std::array<const char*, 7> kDayNames = {"monday", "tuesday",  "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};

// Any rule has a slot within this many days of any instant: a monthly rule on the last day
// waits at most 31 days, and a zone's date can trail UTC's by one.
constexpr long kSearchDays = 63;

Result<std::pair<int, int>> parse_time(const Json& value) {
  const auto bad = [] {
    return Error::validation("schedule_config.time", "must be a 24-hour time HH:MM, e.g. 08:00");
  };
  if (!value.is_string()) return bad();
  const auto& s = value.get_ref<const std::string&>();
  if (s.size() != 5 || s[2] != ':') return bad();
  for (size_t i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return bad();
  }
  const int hour = (s[0] - '0') * 10 + (s[1] - '0');
  const int minute = (s[3] - '0') * 10 + (s[4] - '0');
  if (hour > 23 || minute > 59) return bad();
  return std::pair{hour, minute};
}

Result<int> parse_day_of_week(const Json& value) {
  if (value.is_number_integer()) {
    const auto n = value.get<int64_t>();
    if (n >= 1 && n <= 7) return static_cast<int>(n);
  } else if (value.is_string()) {
    for (size_t i = 0; i < kDayNames.size(); ++i) {
      if (value.get_ref<const std::string&>() == kDayNames[i]) return static_cast<int>(i + 1);
    }
  }
  return Error::validation("schedule_config.day_of_week",
                           "must be a day name (monday … sunday) or 1 (Monday) … 7 (Sunday)");
}

Result<int> parse_day_of_month(const Json& value) {
  if (value == "last") return Recurrence::kLastDay;
  if (value.is_number_integer()) {
    const auto n = value.get<int64_t>();
    if (n >= 1 && n <= 28) return static_cast<int>(n);
  }
  // 29–31 are refused rather than moved: a report "on the 31st" would silently run on
  // other days in most months.
  return Error::validation("schedule_config.day_of_month",
                           "must be 1 … 28, or \"last\" for the last day of the month");
}

Result<Frequency> parse_frequency(std::string_view type) {
  if (type == "daily") return Frequency::kDaily;
  if (type == "weekly") return Frequency::kWeekly;
  if (type == "monthly") return Frequency::kMonthly;
  return Error::validation("schedule_type", "must be one of daily, weekly, monthly");
}

bool is_last_day_of_month(const Date& d) {
  return civil_from_days(days_from_civil(d) + 1).day == 1;
}

int iso_weekday(long days_since_epoch) {
  // 1970-01-01 was a Thursday (ISO 4).
  return static_cast<int>(((days_since_epoch % 7) + 7 + 3) % 7) + 1;
}

bool matches(const Recurrence& rule, long day) {
  switch (rule.frequency) {
    case Frequency::kDaily:
      return true;
    case Frequency::kWeekly:
      return iso_weekday(day) == rule.day_of_week;
    case Frequency::kMonthly: {
      const Date d = civil_from_days(day);
      return rule.day_of_month == Recurrence::kLastDay ? is_last_day_of_month(d)
                                                       : d.day == rule.day_of_month;
    }
  }
  return false;
}

}  // namespace

const char* frequency_name(Frequency frequency) {
  switch (frequency) {
    case Frequency::kDaily:
      return "daily";
    case Frequency::kWeekly:
      return "weekly";
    case Frequency::kMonthly:
      return "monthly";
  }
  return "daily";
}

Result<Recurrence> parse_recurrence(std::string_view schedule_type, const Json& config,
                                    std::string_view default_zone) {
  Recurrence rule;
  DOSSIER_ASSIGN_OR_RETURN(rule.frequency, parse_frequency(schedule_type));
  if (!config.is_object()) {
    return Error::validation("schedule_config", "must be an object with at least \"time\"");
  }
  DOSSIER_ASSIGN_OR_RETURN(auto time, parse_time(config.value("time", Json())));
  rule.hour = time.first;
  rule.minute = time.second;
  if (rule.frequency == Frequency::kWeekly) {
    DOSSIER_ASSIGN_OR_RETURN(rule.day_of_week,
                             parse_day_of_week(config.value("day_of_week", Json())));
  }
  if (rule.frequency == Frequency::kMonthly) {
    DOSSIER_ASSIGN_OR_RETURN(rule.day_of_month,
                             parse_day_of_month(config.value("day_of_month", Json())));
  }
  const Json zone = config.value("timezone", Json(std::string(default_zone)));
  if (!zone.is_string() || !is_time_zone(zone.get_ref<const std::string&>())) {
    return Error::validation("schedule_config.timezone",
                             "must be an IANA time zone name such as America/New_York");
  }
  rule.time_zone = zone.get<std::string>();
  return rule;
}

Json to_config(const Recurrence& rule) {
  char time[6];
  std::snprintf(time, sizeof time, "%02d:%02d", rule.hour, rule.minute);
  Json config = {{"time", time}, {"timezone", rule.time_zone}};
  if (rule.frequency == Frequency::kWeekly) config["day_of_week"] = kDayNames[rule.day_of_week - 1];
  if (rule.frequency == Frequency::kMonthly) {
    config["day_of_month"] =
        rule.day_of_month == Recurrence::kLastDay ? Json("last") : Json(rule.day_of_month);
  }
  return config;
}

Result<TimePoint> next_slot(const Recurrence& rule, TimePoint after) {
  // From the zone's date at `after`, less a day: in zones west of UTC the zone's date trails,
  // and checking one day too many costs nothing.
  DOSSIER_ASSIGN_OR_RETURN(LocalTime local, to_local_time(after, rule.time_zone));
  const long first = days_from_civil(local.date) - 1;
  for (long day = first; day <= first + kSearchDays; ++day) {
    if (!matches(rule, day)) continue;
    DOSSIER_ASSIGN_OR_RETURN(TimePoint slot, from_local_time(civil_from_days(day), rule.hour,
                                                             rule.minute, rule.time_zone));
    if (slot > after) return slot;
  }
  return Error::internal("the schedule has no slot in the next two months");
}

}  // namespace dossier::schedule
