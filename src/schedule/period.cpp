#include "schedule/period.h"

#include "core/time_zone.h"

namespace dossier::schedule {

Result<Period> period_before(const Recurrence& rule, TimePoint slot) {
  DOSSIER_ASSIGN_OR_RETURN(LocalTime local, to_local_time(slot, rule.time_zone));
  const long day = days_from_civil(local.date);
  switch (rule.frequency) {
    case Frequency::kDaily:
      return Period{civil_from_days(day - 1), civil_from_days(day - 1)};
    case Frequency::kWeekly:
      return Period{civil_from_days(day - 7), civil_from_days(day - 1)};
    case Frequency::kMonthly: {
      const Date month_start{local.date.year, local.date.month, 1};
      const Date last = civil_from_days(days_from_civil(month_start) - 1);
      return Period{Date{last.year, last.month, 1}, last};
    }
  }
  return Error::internal("unknown schedule frequency");
}

}  // namespace dossier::schedule
