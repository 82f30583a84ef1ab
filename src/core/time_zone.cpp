#include "core/time_zone.h"

#include <date/tz.h>

#include <exception>

namespace dossier {
namespace {

constexpr size_t kMaxNameLength = 64;

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '+' || c == '/';
}

// The shape of an IANA name, checked before the database is asked: it keeps file-system
// entries that are not zones ("localtime", "zone.tab") and odd input away from the lookup.
bool looks_like_zone_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength || name[0] < 'A' || name[0] > 'Z') return false;
  if (name.back() == '/' || name.find("//") != std::string_view::npos) return false;
  for (char c : name) {
    if (!is_name_char(c)) return false;
  }
  return true;
}

// The zone, or nullptr when the database does not know it or cannot be read (no tzdata):
// date::locate_zone throws in both cases.
const date::time_zone* find_zone(std::string_view name) {
  if (!looks_like_zone_name(name)) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

Error unknown_zone() {
  return Error::validation("time_zone", "must be an IANA time zone name such as America/New_York");
}

}  // namespace

bool is_time_zone(std::string_view name) {
  return name == "UTC" || find_zone(name) != nullptr;
}

Result<LocalTime> to_local_time(TimePoint t, std::string_view name) {
  const auto secs = std::chrono::floor<std::chrono::seconds>(t);
  std::chrono::seconds offset{0};
  std::string abbreviation = "UTC";
  if (name != "UTC") {
    const date::time_zone* zone = find_zone(name);
    if (zone == nullptr) return unknown_zone();
    const date::sys_info info = zone->get_info(secs);
    offset = info.offset;
    abbreviation = info.abbrev;
  }
  const auto local = secs + offset;
  const auto day = std::chrono::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> time{local - day};
  LocalTime out;
  out.date =
      Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
           static_cast<int>(static_cast<unsigned>(ymd.day()))};
  out.hour = static_cast<int>(time.hours().count());
  out.minute = static_cast<int>(time.minutes().count());
  out.second = static_cast<int>(time.seconds().count());
  out.utc_offset_minutes = static_cast<int>(offset.count() / 60);
  out.abbreviation = std::move(abbreviation);
  return out;
}

Result<TimePoint> from_local_time(const Date& date, int hour, int minute, std::string_view name) {
  const date::local_seconds local =
      date::local_days{date::year{date.year} / date.month / date.day} + std::chrono::hours{hour} +
      std::chrono::minutes{minute};
  if (name == "UTC") return TimePoint{local.time_since_epoch()};
  const date::time_zone* zone = find_zone(name);
  if (zone == nullptr) return unknown_zone();
  const date::local_info info = zone->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:  // first: the offset before the clocks went back
      return TimePoint{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
    default:
      return TimePoint{info.second.begin.time_since_epoch()};
  }
}

}  // namespace dossier
