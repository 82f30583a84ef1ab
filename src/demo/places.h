// Synthetic geography and payers: US regions (real cities and ZIP prefixes, invented
// streets), practice names and insurers that do not exist.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "demo/rng.h"

namespace dossier::demo::detail {

struct City {
  std::string_view name;
  std::string_view zip3;  //!< first three ZIP digits; some are Safe Harbor "000" areas
  std::string_view area_code;
};

struct Region {
  std::string_view state;
  //! Standard-time offset from UTC in hours; schedules ignore daylight saving time.
  int utc_offset_hours;
  //! The IANA zone of the practice's city, which its documents print times in.
  std::string_view time_zone;
  std::array<City, 4> cities;  //!< the first is where the practice is
};

struct Address {
  std::string line1;
  std::string line2;  //!< empty when none
  std::string city;
  std::string state;
  std::string postal_code;
  std::string area_code;
};

struct Payer {
  std::string_view name;
  std::string_view payer_id;
  std::string_view member_prefix;
  std::array<std::string_view, 2> plans;
  bool has_group_number;  //!< Medicaid-like plans have none
  int copay_cents;
};

std::span<const Region> regions();
std::span<const Payer> payers();
std::span<const std::string_view> practice_names();

//! An invented street address in `region`; the practice's city more often than others.
Address make_address(Rng& rng, const Region& region);

}  // namespace dossier::demo::detail
