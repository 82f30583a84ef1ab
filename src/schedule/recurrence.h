// When a scheduled report runs: a schedule's type and config (the spec's `schedule_type`
// and `schedule_config`) as a rule over wall-clock time in a time zone, and the slots it gives.
//
//   schedule_type  schedule_config
//   daily          {"time": "08:00"}
//   weekly         {"time": "08:00", "day_of_week": "monday"}
//   monthly        {"time": "08:00", "day_of_month": 1}        (1–28, or "last")
//   every config   "timezone": an IANA zone; the practice's zone when left out
//
// A slot is the instant the zone's clocks show the rule's day and time. A time that a change
// to daylight saving skips runs at the change; one that happens twice runs at its first
// occurrence, so every day, week or month has exactly one slot.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"

namespace dossier::schedule {

enum class Frequency { kDaily, kWeekly, kMonthly };

struct Recurrence {
  Frequency frequency = Frequency::kDaily;
  int hour = 0;
  int minute = 0;
  int day_of_week = 1;   //!< weekly: ISO, 1 = Monday … 7 = Sunday
  int day_of_month = 1;  //!< monthly: 1 … 28, or kLastDay
  std::string time_zone;

  static constexpr int kLastDay = 0;
};

//! The rule of a schedule. Errors are kValidation naming the member: "schedule_type",
//! "schedule_config.time", "schedule_config.day_of_week", "schedule_config.day_of_month",
//! "schedule_config.timezone", or "schedule_config" itself when it is not an object.
//! `default_zone` is used when the config names no zone.
Result<Recurrence> parse_recurrence(std::string_view schedule_type, const Json& config,
                                    std::string_view default_zone);

//! The config in its normal form: every member present, the day of the week by name.
Json to_config(const Recurrence& rule);
const char* frequency_name(Frequency frequency);

//! The first slot strictly after `after`. Fails only when the zone cannot be read (a rule
//! from parse_recurrence always has a slot within two months).
Result<TimePoint> next_slot(const Recurrence& rule, TimePoint after);

}  // namespace dossier::schedule
