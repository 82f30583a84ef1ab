#include "schedule/scheduler.h"

#include "auth/signed_links.h"
#include "core/dates.h"
#include "core/ids.h"
#include "core/log.h"
#include "jobs/export_request.h"
#include "schedule/period.h"
#include "schedule/schedule_store.h"

namespace dossier::schedule {
namespace {

// Enough for a daily schedule to catch up on years of downtime; a bound on the loop all the same.
constexpr int kMaxSlotsSkipped = 100'000;

struct Slots {
  TimePoint run;   //!< the latest slot that has come
  TimePoint next;  //!< the one after it, still ahead
};

Result<Slots> slots_due(const Recurrence& rule, TimePoint due, TimePoint now) {
  Slots s{due, due};
  DOSSIER_ASSIGN_OR_RETURN(s.next, next_slot(rule, s.run));
  for (int i = 0; s.next <= now && i < kMaxSlotsSkipped; ++i) {
    s.run = s.next;
    DOSSIER_ASSIGN_OR_RETURN(s.next, next_slot(rule, s.run));
  }
  return s;
}

struct Run {
  std::string status;  //!< queued (its job made), failed, skipped
  Json job_id = nullptr;
  std::string error;
};

// A run that cannot be made for a reason in the record (the patient gone from the owner's
// caseload, a template deleted) fails on its own; the database failing is the pass's error.
bool is_environment_failure(const Error& e) {
  return e.code == ErrorCode::kInternal || e.code == ErrorCode::kUnavailable;
}

Result<Json> sessions_in(db::Database& db, const std::string& patient_id, const Period& period) {
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows, db.query("SELECT id FROM sessions WHERE patient_id = ? AND "
                              "substr(start_time, 1, 10) >= ? AND substr(start_time, 1, 10) <= ? "
                              "ORDER BY start_time",
                              {patient_id, period.first.str(), period.last.str()}));
  Json ids = Json::array();
  for (const auto& r : rows) ids.push_back(r["id"]);
  return ids;
}

Result<Run> make_job(db::Database& db, jobs::JobStore& jobs, const ScheduleSpec& spec,
                     const std::string& owner_id, const std::string& schedule_id, TimePoint slot) {
  DOSSIER_ASSIGN_OR_RETURN(Period period, period_before(spec.recurrence, slot));
  Json sessions = Json::array();
  if (spec.export_type == jobs::ExportType::kSessionNotes) {
    DOSSIER_ASSIGN_OR_RETURN(sessions, sessions_in(db, *spec.patient_id, period));
    if (sessions.empty()) return Run{"skipped", nullptr, "no sessions in the period"};
  }
  auto owner = auth::link_caller(db, owner_id);
  if (!owner.ok()) return Run{"failed", nullptr, "the schedule's owner is no longer active"};
  owner->user_agent = "dossier scheduler";
  auto request = jobs::parse_export_request(
      spec.export_type, run_body(spec, period.first.str(), period.last.str(), sessions));
  if (request.ok()) {
    request->schedule_id = schedule_id;
    if (Status allowed = jobs::authorize_export_request(db, *owner, *request); !allowed.ok()) {
      request = allowed.error();
    }
  }
  if (!request.ok()) {
    if (is_environment_failure(request.error())) return request.error();
    return Run{"failed", nullptr, request.error().summary()};
  }
  DOSSIER_ASSIGN_OR_RETURN(Json created, jobs.create(*owner, *request));
  return Run{"queued", created["job_id"], ""};
}

}  // namespace

Result<int> Scheduler::run_due() {
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows due, db_.query("SELECT * FROM scheduled_reports WHERE is_active = ? AND "
                              "cancelled_at IS NULL AND next_run_at <= ? ORDER BY next_run_at "
                              "LIMIT " +
                                  std::to_string(options_.batch),
                              {true, format_timestamp(clock_.now())}));
  int runs = 0;
  for (const auto& row : due) {
    auto taken = take(row);
    if (!taken.ok()) {
      log::error("schedule_run_failed",
                 {{"schedule_id", row["id"]}, {"error", taken.error().detail}});
      continue;
    }
    if (*taken) ++runs;
  }
  return runs;
}

Result<bool> Scheduler::take(const Json& row) {
  DOSSIER_ASSIGN_OR_RETURN(ScheduleSpec spec, spec_of_row(row));
  const std::string id = row["id"];
  const std::string due_text = row["next_run_at"];
  const auto due = parse_timestamp(due_text);
  if (!due) return Error::internal("a stored schedule has an unreadable next_run_at");
  const TimePoint now = clock_.now();
  DOSSIER_ASSIGN_OR_RETURN(Slots slots, slots_due(spec.recurrence, *due, now));
  const bool missed = now - slots.run > options_.on_time;
  bool took = false;
  Run run;
  DOSSIER_TRY(db_.transaction([&]() -> Status {
    DOSSIER_ASSIGN_OR_RETURN(
        int64_t moved,
        db_.execute(
            "UPDATE scheduled_reports SET next_run_at = ?, last_run_at = ? WHERE id = ? "
            "AND next_run_at = ? AND is_active = ? AND cancelled_at IS NULL",
            {format_timestamp(slots.next), format_timestamp(slots.run), id, due_text, true}));
    if (moved == 0) return {};  // another process took it, or it changed meanwhile
    took = true;
    if (missed && spec.missed_runs == "skip") {
      run = Run{"skipped", nullptr, "missed while the service was not running"};
    } else {
      DOSSIER_ASSIGN_OR_RETURN(
          run, make_job(db_, jobs_, spec, row["user_id"].get<std::string>(), id, slots.run));
    }
    const bool finished = run.status != "queued";
    DOSSIER_TRY(db_.execute(
        "INSERT INTO schedule_runs (id, schedule_id, slot_at, started_at, export_job_id, status, "
        "error, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {new_uuid(), id, format_timestamp(slots.run), format_timestamp(now), run.job_id, run.status,
         run.error.empty() ? Json(nullptr) : Json(run.error),
         finished ? Json(format_timestamp(now)) : Json(nullptr)}));
    return {};
  }));
  if (took) {
    log::info("schedule_ran",
              {{"schedule_id", id}, {"status", run.status}, {"job_id", run.job_id}});
  }
  return took;
}

}  // namespace dossier::schedule
