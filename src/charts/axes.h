// Internal: axis scales — nice value ticks and calendar-month ticks on a time axis measured in
// days since the epoch (so uneven gaps between measurements show as uneven gaps).
#pragma once

#include <string>
#include <vector>

namespace dossier::charts {

//! A step of 1, 2 or 5 × 10^k giving at most `max_ticks` intervals over `range`; at least 1
//! when `range` ≥ 2, so integer scales (scores, counts per week) get integer ticks.
double nice_step(double range, int max_ticks);

//! The decimals needed to print multiples of `step` exactly (0 for whole steps).
int step_decimals(double step);

struct ValueTick {
  double value = 0;
  std::string label;  //!< without trailing zeros
};

//! Multiples of nice_step(hi - lo, max_ticks) within [lo, hi]. REQUIRES: lo < hi.
std::vector<ValueTick> value_ticks(double lo, double hi, int max_ticks);

//! [lo, hi] widened outwards to multiples of nice_step(hi - lo, max_ticks).
//! REQUIRES: lo < hi.
void round_out(double& lo, double& hi, int max_ticks);

struct DaySpan {
  long first = 0;  //!< days since 1970-01-01
  long last = 0;   //!< > first
};

//! From the first of the month holding `lo` to the first of the month after `hi`.
DaySpan month_span(long lo, long hi);

struct MonthTick {
  long day = 0;       //!< the first of the month, days since the epoch
  std::string month;  //!< "Jan"; for steps of a year or more, the year instead
  std::string year;   //!< "2026" on the first tick and on each January; else empty
};

//! Month starts within `span`, every 1, 2, 3, 6, 12, 24… months (aligned to January), the
//! smallest step whose ticks are at least `min_spacing_px` apart.
std::vector<MonthTick> month_ticks(DaySpan span, double px_per_day, double min_spacing_px);

}  // namespace dossier::charts
