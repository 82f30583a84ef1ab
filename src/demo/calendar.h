// Day and second arithmetic for the demo generator. Days count from 1970-01-01 and
// instants are Unix seconds, so schedules are plain integer arithmetic; text forms match
// what the record stores (dates YYYY-MM-DD, timestamps "YYYY-MM-DDTHH:MM:SS.000Z").
#pragma once

#include <cstdint>
#include <string>

namespace dossier::demo::detail {

constexpr int64_t kSecondsPerDay = 86400;

//! YYYY-MM-DD of day number `day`.
std::string date_text(int64_t day);
//! UTC ISO timestamp with milliseconds of Unix second `t`.
std::string timestamp_text(int64_t t);
//! 0 = Sunday … 6 = Saturday.
int weekday(int64_t day);
//! Unix second of `minute` minutes after midnight UTC on `day`.
inline int64_t at(int64_t day, int minute) {
  return day * kSecondsPerDay + int64_t{minute} * 60;
}
//! The day a Unix second falls on (UTC).
inline int64_t day_of(int64_t t) {
  return t / kSecondsPerDay;
}
//! Whole years between `birth_day` and `day`.
int age_on(int64_t birth_day, int64_t day);

}  // namespace dossier::demo::detail
