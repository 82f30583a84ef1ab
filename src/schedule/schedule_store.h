// Scheduled reports as the API sees them: create, list, read (with the latest runs), change
// (pause, resume, edit) and cancel. A schedule is visible to its owner and to admins; to
// anyone else it does not exist (kNotFound). Whoever changes it, its runs act for its owner,
// so a change is checked against the owner's rights.
#pragma once

#include <string>

#include "auth/caller.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "schedule/schedule_spec.h"
#include "storage/key_ring.h"

namespace dossier::schedule {

class ScheduleStore {
 public:
  //! `keys` seal attachment passwords; without them a body that sets one is refused.
  ScheduleStore(db::Database& db, const Clock& clock, storage::KeyRing* keys = nullptr)
      : db_(db), clock_(clock), keys_(keys) {}

  //! Stores a schedule owned by `caller`, its first run at the next slot; the API form.
  Result<Json> create(const auth::Caller& caller, const Json& body);
  //! {"schedules": [...]}: the caller's (every one, for admins), newest first, not cancelled.
  Result<Json> list(const auth::Caller& caller);
  //! The schedule with its latest runs, newest first, under "runs".
  Result<Json> get(const auth::Caller& caller, const std::string& id);
  //! Lays `patch` over the schedule and checks the whole again. A schedule that changes its
  //! timing or is resumed runs next at its next slot from now: slots missed while it was
  //! paused do not run.
  Result<Json> update(const auth::Caller& caller, const std::string& id, const Json& patch);
  //! Cancels the schedule: no more runs; its runs stay on record.
  Status cancel(const auth::Caller& caller, const std::string& id);

 private:
  Result<Json> row(const auth::Caller& caller, const std::string& id);
  Result<std::string> practice_zone();
  //! The attachment_password column for `spec` of schedule `id`, given the one stored.
  Result<Json> sealed_password(const ScheduleSpec& spec, const std::string& id, const Json& stored);

  db::Database& db_;
  const Clock& clock_;
  storage::KeyRing* keys_;
};

//! The spec a stored scheduled_reports row describes.
Result<ScheduleSpec> spec_of_row(const Json& row);

//! The API form of a stored row.
Json schedule_to_api(const Json& row);

}  // namespace dossier::schedule
