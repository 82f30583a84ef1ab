// The period a scheduled run reports on: the calendar unit before the run, in the schedule's
// zone. A daily run covers the day before, a weekly run the seven days before, a monthly run
// the calendar month before (whatever day of the month it runs on), so that consecutive runs
// cover consecutive periods without gaps or overlaps.
#pragma once

#include "core/dates.h"
#include "core/result.h"
#include "schedule/recurrence.h"

namespace dossier::schedule {

struct Period {
  Date first;  //!< inclusive
  Date last;   //!< inclusive
};

//! The period of the run at `slot`. Fails only when the zone cannot be read.
Result<Period> period_before(const Recurrence& rule, TimePoint slot);

}  // namespace dossier::schedule
