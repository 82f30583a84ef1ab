// Civil time in a named time zone, for documents that a practice hands out in its own time.
//
// Zones come from the IANA tz database the operating system ships (/usr/share/zoneinfo,
// Debian's tzdata), read through Howard Hinnant's date library. This header is the only door
// to it: nothing else includes date/tz.h. "UTC" works even where no tz database is installed.
// Debian's zone files list each transition through 2037 and leave later years to a rule the
// library does not read: instants after 2037 keep the offset of the last listed transition.
//
//   auto local = to_local_time(*parse_timestamp("2026-03-10T14:02:00Z"), "America/New_York");
//   // local->hour == 10, local->abbreviation == "EDT", local->utc_offset_minutes == -240
//
// Thread safety: every function may be called concurrently (the database is loaded once,
// on first use, and is read-only afterwards).
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/dates.h"
#include "core/result.h"

namespace dossier {

//! Wall-clock time in a zone at one instant.
struct LocalTime {
  Date date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int utc_offset_minutes = 0;  //!< local minus UTC: -300 for EST, +330 for IST
  std::string abbreviation;    //!< as the tz database names it: "EST", "EDT", "IST", "+0530"
};

//! True when `name` is a zone of the tz database in IANA form ("America/New_York", "UTC"):
//! letters, digits, '_', '-', '+' in '/'-separated parts, at most 64 characters, starting
//! with an upper-case letter (so that "localtime" and "posixrules" are not zones).
bool is_time_zone(std::string_view name);

//! `t` as wall-clock time in zone `name`, seconds truncated toward the past.
//! Fails with kValidation (field "time_zone") when `name` is not is_time_zone(), or when
//! the tz database cannot be read; never throws.
Result<LocalTime> to_local_time(TimePoint t, std::string_view name);

//! The instant at which zone `name` shows `date` at `hour`:`minute`. A wall time that a change
//! to daylight saving time skips gives the instant of the change (the first one after it that
//! exists); a wall time that occurs twice gives the earlier. Errors as to_local_time.
Result<TimePoint> from_local_time(const Date& date, int hour, int minute, std::string_view name);

}  // namespace dossier
