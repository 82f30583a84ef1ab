// Runs scheduled reports when their slots come: each run is an ordinary export job, made for
// the schedule's owner and audited with the schedule's id.
//
// Exactly one run per slot, however many processes share the database: a process takes a
// slot by moving the schedule's next_run_at on from it with a compare-and-set in the same
// transaction that records the run and creates its job, so a second process finds the slot
// taken, and a crash leaves either all of it or none. Slots missed while no process ran
// (the service was down) run once, for the latest of them, or are recorded as skipped,
// as the schedule's missed_runs says.
#pragma once

#include <chrono>

#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "jobs/job_store.h"

namespace dossier::schedule {

struct SchedulerOptions {
  //! A slot this late is still on time: it ran late because of the polling interval or a
  //! busy database, not because the service was down.
  std::chrono::minutes on_time{15};
  int batch = 100;  //!< schedules taken per pass
};

class Scheduler {
 public:
  Scheduler(db::Database& db, jobs::JobStore& jobs, const Clock& clock,
            SchedulerOptions options = {})
      : db_(db), jobs_(jobs), clock_(clock), options_(options) {}

  //! Runs every schedule whose next slot has come. Returns the runs this call recorded (made,
  //! failed or skipped). A schedule that cannot be read is logged and left for the next pass.
  Result<int> run_due();

 private:
  //! Takes `row`'s due slot and records its run; false when another process took it first.
  Result<bool> take(const Json& row);

  db::Database& db_;
  jobs::JobStore& jobs_;
  const Clock& clock_;
  SchedulerOptions options_;
};

}  // namespace dossier::schedule
