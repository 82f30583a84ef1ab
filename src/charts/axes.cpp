#include "charts/axes.h"

#include <cmath>

#include "charts/svg_writer.h"
#include "core/dates.h"

namespace dossier::charts {
namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Months since year 0, so steps can align to January.
long month_index(const Date& d) {
  return static_cast<long>(d.year) * 12 + (d.month - 1);
}

long first_of_month(long index) {
  return days_from_civil(Date{static_cast<int>(index / 12), static_cast<int>(index % 12) + 1, 1});
}

}  // namespace

double nice_step(double range, int max_ticks) {
  if (!(range > 0) || !std::isfinite(range)) return 1;
  if (max_ticks < 1) max_ticks = 1;
  const double raw = range / max_ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * magnitude;
  for (double m : {1.0, 2.0, 5.0}) {
    if (range / (m * magnitude) <= max_ticks + 1e-9) {
      step = m * magnitude;
      break;
    }
  }
  if (range >= 2 && step < 1) step = 1;
  return step;
}

int step_decimals(double step) {
  int decimals = 0;
  while (decimals < 6 && std::fabs(step * std::pow(10.0, decimals) -
                                   std::round(step * std::pow(10.0, decimals))) > 1e-6) {
    ++decimals;
  }
  return decimals;
}

std::vector<ValueTick> value_ticks(double lo, double hi, int max_ticks) {
  std::vector<ValueTick> ticks;
  const double step = nice_step(hi - lo, max_ticks);
  const int decimals = step_decimals(step);
  const double eps = step * 1e-6;
  // Multiples by index, not by repeated addition, so 0.1-steps do not drift.
  const long first = static_cast<long>(std::ceil((lo - eps) / step));
  for (long i = first; i * step <= hi + eps && ticks.size() < 100; ++i) {
    const double v = static_cast<double>(i) * step;
    ticks.push_back({v, format_number(v, decimals)});
  }
  return ticks;
}

void round_out(double& lo, double& hi, int max_ticks) {
  const double step = nice_step(hi - lo, max_ticks);
  lo = std::floor(lo / step + 1e-9) * step;
  hi = std::ceil(hi / step - 1e-9) * step;
}

DaySpan month_span(long lo, long hi) {
  const long first = month_index(civil_from_days(lo));
  const long last = month_index(civil_from_days(hi)) + 1;
  return {first_of_month(first), first_of_month(last)};
}

std::vector<MonthTick> month_ticks(DaySpan span, double px_per_day, double min_spacing_px) {
  const long first = month_index(civil_from_days(span.first));
  const long last = month_index(civil_from_days(span.last));
  long step = 1;
  for (long candidate : {1L, 2L, 3L, 6L, 12L}) {
    step = candidate;
    if (candidate * 30.4 * px_per_day >= min_spacing_px) break;
  }
  while (step * 30.4 * px_per_day < min_spacing_px && step < 1200) step *= 2;

  std::vector<MonthTick> ticks;
  const long start = (first + step - 1) / step * step;
  for (long m = start; m <= last; m += step) {
    const long day = first_of_month(m);
    if (day < span.first || day > span.last) continue;
    MonthTick t;
    t.day = day;
    const std::string year = std::to_string(m / 12);
    if (step >= 12) {
      t.month = year;
    } else {
      t.month = kMonths[m % 12];
      if (ticks.empty() || m % 12 == 0) t.year = year;
    }
    ticks.push_back(std::move(t));
  }
  return ticks;
}

}  // namespace dossier::charts
