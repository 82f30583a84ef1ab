#include "demo/calendar.h"

#include <cstdio>

#include "core/dates.h"

namespace dossier::demo::detail {

std::string date_text(int64_t day) {
  return civil_from_days(static_cast<long>(day)).str();
}

std::string timestamp_text(int64_t t) {
  const Date d = civil_from_days(static_cast<long>(day_of(t)));
  const auto secs = static_cast<int>(t % kSecondsPerDay);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", d.year, d.month, d.day,
                secs / 3600, secs / 60 % 60, secs % 60);
  return buf;
}

int weekday(int64_t day) {
  return static_cast<int>((day + 4) % 7);  // 1970-01-01 was a Thursday
}

int age_on(int64_t birth_day, int64_t day) {
  const Date b = civil_from_days(static_cast<long>(birth_day));
  const Date d = civil_from_days(static_cast<long>(day));
  int age = d.year - b.year;
  if (d.month < b.month || (d.month == b.month && d.day < b.day)) --age;
  return age;
}

}  // namespace dossier::demo::detail
