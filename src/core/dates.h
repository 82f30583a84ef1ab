// Calendar dates and timestamps as they arrive in requests: strict parsing, so that
// "2024-02-30" or "2024-3-1" is rejected with a clear error instead of silently rolling over.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace dossier {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const Date&) const = default;
  std::string str() const;  //!< YYYY-MM-DD
};

//! A real calendar date in YYYY-MM-DD form (years 1900–2200), or nullopt.
std::optional<Date> parse_date(std::string_view s);

//! A UTC or offset timestamp "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)", or nullopt.
std::optional<TimePoint> parse_timestamp(std::string_view s);

//! Days since 1970-01-01 (proleptic Gregorian).
long days_from_civil(const Date& d);
Date civil_from_days(long days);

}  // namespace dossier
